using Clinic.Data.Common;
using Clinic.Data.Patients;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The patient's medical history (patient_history), vitals trend (patient_vitals_trend) and clinical
/// summary (patient_clinical_summary). The clinical rows are written as the schema owner.
/// </summary>
public class PatientHistoryTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>The history as read by the visit's treating doctor (part of the patient's care).</summary>
    private static Task<PatientHistoryProcedures> DoctorAsync(OpenVisit visit) => Task.FromResult(Db.HistoryAs(visit.DoctorAccountId));

    private static async Task<IReadOnlyList<PatientHistoryRow>> AllAsync(PatientHistoryProcedures history, int patientId, params string[] kinds) =>
        await history.PageAsync(patientId, kinds.Length == 0 ? null : kinds, 0, 100);

    [Test]
    public async Task Lists_every_kind_newest_first_with_its_title_detail_status_and_visit()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var icdTitle = await Db.Icd10Async("J06.9", "Acute upper respiratory infection, unspecified");
        var amoxicillin = await Db.MedicationAsync("Amoxicillin", "500 mg");
        var paracetamol = await Db.MedicationAsync("Paracetamol", "500 mg");
        var haemoglobin = await Db.LabTestAsync("Haemoglobin", "g/dL");

        var diagnosis = await Db.DiagnosisAsync(visit, "J06.9", primary: true, t.AddMinutes(1));
        var vitals = await Db.VitalsAsync(visit, t.AddMinutes(2));
        var allergy = await Db.AllergyAsync(visit, "Penicillin", "severe", t.AddMinutes(3));
        var problem = await Db.ProblemAsync(visit, "Hypertension", t.AddMinutes(4), onset: new DateTime(2024, 3, 1));
        var prescription = await Db.PrescriptionAsync(visit, t.AddMinutes(5), (amoxicillin.Id, 21), (paracetamol.Id, 20));
        var lab = await Db.LabOrderAsync(visit, haemoglobin.Id, "verified", t.AddMinutes(6));

        var rows = await AllAsync(await DoctorAsync(visit), visit.PatientId);

        Assert.That(rows.Select(r => (r.Kind, r.ItemId)), Is.EqualTo(new[]
        {
            ("lab_result", lab), ("prescription", prescription), ("problem", problem), ("allergy", allergy),
            ("vitals", vitals), ("diagnosis", diagnosis), ("visit", visit.VisitId),
        }));
        Assert.That(rows.Select(r => r.OccurredAt), Is.EqualTo(Enumerable.Range(0, 7).Select(i => t.AddMinutes(6 - i))));
        Assert.That(rows.Select(r => r.HasMore), Is.All.False);

        var byKind = rows.ToDictionary(r => r.Kind);
        Assert.Multiple(() =>
        {
            Assert.That(byKind["lab_result"].Title, Is.EqualTo($"Lab result: {haemoglobin.Name}"));
            Assert.That(byKind["lab_result"].Detail, Is.EqualTo($"{haemoglobin.Name} 9.1 g/dL LOW (12-16)"));
            Assert.That(byKind["lab_result"].Status, Is.EqualTo("final"));
            Assert.That(byKind["lab_result"].Flag, Is.EqualTo("low"));
            Assert.That(byKind["lab_result"].IsAbnormal, Is.True);
            Assert.That(byKind["prescription"].Detail, Is.EqualTo($"{amoxicillin.Name} 500 mg x 21, {paracetamol.Name} 500 mg x 20"));
            Assert.That(byKind["prescription"].Status, Is.EqualTo("issued"));
            Assert.That(byKind["prescription"].ClinicianName, Does.StartWith("Doc Tor"));
            Assert.That(byKind["problem"].Title, Is.EqualTo("Problem: Hypertension"));
            Assert.That(byKind["problem"].Detail, Is.EqualTo("since 2024-03-01"));
            Assert.That(byKind["problem"].Status, Is.EqualTo("active"));
            Assert.That(byKind["problem"].VisitId, Is.Null);
            Assert.That(byKind["allergy"].Title, Is.EqualTo("Allergy: Penicillin"));
            Assert.That(byKind["allergy"].Detail, Is.EqualTo("Rash · severe"));
            Assert.That(byKind["allergy"].Flag, Is.EqualTo("severe"));
            Assert.That(byKind["allergy"].ClinicianName, Is.EqualTo("Test doctor"));
            Assert.That(byKind["vitals"].Title, Is.EqualTo("Vital signs"));
            Assert.That(byKind["vitals"].Detail, Is.EqualTo("BP 150/95, pulse 88, T 37.2, weight 70.5 kg, height 170 cm, BMI 24.4"));
            Assert.That(byKind["vitals"].Status, Is.Null);
            Assert.That(byKind["diagnosis"].Detail, Is.EqualTo($"J06.9 {icdTitle} (primary)"));
            Assert.That(byKind["diagnosis"].Flag, Is.EqualTo("primary"));
            Assert.That(byKind["visit"].Title, Does.StartWith("Visit · Dr Doc Tor"));
            Assert.That(byKind["visit"].Detail, Does.StartWith("Dept "));
            Assert.That(byKind["visit"].Status, Is.EqualTo("open"));
            Assert.That(rows.Where(r => r.Kind is not ("allergy" or "problem")).Select(r => r.VisitId), Is.All.EqualTo(visit.VisitId));
            Assert.That(rows.Where(r => r.Kind != "lab_result").Select(r => r.IsAbnormal), Is.All.False);
        });
    }

    [Test]
    public async Task The_visit_shows_its_assessment_and_a_normal_result_is_not_abnormal()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        await Db.ExecuteAsync(
            "INSERT INTO visit_note (visit_id, subjective, assessment, updated_by) VALUES (@VisitId, 'Cough for 3 days', 'Viral URTI', @DoctorAccountId)",
            visit);
        var test = await Db.LabTestAsync("Glucose", "mmol/L");
        await Db.LabOrderAsync(visit, test.Id, "verified", t.AddMinutes(1), value: 5.5m, low: 3.9m, high: 7.8m);
        var noRange = await Db.LabTestAsync("Malaria RDT", "");
        await Db.LabOrderAsync(visit, noRange.Id, "verified", t.AddMinutes(2), value: 1m, low: null, high: null);

        var rows = await AllAsync(await DoctorAsync(visit), visit.PatientId);

        Assert.That(rows[0].Detail, Is.EqualTo($"{noRange.Name} 1 g/dL"));
        Assert.That(rows[0].Flag, Is.Null);
        Assert.That(rows[1].Detail, Is.EqualTo($"{test.Name} 5.5 g/dL (3.9-7.8)"));
        Assert.That(rows[1].Flag, Is.EqualTo("normal"));
        Assert.That(rows[1].IsAbnormal, Is.False);
        Assert.That(rows[2].Detail, Does.EndWith(" · Viral URTI"));
    }

    [Test]
    public async Task Pages_follow_each_other_without_gaps_or_repeats_even_when_times_tie()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var medication = await Db.MedicationAsync("Metformin", "500 mg");
        var test = await Db.LabTestAsync("Creatinine", "umol/L");
        await Db.Icd10Async("E11.9", "Type 2 diabetes mellitus without complications");
        await Db.Icd10Async("I10", "Essential (primary) hypertension");
        // Four distinct times only, so many events tie with each other within and across kinds.
        DateTime At(int i) => t.AddMinutes(1 + i % 4);
        for (var i = 0; i < 7; i++)
            await Db.VitalsAsync(visit, At(i), pulse: 70 + i);
        for (var i = 0; i < 5; i++)
            await Db.AllergyAsync(visit, "Substance " + i, "mild", At(i + 1));
        for (var i = 0; i < 5; i++)
            await Db.PrescriptionAsync(visit, At(i + 2), (medication.Id, 10 + i));
        for (var i = 0; i < 5; i++)
            await Db.LabOrderAsync(visit, test.Id, "verified", At(i + 3), value: 80 + i, low: 60, high: 110);
        await Db.DiagnosisAsync(visit, "E11.9", primary: true, At(0));
        await Db.DiagnosisAsync(visit, "I10", primary: false, At(0));
        for (var i = 0; i < 3; i++)
            await Db.ProblemAsync(visit, "Problem " + i, At(i));
        var history = await DoctorAsync(visit);

        var all = await AllAsync(history, visit.PatientId);
        Assert.That(all, Has.Count.EqualTo(1 + 7 + 5 + 5 + 5 + 2 + 3));
        for (var i = 1; i < all.Count; i++)
        {
            var (a, b) = (all[i - 1], all[i]);
            var ordered = a.OccurredAt > b.OccurredAt
                || (a.OccurredAt == b.OccurredAt && string.CompareOrdinal(a.Kind, b.Kind) < 0)
                || (a.OccurredAt == b.OccurredAt && a.Kind == b.Kind && a.ItemId > b.ItemId);
            Assert.That(ordered, Is.True, $"row {i}: {a.OccurredAt:HH:mm:ss} {a.Kind} {a.ItemId} before {b.OccurredAt:HH:mm:ss} {b.Kind} {b.ItemId}");
        }

        foreach (var size in new[] { 1, 4, 7, 20 })
        {
            var paged = new List<PatientHistoryRow>();
            for (var offset = 0; offset < all.Count + size; offset += size)
            {
                var page = await history.PageAsync(visit.PatientId, null, offset, size);
                Assert.That(page, Has.Count.EqualTo(Math.Clamp(all.Count - offset, 0, size)));
                Assert.That(page.Select(r => r.HasMore), Is.All.EqualTo(offset + size < all.Count), $"has_more at offset {offset}, pages of {size}");
                paged.AddRange(page);
            }
            Assert.That(paged.Select(r => (r.Kind, r.ItemId)), Is.EqualTo(all.Select(r => (r.Kind, r.ItemId))), $"pages of {size}");
        }
        Assert.That(await history.PageAsync(visit.PatientId, null, 0, 1000), Has.Count.EqualTo(all.Count));
        Assert.That(await history.PageAsync(visit.PatientId, null, 0, 0), Has.Count.EqualTo(1), "a page holds at least one row");
    }

    [Test]
    public async Task The_kinds_filter_keeps_only_the_kinds_asked_for_and_counts_only_them()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var test = await Db.LabTestAsync("Haemoglobin", "g/dL");
        await Db.VitalsAsync(visit, t.AddMinutes(1));
        await Db.VitalsAsync(visit, t.AddMinutes(2));
        await Db.AllergyAsync(visit, "Sulfonamides", "moderate", t.AddMinutes(3));
        await Db.LabOrderAsync(visit, test.Id, "verified", t.AddMinutes(4));
        var history = await DoctorAsync(visit);

        var labAndAllergy = await AllAsync(history, visit.PatientId, HistoryKind.LabResult, HistoryKind.Allergy);
        Assert.That(labAndAllergy.Select(r => r.Kind), Is.EqualTo(new[] { "lab_result", "allergy" }));
        Assert.That(labAndAllergy.Select(r => r.HasMore), Is.All.False);
        var firstVitals = await history.PageAsync(visit.PatientId, [HistoryKind.Vitals], 0, 1);
        Assert.That(firstVitals.Single().HasMore, Is.True, "the second vitals set follows");
        Assert.That((await history.PageAsync(visit.PatientId, [HistoryKind.Vitals, HistoryKind.LabResult], 2, 1)).Single().HasMore, Is.False,
            "only the filtered kinds count for the next page");

        var vitals = await AllAsync(history, visit.PatientId, " Vitals ");
        Assert.That(vitals.Select(r => r.Kind), Is.EqualTo(new[] { "vitals", "vitals" }), "spaces and case are ignored");
        Assert.That(await AllAsync(history, visit.PatientId, HistoryKind.Problem), Is.Empty);
        Assert.That(await AllAsync(history, visit.PatientId), Has.Count.EqualTo(5), "no filter: every kind");
        Assert.That(await history.PageAsync(visit.PatientId, [], 0, 100), Has.Count.EqualTo(5), "an empty filter: every kind");

        foreach (var bad in new[] { "visits", "vitals,invoice", "lab" })
        {
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => history.PageAsync(visit.PatientId, [bad], 0, 20));
            Assert.That(ex!.Code, Is.EqualTo(PatientHistoryProcedures.UnknownKind), bad);
        }
    }

    [Test]
    public async Task A_lab_result_is_final_only_once_verified_and_orders_without_a_result_or_cancelled_are_absent()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var test = await Db.LabTestAsync("Potassium", "mmol/L");
        var ordered = await Db.LabOrderAsync(visit, test.Id, "ordered", t.AddMinutes(1));
        var collected = await Db.LabOrderAsync(visit, test.Id, "specimen_collected", t.AddMinutes(2));
        var cancelled = await Db.LabOrderAsync(visit, test.Id, "cancelled", t.AddMinutes(3));
        var preliminary = await Db.LabOrderAsync(visit, test.Id, "resulted", t.AddMinutes(4), value: 6.1m, low: 3.5m, high: 5.1m);
        var final = await Db.LabOrderAsync(visit, test.Id, "verified", t.AddMinutes(5), value: 4.0m, low: 3.5m, high: 5.1m);
        var history = await DoctorAsync(visit);

        var rows = await AllAsync(history, visit.PatientId, HistoryKind.LabResult);

        Assert.That(rows.Select(r => (r.ItemId, r.Status)), Is.EqualTo(new[] { (final, "final"), (preliminary, "preliminary") }));
        Assert.That(rows.Select(r => r.ItemId), Has.None.EqualTo(ordered).And.None.EqualTo(collected).And.None.EqualTo(cancelled));
        Assert.That(rows[1].IsAbnormal, Is.True, "a preliminary result outside its range is still highlighted");
        Assert.That(rows[1].Detail, Does.Contain("6.1 g/dL HIGH (3.5-5.1)"));
        Assert.That(rows[1].OccurredAt, Is.EqualTo(t.AddMinutes(4)), "placed when it was resulted");

        // Once verified, the same order becomes final.
        await Db.ExecuteAsync("UPDATE lab_order SET status = 'verified', verified_by = @admin WHERE lab_order_id = @preliminary",
            new { admin = await Db.AdminIdAsync(), preliminary });
        rows = await AllAsync(history, visit.PatientId, HistoryKind.LabResult);
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo("final"));
    }

    [Test]
    public async Task Another_patients_record_never_shows()
    {
        var visit = await Db.NewOpenVisitAsync();
        var other = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(other.VisitId);
        await Db.VitalsAsync(other, t.AddMinutes(1));
        await Db.AllergyAsync(other, "Latex", "mild", t.AddMinutes(1));
        var history = await DoctorAsync(visit);

        var rows = await AllAsync(history, visit.PatientId);
        Assert.That(rows.Select(r => (r.Kind, r.ItemId)), Is.EqualTo(new[] { ("visit", visit.VisitId) }));
        Assert.That(await history.SummaryAsync(visit.PatientId), Is.Empty);
        Assert.That(await history.VitalsTrendAsync(visit.PatientId, 20), Is.Empty);
    }

    [TestCase("admin", true)]
    [TestCase("doctor", true)]
    [TestCase("nurse", true)]
    [TestCase("receptionist", false)]
    [TestCase("pharmacist", false)]
    [TestCase("billing_clerk", false)]
    [TestCase("patient", false)]
    public async Task Only_doctors_nurses_and_administrators_read_the_clinical_record(string role, bool allowed)
    {
        var visit = await Db.NewOpenVisitAsync();
        var history = Db.HistoryAs(role switch
        {
            "admin" => await Db.AdminIdAsync(),
            "doctor" => visit.DoctorAccountId,
            "nurse" => await Db.NewStaffAccountAsync("nurse", visit.DepartmentId),
            _ => (await Db.NewAccountAsync(role)).Id,
        });
        var calls = new Func<Task>[]
        {
            () => history.PageAsync(visit.PatientId, null, 0, 20),
            () => history.VitalsTrendAsync(visit.PatientId, 20),
            () => history.SummaryAsync(visit.PatientId),
        };
        foreach (var call in calls)
        {
            if (allowed)
                await Assert.DoesNotThrowAsync(() => call());
            else
            {
                var ex = await Assert.CatchAsync<ClinicRuleException>(() => call());
                Assert.That(ex!.Code, Is.EqualTo(50102));
            }
        }
    }

    [Test]
    public async Task An_unknown_patient_is_refused()
    {
        var history = await DoctorAsync(await Db.NewOpenVisitAsync());
        var calls = new Func<Task>[]
        {
            () => history.PageAsync(int.MaxValue, null, 0, 20),
            () => history.VitalsTrendAsync(int.MaxValue, 20),
            () => history.SummaryAsync(int.MaxValue),
        };
        foreach (var call in calls)
        {
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => call());
            Assert.That(ex!.Code, Is.EqualTo(50209));
        }
    }

    [Test]
    public async Task The_vitals_trend_holds_the_latest_sets_oldest_first_with_bmi_computed()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var first = await Db.VitalsAsync(visit, t.AddMinutes(1), weight: 80m, height: 180m);
        var second = await Db.VitalsAsync(visit, t.AddMinutes(2), systolic: 120, diastolic: 80, weight: 78.4m, height: 180m);
        var third = await Db.VitalsAsync(visit, t.AddMinutes(3), systolic: null, diastolic: null, weight: 77m, height: null);
        var history = await DoctorAsync(visit);

        var all = await history.VitalsTrendAsync(visit.PatientId, 20);
        Assert.That(all.Select(p => p.VitalSignId), Is.EqualTo(new[] { first, second, third }));
        Assert.That(all.Select(p => p.Bmi), Is.EqualTo(new decimal?[] { 24.7m, 24.2m, null }));
        Assert.That(all[1].SystolicMmhg, Is.EqualTo(120));
        Assert.That(all[1].DiastolicMmhg, Is.EqualTo(80));
        Assert.That(all[1].TemperatureC, Is.EqualTo(37.2m));
        Assert.That(all[2].SystolicMmhg, Is.Null);
        Assert.That(all[0].VisitId, Is.EqualTo(visit.VisitId));

        var latestTwo = await history.VitalsTrendAsync(visit.PatientId, 2);
        Assert.That(latestTwo.Select(p => p.VitalSignId), Is.EqualTo(new[] { second, third }));
    }

    [Test]
    public async Task The_summary_lists_active_allergies_most_severe_first_active_problems_and_the_latest_vitals()
    {
        var visit = await Db.NewOpenVisitAsync();
        var t = await Db.StartedAtAsync(visit.VisitId);
        var mild = await Db.AllergyAsync(visit, "Aspirin", "mild", t.AddMinutes(1), reaction: "Nausea");
        var lifeThreatening = await Db.AllergyAsync(visit, "Penicillin", "life_threatening", t.AddMinutes(2), reaction: "Anaphylaxis");
        await Db.AllergyAsync(visit, "Codeine", "severe", t.AddMinutes(3), active: false);
        var older = await Db.ProblemAsync(visit, "Asthma", t.AddMinutes(1), onset: new DateTime(2010, 1, 1));
        var newer = await Db.ProblemAsync(visit, "Hypertension", t.AddMinutes(2), onset: new DateTime(2024, 3, 1));
        await Db.ProblemAsync(visit, "Malaria", t.AddMinutes(3), onset: new DateTime(2025, 1, 1), resolved: new DateTime(2025, 1, 20));
        await Db.VitalsAsync(visit, t.AddMinutes(4), systolic: 130, diastolic: 85);
        var latest = await Db.VitalsAsync(visit, t.AddMinutes(5));
        var summary = await (await DoctorAsync(visit)).SummaryAsync(visit.PatientId);

        Assert.That(summary.Select(s => (s.ItemKind, s.ItemId)), Is.EqualTo(new[]
        {
            ("allergy", lifeThreatening), ("allergy", mild), ("problem", newer), ("problem", older), ("vitals", latest),
        }));
        Assert.That(summary[0].Label, Is.EqualTo("Penicillin"));
        Assert.That(summary[0].Detail, Is.EqualTo("Anaphylaxis"));
        Assert.That(summary[0].Flag, Is.EqualTo("life_threatening"));
        Assert.That(summary[2].Label, Is.EqualTo("Hypertension"));
        Assert.That(summary[2].Detail, Is.EqualTo("since 2024-03-01"));
        Assert.That(summary[4].Detail, Is.EqualTo("BP 150/95, pulse 88, T 37.2, weight 70.5 kg, height 170 cm, BMI 24.4"));
        Assert.That(summary[4].VisitId, Is.EqualTo(visit.VisitId));
        Assert.That(summary[4].RecordedAt, Is.EqualTo(t.AddMinutes(5)));
    }

    [Test]
    public async Task Reading_the_record_writes_nothing()
    {
        var visit = await Db.NewOpenVisitAsync();
        await Db.VitalsAsync(visit, (await Db.StartedAtAsync(visit.VisitId)).AddMinutes(1));
        var history = await DoctorAsync(visit);
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        await history.PageAsync(visit.PatientId, null, 0, 20);
        await history.VitalsTrendAsync(visit.PatientId, 20);
        await history.SummaryAsync(visit.PatientId);

        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before AND table_name IN " +
            "('visit', 'vital_sign', 'allergy', 'problem', 'visit_diagnosis', 'prescription', 'lab_order')", new { before }), Is.EqualTo(0));
    }
}
