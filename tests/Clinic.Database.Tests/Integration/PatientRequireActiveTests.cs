using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>internal/patient_require_active: the one "that patient exists" (50209) and "not merged" (50210) check.</summary>
public class PatientRequireActiveTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static readonly Clinic.Data.Clinical.AllergyInput Penicillin = new() { Substance = "penicillin", Reaction = "rash", Severity = "severe" };

    private static async Task<int?> CodeOfAsync(MySqlConnection connection, int? patientId, string check)
    {
        try
        {
            await connection.ExecuteAsync("CALL patient_require_active(@patientId, @check)", new { patientId, check });
            return null;
        }
        catch (MySqlException ex)
        {
            return ex.Number;
        }
    }

    private static async Task<(int Active, int Merged)> ActiveAndMergedAsync()
    {
        var admin = await Db.AdminIdAsync();
        var survivor = await Db.NewPatientAsync();
        var merged = await Db.NewPatientAsync();
        await Db.PatientsAs(admin).MergeAsync(survivor, merged, "Registered twice");
        return (survivor, merged);
    }

    [TestCase("exists", null, null, 50209)]
    [TestCase("active", null, 50210, 50209)]
    [TestCase("lock", null, 50210, 50209)]
    [TestCase("typo", null, 50210, 50209)]
    public async Task Each_check_accepts_or_refuses_an_active_a_merged_and_an_unknown_patient(string check, int? active, int? merged, int? unknown)
    {
        var (activeId, mergedId) = await ActiveAndMergedAsync();
        await using var owner = await Db.OpenAsync(Db.Migrator);

        Assert.That(await CodeOfAsync(owner, activeId, check), Is.EqualTo(active), "active patient");
        Assert.That(await CodeOfAsync(owner, mergedId, check), Is.EqualTo(merged), "merged patient");
        Assert.That(await CodeOfAsync(owner, int.MaxValue, check), Is.EqualTo(unknown), "unknown patient");
        Assert.That(await CodeOfAsync(owner, null, check), Is.EqualTo(unknown), "no patient named");
    }

    [Test]
    public async Task Lock_holds_the_patient_row_until_the_callers_transaction_ends_and_active_does_not()
    {
        var patient = await Db.NewPatientAsync();
        await using var first = await Db.OpenAsync(Db.Migrator);
        await using var second = await Db.OpenAsync(Db.Migrator);
        const string TryLock = "SELECT patient_id FROM patient WHERE patient_id = @patient FOR UPDATE NOWAIT";

        await first.ExecuteAsync("START TRANSACTION");
        await first.ExecuteAsync("CALL patient_require_active(@patient, 'active')", new { patient });
        await second.ExecuteAsync("START TRANSACTION");
        Assert.That(await second.ExecuteScalarAsync<int>(TryLock, new { patient }), Is.EqualTo(patient), "'active' takes no lock");
        await second.ExecuteAsync("ROLLBACK");

        await first.ExecuteAsync("CALL patient_require_active(@patient, 'lock')", new { patient });
        await second.ExecuteAsync("START TRANSACTION");
        await Assert.ThrowsAsync<MySqlException>(async () => await second.ExecuteScalarAsync<int>(TryLock, new { patient }),
            "'lock' holds the row for the caller's transaction");
        await second.ExecuteAsync("ROLLBACK");

        await first.ExecuteAsync("COMMIT");
        await second.ExecuteAsync("START TRANSACTION");
        Assert.That(await second.ExecuteScalarAsync<int>(TryLock, new { patient }), Is.EqualTo(patient), "released at commit");
        await second.ExecuteAsync("ROLLBACK");
    }

    [Test]
    public async Task The_procedures_that_name_a_patient_answer_with_its_codes()
    {
        var (active, merged) = await ActiveAndMergedAsync();
        var admin = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(admin);

        // A merged record is still read (the profile sends the user to the surviving one), but not written.
        Assert.That((await patients.GetAsync(merged))!.Status, Is.EqualTo("merged"));
        Assert.That((await Assert.CatchAsync<Clinic.Data.Common.ClinicRuleException>(() => patients.GetAsync(int.MaxValue)))!.Code, Is.EqualTo(50209));
        var records = new Clinic.Data.Clinical.ClinicalRecordProcedures(Db.Runner, Db.SessionOf(admin));
        Assert.That((await Assert.CatchAsync<Clinic.Data.Common.ClinicRuleException>(() =>
            records.AddAllergyAsync(merged, Penicillin)))!.Code, Is.EqualTo(50210));
        Assert.That((await Assert.CatchAsync<Clinic.Data.Common.ClinicRuleException>(() =>
            records.AddAllergyAsync(int.MaxValue, Penicillin)))!.Code, Is.EqualTo(50209));
        Assert.That(await records.AddAllergyAsync(active, Penicillin), Is.GreaterThan(0));
        Assert.That((await Assert.CatchAsync<Clinic.Data.Common.ClinicRuleException>(() =>
            patients.MergeAsync(active, merged, "again")))!.Code, Is.EqualTo(50210));
    }
}
