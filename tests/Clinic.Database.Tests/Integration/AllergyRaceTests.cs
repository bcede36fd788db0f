using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Sixteen connections record the same allergy for the same patient at the same instant (each call
/// on its own pooled connection). allergy_add locks the patient row before looking for an active
/// allergy to the substance, so exactly one row is made and the others get the clear refusal.
/// The second test pins the lock down deterministically (it fails when the FOR UPDATE is removed):
/// the check waits for a session holding the patient row and then sees what that session committed.
/// </summary>
public class AllergyRaceTests
{
    private const int Racers = 16;

    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task Sixteen_connections_adding_the_same_allergy_make_exactly_one_row()
    {
        var care = await Db.NewOpenVisitAsync();
        var nurse = await Db.NewStaffAccountAsync("nurse", care.DepartmentId);
        var record = Db.ClinicalAs(nurse);
        var patient = await Db.NewPatientAsync();
        await Db.NewVisitForDoctorAsync(care, patient);
        // Open the connections first, so the racers start together.
        await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => record.AllergiesAsync(patient))));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await record.AddAllergyAsync(patient, new AllergyInput { Substance = i % 2 == 0 ? "Penicillin" : "penicillin ", Severity = AllergySeverity.Severe });
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        var outcomes = await Task.WhenAll(racers);

        Assert.That(outcomes.Count(code => code == 0), Is.EqualTo(1));
        Assert.That(outcomes.Where(code => code != 0), Is.All.EqualTo(ClinicalRecordProcedures.DuplicateAllergy));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM allergy WHERE patient_id = @patient", new { patient }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_duplicate_check_waits_for_the_patient_lock_so_it_sees_an_allergy_committed_meanwhile()
    {
        var care = await Db.NewOpenVisitAsync();
        var nurse = await Db.NewStaffAccountAsync("nurse", care.DepartmentId);
        var record = Db.ClinicalAs(nurse);
        var patient = await Db.NewPatientAsync();
        await Db.NewVisitForDoctorAsync(care, patient);
        await using var other = await Db.OpenAsync(Db.Migrator);
        await using var transaction = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT patient_id FROM patient WHERE patient_id = @patient FOR UPDATE", new { patient }, transaction);

        // allergy_add must wait for the patient row ...
        var add = Task.Run(() => record.AddAllergyAsync(patient, new AllergyInput { Substance = "Latex", Severity = AllergySeverity.Moderate }));
        await Task.Delay(500);
        Assert.That(add.IsCompleted, Is.False, "allergy_add locks the patient row before it checks");
        // ... while another session records the same allergy and commits.
        await other.ExecuteAsync("INSERT INTO allergy (patient_id, substance, severity, recorded_by) VALUES (@patient, 'LATEX', 'mild', @nurse)",
            new { patient, nurse }, transaction);
        await transaction.CommitAsync();

        var refusal = await Assert.CatchAsync<ClinicRuleException>(async () => await add);
        Assert.That(refusal!.Code, Is.EqualTo(ClinicalRecordProcedures.DuplicateAllergy));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM allergy WHERE patient_id = @patient", new { patient }), Is.EqualTo(1));
    }
}
