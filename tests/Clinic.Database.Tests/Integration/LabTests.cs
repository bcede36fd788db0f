using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Dapper;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.AppointmentTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>Lab tests: catalogue, reference ranges, orders, the state machine, four-eyes verification and the worklist (db/procedures/lab_*).</summary>
public class LabTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<LabProcedures> AdminLabAsync() => Db.LabAs(await Db.AdminIdAsync());

    private static async Task<long> AuditMarkAsync() => await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

    private static async Task<int> ExecuteAsOwnerAsync(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await connection.ExecuteAsync(sql, args);
    }

    /// <summary>The MYSQL_ERRNO of a statement the schema owner runs directly (a trigger's SIGNAL).</summary>
    private static async Task<int> OwnerCodeOf(string sql, object? args = null) =>
        (await Assert.ThrowsAsync<MySqlException>(async () => await ExecuteAsOwnerAsync(sql, args)))!.Number;

    /// <summary>An order taken to the given status through the procedures: collected by the nurse, resulted by the nurse, verified by the treating doctor.</summary>
    private static async Task<LabCase> CaseAtAsync(string status, decimal value = 15m)
    {
        var lab = await Db.NewLabCaseAsync();
        if (status == LabOrderStatus.Ordered)
            return lab;
        await Db.LabAs(lab.NurseId).CollectAsync(lab.LabOrderId);
        if (status == LabOrderStatus.SpecimenCollected)
            return lab;
        if (status == LabOrderStatus.Cancelled)
        {
            await Db.LabAs(lab.NurseId).CancelAsync(lab.LabOrderId, "Specimen haemolysed");
            return lab;
        }
        await Db.LabAs(lab.NurseId).ResultAsync(lab.LabOrderId, value, null);
        if (status == LabOrderStatus.Resulted)
            return lab;
        await Db.LabAs(lab.Visit.DoctorAccountId).VerifyAsync(lab.LabOrderId);
        return lab;
    }

    // ---------------------------------------------------------------- catalogue

    [Test]
    public async Task An_administrator_manages_the_catalogue_and_it_is_validated_and_audited()
    {
        var lab = await AdminLabAsync();
        var mark = await AuditMarkAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var input = new LabTestInput { Code = " hb" + suffix + " ", Name = "Haemoglobin " + suffix, Specimen = "Blood", Unit = "g/dL", Price = 8_000m };

        var id = await lab.CreateTestAsync(input);

        var row = (await lab.ListTestsAsync(suffix, null, 0, 10)).Single();
        Assert.That((row.LabTestId, row.Code, row.Name, row.Unit, row.Price, row.IsActive), Is.EqualTo((id, "HB" + suffix.ToUpperInvariant(), input.Name, "g/dL", 8_000m, true)));
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Code = " " })), Is.EqualTo(50801));
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Name = "" })), Is.EqualTo(50801));
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Name = "Other " + suffix })), Is.EqualTo(50802), "code taken");
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Code = "X" + suffix })), Is.EqualTo(50803), "name taken");
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Code = "Y" + suffix, Name = "Y " + suffix, Specimen = " " })), Is.EqualTo(50804));
        Assert.That(await CodeOf(() => lab.CreateTestAsync(input with { Code = "Z" + suffix, Name = "Z " + suffix, Price = -1m })), Is.EqualTo(50805));

        // Editing keeps its own code and name; another test's are refused.
        await lab.UpdateTestAsync(id, input with { Unit = "g/L", Price = 9_000m });
        var other = await lab.CreateTestAsync(input with { Code = "W" + suffix, Name = "W " + suffix, Unit = "" });
        Assert.That(await CodeOf(() => lab.UpdateTestAsync(other, input)), Is.EqualTo(50802));
        Assert.That(await CodeOf(() => lab.UpdateTestAsync(0, input)), Is.EqualTo(50806));
        Assert.That((await lab.ListTestsAsync("W " + suffix, null, 0, 10)).Single().Unit, Is.Null, "an empty unit is stored as none");

        await lab.SetTestActiveAsync(id, false);
        Assert.That((await lab.ListTestsAsync(suffix, true, 0, 10)).Select(t => t.LabTestId), Is.EqualTo(new[] { other }));
        Assert.That((await lab.ListTestsAsync(suffix, false, 0, 10)).Select(t => t.LabTestId), Is.EqualTo(new[] { id }));
        Assert.That((await lab.ListTestsAsync(suffix, null, 0, 10)).Select(t => t.LabTestId), Is.EquivalentTo(new[] { id, other }));
        Assert.That((await lab.ListTestsAsync("hb" + suffix, null, 0, 10)).Select(t => t.LabTestId), Is.EqualTo(new[] { id }), "search finds the code too");
        Assert.That(await CodeOf(() => lab.SetTestActiveAsync(0, true)), Is.EqualTo(50806));

        var audit = await Db.QueryAsync<(string Action, int? Actor, string NewRow)>(
            "SELECT action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_test' AND row_key = @id ORDER BY audit_log_id",
            new { mark, id = id.ToString() });
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { "INSERT", "UPDATE", "UPDATE" }));
        Assert.That(audit.Select(a => a.Actor), Is.All.EqualTo(await Db.AdminIdAsync()));
        using var json = JsonDocument.Parse(audit[1].NewRow);
        Assert.That(json.RootElement.GetProperty("unit").GetString(), Is.EqualTo("g/L"));
    }

    [Test]
    public async Task Only_an_administrator_changes_the_catalogue_and_staff_read_it()
    {
        var (doctor, _) = await Db.NewAccountAsync("doctor");
        var (nurse, _) = await Db.NewAccountAsync("nurse");
        var (reception, _) = await Db.NewAccountAsync("receptionist");
        var testId = await Db.NewLabTestAsync();
        var input = new LabTestInput { Code = "NOPE", Name = "Nope", Specimen = "Blood" };
        Assert.That(await CodeOf(() => Db.LabAs(doctor).CreateTestAsync(input)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.LabAs(nurse).UpdateTestAsync(testId, input)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.LabAs(doctor).SetTestActiveAsync(testId, false)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.LabAs(doctor).SetRangeAsync(new LabReferenceRangeInput { LabTestId = testId, LowValue = 1 })), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.LabAs(reception).ListTestsAsync(null, true, 0, 10)), Is.EqualTo(50102));
        Assert.That(await Db.LabAs(doctor).ListTestsAsync(null, true, 0, 10), Is.Not.Empty);
        Assert.That(await Db.LabAs(nurse).ListRangesAsync(testId), Is.Empty);
    }

    [Test]
    public async Task Reference_ranges_are_validated_and_bands_of_one_sex_never_overlap()
    {
        var lab = await AdminLabAsync();
        var testId = await Db.NewLabTestAsync();
        LabReferenceRangeInput Band(string sex, int min, int max, decimal? low = 1m, decimal? high = 2m) =>
            new() { LabTestId = testId, Sex = sex, AgeMinYears = min, AgeMaxYears = max, LowValue = low, HighValue = high };

        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("other", 0, 150))), Is.EqualTo(50807));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 12, 12))), Is.EqualTo(50808));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 20, 10))), Is.EqualTo(50808));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 151))), Is.EqualTo(50808));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 150, null, null))), Is.EqualTo(50809));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 150, 5m, 4m))), Is.EqualTo(50809));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 150) with { LabTestId = 0 })), Is.EqualTo(50806));

        var child = await lab.SetRangeAsync(Band("any", 0, 12, 11m, 14m));
        var femaleAdult = await lab.SetRangeAsync(Band("female", 12, 150, 12m, 16m));
        var anyAdult = await lab.SetRangeAsync(Band("any", 12, 150, 13m, 17m));  // a sex-specific and an 'any' band may cover the same ages
        var maleAdult = await lab.SetRangeAsync(Band("male", 12, 150, 13m, null)); // one-sided ranges are allowed

        var overlap = await Assert.CatchAsync<ClinicRuleException>(() => lab.SetRangeAsync(Band("female", 10, 20)));
        Assert.That(overlap!.Code, Is.EqualTo(LabProcedures.RangeOverlaps));
        Assert.That(overlap.Message, Does.Contain("female range for ages 12 to 150"));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 5, 13))), Is.EqualTo(50810));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 150))), Is.EqualTo(50810));
        // Editing a band into another one's ages is refused too; editing it in place is not.
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 13) with { LabReferenceRangeId = child })), Is.EqualTo(50810));
        Assert.That(await lab.SetRangeAsync(Band("any", 0, 12, 10.5m, 14m) with { LabReferenceRangeId = child }), Is.EqualTo(child));
        // Setting a band with the same sex and starting age replaces it.
        Assert.That(await lab.SetRangeAsync(Band("female", 12, 150, 12.5m, 15.5m)), Is.EqualTo(femaleAdult));
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 12) with { LabReferenceRangeId = 0 })), Is.EqualTo(50811));
        var otherTest = await Db.NewLabTestAsync(ranges: [("any", 0, 150, 1m, 2m)]);
        var otherBand = (await lab.ListRangesAsync(otherTest)).Single().LabReferenceRangeId;
        Assert.That(await CodeOf(() => lab.SetRangeAsync(Band("any", 0, 12) with { LabReferenceRangeId = otherBand })), Is.EqualTo(50811),
            "a band of another test");

        var ranges = await lab.ListRangesAsync(testId);
        Assert.That(ranges.Select(r => (r.LabReferenceRangeId, r.Sex, r.AgeMinYears, r.AgeMaxYears, r.LowValue, r.HighValue)), Is.EqualTo(new[]
        {
            (child, "any", 0, 12, (decimal?)10.5m, (decimal?)14m), (anyAdult, "any", 12, 150, 13m, 17m),
            (femaleAdult, "female", 12, 150, 12.5m, 15.5m), (maleAdult, "male", 12, 150, 13m, null),
        }));
        Assert.That((await lab.ListTestsAsync((await Db.ScalarAsync<string>("SELECT code FROM lab_test WHERE lab_test_id = @testId", new { testId })), null, 0, 5))
            .Single().RangeCount, Is.EqualTo(4));

        await lab.RemoveRangeAsync(maleAdult);
        Assert.That(await CodeOf(() => lab.RemoveRangeAsync(maleAdult)), Is.EqualTo(50811));
        Assert.That((await lab.ListRangesAsync(testId)).Select(r => r.LabReferenceRangeId), Does.Not.Contain(maleAdult));
        Assert.That(await CodeOf(() => lab.ListRangesAsync(0)), Is.EqualTo(50806));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE table_name = 'lab_reference_range' AND row_key = @key AND action = 'DELETE'", new { key = maleAdult.ToString() }),
            Is.EqualTo(1));
    }

    [Test]
    public async Task The_range_for_a_patient_prefers_their_own_sex_and_picks_the_age_band()
    {
        var testId = await Db.NewLabTestAsync(ranges:
        [
            ("any", 0, 5, 9.5m, 13.5m), ("any", 5, 12, 11.5m, 15.5m), ("any", 12, 150, 12m, 17m),
            ("female", 12, 50, 12m, 15.5m), ("male", 18, 150, 13.5m, 17.5m),
        ]);
        var ranges = (await (await AdminLabAsync()).ListRangesAsync(testId)).ToDictionary(r => (r.Sex, r.AgeMinYears), r => r.LabReferenceRangeId);
        async Task<int?> RangeFor(string? sex, int? age) =>
            (await Db.QueryAsync<int?>("SELECT lab_reference_range_for(@testId, @sex, @age)", new { testId, sex, age })).Single();

        Assert.That(await RangeFor("female", 30), Is.EqualTo(ranges[("female", 12)]), "own sex before any");
        Assert.That(await RangeFor("female", 12), Is.EqualTo(ranges[("female", 12)]), "a band includes its lower age");
        Assert.That(await RangeFor("female", 50), Is.EqualTo(ranges[("any", 12)]), "and excludes its upper age");
        Assert.That(await RangeFor("male", 17), Is.EqualTo(ranges[("any", 12)]));
        Assert.That(await RangeFor("male", 18), Is.EqualTo(ranges[("male", 18)]));
        Assert.That(await RangeFor("male", 4), Is.EqualTo(ranges[("any", 0)]));
        Assert.That(await RangeFor("female", 5), Is.EqualTo(ranges[("any", 5)]));
        Assert.That(await RangeFor("unknown", 40), Is.EqualTo(ranges[("any", 12)]), "other and unknown sex use the 'any' bands");
        Assert.That(await RangeFor("other", 40), Is.EqualTo(ranges[("any", 12)]));
        Assert.That(await RangeFor("female", null), Is.Null);
        var noRanges = await Db.NewLabTestAsync(ranges: [("female", 0, 150, 1m, 2m)]);
        Assert.That((await Db.QueryAsync<int?>("SELECT lab_reference_range_for(@noRanges, 'male', 30)", new { noRanges })).Single(), Is.Null);
    }

    // ---------------------------------------------------------------- results and flags

    private static async Task<LabOrderRow> ResultForAsync(int testId, string sex, int age, decimal? value, string? text = null)
    {
        var lab = await Db.NewLabCaseAsync(testId, sex, age);
        await Db.LabAs(lab.NurseId).CollectAsync(lab.LabOrderId);
        await Db.LabAs(lab.NurseId).ResultAsync(lab.LabOrderId, value, text);
        return (await Db.LabAs(lab.NurseId).GetAsync(lab.LabOrderId))!;
    }

    [Test]
    public async Task A_result_copies_the_patients_range_and_unit_and_is_flagged_low_high_or_normal()
    {
        var hb = await Db.NewLabTestAsync("g/dL", ranges:
        [
            ("any", 0, 12, 11m, 14m), ("female", 12, 150, 12m, 16m), ("male", 12, 150, 13m, 17m),
        ]);

        var womanLow = await ResultForAsync(hb, "female", 30, 11.2m);
        Assert.That((womanLow.ReferenceLow, womanLow.ReferenceHigh, womanLow.Unit, womanLow.AbnormalFlag), Is.EqualTo(((decimal?)12m, (decimal?)16m, "g/dL", "low")));
        Assert.That(womanLow.IsAbnormal, Is.True);
        var manSameValue = await ResultForAsync(hb, "male", 30, 12.5m);
        Assert.That((manSameValue.ReferenceLow, manSameValue.AbnormalFlag), Is.EqualTo(((decimal?)13m, "low")));
        var womanNormal = await ResultForAsync(hb, "female", 30, 12.5m);
        Assert.That((womanNormal.ReferenceLow, womanNormal.AbnormalFlag), Is.EqualTo(((decimal?)12m, "normal")), "the same value is normal for a woman");
        var manHigh = await ResultForAsync(hb, "male", 45, 17.1m);
        Assert.That(manHigh.AbnormalFlag, Is.EqualTo("high"));
        var boundary = await ResultForAsync(hb, "male", 45, 17m);
        Assert.That(boundary.AbnormalFlag, Is.EqualTo("normal"), "the limits are inside the range");
        var child = await ResultForAsync(hb, "female", 8, 11.5m);
        Assert.That((child.ReferenceLow, child.ReferenceHigh, child.AgeYears, child.AbnormalFlag), Is.EqualTo(((decimal?)11m, (decimal?)14m, (long?)8, "normal")),
            "a child gets the children's band");

        // One-sided range: CRP below 5 mg/L.
        var crp = await Db.NewLabTestAsync("mg/L", ranges: [("any", 0, 150, null, 5m)]);
        Assert.That((await ResultForAsync(crp, "male", 40, 3m)).AbnormalFlag, Is.EqualTo("normal"));
        Assert.That((await ResultForAsync(crp, "male", 40, 48m)).AbnormalFlag, Is.EqualTo("high"));

        // A text result (malaria RDT) has no unit, no range and no flag.
        var rdt = await Db.NewLabTestAsync(unit: null);
        var text = await ResultForAsync(rdt, "female", 25, null, " Negative ");
        Assert.That((text.ResultValue, text.ResultText, text.Unit, text.ReferenceLow, text.AbnormalFlag), Is.EqualTo(((decimal?)null, "Negative", (string?)null, (decimal?)null, (string?)null)));

        // The copied range stays when the catalogue changes afterwards.
        var lab = await AdminLabAsync();
        var femaleBand = (await lab.ListRangesAsync(hb)).Single(r => r.Sex == "female").LabReferenceRangeId;
        await lab.SetRangeAsync(new LabReferenceRangeInput { LabReferenceRangeId = femaleBand, LabTestId = hb, Sex = "female", AgeMinYears = 12, AgeMaxYears = 150, LowValue = 10m, HighValue = 16m });
        await lab.UpdateTestAsync(hb, new LabTestInput { Code = await Db.ScalarAsync<string>("SELECT code FROM lab_test WHERE lab_test_id = @hb", new { hb }),
            Name = await Db.ScalarAsync<string>("SELECT name FROM lab_test WHERE lab_test_id = @hb", new { hb }), Specimen = "Blood", Unit = "g/L" });
        var again = (await lab.GetAsync(womanLow.LabOrderId))!;
        Assert.That((again.ReferenceLow, again.Unit, again.AbnormalFlag), Is.EqualTo(((decimal?)12m, "g/dL", "low")));
    }

    [Test]
    public async Task The_age_for_the_range_is_the_age_on_the_day_of_collection()
    {
        var testId = await Db.NewLabTestAsync(ranges: [("any", 0, 18, 1m, 2m), ("any", 18, 150, 5m, 6m)]);
        var lab = await Db.NewLabCaseAsync(testId, "male", 18);
        var before = (await Db.LabAs(lab.NurseId).GetAsync(lab.LabOrderId))!;
        Assert.That((before.AgeYears, before.ReferenceLow, before.ReferenceHigh, before.Unit), Is.EqualTo(((long?)18, (decimal?)5m, (decimal?)6m, "g/dL")),
            "before the result, the range and unit that apply now are shown");
        // The specimen was taken ten years ago, when the patient was 8 (the schema owner records the time).
        await ExecuteAsOwnerAsync(
            "UPDATE lab_order SET status = 'specimen_collected', collected_by = @nurse, collected_at = NOW() - INTERVAL 10 YEAR WHERE lab_order_id = @id",
            new { id = lab.LabOrderId, nurse = lab.NurseId });

        await Db.LabAs(lab.NurseId).ResultAsync(lab.LabOrderId, 5.5m, null);

        var row = (await Db.LabAs(lab.NurseId).GetAsync(lab.LabOrderId))!;
        Assert.That((row.AgeYears, row.ReferenceLow, row.ReferenceHigh, row.AbnormalFlag), Is.EqualTo(((long?)8, (decimal?)1m, (decimal?)2m, "high")));
    }

    // ---------------------------------------------------------------- ordering

    [Test]
    public async Task Only_the_treating_doctor_or_an_administrator_orders_on_an_open_visit()
    {
        var lab = await Db.NewLabCaseAsync(labTestId: 0);
        var testId = await Db.NewLabTestAsync();
        var mark = await AuditMarkAsync();

        Assert.That(await CodeOf(() => Db.LabAs(lab.SecondDoctorId).PlaceAsync(lab.Visit.VisitId, testId, null)), Is.EqualTo(LabProcedures.NotTreatingDoctor));
        Assert.That(await CodeOf(() => Db.LabAs(lab.NurseId).PlaceAsync(lab.Visit.VisitId, testId, null)), Is.EqualTo(50102));
        var (doctorWithoutStaff, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await CodeOf(() => Db.LabAs(doctorWithoutStaff).PlaceAsync(lab.Visit.VisitId, testId, null)), Is.EqualTo(50822));
        Assert.That(await CodeOf(() => Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(0, testId, null)), Is.EqualTo(50820));
        Assert.That(await CodeOf(() => Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(lab.Visit.VisitId, 0, null)), Is.EqualTo(50806));

        var id = await Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(lab.Visit.VisitId, testId, "  Pale, tired  ");
        var byAdmin = await (await AdminLabAsync()).PlaceAsync(lab.Visit.VisitId, await Db.NewLabTestAsync(), null);

        var row = (await Db.LabAs(lab.NurseId).GetAsync(id))!;
        Assert.That((row.Status, row.VisitId, row.PatientId, row.LabTestId, row.ClinicalNote, row.OrderedBy), Is.EqualTo(
            (LabOrderStatus.Ordered, lab.Visit.VisitId, lab.Visit.PatientId, testId, "Pale, tired", lab.Visit.DoctorAccountId)));
        Assert.That(row.OrderedAt, Is.EqualTo(await Db.ScalarAsync<DateTime>("SELECT NOW()")).Within(TimeSpan.FromMinutes(1)));
        Assert.That(row.VisitStatus, Is.EqualTo("open"));
        Assert.That(row.DoctorName, Does.StartWith("Doc "));
        Assert.That((await Db.LabAs(lab.NurseId).GetAsync(byAdmin))!.OrderedBy, Is.EqualTo(await Db.AdminIdAsync()));

        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_order' AND row_key = @key",
            new { mark, key = id.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { ("INSERT", (int?)lab.Visit.DoctorAccountId) }));
    }

    [Test]
    public async Task Ordering_on_a_closed_visit_or_an_inactive_test_is_refused()
    {
        var lab = await Db.NewLabCaseAsync(labTestId: 0);
        var inactive = await Db.NewLabTestAsync();
        await (await AdminLabAsync()).SetTestActiveAsync(inactive, false);
        Assert.That(await CodeOf(() => Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(lab.Visit.VisitId, inactive, null)), Is.EqualTo(50823));

        await Db.CloseVisitAsync(lab.Visit.VisitId);
        var testId = await Db.NewLabTestAsync();
        Assert.That(await CodeOf(() => Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(lab.Visit.VisitId, testId, null)), Is.EqualTo(LabProcedures.VisitClosed));
        Assert.That(await CodeOf(async () => await (await AdminLabAsync()).PlaceAsync(lab.Visit.VisitId, testId, null)), Is.EqualTo(50821));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE visit_id = @v", new { v = lab.Visit.VisitId }), Is.EqualTo(0));
    }

    [Test]
    public async Task The_same_test_cannot_be_pending_twice_on_a_visit_but_may_be_repeated_after_its_result()
    {
        var lab = await Db.NewLabCaseAsync();
        var doctor = Db.LabAs(lab.Visit.DoctorAccountId);
        var name = await Db.ScalarAsync<string>("SELECT name FROM lab_test WHERE lab_test_id = @id", new { id = lab.LabTestId });

        var duplicate = await Assert.CatchAsync<ClinicRuleException>(() => doctor.PlaceAsync(lab.Visit.VisitId, lab.LabTestId, null));
        Assert.That(duplicate!.Code, Is.EqualTo(LabProcedures.AlreadyPending));
        Assert.That(duplicate.Message, Does.StartWith(name + " is already ordered on this visit"));
        await Db.LabAs(lab.NurseId).CollectAsync(lab.LabOrderId);
        Assert.That(await CodeOf(() => doctor.PlaceAsync(lab.Visit.VisitId, lab.LabTestId, null)), Is.EqualTo(50824), "collected but not resulted is still pending");

        // Another visit of the same patient may order it.
        await Db.CompleteConsultationAsync(lab.Visit);
        var otherVisit = await Db.NewVisitForDoctorAsync(lab.Visit, lab.Visit.PatientId);
        Assert.That(await doctor.PlaceAsync(otherVisit, lab.LabTestId, null), Is.GreaterThan(0));

        await Db.LabAs(lab.NurseId).ResultAsync(lab.LabOrderId, 12m, null);
        var repeat = await doctor.PlaceAsync(lab.Visit.VisitId, lab.LabTestId, "Repeat");
        Assert.That(await Db.LabStatusAsync(repeat), Is.EqualTo(LabOrderStatus.Ordered));
        await Db.LabAs(lab.NurseId).CancelAsync(repeat, "Ordered twice");
        Assert.That(await doctor.PlaceAsync(lab.Visit.VisitId, lab.LabTestId, null), Is.GreaterThan(repeat), "a cancelled order is not pending");
    }

    // ---------------------------------------------------------------- the state machine through the procedures

    [Test]
    public async Task An_order_goes_ordered_collected_resulted_verified_with_who_and_when_and_each_step_is_audited()
    {
        var lab = await Db.NewLabCaseAsync();
        var mark = await AuditMarkAsync();
        var nurse = Db.LabAs(lab.NurseId);

        await nurse.CollectAsync(lab.LabOrderId);
        await nurse.ResultAsync(lab.LabOrderId, 9m, "Slightly haemolysed");
        await Db.LabAs(lab.Visit.DoctorAccountId).VerifyAsync(lab.LabOrderId);

        var row = (await nurse.GetAsync(lab.LabOrderId))!;
        Assert.That((row.Status, row.CollectedBy, row.ResultedBy, row.VerifiedBy), Is.EqualTo(
            (LabOrderStatus.Verified, (int?)lab.NurseId, (int?)lab.NurseId, (int?)lab.Visit.DoctorAccountId)));
        Assert.That((row.ResultValue, row.ResultText, row.AbnormalFlag, row.ReferenceLow, row.ReferenceHigh), Is.EqualTo(
            ((decimal?)9m, "Slightly haemolysed", "low", (decimal?)10m, (decimal?)20m)));
        Assert.That(new[] { row.CollectedAt, row.ResultedAt, row.VerifiedAt }, Is.All.Not.Null);
        Assert.That(row.OrderedAt, Is.LessThanOrEqualTo(row.CollectedAt!.Value));
        Assert.That(row.CollectedAt, Is.LessThanOrEqualTo(row.ResultedAt!.Value));
        Assert.That(row.ResultedAt, Is.LessThanOrEqualTo(row.VerifiedAt!.Value));
        Assert.That((row.CollectedByName, row.VerifiedByName), Is.EqualTo(("Test nurse", "Test doctor")));
        Assert.That((row.CancelledAt, row.CancelReason), Is.EqualTo(((DateTime?)null, (string?)null)));

        var audit = await Db.QueryAsync<(string Action, int? Actor, string NewRow)>(
            "SELECT action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_order' AND row_key = @key ORDER BY audit_log_id",
            new { mark, key = lab.LabOrderId.ToString() });
        Assert.That(audit.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[]
        {
            ("UPDATE", (int?)lab.NurseId), ("UPDATE", lab.NurseId), ("UPDATE", lab.Visit.DoctorAccountId),
        }));
        Assert.That(audit.Select(a => JsonDocument.Parse(a.NewRow).RootElement.GetProperty("status").GetString()),
            Is.EqualTo(new[] { "specimen_collected", "resulted", "verified" }));
        using var resulted = JsonDocument.Parse(audit[1].NewRow);
        Assert.That(resulted.RootElement.GetProperty("abnormal_flag").GetString(), Is.EqualTo("low"));
    }

    [Test]
    public async Task Steps_out_of_order_are_refused_by_the_procedures()
    {
        var ordered = await CaseAtAsync(LabOrderStatus.Ordered);
        var nurse = Db.LabAs(ordered.NurseId);
        var doctor = Db.LabAs(ordered.Visit.DoctorAccountId);
        Assert.That(await CodeOf(() => nurse.ResultAsync(ordered.LabOrderId, 1m, null)), Is.EqualTo(50831), "no result before collection");
        Assert.That(await CodeOf(() => doctor.VerifyAsync(ordered.LabOrderId)), Is.EqualTo(50832));

        var collected = await CaseAtAsync(LabOrderStatus.SpecimenCollected);
        Assert.That(await CodeOf(() => Db.LabAs(collected.NurseId).CollectAsync(collected.LabOrderId)), Is.EqualTo(50830));
        Assert.That(await CodeOf(() => Db.LabAs(collected.NurseId).ResultAsync(collected.LabOrderId, null, "  ")), Is.EqualTo(50826));
        Assert.That(await CodeOf(() => Db.LabAs(collected.Visit.DoctorAccountId).VerifyAsync(collected.LabOrderId)), Is.EqualTo(50832));

        var resulted = await CaseAtAsync(LabOrderStatus.Resulted);
        Assert.That(await CodeOf(() => Db.LabAs(resulted.NurseId).CollectAsync(resulted.LabOrderId)), Is.EqualTo(50830));
        Assert.That(await CodeOf(() => Db.LabAs(resulted.NurseId).CancelAsync(resulted.LabOrderId, "Too late")), Is.EqualTo(50833));

        var verified = await CaseAtAsync(LabOrderStatus.Verified);
        var verifiedNurse = Db.LabAs(verified.NurseId);
        Assert.That(await CodeOf(() => verifiedNurse.ResultAsync(verified.LabOrderId, 99m, null)), Is.EqualTo(LabProcedures.Final), "a verified result never changes");
        Assert.That(await CodeOf(() => verifiedNurse.CollectAsync(verified.LabOrderId)), Is.EqualTo(50834));
        Assert.That(await CodeOf(() => verifiedNurse.CancelAsync(verified.LabOrderId, "No")), Is.EqualTo(50834));
        Assert.That(await CodeOf(() => Db.LabAs(verified.SecondDoctorId).VerifyAsync(verified.LabOrderId)), Is.EqualTo(50834));
        Assert.That((await verifiedNurse.GetAsync(verified.LabOrderId))!.ResultValue, Is.EqualTo(15m));

        var cancelled = await CaseAtAsync(LabOrderStatus.Cancelled);
        Assert.That(await CodeOf(() => Db.LabAs(cancelled.NurseId).ResultAsync(cancelled.LabOrderId, 1m, null)), Is.EqualTo(50834));

        foreach (var call in new Func<Task>[]
                 {
                     () => nurse.CollectAsync(0), () => nurse.ResultAsync(0, 1m, null), () => doctor.VerifyAsync(0), () => nurse.CancelAsync(0, "x"),
                     () => nurse.GetAsync(0),
                 })
            Assert.That(await CodeOf(call), Is.EqualTo(50825));
    }

    [Test]
    public async Task Lab_work_is_for_nurses_doctors_and_administrators_and_only_doctors_or_administrators_verify()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Ordered);
        var (reception, _) = await Db.NewAccountAsync("receptionist");
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        foreach (var outsider in new[] { reception, pharmacist })
        {
            Assert.That(await CodeOf(() => Db.LabAs(outsider).CollectAsync(lab.LabOrderId)), Is.EqualTo(50102));
            Assert.That(await CodeOf(() => Db.LabAs(outsider).WorklistAsync(new LabWorklistFilter(), 0, 10)), Is.EqualTo(50102));
            Assert.That(await CodeOf(() => Db.LabAs(outsider).ListForVisitAsync(lab.Visit.VisitId)), Is.EqualTo(50102));
        }
        // Any nurse may collect (not only the department's), a doctor may enter the result, and the nurse cannot verify.
        var (otherNurse, _) = await Db.NewAccountAsync("nurse");
        await Db.LabAs(otherNurse).CollectAsync(lab.LabOrderId);
        await Db.LabAs(lab.SecondDoctorId).ResultAsync(lab.LabOrderId, 12m, null);
        Assert.That(await CodeOf(() => Db.LabAs(lab.NurseId).VerifyAsync(lab.LabOrderId)), Is.EqualTo(50102));
        await (await AdminLabAsync()).VerifyAsync(lab.LabOrderId);
        Assert.That(await Db.LabStatusAsync(lab.LabOrderId), Is.EqualTo(LabOrderStatus.Verified));
    }

    [Test]
    public async Task Four_eyes_whoever_entered_the_result_cannot_verify_it_but_a_second_doctor_can()
    {
        var lab = await CaseAtAsync(LabOrderStatus.SpecimenCollected);
        var doctor = Db.LabAs(lab.Visit.DoctorAccountId);
        await doctor.ResultAsync(lab.LabOrderId, 14m, null);

        var refused = await Assert.CatchAsync<ClinicRuleException>(() => doctor.VerifyAsync(lab.LabOrderId));
        Assert.That(refused!.Code, Is.EqualTo(LabProcedures.SameResulter));
        Assert.That(await Db.LabStatusAsync(lab.LabOrderId), Is.EqualTo(LabOrderStatus.Resulted));

        await Db.LabAs(lab.SecondDoctorId).VerifyAsync(lab.LabOrderId);
        var row = (await doctor.GetAsync(lab.LabOrderId))!;
        Assert.That((row.Status, row.ResultedBy, row.VerifiedBy), Is.EqualTo((LabOrderStatus.Verified, (int?)lab.Visit.DoctorAccountId, (int?)lab.SecondDoctorId)));

        // The same holds for an administrator who entered the result.
        var adminCase = await CaseAtAsync(LabOrderStatus.SpecimenCollected);
        var admin = await AdminLabAsync();
        await admin.ResultAsync(adminCase.LabOrderId, 14m, null);
        Assert.That(await CodeOf(() => admin.VerifyAsync(adminCase.LabOrderId)), Is.EqualTo(50827));
    }

    [Test]
    public async Task A_result_awaiting_verification_is_corrected_by_entering_it_again_and_both_values_are_audited()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Resulted, value: 25m);
        Assert.That((await Db.LabAs(lab.NurseId).GetAsync(lab.LabOrderId))!.AbnormalFlag, Is.EqualTo("high"));
        var mark = await AuditMarkAsync();

        await Db.LabAs(lab.SecondDoctorId).ResultAsync(lab.LabOrderId, 15m, "Re-run");

        var row = (await Db.LabAs(lab.NurseId).GetAsync(lab.LabOrderId))!;
        Assert.That((row.Status, row.ResultValue, row.ResultText, row.AbnormalFlag, row.ResultedBy), Is.EqualTo(
            (LabOrderStatus.Resulted, (decimal?)15m, "Re-run", "normal", (int?)lab.SecondDoctorId)));
        var audit = await Db.QueryAsync<(int? Actor, string OldRow, string NewRow)>(
            "SELECT actor_user_id, old_row, new_row FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_order' AND row_key = @key",
            new { mark, key = lab.LabOrderId.ToString() });
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That(audit[0].Actor, Is.EqualTo(lab.SecondDoctorId));
        using var oldRow = JsonDocument.Parse(audit[0].OldRow);
        using var newRow = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(oldRow.RootElement.GetProperty("result_value").GetDecimal(), Is.EqualTo(25m));
        Assert.That(newRow.RootElement.GetProperty("result_value").GetDecimal(), Is.EqualTo(15m));
        Assert.That(oldRow.RootElement.GetProperty("resulted_by").GetInt32(), Is.EqualTo(lab.NurseId));

        // The last person to enter it counts for the four-eyes rule: the nurse's first entry does not bar the nurse... who cannot verify anyway,
        // and the second doctor who corrected it cannot verify; the treating doctor can.
        Assert.That(await CodeOf(() => Db.LabAs(lab.SecondDoctorId).VerifyAsync(lab.LabOrderId)), Is.EqualTo(50827));
        await Db.LabAs(lab.Visit.DoctorAccountId).VerifyAsync(lab.LabOrderId);
    }

    [Test]
    public async Task Cancelling_needs_a_reason_and_works_only_before_a_result()
    {
        var ordered = await CaseAtAsync(LabOrderStatus.Ordered);
        var nurse = Db.LabAs(ordered.NurseId);
        Assert.That(await CodeOf(() => nurse.CancelAsync(ordered.LabOrderId, "   ")), Is.EqualTo(LabProcedures.ReasonRequired));
        Assert.That(await Db.LabStatusAsync(ordered.LabOrderId), Is.EqualTo(LabOrderStatus.Ordered));
        await nurse.CancelAsync(ordered.LabOrderId, "  Patient left  ");
        var row = (await nurse.GetAsync(ordered.LabOrderId))!;
        Assert.That((row.Status, row.CancelReason, row.CancelledBy), Is.EqualTo((LabOrderStatus.Cancelled, "Patient left", (int?)ordered.NurseId)));
        Assert.That(row.CancelledAt, Is.Not.Null);
        Assert.That(await CodeOf(() => nurse.CancelAsync(ordered.LabOrderId, "Again")), Is.EqualTo(50834));

        var collected = await CaseAtAsync(LabOrderStatus.SpecimenCollected);
        await Db.LabAs(collected.Visit.DoctorAccountId).CancelAsync(collected.LabOrderId, "Specimen clotted");
        Assert.That(await Db.LabStatusAsync(collected.LabOrderId), Is.EqualTo(LabOrderStatus.Cancelled));
        Assert.That(await CodeOf(() => Db.LabAs(collected.NurseId).CollectAsync(collected.LabOrderId)), Is.EqualTo(50834));
    }

    // ---------------------------------------------------------------- the triggers, for every client

    [Test]
    public async Task The_schema_owner_cannot_skip_or_reverse_steps()
    {
        var ordered = await CaseAtAsync(LabOrderStatus.Ordered);
        var id = new { id = ordered.LabOrderId, nurse = ordered.NurseId, doctor = ordered.Visit.DoctorAccountId };
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'resulted', result_value = 1, resulted_by = @nurse WHERE lab_order_id = @id", id), Is.EqualTo(50831));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'verified', verified_by = @doctor WHERE lab_order_id = @id", id), Is.EqualTo(50832));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'cancelled' WHERE lab_order_id = @id", id), Is.EqualTo(50828));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET result_value = 5 WHERE lab_order_id = @id", id), Is.EqualTo(50838), "no result while ordered");
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET lab_test_id = @t WHERE lab_order_id = @id",
            new { id = ordered.LabOrderId, t = await Db.NewLabTestAsync() }), Is.EqualTo(50837));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET clinical_note = 'changed' WHERE lab_order_id = @id", id), Is.EqualTo(50837));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET ordered_at = ordered_at - INTERVAL 1 DAY WHERE lab_order_id = @id", id), Is.EqualTo(50837));

        // The schema owner may take the legal steps; the trigger stamps the times.
        await ExecuteAsOwnerAsync("UPDATE lab_order SET status = 'specimen_collected', collected_by = @nurse WHERE lab_order_id = @id", id);
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'ordered' WHERE lab_order_id = @id", id), Is.EqualTo(50835), "never back to ordered");
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET collected_at = collected_at - INTERVAL 1 HOUR WHERE lab_order_id = @id", id), Is.EqualTo(50838));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'resulted', resulted_by = @nurse WHERE lab_order_id = @id", id), Is.EqualTo(50826),
            "a result needs a value or a text");
        await ExecuteAsOwnerAsync(
            "UPDATE lab_order SET status = 'resulted', result_value = 12, reference_low = 10, reference_high = 20, resulted_by = @nurse WHERE lab_order_id = @id", id);
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'cancelled', cancel_reason = 'x' WHERE lab_order_id = @id", id), Is.EqualTo(50833));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'verified', verified_by = @nurse WHERE lab_order_id = @id", id), Is.EqualTo(50827),
            "four-eyes holds for the schema owner too");
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'verified' WHERE lab_order_id = @id", id), Is.EqualTo(50827), "someone must verify");
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'verified', verified_by = @doctor, result_value = 13 WHERE lab_order_id = @id", id),
            Is.EqualTo(50838), "verifying does not change the result");
        await ExecuteAsOwnerAsync("UPDATE lab_order SET status = 'verified', verified_by = @doctor WHERE lab_order_id = @id", id);

        var stamps = (await Db.QueryAsync<(DateTime? Collected, DateTime? Resulted, DateTime? Verified, string Flag)>(
            "SELECT collected_at, resulted_at, verified_at, abnormal_flag FROM lab_order WHERE lab_order_id = @id", id)).Single();
        Assert.That(new[] { stamps.Collected, stamps.Resulted, stamps.Verified }, Is.All.Not.Null);
        Assert.That(stamps.Flag, Is.EqualTo("normal"));
    }

    [Test]
    public async Task A_verified_or_cancelled_order_never_changes_even_for_the_schema_owner_except_a_patient_merge()
    {
        var verified = await CaseAtAsync(LabOrderStatus.Verified);
        var args = new { id = verified.LabOrderId };
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET result_value = 1 WHERE lab_order_id = @id", args), Is.EqualTo(50834));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET result_text = 'edited' WHERE lab_order_id = @id", args), Is.EqualTo(50834));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET reference_high = 100 WHERE lab_order_id = @id", args), Is.EqualTo(50834));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'resulted' WHERE lab_order_id = @id", args), Is.EqualTo(50834));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET verified_at = NOW() - INTERVAL 1 DAY WHERE lab_order_id = @id", args), Is.EqualTo(50834));
        await using (var root = await Db.OpenAsync(Db.Admin))
        {
            var ex = await Assert.ThrowsAsync<MySqlException>(() => root.ExecuteAsync("UPDATE lab_order SET result_value = 1 WHERE lab_order_id = @id", args));
            Assert.That(ex!.Number, Is.EqualTo(50834), "not even the server administrator");
        }

        var cancelled = await CaseAtAsync(LabOrderStatus.Cancelled);
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET cancel_reason = 'other' WHERE lab_order_id = @id", new { id = cancelled.LabOrderId }), Is.EqualTo(50834));
        Assert.That(await OwnerCodeOf("UPDATE lab_order SET status = 'ordered' WHERE lab_order_id = @id", new { id = cancelled.LabOrderId }), Is.EqualTo(50834));

        // A merge moves the order to the surviving patient record.
        var survivor = await Db.NewPatientAsync();
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, verified.Visit.PatientId, "Same person registered twice");
        var moved = (await Db.LabAs(verified.NurseId).GetAsync(verified.LabOrderId))!;
        Assert.That((moved.PatientId, moved.Status, moved.ResultValue), Is.EqualTo((survivor, LabOrderStatus.Verified, (decimal?)15m)));
    }

    [Test]
    public async Task A_new_order_starts_as_ordered_for_its_visits_patient_whoever_inserts_it()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Ordered);
        var args = new { visit = lab.Visit.VisitId, patient = lab.Visit.PatientId, test = lab.LabTestId, doctor = lab.Visit.DoctorAccountId };
        Assert.That(await OwnerCodeOf(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, status, ordered_by, result_value, resulted_by) VALUES (@visit, @patient, @test, 'resulted', @doctor, 1, @doctor)",
            args), Is.EqualTo(50836));
        Assert.That(await OwnerCodeOf(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, result_value) VALUES (@visit, @patient, @test, @doctor, 1)", args), Is.EqualTo(50836));
        Assert.That(await OwnerCodeOf(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, cancel_reason) VALUES (@visit, @patient, @test, @doctor, 'x')", args), Is.EqualTo(50836));
        Assert.That(await OwnerCodeOf(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by) VALUES (@visit, @other, @test, @doctor)",
            new { args.visit, other = await Db.NewPatientAsync(), args.test, args.doctor }), Is.EqualTo(50829));
        Assert.That(await ExecuteAsOwnerAsync(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by) VALUES (@visit, @patient, @test, @doctor)", args), Is.EqualTo(1));
    }

    // ---------------------------------------------------------------- concurrency

    private static async Task<int[]> RaceAsync(IReadOnlyList<Func<Task>> calls)
    {
        var warm = await AdminLabAsync();
        await Task.WhenAll(calls.Select(_ => Task.Run(async () =>
        {
            try { await warm.GetAsync(0); } catch (ClinicRuleException) { }
        })));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = calls.Select(call => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await call();
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        return await Task.WhenAll(racers);
    }

    [Test]
    public async Task Sixteen_connections_collecting_the_same_specimen_at_once_collect_it_once()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Ordered);
        var nurses = new List<int>();
        for (var i = 0; i < 16; i++)
            nurses.Add((await Db.NewAccountAsync("nurse")).Id);
        var mark = await AuditMarkAsync();

        var codes = await RaceAsync(nurses.Select(n => (Func<Task>)(() => Db.LabAs(n).CollectAsync(lab.LabOrderId))).ToList());

        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Where(c => c != 0), Is.All.EqualTo(50830));
        var collector = await Db.ScalarAsync<int>("SELECT collected_by FROM lab_order WHERE lab_order_id = @id", new { id = lab.LabOrderId });
        Assert.That(nurses[Array.IndexOf(codes, 0)], Is.EqualTo(collector));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_order' AND row_key = @key", new { mark, key = lab.LabOrderId.ToString() }),
            Is.EqualTo(1));
    }

    [Test]
    public async Task Sixteen_doctors_verifying_the_same_result_at_once_verify_it_once()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Resulted);
        var doctors = new List<int>();
        for (var i = 0; i < 16; i++)
            doctors.Add((await Db.NewAccountAsync("doctor")).Id);

        var codes = await RaceAsync(doctors.Select(d => (Func<Task>)(() => Db.LabAs(d).VerifyAsync(lab.LabOrderId))).ToList());

        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Where(c => c != 0), Is.All.EqualTo(LabProcedures.Final));
        var verifier = await Db.ScalarAsync<int>("SELECT verified_by FROM lab_order WHERE lab_order_id = @id", new { id = lab.LabOrderId });
        Assert.That(doctors[Array.IndexOf(codes, 0)], Is.EqualTo(verifier));
    }

    [Test]
    public async Task Sixteen_orders_of_the_same_test_on_one_visit_at_once_make_one_order()
    {
        var lab = await Db.NewLabCaseAsync(labTestId: 0);
        var testId = await Db.NewLabTestAsync();
        var doctor = Db.LabAs(lab.Visit.DoctorAccountId);

        var codes = await RaceAsync(Enumerable.Range(0, 16).Select(_ => (Func<Task>)(() => doctor.PlaceAsync(lab.Visit.VisitId, testId, null))).ToList());

        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Where(c => c != 0), Is.All.EqualTo(LabProcedures.AlreadyPending));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE visit_id = @v", new { v = lab.Visit.VisitId }), Is.EqualTo(1));
    }

    [Test]
    public async Task Ordering_while_the_visit_closes_either_orders_before_or_is_refused_after()
    {
        // Serialisation is judged by what the server did, in the order it did it: the audit trail's
        // auto-increment ids. (created_at and closed_at hold statement start times to the second, so a
        // correctly serialised order can carry the same or a later second than the close.)
        var lab = await Db.NewLabCaseAsync(labTestId: 0);
        var tests = new List<int>();
        for (var i = 0; i < 8; i++)
            tests.Add(await Db.NewLabTestAsync());
        var doctor = Db.LabAs(lab.Visit.DoctorAccountId);
        var mark = await AuditMarkAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = new long[tests.Count];
        long closeCommitted = long.MaxValue;
        var calls = tests.Select((t, i) => (Func<Task>)(async () =>
        {
            started[i] = clock.ElapsedTicks;
            await doctor.PlaceAsync(lab.Visit.VisitId, t, null);
        })).ToList();
        calls.Insert(4, async () =>
        {
            await Db.CloseVisitAsync(lab.Visit.VisitId);
            Interlocked.Exchange(ref closeCommitted, clock.ElapsedTicks);
        });
        var outcomes = await RaceAsync(calls);
        Assert.That(outcomes[4], Is.Zero, "the close itself succeeds");
        var codes = outcomes.Where((_, i) => i != 4).ToArray();

        // Every order either went in or was refused because the visit is closed ...
        Assert.That(codes.Where(c => c != 0), Is.All.EqualTo(LabProcedures.VisitClosed));
        // ... an order that set off after the close had committed was refused ...
        for (var i = 0; i < codes.Length; i++)
            if (started[i] > closeCommitted)
                Assert.That(codes[i], Is.EqualTo(LabProcedures.VisitClosed), $"order {i} started after the close committed");
        // ... and on the server every order that went in did so before the close: the visit row lock
        // serialises them, so each order's audit row precedes the closing update's.
        var closedAt = await Db.ScalarAsync<long>(
            """
            SELECT audit_log_id FROM audit_trail
             WHERE audit_log_id > @mark AND table_name = 'visit' AND row_key = @key AND action = 'UPDATE'
               AND JSON_UNQUOTE(JSON_EXTRACT(new_row, '$.status')) = 'closed' AND JSON_UNQUOTE(JSON_EXTRACT(old_row, '$.status')) = 'open'
            """,
            new { mark, key = lab.Visit.VisitId.ToString() });
        var orderKeys = (await Db.QueryAsync<int>("SELECT lab_order_id FROM lab_order WHERE visit_id = @v", new { v = lab.Visit.VisitId }))
            .Select(id => id.ToString()).ToList();
        IReadOnlyList<long> orderAudits = orderKeys.Count == 0 ? [] : await Db.QueryAsync<long>(
            "SELECT audit_log_id FROM audit_trail WHERE audit_log_id > @mark AND table_name = 'lab_order' AND action = 'INSERT' AND row_key IN @orderKeys",
            new { mark, orderKeys });
        Assert.That(orderAudits, Has.Count.EqualTo(codes.Count(c => c == 0)), "one order row per successful call");
        Assert.That(orderAudits, Is.All.LessThan(closedAt), "no order row was written after the close");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE visit_id = @v", new { v = lab.Visit.VisitId }),
            Is.EqualTo(codes.Count(c => c == 0)));
    }

    // ---------------------------------------------------------------- reading

    [Test]
    public async Task The_worklist_shows_pending_work_oldest_first_filtered_by_status_day_and_mrn()
    {
        var (patientId, mrn) = await Db.NewLabPatientAsync("male", 40);
        var visit = await Db.NewOpenVisitAsync(patientId);
        var nurse = Db.LabAs(await Db.NewStaffAccountAsync("nurse", visit.DepartmentId));
        var doctor = Db.LabAs(visit.DoctorAccountId);
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
            ids.Add(await doctor.PlaceAsync(visit.VisitId, await Db.NewLabTestAsync(ranges: [("any", 0, 150, 10m, 20m)]), null));
        // ids[0] ordered, [1] collected, [2] resulted, [3] verified, [4] cancelled.
        await nurse.CollectAsync(ids[1]);
        await nurse.CollectAsync(ids[2]);
        await nurse.ResultAsync(ids[2], 25m, null);
        await nurse.CollectAsync(ids[3]);
        await nurse.ResultAsync(ids[3], 5m, null);
        await doctor.VerifyAsync(ids[3]);
        await nurse.CancelAsync(ids[4], "Ordered in error");

        async Task<IReadOnlyList<LabOrderRow>> List(string? status, string? mrnQuery = null, DateTime? from = null, DateTime? to = null, int offset = 0, int limit = 50) =>
            await nurse.WorklistAsync(new LabWorklistFilter { Status = status, Mrn = mrnQuery ?? mrn, From = from, To = to }, offset, limit);

        var pending = await List(null);
        Assert.That(pending.Select(r => r.LabOrderId), Is.EqualTo(ids.Take(3)), "ordered, collected and resulted; oldest first");
        Assert.That(pending.Select(r => r.TotalCount), Is.All.EqualTo(3));
        Assert.That((await List("pending")).Select(r => r.LabOrderId), Is.EqualTo(ids.Take(3)));
        Assert.That((await List("all")).Select(r => r.LabOrderId), Is.EqualTo(ids));
        Assert.That((await List(LabOrderStatus.Verified)).Select(r => r.LabOrderId), Is.EqualTo(new[] { ids[3] }));
        Assert.That((await List(LabOrderStatus.Cancelled)).Single().CancelReason, Is.EqualTo("Ordered in error"));
        Assert.That(await CodeOf(() => List("lost")), Is.EqualTo(50839));

        // Paged.
        var page2 = await List("all", offset: 2, limit: 2);
        Assert.That(page2.Select(r => r.LabOrderId), Is.EqualTo(ids.Skip(2).Take(2)));
        Assert.That(page2.Select(r => r.TotalCount), Is.All.EqualTo(5));
        Assert.That(await List("all", offset: 10), Is.Empty);

        // The MRN: digits only find it exactly, anything else is a prefix.
        var digits = mrn[(mrn.IndexOf('/') + 1)..].TrimStart('0');
        Assert.That((await List("all", digits)).Select(r => r.LabOrderId), Is.EqualTo(ids));
        Assert.That((await List("all", mrn[..^1])).Select(r => r.LabOrderId), Is.SupersetOf(ids));
        Assert.That(await List("all", "HMS/X"), Is.Empty);

        // Days of ordering.
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");
        Assert.That(await List("all", from: today.AddDays(1)), Is.Empty);
        Assert.That(await List("all", to: today.AddDays(-1)), Is.Empty);
        Assert.That((await List("all", from: today, to: today)).Count, Is.EqualTo(5));

        // What the rows show.
        var resulted = pending[2];
        Assert.That((resulted.Mrn, resulted.Sex, resulted.AgeYears, resulted.Status, resulted.ResultValue, resulted.AbnormalFlag, resulted.ReferenceHigh, resulted.Unit),
            Is.EqualTo((mrn, "male", (long?)40, LabOrderStatus.Resulted, (decimal?)25m, "high", (decimal?)20m, "g/dL")));
        Assert.That(resulted.PatientName, Does.StartWith("Lab"));
        Assert.That(resulted.TestName, Does.StartWith("Test "));
        Assert.That(resulted.Specimen, Is.EqualTo("Blood"));
        Assert.That((resulted.ResultedByName, resulted.OrderedByName), Is.EqualTo(("Test nurse", "Test doctor")));
        Assert.That((pending[0].ReferenceLow, pending[0].ReferenceHigh, pending[0].Unit), Is.EqualTo(((decimal?)10m, (decimal?)20m, "g/dL")),
            "an order waiting for its result shows the range that will apply");
    }

    [Test]
    public async Task The_worklist_without_a_patient_lists_every_pending_order_of_the_clinic()
    {
        var lab = await CaseAtAsync(LabOrderStatus.SpecimenCollected);
        var rows = new List<LabOrderRow>();
        var nurse = Db.LabAs(lab.NurseId);
        for (var offset = 0; ; offset += 100)
        {
            var page = await nurse.WorklistAsync(new LabWorklistFilter(), offset, 500);
            Assert.That(page.Count, Is.LessThanOrEqualTo(100), "at most 100 a page");
            rows.AddRange(page);
            if (page.Count < 100)
                break;
        }
        Assert.That(rows.Select(r => r.LabOrderId), Does.Contain(lab.LabOrderId));
        Assert.That(rows.Select(r => r.Status), Is.All.AnyOf(LabOrderStatus.Pending.ToArray()));
        Assert.That(rows.Select(r => r.OrderedAt), Is.Ordered);
    }

    [Test]
    public async Task A_visits_orders_are_listed_with_their_results()
    {
        var lab = await CaseAtAsync(LabOrderStatus.Resulted, value: 5m);
        var second = await Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(lab.Visit.VisitId, await Db.NewLabTestAsync(), null);
        await Db.CompleteConsultationAsync(lab.Visit);
        var otherVisit = await Db.NewVisitForDoctorAsync(lab.Visit, lab.Visit.PatientId);
        await Db.LabAs(lab.Visit.DoctorAccountId).PlaceAsync(otherVisit, lab.LabTestId, null);

        var rows = await Db.LabAs(lab.Visit.DoctorAccountId).ListForVisitAsync(lab.Visit.VisitId);

        Assert.That(rows.Select(r => r.LabOrderId), Is.EqualTo(new[] { lab.LabOrderId, second }));
        Assert.That((rows[0].AbnormalFlag, rows[0].IsAbnormal, rows[1].Status), Is.EqualTo(("low", true, LabOrderStatus.Ordered)));
        Assert.That(await Db.LabAs(lab.NurseId).ListForVisitAsync(await Db.NewVisitForDoctorAsync(lab.Visit)), Is.Empty);
        Assert.That(await CodeOf(() => Db.LabAs(lab.NurseId).ListForVisitAsync(0)), Is.EqualTo(50820));
    }

    // ---------------------------------------------------------------- history

    [Test]
    public async Task An_administrator_records_past_orders_on_a_closed_visit_through_the_state_machine()
    {
        var hb = await Db.NewLabTestAsync(ranges: [("any", 0, 18, 11m, 14m), ("female", 18, 150, 12m, 16m)]);
        var lab = await Db.NewLabCaseAsync(labTestId: 0, sex: "female", ageYears: 40);
        await Db.CloseVisitAsync(lab.Visit.VisitId);
        var startedAt = await Db.ScalarAsync<DateTime>("SELECT started_at FROM visit WHERE visit_id = @v", new { v = lab.Visit.VisitId });
        var admin = await AdminLabAsync();
        var adminId = await Db.AdminIdAsync();
        var orderedAt = startedAt;
        LabPastOrderInput Past(string status) => new() { VisitId = lab.Visit.VisitId, LabTestId = hb, OrderedAt = orderedAt, Status = status, Value = 10.8m };

        var verified = await admin.RecordPastAsync(Past(LabOrderStatus.Verified));
        var row = (await admin.GetAsync(verified))!;
        Assert.That((row.Status, row.ResultValue, row.ReferenceLow, row.AbnormalFlag, row.OrderedBy, row.ResultedBy, row.VerifiedBy), Is.EqualTo(
            (LabOrderStatus.Verified, (decimal?)10.8m, (decimal?)12m, "low", lab.Visit.DoctorAccountId, (int?)adminId, (int?)lab.Visit.DoctorAccountId)));
        Assert.That(row.OrderedAt, Is.EqualTo(orderedAt).Within(TimeSpan.FromSeconds(1)));
        Assert.That(row.VerifiedAt, Is.LessThanOrEqualTo(await Db.ScalarAsync<DateTime>("SELECT NOW()")));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE table_name = 'lab_order' AND row_key = @k", new { k = verified.ToString() }),
            Is.EqualTo(4), "inserted, then collected, resulted and verified: every step audited");

        var cancelled = await admin.RecordPastAsync(Past(LabOrderStatus.Cancelled) with { CancelReason = "Lost specimen" });
        Assert.That((await admin.GetAsync(cancelled))!.CancelReason, Is.EqualTo("Lost specimen"));
        Assert.That(await Db.LabStatusAsync(await admin.RecordPastAsync(Past(LabOrderStatus.SpecimenCollected))), Is.EqualTo(LabOrderStatus.SpecimenCollected));
        Assert.That(await Db.LabStatusAsync(await admin.RecordPastAsync(Past(LabOrderStatus.Resulted))), Is.EqualTo(LabOrderStatus.Resulted));
        Assert.That(await Db.LabStatusAsync(await admin.RecordPastAsync(Past(LabOrderStatus.Ordered))), Is.EqualTo(LabOrderStatus.Ordered));

        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past("done"))), Is.EqualTo(50841));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Verified) with { Value = null })), Is.EqualTo(50826));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Cancelled))), Is.EqualTo(50828));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Ordered) with { OrderedAt = startedAt.AddMinutes(-5) })), Is.EqualTo(50840));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Ordered) with { OrderedAt = DateTime.Now.AddDays(1) })), Is.EqualTo(50840));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Verified) with { VerifiedBy = lab.NurseId })), Is.EqualTo(50842));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Verified) with { VerifiedBy = adminId })), Is.EqualTo(50827),
            "four-eyes: the administrator entered the result");
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Ordered) with { VisitId = 0 })), Is.EqualTo(50820));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(Past(LabOrderStatus.Ordered) with { LabTestId = 0 })), Is.EqualTo(50806));
        Assert.That(await CodeOf(() => Db.LabAs(lab.Visit.DoctorAccountId).RecordPastAsync(Past(LabOrderStatus.Ordered))), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE visit_id = @v", new { v = lab.Visit.VisitId }), Is.EqualTo(5),
            "a refused record leaves nothing behind");
    }

    // ---------------------------------------------------------------- demo data

    [Test]
    public async Task The_demo_lab_catalogue_loads_once_through_the_procedures_with_working_ranges()
    {
        var adminId = await Db.AdminIdAsync();
        var first = await Clinic.Demo.DemoLab.SeedAsync(Db.Runner, Db.SessionOf(adminId), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var second = await Clinic.Demo.DemoLab.SeedAsync(Db.Runner, Db.SessionOf(adminId), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.That(first.AlreadyLoaded, Is.EqualTo(first.TestsCreated == 0));
        Assert.That((second.AlreadyLoaded, second.TestsCreated, second.RangesCreated), Is.EqualTo((true, 0, 0)));
        Assert.That(second.TestIds.Keys, Is.EquivalentTo(Clinic.Demo.DemoLab.Codes));
        Assert.That(second.TestIds, Is.EqualTo(first.TestIds));
        Assert.That(Clinic.Demo.DemoLab.Codes, Has.Count.GreaterThanOrEqualTo(20));

        var hb = second.TestIds["HB"];
        async Task<(decimal? Low, decimal? High)> RangeOf(string sex, int age) =>
            (await Db.QueryAsync<(decimal? Low, decimal? High)>(
                "SELECT low_value, high_value FROM lab_reference_range WHERE lab_reference_range_id = lab_reference_range_for(@hb, @sex, @age)",
                new { hb, sex, age })).Single();
        Assert.That(await RangeOf("female", 30), Is.EqualTo(((decimal?)12.0m, (decimal?)15.5m)));
        Assert.That(await RangeOf("male", 30), Is.EqualTo(((decimal?)13.5m, (decimal?)17.5m)));
        Assert.That(await RangeOf("male", 8), Is.EqualTo(((decimal?)11.5m, (decimal?)15.5m)));
        Assert.That(await RangeOf("unknown", 40), Is.EqualTo(((decimal?)12.0m, (decimal?)17.5m)));
        Assert.That((await Db.QueryAsync<string?>("SELECT unit FROM lab_test WHERE code = 'MRDT'")).Single(), Is.Null, "a text result has no unit");

        var random = new Random(4);
        foreach (var code in Clinic.Demo.DemoLab.Codes)
        {
            var (value, text) = Clinic.Demo.DemoLab.SampleResult(code, "female", random);
            Assert.That(value is not null ^ text is not null, Is.True, code);
        }
    }
}
