using Clinic.Data.Clinical;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>ICD-10 search and coded diagnoses: one primary per visit, active codes only, the treating doctor only, closed visits final.</summary>
public class DiagnosisTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<IReadOnlyList<string>> SearchAsync(string query, int limit = 20) =>
        (await Db.VisitsAs(await Db.AdminIdAsync()).SearchIcd10Async(query, limit)).Select(r => r.Icd10Code).ToList();

    [Test]
    public async Task ICD10_search_finds_codes_by_prefix_and_titles_by_word_beginnings()
    {
        Assert.That(await SearchAsync("B5"), Does.Contain("B50.9").And.Contain("B54").And.Not.Contain("A01.0"));
        Assert.That(await SearchAsync("b50.9"), Is.EqualTo(new[] { "B50.9" }));
        Assert.That(await SearchAsync("E119"), Is.EqualTo(new[] { "E11.9" }), "a code typed without its dot");
        Assert.That(await SearchAsync("typhoid"), Does.Contain("A01.0"));
        Assert.That(await SearchAsync("falcip malar"), Is.SupersetOf(new[] { "B50", "B50.0", "B50.8", "B50.9" }));
        Assert.That(await SearchAsync("hepatitis b"), Is.EqualTo(new[] { "B16.9", "B18.1" }), "a one-letter word must start a word of the title");
        Assert.That(await SearchAsync("diabetes with"), Does.Contain("E10.1"), "stopwords are ignored, not required");
        Assert.That(await SearchAsync("+(falcip*) -malaria \"unspec"), Is.EqualTo(new[] { "B50.9" }), "operators are stripped: every word is required");
        Assert.That(await SearchAsync("guillain-barré"), Is.EqualTo(new[] { "G61.0" }));
        Assert.That(await SearchAsync("   "), Is.Empty);
        Assert.That(await SearchAsync("zzzqqq"), Is.Empty);
        Assert.That(await SearchAsync("fever", 3), Has.Count.EqualTo(3));
        var row = (await Db.VisitsAs(await Db.AdminIdAsync()).SearchIcd10Async("A01.0")).Single();
        Assert.That((row.Title, row.Chapter), Is.EqualTo(("Typhoid fever", "I")));

        await Db.OwnerExecuteAsync("UPDATE icd10_code SET is_active = 0 WHERE icd10_code = 'A92.3'");
        Assert.That(await SearchAsync("west nile"), Is.Empty, "inactive codes are not offered");
        Assert.That(await SearchAsync("A92"), Does.Not.Contain("A92.3"));
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.VisitsAs(receptionist).SearchIcd10Async("malaria")), Is.EqualTo(50102));
    }

    [Test]
    public async Task The_treating_doctor_codes_one_primary_and_several_secondary_diagnoses()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        var before = await Db.MaxAuditIdAsync();

        var malaria = await visits.AddDiagnosisAsync(visit.VisitId, "b50.9", isPrimary: true, note: "RDT positive");
        var anaemia = await visits.AddDiagnosisAsync(visit.VisitId, "D649", isPrimary: false);
        var dehydration = await visits.AddDiagnosisAsync(visit.VisitId, "E86", isPrimary: false);

        var list = await Db.VisitsAs(await Db.AdminIdAsync()).DiagnosesAsync(visit.VisitId);
        Assert.That(list.Select(d => (d.VisitDiagnosisId, d.Icd10Code, d.IsPrimary)), Is.EqualTo(new[]
        {
            (malaria, "B50.9", true), (anaemia, "D64.9", false), (dehydration, "E86", false),
        }));
        Assert.That((list[0].Title, list[0].Chapter, list[0].Note, list[0].RecordedByName),
            Is.EqualTo(("Plasmodium falciparum malaria, unspecified", (string?)"I", (string?)"RDT positive", (string?)"Test doctor")));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE visit_id = @VisitId AND patient_id = @PatientId", visit), Is.EqualTo(3));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before AND table_name = 'visit_diagnosis' AND action = 'INSERT' AND actor_user_id = @actor",
            new { before, actor = visit.DoctorAccountId }), Is.EqualTo(3));
    }

    [Test]
    public async Task A_second_primary_is_refused_with_a_clear_message_and_the_unique_key_backs_it()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        await visits.AddDiagnosisAsync(visit.VisitId, "B50.9", isPrimary: true);
        var secondary = await visits.AddDiagnosisAsync(visit.VisitId, "R50.9", isPrimary: false);

        var refusal = await RefusalOf(() => visits.AddDiagnosisAsync(visit.VisitId, "A01.0", isPrimary: true));

        Assert.That(refusal.Code, Is.EqualTo(50741));
        Assert.That(refusal.Message, Is.EqualTo("This visit already has a primary diagnosis (B50.9). Add this one as secondary, then make it primary if needed."));
        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "B50.9", isPrimary: false)), Is.EqualTo(50742));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE visit_id = @VisitId", visit), Is.EqualTo(2));

        // Even the schema owner cannot make a second primary: uq_visit_diagnosis_primary.
        Assert.That(await Db.OwnerErrorOf("UPDATE visit_diagnosis SET is_primary = 1 WHERE visit_diagnosis_id = @secondary", new { secondary }),
            Is.EqualTo((int)MySqlErrorCode.DuplicateKeyEntry));
    }

    [Test]
    public async Task Setting_the_primary_swaps_it_in_one_step()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        var fever = await visits.AddDiagnosisAsync(visit.VisitId, "R50.9", isPrimary: true);
        var malaria = await visits.AddDiagnosisAsync(visit.VisitId, "B50.9", isPrimary: false);

        await visits.SetPrimaryDiagnosisAsync(malaria);

        var list = await visits.DiagnosesAsync(visit.VisitId);
        Assert.That(list.Select(d => (d.VisitDiagnosisId, d.IsPrimary)), Is.EqualTo(new[] { (malaria, true), (fever, false) }));
        await visits.SetPrimaryDiagnosisAsync(malaria);
        Assert.That((await visits.DiagnosesAsync(visit.VisitId)).Count(d => d.IsPrimary), Is.EqualTo(1));

        // Without a primary (removed), any diagnosis can become it.
        await visits.RemoveDiagnosisAsync(malaria);
        Assert.That((await visits.DiagnosesAsync(visit.VisitId)).Select(d => (d.VisitDiagnosisId, d.IsPrimary)), Is.EqualTo(new[] { (fever, false) }));
        await visits.SetPrimaryDiagnosisAsync(fever);
        Assert.That((await visits.DiagnosesAsync(visit.VisitId)).Single().IsPrimary, Is.True);
        Assert.That(await CodeOf(() => visits.SetPrimaryDiagnosisAsync(malaria)), Is.EqualTo(50743));
        Assert.That(await CodeOf(() => visits.RemoveDiagnosisAsync(malaria)), Is.EqualTo(50743));
    }

    [Test]
    public async Task Unknown_or_inactive_codes_are_refused()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        await Db.OwnerExecuteAsync("UPDATE icd10_code SET is_active = 0 WHERE icd10_code = 'A95.9'");

        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "X99.9", false)), Is.EqualTo(50740));
        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "A95.9", false)), Is.EqualTo(50740));
        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "", false)), Is.EqualTo(50740));
        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "B54", false, new string('x', 501))), Is.EqualTo(50744));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE visit_id = @VisitId", visit), Is.EqualTo(0));
    }

    [Test]
    public async Task Only_the_treating_doctor_codes_diagnoses_and_only_while_the_visit_is_open()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (nurse, _) = await Db.NursesAsync(visit);
        var otherDoctor = (await Db.NewOpenVisitAsync()).DoctorAccountId;
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        var primary = await visits.AddDiagnosisAsync(visit.VisitId, "B50.9", true);
        var secondary = await visits.AddDiagnosisAsync(visit.VisitId, "R50.9", false);

        Assert.That(await CodeOf(() => Db.VisitsAs(nurse).AddDiagnosisAsync(visit.VisitId, "B54", false)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherDoctor).AddDiagnosisAsync(visit.VisitId, "B54", false)), Is.EqualTo(50705));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherDoctor).RemoveDiagnosisAsync(primary)), Is.EqualTo(50705));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherDoctor).SetPrimaryDiagnosisAsync(secondary)), Is.EqualTo(50705));

        await visits.CloseAsync(visit.VisitId);
        Assert.That(await CodeOf(() => visits.AddDiagnosisAsync(visit.VisitId, "B54", false)), Is.EqualTo(50711));
        Assert.That(await CodeOf(() => visits.RemoveDiagnosisAsync(secondary)), Is.EqualTo(50711));
        Assert.That(await CodeOf(() => visits.SetPrimaryDiagnosisAsync(secondary)), Is.EqualTo(50711));
        Assert.That(await Db.OwnerErrorOf("UPDATE visit_diagnosis SET note = 'changed' WHERE visit_diagnosis_id = @primary", new { primary }), Is.EqualTo(50711));
        Assert.That(await Db.OwnerErrorOf("DELETE FROM visit_diagnosis WHERE visit_diagnosis_id = @secondary", new { secondary }), Is.EqualTo(50711));
        Assert.That(await Db.OwnerErrorOf(
            "INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, recorded_by) VALUES (@VisitId, @PatientId, 'B54', @DoctorAccountId)", visit), Is.EqualTo(50711));
        Assert.That((await visits.DiagnosesAsync(visit.VisitId)).Select(d => d.VisitDiagnosisId), Is.EqualTo(new[] { primary, secondary }));

        // A merge still moves the closed visit's diagnoses to the surviving record.
        var survivor = await Db.NewPatientAsync();
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, visit.PatientId, "Duplicate record");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE patient_id = @survivor", new { survivor }), Is.EqualTo(2));
    }
}
