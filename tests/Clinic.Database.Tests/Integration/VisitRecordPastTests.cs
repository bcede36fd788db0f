using Clinic.Data.Clinical;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>visit_record_past: an administrator records a past visit with its clinical record, closed in one transaction.</summary>
[TestFixture]
public class VisitRecordPastTests
{
    private static TestDatabase Db => DatabaseFixture.Main;
    private const int VisitClosedCode = VisitProcedures.VisitClosed;

    private static async Task<PastVisitInput> InputAsync() => new()
    {
        PatientId = await Db.NewPatientAsync(),
        DoctorStaffId = await Db.NewDoctorAsync(withHours: false),
        StartedAt = DateTime.Now.AddDays(-30).Date.AddHours(10),
        ClosedAt = DateTime.Now.AddDays(-30).Date.AddHours(10).AddMinutes(25),
        Note = new SoapNoteInput { Subjective = "Cough for a week", Assessment = "URTI", Plan = "Fluids" },
        Vitals = new VitalSignInput { SystolicMmhg = 128, DiastolicMmhg = 82, PulseBpm = 76, TemperatureC = 37.9m, WeightKg = 70m, HeightCm = 170m },
        PrimaryCode = "J06.9",
        SecondaryCode = "R05",
    };

    [Test]
    public async Task A_past_visit_is_written_whole_and_closed_at_the_given_time()
    {
        var input = await InputAsync();
        var visitId = await Db.VisitsAs(await Db.AdminIdAsync()).RecordPastAsync(input);

        var visit = (await Db.QueryAsync<(string Status, DateTime StartedAt, DateTime ClosedAt)>(
            "SELECT status, started_at, closed_at FROM visit WHERE visit_id = @visitId", new { visitId })).Single();
        Assert.That(visit, Is.EqualTo(("closed", input.StartedAt, input.ClosedAt)));
        Assert.That(await Db.ScalarAsync<string>("SELECT subjective FROM visit_note WHERE visit_id = @visitId", new { visitId }), Is.EqualTo("Cough for a week"));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT bmi FROM v_vital_sign WHERE visit_id = @visitId", new { visitId }), Is.EqualTo(24.2m));
        var codes = await Db.QueryAsync<(string Code, bool Primary)>(
            "SELECT icd10_code, is_primary FROM visit_diagnosis WHERE visit_id = @visitId ORDER BY is_primary DESC", new { visitId });
        Assert.That(codes, Is.EqualTo(new[] { ("J06.9", true), ("R05", false) }));

        // Closed like any other visit: the note cannot be overwritten afterwards, even by the schema owner.
        Assert.That(await Db.OwnerErrorOf("UPDATE visit_note SET plan = 'x' WHERE visit_id = @visitId", new { visitId }), Is.EqualTo(VisitClosedCode));
    }

    [Test]
    public async Task Bad_times_codes_and_roles_are_refused_and_nothing_is_written()
    {
        var admin = Db.VisitsAs(await Db.AdminIdAsync());
        var input = await InputAsync();
        var before = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE patient_id = @p", new { p = input.PatientId });

        Assert.That(await CodeOf(() => admin.RecordPastAsync(input with { ClosedAt = DateTime.Now.AddHours(1) })), Is.EqualTo(50770));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(input with { ClosedAt = input.StartedAt })), Is.EqualTo(50770));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(input with { SecondaryCode = "Q99.99" })), Is.EqualTo(50773));
        Assert.That(await CodeOf(() => admin.RecordPastAsync(input with { PatientId = 999_999_999 })), Is.EqualTo(50772));
        await Assert.ThatAsync(() => admin.RecordPastAsync(input with { Vitals = new VitalSignInput { PulseBpm = 400 } }), Throws.InstanceOf<MySqlException>());
        var (doctor, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await CodeOf(() => Db.VisitsAs(doctor).RecordPastAsync(input)), Is.EqualTo(50102));

        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE patient_id = @p", new { p = input.PatientId }), Is.EqualTo(before));
    }
}
