using System.Text.Json;
using Clinic.Data.Clinical;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>The patient-level clinical record: allergies (one active per substance, never deleted) and the problem list.</summary>
public class ClinicalRecordTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, OpenVisit> CareOf = new();

    /// <summary>A nurse of a department with a treating doctor; patients made by <see cref="PatientInCareAsync"/> are in their care.</summary>
    private static async Task<(ClinicalRecordProcedures Record, int ActorId)> NurseAsync()
    {
        var care = await Db.NewOpenVisitAsync();
        var nurse = await Db.NewStaffAccountAsync("nurse", care.DepartmentId);
        CareOf[nurse] = care;
        return (Db.ClinicalAs(nurse), nurse);
    }

    /// <summary>A new patient seen by a doctor of the nurse's department (minimum necessary: the nurse may read their record).</summary>
    private static async Task<int> PatientInCareAsync(int nurse)
    {
        var patient = await Db.NewPatientAsync();
        await Db.NewVisitForDoctorAsync(CareOf[nurse], patient);
        return patient;
    }

    [Test]
    public async Task An_allergy_is_recorded_trimmed_with_who_recorded_it_and_audited()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);
        var before = await Db.MaxAuditIdAsync();

        var id = await record.AddAllergyAsync(patient, new AllergyInput { Substance = "  Amoxicillin   trihydrate ", Reaction = " Urticaria ", Severity = "Life-threatening" });

        var row = (await record.AllergiesAsync(patient)).Single();
        Assert.That((row.AllergyId, row.Substance, row.Reaction, row.Severity, row.Status, row.RecordedBy, row.RecordedByName),
            Is.EqualTo((id, "Amoxicillin trihydrate", (string?)"Urticaria", "life_threatening", "active", nurse, (string?)"Test nurse")));
        var audit = await Db.QueryAsync<(string Action, int? Actor, string NewRow)>(
            "SELECT action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name = 'allergy'", new { before });
        Assert.That(audit.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { ("INSERT", (int?)nurse) }));
        using var json = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(json.RootElement.GetProperty("substance").GetString(), Is.EqualTo("Amoxicillin trihydrate"));
    }

    [Test]
    public async Task A_second_active_allergy_to_the_same_substance_is_refused_whatever_its_case()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);
        var first = await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Penicillin", Severity = AllergySeverity.Severe });

        var refusal = await RefusalOf(() => record.AddAllergyAsync(patient, new AllergyInput { Substance = " PENICILLIN ", Severity = AllergySeverity.Mild }));

        Assert.That(refusal.Code, Is.EqualTo(ClinicalRecordProcedures.DuplicateAllergy));
        Assert.That(refusal.Message, Is.EqualTo("This patient already has an active allergy to Penicillin."));
        // Another patient, or after the first was deactivated, is fine.
        await record.AddAllergyAsync(await Db.NewPatientAsync(), new AllergyInput { Substance = "Penicillin", Severity = AllergySeverity.Mild });
        await record.DeactivateAllergyAsync(first, "Tolerated a full course in 2024");
        var again = await record.AddAllergyAsync(patient, new AllergyInput { Substance = "penicillin", Severity = AllergySeverity.Mild });
        Assert.That((await record.AllergiesAsync(patient)).Select(a => a.AllergyId), Is.EqualTo(new[] { again }));
    }

    [Test]
    public async Task Allergy_input_is_checked_and_only_clinical_staff_record_allergies()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);

        Assert.That(await CodeOf(() => record.AddAllergyAsync(patient, new AllergyInput { Substance = "   ", Severity = "mild" })), Is.EqualTo(50750));
        Assert.That(await CodeOf(() => record.AddAllergyAsync(patient, new AllergyInput { Substance = "Latex", Severity = "deadly" })), Is.EqualTo(50751));
        Assert.That(await CodeOf(() => record.AddAllergyAsync(patient, new AllergyInput { Substance = new string('x', 101), Severity = "mild" })), Is.EqualTo(50756));
        Assert.That(await CodeOf(() => record.AddAllergyAsync(int.MaxValue, new AllergyInput { Substance = "Latex", Severity = "mild" })), Is.EqualTo(50209));
        var merged = await Db.NewPatientAsync();
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(patient, merged, "Duplicate");
        Assert.That(await CodeOf(() => record.AddAllergyAsync(merged, new AllergyInput { Substance = "Latex", Severity = "mild" })), Is.EqualTo(50210));
        foreach (var role in new[] { "receptionist", "pharmacist", "billing_clerk" })
        {
            var (other, _) = await Db.NewAccountAsync(role);
            Assert.That(await CodeOf(() => Db.ClinicalAs(other).AddAllergyAsync(patient, new AllergyInput { Substance = "Latex", Severity = "mild" })), Is.EqualTo(50102), role);
        }
        var adminId = await Db.AdminIdAsync();
        var (doctor, _) = await Db.NewAccountAsync("doctor");
        await Db.ClinicalAs(adminId).AddAllergyAsync(patient, new AllergyInput { Substance = "Latex", Severity = "moderate" });
        await Db.ClinicalAs(doctor).AddAllergyAsync(patient, new AllergyInput { Substance = "Sulfonamides", Severity = "severe" });
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM allergy WHERE patient_id = @patient", new { patient }), Is.EqualTo(2));
    }

    [Test]
    public async Task Deactivating_needs_a_reason_keeps_the_row_and_is_audited()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);
        var id = await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Aspirin", Severity = AllergySeverity.Moderate });

        Assert.That(await CodeOf(() => record.DeactivateAllergyAsync(id, "  ")), Is.EqualTo(50754));
        Assert.That(await CodeOf(() => record.DeactivateAllergyAsync(id, new string('r', 256))), Is.EqualTo(50757));
        Assert.That(await CodeOf(() => record.DeactivateAllergyAsync(int.MaxValue, "Gone")), Is.EqualTo(50753));
        // Who may is the permission map's (clinical.record): a receptionist is refused before anything is read.
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.ClinicalAs(receptionist).DeactivateAllergyAsync(id, "Not allergic")), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM allergy WHERE allergy_id = @id", new { id }), Is.EqualTo("active"));
        var before = await Db.MaxAuditIdAsync();
        await record.DeactivateAllergyAsync(id, " Entered for the wrong patient ");
        Assert.That(await CodeOf(() => record.DeactivateAllergyAsync(id, "Again")), Is.EqualTo(50755));

        Assert.That(await record.AllergiesAsync(patient), Is.Empty, "the banner lists active allergies only");
        var all = await record.AllergiesAsync(patient, includeInactive: true);
        Assert.That(all.Select(a => (a.AllergyId, a.Status, a.InactiveReason)), Is.EqualTo(new[] { (id, "inactive", (string?)"Entered for the wrong patient") }));
        var audit = await Db.QueryAsync<(string Action, int? Actor, string OldRow, string NewRow)>(
            "SELECT action, actor_user_id, old_row, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name = 'allergy'", new { before });
        Assert.That(audit.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { ("UPDATE", (int?)nurse) }));
        Assert.That(audit[0].OldRow, Does.Contain("\"active\""));
        Assert.That(audit[0].NewRow, Does.Contain("Entered for the wrong patient"));
    }

    [Test]
    public async Task The_allergy_list_puts_the_most_severe_active_allergies_first_and_a_pharmacist_may_read_it()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);
        await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Codeine", Severity = AllergySeverity.Mild });
        await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Peanut", Severity = AllergySeverity.LifeThreatening });
        var gone = await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Aspirin", Severity = AllergySeverity.Severe });
        await record.AddAllergyAsync(patient, new AllergyInput { Substance = "Ibuprofen", Severity = AllergySeverity.Severe });
        await record.DeactivateAllergyAsync(gone, "Not allergic");
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");

        var list = await Db.ClinicalAs(pharmacist).AllergiesAsync(patient, includeInactive: true);

        Assert.That(list.Select(a => a.Substance), Is.EqualTo(new[] { "Peanut", "Ibuprofen", "Codeine", "Aspirin" }));
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.ClinicalAs(receptionist).AllergiesAsync(patient)), Is.EqualTo(50102));
    }

    [Test]
    public async Task Problems_are_added_with_a_checked_code_and_onset_and_resolved_within_their_dates()
    {
        var (record, nurse) = await NurseAsync();
        var patient = await PatientInCareAsync(nurse);
        var born = await Db.ScalarAsync<DateTime>("SELECT date_of_birth FROM patient WHERE patient_id = @patient", new { patient });
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");

        var hypertension = await record.AddProblemAsync(patient, new ProblemInput { Description = " Essential hypertension ", Icd10Code = "i10", OnsetDate = today.AddYears(-3) });
        var diabetes = await record.AddProblemAsync(patient, new ProblemInput { Description = "Type 2 diabetes", Icd10Code = "E119", OnsetDate = today.AddYears(-1) });
        var backPain = await record.AddProblemAsync(patient, new ProblemInput { Description = "Back pain" });

        Assert.That(await CodeOf(() => record.AddProblemAsync(patient, new ProblemInput { Description = " " })), Is.EqualTo(50760));
        Assert.That(await CodeOf(() => record.AddProblemAsync(patient, new ProblemInput { Description = new string('d', 256) })), Is.EqualTo(50766));
        Assert.That(await CodeOf(() => record.AddProblemAsync(patient, new ProblemInput { Description = "Later", OnsetDate = today.AddDays(1) })), Is.EqualTo(50761));
        Assert.That(await CodeOf(() => record.AddProblemAsync(patient, new ProblemInput { Description = "Before birth", OnsetDate = born.AddDays(-1) })), Is.EqualTo(50767));
        Assert.That(await CodeOf(() => record.AddProblemAsync(patient, new ProblemInput { Description = "Coded", Icd10Code = "Q99.9" })), Is.EqualTo(50740));
        Assert.That(await CodeOf(() => record.AddProblemAsync(int.MaxValue, new ProblemInput { Description = "Nobody" })), Is.EqualTo(50209));

        Assert.That(await CodeOf(() => record.ResolveProblemAsync(hypertension, today.AddDays(1))), Is.EqualTo(50765));
        Assert.That(await CodeOf(() => record.ResolveProblemAsync(hypertension, today.AddYears(-4))), Is.EqualTo(50764));
        Assert.That(await CodeOf(() => record.ResolveProblemAsync(int.MaxValue, null)), Is.EqualTo(50762));
        await record.ResolveProblemAsync(backPain, null);
        Assert.That(await CodeOf(() => record.ResolveProblemAsync(backPain, null)), Is.EqualTo(50763));

        var list = await record.ProblemsAsync(patient);
        Assert.That(list.Select(p => (p.ProblemId, p.Status)), Is.EqualTo(new[] { (diabetes, "active"), (hypertension, "active"), (backPain, "resolved") }),
            "active first, latest onset first");
        Assert.That((list[1].Description, list[1].Icd10Code, list[1].Icd10Title, list[1].RecordedBy), Is.EqualTo(("Essential hypertension", (string?)"I10", (string?)"Essential (primary) hypertension", nurse)));
        Assert.That(list[0].Icd10Code, Is.EqualTo("E11.9"));
        Assert.That(list[2].ResolvedDate, Is.EqualTo(today));
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await CodeOf(() => Db.ClinicalAs(pharmacist).AddProblemAsync(patient, new ProblemInput { Description = "x" })), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE table_name = 'problem' AND row_key = @key AND actor_user_id = @nurse", new { key = backPain.ToString(), nurse }), Is.EqualTo(2));
    }
}
