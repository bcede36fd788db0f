using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>Prescribing: who, items, the allergy and duplicate-therapy checks, cancelling and the status guard (db/procedures/prescription_*).</summary>
public class PrescriptionTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<ClinicRuleException> RefusedAsync(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!;

    private static Task<long> PrescriptionCountAsync(int visitId) =>
        Db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription WHERE visit_id = @visitId", new { visitId });

    [Test]
    public async Task The_treating_doctor_issues_a_prescription_with_structured_items()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var amoxicillin = await Db.NewMedicationAsync("amoxicillin", unitPrice: 350m, form: "capsule");
        var paracetamol = await Db.NewMedicationAsync("paracetamol");
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        var id = await prescriptions.IssueAsync(visit.VisitId,
        [
            PharmacyTestData.Item(amoxicillin, 15, today) with { Dose = "500 mg", Frequency = "three times a day", DurationDays = 5 },
            PharmacyTestData.Item(paracetamol, 20, today.AddDays(1)) with
            {
                Route = "ORAL", DurationDays = 7, EndDate = today.AddDays(3), Instructions = null,
            },
        ], "Review in a week");

        var rx = (await prescriptions.GetAsync(id))!;
        Assert.That(rx.Header.Status, Is.EqualTo(PrescriptionStatus.Issued));
        Assert.That((rx.Header.VisitId, rx.Header.PatientId, rx.Header.StaffId, rx.Header.IssuedBy, rx.Header.Notes),
            Is.EqualTo((visit.VisitId, visit.PatientId, visit.DoctorStaffId, visit.DoctorAccountId, "Review in a week")));
        Assert.That(rx.Header.Mrn, Does.StartWith("HMS/"));
        Assert.That(rx.Header.ClinicName, Is.Not.Empty);
        Assert.That(rx.Items.Select(i => i.MedicationId), Is.EqualTo(new[] { amoxicillin, paracetamol }));
        var first = rx.Items[0];
        Assert.That((first.Dose, first.Route, first.Frequency, first.DurationDays, first.Quantity, first.QuantityDispensed, first.QuantityRemaining),
            Is.EqualTo(("500 mg", "oral", "three times a day", 5, 15, 0, 15)));
        Assert.That((first.StartDate, first.EndDate), Is.EqualTo((today, today.AddDays(4))), "end date defaults to start + duration - 1");
        Assert.That((rx.Items[1].Route, rx.Items[1].StartDate, rx.Items[1].EndDate, rx.Items[1].Instructions),
            Is.EqualTo(("oral", today.AddDays(1), today.AddDays(3), (string?)null)));

        var forVisit = await prescriptions.ListForVisitAsync(visit.VisitId);
        Assert.That(forVisit.Single().PrescriptionId, Is.EqualTo(id));
        Assert.That(forVisit.Single().Items, Has.Count.EqualTo(2));

        var audit = await Db.QueryAsync<(string Table, int? Actor)>(
            "SELECT table_name, actor_user_id FROM audit_trail WHERE (table_name = 'prescription' AND row_key = @id) " +
            "OR (table_name = 'prescription_item' AND JSON_EXTRACT(new_row, '$.prescription_id') = @rx)", new { id = id.ToString(), rx = id });
        Assert.That(audit.Select(a => a.Table), Is.EquivalentTo(new[] { "prescription", "prescription_item", "prescription_item" }));
        Assert.That(audit.Select(a => a.Actor), Is.All.EqualTo(visit.DoctorAccountId));
    }

    [Test]
    public async Task Only_the_treating_doctor_prescribes_and_only_from_an_open_visit()
    {
        var visit = await Db.NewOpenVisitAsync();
        var medication = await Db.NewMedicationAsync();
        var today = await Db.TodayAsync();
        IReadOnlyList<PrescriptionItemInput> items = [PharmacyTestData.Item(medication, 10, today)];

        var pharmacist = await Db.NewPharmacistAsync();
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(pharmacist).IssueAsync(visit.VisitId, items))).Code, Is.EqualTo(50102));
        var adminId = await Db.AdminIdAsync();
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(adminId).IssueAsync(visit.VisitId, items))).Code, Is.EqualTo(50102));
        var other = await Db.NewOpenVisitAsync();
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(other.DoctorAccountId).IssueAsync(visit.VisitId, items))).Code,
            Is.EqualTo(PrescriptionCodes.NotTreatingDoctor));
        var (unlinked, _) = await Db.NewAccountAsync("doctor");
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(unlinked).IssueAsync(visit.VisitId, items))).Code,
            Is.EqualTo(PrescriptionCodes.NoDoctorRecord));
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(int.MaxValue, items))).Code,
            Is.EqualTo(PrescriptionCodes.UnknownVisit));

        await Db.ExecuteAsOwnerAsync("UPDATE visit SET status = 'closed', closed_at = NOW(), closed_by = @by WHERE visit_id = @id",
            new { by = visit.DoctorAccountId, id = visit.VisitId });
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(visit.VisitId, items))).Code,
            Is.EqualTo(PrescriptionCodes.VisitClosed));
        Assert.That(await PrescriptionCountAsync(visit.VisitId), Is.EqualTo(0));
    }

    [Test]
    public async Task Each_item_is_validated_and_the_message_names_the_first_offending_medication()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var name = "Ciprofloxacin " + Guid.NewGuid().ToString("N")[..6];
        var cipro = await Db.NewMedicationAsync("ciprofloxacin", name: name);
        var other = await Db.NewMedicationAsync();
        var ok = PharmacyTestData.Item(other, 10, today);
        var item = PharmacyTestData.Item(cipro, 10, today);
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        async Task ExpectAsync(PrescriptionItemInput bad, int code, bool named = true)
        {
            var ex = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [ok, bad]));
            Assert.That(ex.Code, Is.EqualTo(code), ex.Message);
            Assert.That(ex.Message.Length, Is.LessThanOrEqualTo(128));
            if (named)
                Assert.That(ex.Message, Does.StartWith(name), ex.Message);
        }

        await ExpectAsync(item with { Route = "by mouth" }, PrescriptionCodes.BadRoute);
        await ExpectAsync(item with { Dose = " " }, PrescriptionCodes.DoseOrFrequency);
        await ExpectAsync(item with { Frequency = new string('f', 51) }, PrescriptionCodes.DoseOrFrequency);
        await ExpectAsync(item with { DurationDays = 0 }, PrescriptionCodes.BadDuration);
        await ExpectAsync(item with { DurationDays = 366 }, PrescriptionCodes.BadDuration);
        await ExpectAsync(item with { Quantity = 0 }, PrescriptionCodes.BadQuantity);
        await ExpectAsync(item with { StartDate = today.AddDays(-1) }, PrescriptionCodes.BadStartDate);
        await ExpectAsync(item with { EndDate = today.AddDays(-1) }, PrescriptionCodes.BadEndDate);
        await ExpectAsync(item with { Instructions = new string('i', 501) }, PrescriptionCodes.TextTooLong);
        var missing = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [ok, item with { MedicationId = int.MaxValue }]));
        Assert.That((missing.Code, missing.Message), Is.EqualTo((PrescriptionCodes.UnknownMedication, "Line 2: choose a medication from the catalogue.")));
        var twice = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [item, ok, item with { Quantity = 3 }]));
        Assert.That((twice.Code, twice.Message), Is.EqualTo((PrescriptionCodes.MedicationTwice, name + " is listed twice. Put it on one line.")));
        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, []))).Code, Is.EqualTo(PrescriptionCodes.ItemCount));
        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [ok], new string('n', 501)))).Code,
            Is.EqualTo(PrescriptionCodes.NotesTooLong));

        await Db.MedicationsAs(await Db.AdminIdAsync()).SetActiveAsync(cipro, false);
        await ExpectAsync(item, PrescriptionCodes.InactiveMedication);
        Assert.That(await PrescriptionCountAsync(visit.VisitId), Is.EqualTo(0), "nothing is written when any item is refused");
    }

    [Test]
    public async Task Malformed_item_json_is_refused_with_a_code_not_a_server_error()
    {
        var visit = await Db.NewOpenVisitAsync();
        var medication = await Db.NewMedicationAsync();
        var today = (await Db.TodayAsync()).ToString("yyyy-MM-dd");
        async Task<int> CodeAsync(string? json)
        {
            var ex = await RefusedAsync(() => Db.Runner.QuerySingleOrDefaultAsync<int>("prescription_issue", Db.SessionOf(visit.DoctorAccountId),
                new { p_visit_id = visit.VisitId, p_items_json = json, p_notes = (string?)null }));
            return ex.Code;
        }

        Assert.That(await CodeAsync(null), Is.EqualTo(PrescriptionCodes.ItemsMalformed));
        Assert.That(await CodeAsync("not json"), Is.EqualTo(PrescriptionCodes.ItemsMalformed));
        Assert.That(await CodeAsync("{\"medication_id\": 1}"), Is.EqualTo(PrescriptionCodes.ItemsMalformed));
        Assert.That(await CodeAsync("[]"), Is.EqualTo(PrescriptionCodes.ItemCount));
        Assert.That(await CodeAsync("[1, 2]"), Is.EqualTo(PrescriptionCodes.UnknownMedication));
        Assert.That(await CodeAsync("[{\"medication_id\": \"abc\"}]"), Is.EqualTo(PrescriptionCodes.UnknownMedication));
        var item = $"\"medication_id\": {medication}, \"dose\": \"1\", \"route\": \"oral\", \"frequency\": \"daily\", \"duration_days\": 3";
        Assert.That(await CodeAsync($"[{{{item}, \"quantity\": 2.5, \"start_date\": \"{today}\"}}]"), Is.EqualTo(PrescriptionCodes.BadQuantity));
        Assert.That(await CodeAsync($"[{{{item}, \"quantity\": 3, \"start_date\": \"2030-02-30\"}}]"), Is.EqualTo(PrescriptionCodes.BadStartDate));
        Assert.That(await CodeAsync($"[{{{item}, \"quantity\": 3, \"start_date\": \"{today}\", \"end_date\": \"soon\"}}]"),
            Is.EqualTo(PrescriptionCodes.BadEndDate));
        Assert.That(await CodeAsync($"[{{{item}, \"quantity\": 3, \"start_date\": \"{today}\", \"instructions\": \"{new string('x', 70000)}\"}}]"),
            Is.EqualTo(PrescriptionCodes.TextTooLong));
        // The same item, well formed, is accepted: quantity and duration may be JSON numbers or numeric strings.
        Assert.That(await Db.Runner.QuerySingleOrDefaultAsync<int>("prescription_issue", Db.SessionOf(visit.DoctorAccountId), new
        {
            p_visit_id = visit.VisitId, p_items_json = $"[{{{item}, \"quantity\": \"3\", \"start_date\": \"{today}\"}}]", p_notes = (string?)null,
        }), Is.GreaterThan(0));
    }

    [Test]
    public async Task An_active_allergy_to_the_substance_blocks_the_item_naming_medication_and_allergy()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var name = "Amoxil " + Guid.NewGuid().ToString("N")[..6];
        var amoxicillin = await Db.NewMedicationAsync("Amoxicillin", name: name);
        var safe = await Db.NewMedicationAsync();
        await Db.AddAllergyAsync(visit.PatientId, "  amoxicillin ", "life_threatening");
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        var ex = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId,
            [PharmacyTestData.Item(safe, 5, today), PharmacyTestData.Item(amoxicillin, 15, today)]));
        Assert.That(ex.Code, Is.EqualTo(PrescriptionCodes.AllergyConflict));
        Assert.That(ex.Message, Is.EqualTo($"{name}: the patient has an active allergy to amoxicillin (life-threatening)."));
        Assert.That(await PrescriptionCountAsync(visit.VisitId), Is.EqualTo(0));

        // A blank reason is no reason.
        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId,
            [PharmacyTestData.Item(amoxicillin, 15, today, overrideReason: "  ")]))).Code, Is.EqualTo(PrescriptionCodes.AllergyConflict));
    }

    [Test]
    public async Task The_allergy_override_is_stored_and_audited()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var amoxicillin = await Db.NewMedicationAsync("amoxicillin");
        var other = await Db.NewMedicationAsync();
        await Db.AddAllergyAsync(visit.PatientId, "Amoxicillin", "mild");
        const string reason = "Mild rash only in childhood; benefits outweigh the risk";

        var id = await Db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(visit.VisitId,
        [
            PharmacyTestData.Item(amoxicillin, 15, today, overrideReason: reason),
            PharmacyTestData.Item(other, 5, today, overrideReason: "not needed"),
        ]);

        var items = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(id))!.Items;
        Assert.That(items.Select(i => i.AllergyOverrideReason), Is.EqualTo(new[] { reason, null }), "only a matched allergy keeps a reason");
        var audit = await Db.QueryAsync<(int? Actor, string NewRow)>(
            "SELECT actor_user_id, new_row FROM audit_trail WHERE table_name = 'prescription_item' AND action = 'INSERT' AND row_key = @key",
            new { key = items[0].PrescriptionItemId.ToString() });
        Assert.That(audit.Single().Actor, Is.EqualTo(visit.DoctorAccountId));
        using var json = JsonDocument.Parse(audit.Single().NewRow);
        Assert.That(json.RootElement.GetProperty("allergy_override_reason").GetString(), Is.EqualTo(reason));
    }

    [Test]
    public async Task Allergies_match_a_component_of_a_combination_and_inactive_allergies_do_not_block()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var coartem = await Db.NewMedicationAsync("Artemether / Lumefantrine");
        var cotrimoxazole = await Db.NewMedicationAsync("sulfamethoxazole + trimethoprim");
        var metformin = await Db.NewMedicationAsync("metformin");
        await Db.AddAllergyAsync(visit.PatientId, "lumefantrine");
        await Db.AddAllergyAsync(visit.PatientId, "Sulfamethoxazole");
        await Db.AddAllergyAsync(visit.PatientId, "metformin", active: false);
        await Db.AddAllergyAsync(visit.PatientId, "formin");
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(coartem, 24, today)]))).Message,
            Does.Contain("allergy to lumefantrine"));
        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(cotrimoxazole, 10, today)]))).Message,
            Does.Contain("allergy to Sulfamethoxazole"));
        // An inactive allergy, and a substance that only contains the allergy's text, do not block.
        Assert.That(await prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(metformin, 60, today)]), Is.GreaterThan(0));
    }

    [Test]
    public async Task Duplicate_therapy_warns_naming_the_active_prescription_until_confirmed()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var substance = "ibuprofen-" + Guid.NewGuid().ToString("N")[..6];
        var brufen = await Db.NewMedicationAsync(substance, name: "Brufen " + Guid.NewGuid().ToString("N")[..6]);
        var ibuprofen = await Db.NewMedicationAsync(substance.ToUpperInvariant(), name: "Ibuprofen " + Guid.NewGuid().ToString("N")[..6]);
        var first = await Db.IssueAsync(visit, (brufen, 10));
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        var same = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(brufen, 10, today)]));
        Assert.That(same.Code, Is.EqualTo(PrescriptionCodes.DuplicateTherapy));
        var brufenName = (await Db.MedicationsAs(await Db.AdminIdAsync()).GetAsync(brufen))!.Name;
        var ibuprofenName = (await Db.MedicationsAs(await Db.AdminIdAsync()).GetAsync(ibuprofen))!.Name;
        Assert.That(same.Message, Is.EqualTo($"Duplicate therapy: {brufenName}. The patient already has {brufenName} on prescription {first}."));
        var substanceOnly = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(ibuprofen, 10, today)]));
        Assert.That(substanceOnly.Code, Is.EqualTo(PrescriptionCodes.DuplicateTherapy));
        Assert.That(substanceOnly.Message, Does.Contain(ibuprofenName).And.Contain(brufenName));
        Assert.That(await PrescriptionCountAsync(visit.VisitId), Is.EqualTo(1));

        var confirmed = await prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(ibuprofen, 10, today, duplicateConfirmed: true)]);
        Assert.That((await prescriptions.GetAsync(confirmed))!.Items.Single().DuplicateConfirmed, Is.True);

        // Another patient is not affected, and a confirmation without a duplicate stores nothing.
        var otherVisit = await Db.NewVisitForDoctorAsync(visit);
        var unaffected = await prescriptions.IssueAsync(otherVisit, [PharmacyTestData.Item(brufen, 10, today, duplicateConfirmed: true)]);
        Assert.That((await prescriptions.GetAsync(unaffected))!.Items.Single().DuplicateConfirmed, Is.False);
    }

    [Test]
    public async Task Cancelled_and_finished_prescriptions_do_not_count_as_duplicates_but_a_running_dispensed_one_does()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 100, 300);
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        var cancelled = await Db.IssueAsync(visit, (medication, 10));
        await prescriptions.CancelAsync(cancelled, "Wrong patient");
        var dispensed = await Db.IssueAsync(visit, (medication, 10));
        await Db.DispensingAs(await Db.NewPharmacistAsync()).DispenseAsync(dispensed);
        var ex = await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [PharmacyTestData.Item(medication, 10, today)]));
        Assert.That(ex.Code, Is.EqualTo(PrescriptionCodes.DuplicateTherapy), "dispensed, and the course runs until its end date");
        Assert.That(ex.Message, Does.EndWith($"on prescription {dispensed}."));

        // A dispensed course that ended yesterday (written by the schema owner: the procedures never back-date) does not count.
        var other = await Db.NewOpenVisitAsync();
        var adminId = await Db.AdminIdAsync();
        await Db.ExecuteAsOwnerAsync(
            "INSERT INTO prescription (visit_id, patient_id, staff_id, status, issued_by, issued_at, dispensed_at) " +
            "VALUES (@visit, @patient, @staff, 'dispensed', @by, NOW() - INTERVAL 10 DAY, NOW() - INTERVAL 10 DAY); " +
            "INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, " +
            "quantity_dispensed, start_date, end_date) VALUES (LAST_INSERT_ID(), @medication, '1', 'oral', 'daily', 9, 9, 9, " +
            "CURDATE() - INTERVAL 10 DAY, CURDATE() - INTERVAL 1 DAY);",
            new { visit = other.VisitId, patient = other.PatientId, staff = other.DoctorStaffId, by = other.DoctorAccountId, medication });
        Assert.That(await Db.PrescriptionsAs(other.DoctorAccountId).IssueAsync(other.VisitId, [PharmacyTestData.Item(medication, 10, today)]),
            Is.GreaterThan(0));
        _ = adminId;
    }

    [Test]
    public async Task The_allergy_check_comes_before_the_duplicate_check_and_both_can_be_answered_at_once()
    {
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var medication = await Db.NewMedicationAsync("ceftriaxone");
        await Db.IssueAsync(visit, (medication, 2));
        await Db.AddAllergyAsync(visit.PatientId, "Ceftriaxone");
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);
        var item = PharmacyTestData.Item(medication, 2, today);

        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [item]))).Code, Is.EqualTo(PrescriptionCodes.AllergyConflict));
        Assert.That((await RefusedAsync(() => prescriptions.IssueAsync(visit.VisitId, [item with { AllergyOverrideReason = "Tolerated before" }]))).Code,
            Is.EqualTo(PrescriptionCodes.DuplicateTherapy));
        Assert.That(await prescriptions.IssueAsync(visit.VisitId, [item with { AllergyOverrideReason = "Tolerated before", DuplicateConfirmed = true }]),
            Is.GreaterThan(0));
    }

    [Test]
    public async Task The_issuing_doctor_or_an_administrator_cancels_with_a_reason()
    {
        var medication = await Db.NewMedicationAsync();
        var (visit, id) = await Db.NewPrescriptionAsync((medication, 10));
        var other = await Db.NewOpenVisitAsync();

        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(id, " "))).Code,
            Is.EqualTo(PrescriptionCodes.CancelReasonRequired));
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(other.DoctorAccountId).CancelAsync(id, "Not mine"))).Code,
            Is.EqualTo(PrescriptionCodes.NotIssuingDoctor));
        var pharmacist = await Db.NewPharmacistAsync();
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(pharmacist).CancelAsync(id, "No"))).Code, Is.EqualTo(50102));
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(int.MaxValue, "x"))).Code,
            Is.EqualTo(PrescriptionCodes.UnknownPrescription));

        await Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(id, "Patient prefers syrup");
        var header = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(id))!.Header;
        Assert.That((header.Status, header.CancelReason, header.CancelledBy), Is.EqualTo((PrescriptionStatus.Cancelled, "Patient prefers syrup", (int?)visit.DoctorAccountId)));
        Assert.That(header.CancelledAt, Is.Not.Null);
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(id, "again"))).Code,
            Is.EqualTo(PrescriptionCodes.NotCancellable));

        var (_, second) = await Db.NewPrescriptionAsync((medication, 10));
        await Db.PrescriptionsAs(await Db.AdminIdAsync()).CancelAsync(second, "Duplicate entry");
        Assert.That((await Db.PrescriptionsAs(await Db.AdminIdAsync()).GetAsync(second))!.Header.Status, Is.EqualTo(PrescriptionStatus.Cancelled));
    }

    [Test]
    public async Task The_status_guard_holds_even_for_the_schema_owner()
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 100, 200);
        var (visit, id) = await Db.NewPrescriptionAsync((medication, 10));
        async Task<int> OwnerAsync(string sql)
        {
            var ex = await Assert.ThrowsAsync<MySqlException>(() => Db.ExecuteAsOwnerAsync(sql, new { id }));
            return ex!.Number;
        }

        Assert.That(await OwnerAsync("UPDATE prescription SET status = 'dispensed' WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.StatusMismatch));
        Assert.That(await OwnerAsync("UPDATE prescription SET status = 'partially_dispensed' WHERE prescription_id = @id"),
            Is.EqualTo(PrescriptionCodes.StatusMismatch));
        Assert.That(await OwnerAsync("UPDATE prescription SET status = 'cancelled' WHERE prescription_id = @id"),
            Is.EqualTo(PrescriptionCodes.CancelReasonRequired));
        Assert.That(await OwnerAsync("UPDATE prescription SET visit_id = visit_id + 1 WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.FixedFields));
        Assert.That(await OwnerAsync("UPDATE prescription_item SET quantity = 99 WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.ItemFixed));

        await Db.DispensingAs(await Db.NewPharmacistAsync()).DispenseAsync(id, [new DispenseItemInput(
            (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(id))!.Items[0].PrescriptionItemId, 4)]);
        Assert.That(await OwnerAsync("UPDATE prescription SET status = 'issued' WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.StatusChangeNotAllowed));
        Assert.That(await OwnerAsync("UPDATE prescription_item SET quantity_dispensed = 0 WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.ItemFixed));

        await Db.ExecuteAsOwnerAsync("UPDATE prescription SET status = 'cancelled', cancel_reason = 'Stopped' WHERE prescription_id = @id", new { id });
        var cancelled = (await Db.QueryAsync<(DateTime? At, int? By)>(
            "SELECT cancelled_at, cancelled_by FROM prescription WHERE prescription_id = @id", new { id })).Single();
        Assert.That(cancelled.At, Is.Not.Null, "the guard stamps cancelled_at");
        Assert.That(await OwnerAsync("UPDATE prescription SET status = 'partially_dispensed' WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.Final));
        Assert.That(await OwnerAsync("UPDATE prescription SET cancel_reason = 'Other' WHERE prescription_id = @id"), Is.EqualTo(PrescriptionCodes.Final));
    }

    [Test]
    public async Task Pending_prescriptions_list_oldest_first_and_filters_narrow_the_list()
    {
        var medication = await Db.NewMedicationAsync();
        var visit = await Db.NewOpenVisitAsync();
        var first = await Db.IssueAsync(visit, (medication, 1));
        var secondVisit = await Db.NewVisitForDoctorAsync(visit);
        var second = await Db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(secondVisit,
            [PharmacyTestData.Item(medication, 1, await Db.TodayAsync())]);
        var third = await Db.IssueAsync(visit, (await Db.NewMedicationAsync(), 1));
        await Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(third, "Changed my mind");
        // Issued in the same second or not, ties are broken by id, so the order is stable.

        var prescriptions = Db.PrescriptionsAs(await Db.NewPharmacistAsync());
        var pending = await prescriptions.ListAsync(new PrescriptionListFilter { Status = PrescriptionStatus.Pending, StaffId = visit.DoctorStaffId });
        Assert.That(pending.Select(p => p.PrescriptionId), Is.EqualTo(new[] { first, second }));
        Assert.That(pending[0].TotalCount, Is.EqualTo(2));
        Assert.That(pending[0].ItemCount, Is.EqualTo(1));
        Assert.That(pending[0].Items, Does.StartWith("Med "));

        var all = await prescriptions.ListAsync(new PrescriptionListFilter { StaffId = visit.DoctorStaffId });
        Assert.That(all.Select(p => p.PrescriptionId), Is.EqualTo(new[] { third, second, first }), "newest first");
        var mine = await prescriptions.ListAsync(new PrescriptionListFilter { PatientId = visit.PatientId });
        Assert.That(mine.Select(p => p.PrescriptionId), Is.EquivalentTo(new[] { first, third }));
        var cancelled = await prescriptions.ListAsync(new PrescriptionListFilter { Status = PrescriptionStatus.Cancelled, StaffId = visit.DoctorStaffId });
        Assert.That(cancelled.Single().PrescriptionId, Is.EqualTo(third));
        var today = await Db.TodayAsync();
        Assert.That(await prescriptions.ListAsync(new PrescriptionListFilter { StaffId = visit.DoctorStaffId, From = today.AddDays(1) }), Is.Empty);
        Assert.That(await prescriptions.ListAsync(new PrescriptionListFilter { StaffId = visit.DoctorStaffId, From = today, To = today }), Has.Count.EqualTo(3));
        Assert.That((await prescriptions.ListAsync(new PrescriptionListFilter { StaffId = visit.DoctorStaffId }, offset: 1, limit: 1)).Single().PrescriptionId,
            Is.EqualTo(second));
    }
}
