using Clinic.Data.Clinical;
using Clinic.Data.Patients;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>Vitals: impossible values refused with a sentence, implausible ones flagged, BMI computed in v_vital_sign, closed visits final.</summary>
public class VitalSignTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> ChildAsync(int ageYears) =>
        (await Db.PatientsAs(await Db.AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = "Child" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Kid" + Guid.NewGuid().ToString("N")[..6], Sex = "male",
            DateOfBirth = DateTime.Today.AddYears(-ageYears).AddDays(-30),
        }, confirmDuplicate: true)).PatientId;

    [Test]
    public async Task A_nurse_of_the_department_records_vitals_with_BMI_computed_and_the_row_audited()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (nurse, _) = await Db.NursesAsync(visit);
        var before = await Db.MaxAuditIdAsync();

        var id = await Db.VisitsAs(nurse).RecordVitalsAsync(visit.VisitId, new VitalSignInput
        {
            SystolicMmhg = 124, DiastolicMmhg = 78, PulseBpm = 72, TemperatureC = 36.84m, RespiratoryRate = 16, Spo2Pct = 98, WeightKg = 70m, HeightCm = 175m,
        });

        var row = (await Db.VisitsAs(visit.DoctorAccountId).VitalsForVisitAsync(visit.VisitId)).Single();
        Assert.That(row.VitalSignId, Is.EqualTo(id));
        Assert.That((row.PatientId, row.RecordedBy, row.RecordedByName), Is.EqualTo((visit.PatientId, nurse, "Test nurse")));
        Assert.That((row.SystolicMmhg, row.DiastolicMmhg, row.PulseBpm, row.RespiratoryRate, row.Spo2Pct), Is.EqualTo(((int?)124, (int?)78, (int?)72, (int?)16, (int?)98)));
        Assert.That(row.TemperatureC, Is.EqualTo(36.8m), "rounded to the stored precision");
        Assert.That(row.Bmi, Is.EqualTo(22.9m));
        Assert.That(row.IsFlagged, Is.False);
        Assert.That(new[] { row.BloodPressureFlag, row.PulseFlag, row.TemperatureFlag, row.RespiratoryFlag, row.Spo2Flag, row.BmiFlag }, Is.All.Null);
        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name = 'vital_sign'", new { before });
        Assert.That(audit, Is.EqualTo(new[] { ("INSERT", (int?)nurse) }));
    }

    [Test]
    public async Task BMI_needs_weight_and_height_in_the_same_set()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        await visits.RecordVitalsAsync(visit.VisitId, new VitalSignInput { WeightKg = 64.5m });
        await visits.RecordVitalsAsync(visit.VisitId, new VitalSignInput { HeightCm = 160m });

        var rows = await visits.VitalsForVisitAsync(visit.VisitId);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows.Select(r => r.Bmi), Is.All.Null);
    }

    private static IEnumerable<TestCaseData> Impossible()
    {
        yield return new TestCaseData(new VitalSignInput { TemperatureC = 60m }, 50726,
            "A temperature of 60.0 °C is not possible. Please check the thermometer (25 to 45 °C).").SetName("Temperature 60 C");
        yield return new TestCaseData(new VitalSignInput { TemperatureC = 101.3m }, 50726,
            "A temperature of 101.3 °C is not possible. Was it read in °F? Enter °C (25 to 45).").SetName("Temperature in Fahrenheit");
        yield return new TestCaseData(new VitalSignInput { TemperatureC = 20m }, 50726, null).SetName("Temperature 20 C");
        yield return new TestCaseData(new VitalSignInput { SystolicMmhg = 350, DiastolicMmhg = 90 }, 50722,
            "A systolic pressure of 350 mmHg is not possible. Please check the reading (40 to 300).").SetName("Systolic 350");
        yield return new TestCaseData(new VitalSignInput { SystolicMmhg = 250, DiastolicMmhg = 210 }, 50723, null).SetName("Diastolic 210");
        yield return new TestCaseData(new VitalSignInput { SystolicMmhg = 80, DiastolicMmhg = 120 }, 50724, null).SetName("Diastolic above systolic");
        yield return new TestCaseData(new VitalSignInput { SystolicMmhg = 120 }, 50721, null).SetName("Half a blood pressure");
        yield return new TestCaseData(new VitalSignInput { PulseBpm = 400 }, 50725,
            "A pulse of 400 beats per minute is not possible. Please check the reading (20 to 300).").SetName("Pulse 400");
        yield return new TestCaseData(new VitalSignInput { PulseBpm = -5 }, 50725, null).SetName("Negative pulse");
        yield return new TestCaseData(new VitalSignInput { RespiratoryRate = 90 }, 50727, null).SetName("Breathing 90");
        yield return new TestCaseData(new VitalSignInput { Spo2Pct = 120 }, 50728,
            "An oxygen saturation of 120% is not possible. Please check the oximeter (40 to 100%).").SetName("SpO2 120");
        yield return new TestCaseData(new VitalSignInput { WeightKg = 650m }, 50729, null).SetName("Weight 650 kg");
        yield return new TestCaseData(new VitalSignInput { HeightCm = 300m }, 50730, null).SetName("Height 300 cm");
        yield return new TestCaseData(new VitalSignInput(), 50720, "Please enter at least one measurement.").SetName("Nothing entered");
        yield return new TestCaseData(new VitalSignInput { PulseBpm = 80, RecordedAt = DateTime.Now.AddHours(2) }, 50731, null).SetName("Taken in the future");
        yield return new TestCaseData(new VitalSignInput { PulseBpm = 80, RecordedAt = DateTime.Today.AddDays(-2) }, 50731, null).SetName("Taken before the visit day");
    }

    [TestCaseSource(nameof(Impossible))]
    public async Task An_impossible_value_is_refused_with_a_sentence_and_nothing_is_stored(VitalSignInput input, int code, string? message)
    {
        var visit = await Db.NewOpenVisitAsync();

        var refusal = await RefusalOf(() => Db.VisitsAs(visit.DoctorAccountId).RecordVitalsAsync(visit.VisitId, input));

        Assert.That(refusal.Code, Is.EqualTo(code));
        if (message is not null)
            Assert.That(refusal.Message, Is.EqualTo(message));
        Assert.That(refusal.Message.Length, Is.LessThanOrEqualTo(128));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM vital_sign WHERE visit_id = @VisitId", visit), Is.EqualTo(0));
    }

    [Test]
    public async Task The_CHECKs_refuse_impossible_values_even_from_the_schema_owner()
    {
        var visit = await Db.NewOpenVisitAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        await Assert.ThrowsAsync<MySqlException>(async () => await Dapper.SqlMapper.ExecuteAsync(connection,
            "INSERT INTO vital_sign (visit_id, patient_id, recorded_by, temperature_c) VALUES (@VisitId, @PatientId, @DoctorAccountId, 60.0)", visit));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM vital_sign WHERE visit_id = @VisitId", visit), Is.EqualTo(0));
    }

    [Test]
    public async Task Implausible_but_possible_values_are_stored_and_flagged()
    {
        var visit = await Db.NewOpenVisitAsync();
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        async Task<VitalSignRow> RecordAsync(VitalSignInput input)
        {
            var id = await visits.RecordVitalsAsync(visit.VisitId, input);
            return (await visits.VitalsForVisitAsync(visit.VisitId)).Single(r => r.VitalSignId == id);
        }

        Assert.That((await RecordAsync(new VitalSignInput { TemperatureC = 34.5m })).TemperatureFlag, Is.EqualTo("low"));
        Assert.That((await RecordAsync(new VitalSignInput { TemperatureC = 40.6m })).TemperatureFlag, Is.EqualTo("high"));
        Assert.That((await RecordAsync(new VitalSignInput { TemperatureC = 39.5m })).TemperatureFlag, Is.Null, "a fever is not implausible");
        Assert.That((await RecordAsync(new VitalSignInput { PulseBpm = 35 })).PulseFlag, Is.EqualTo("low"));
        Assert.That((await RecordAsync(new VitalSignInput { PulseBpm = 155 })).PulseFlag, Is.EqualTo("high"));
        Assert.That((await RecordAsync(new VitalSignInput { SystolicMmhg = 185, DiastolicMmhg = 100 })).BloodPressureFlag, Is.EqualTo("high"));
        Assert.That((await RecordAsync(new VitalSignInput { SystolicMmhg = 170, DiastolicMmhg = 125 })).BloodPressureFlag, Is.EqualTo("high"));
        Assert.That((await RecordAsync(new VitalSignInput { SystolicMmhg = 85, DiastolicMmhg = 50 })).BloodPressureFlag, Is.EqualTo("low"));
        Assert.That((await RecordAsync(new VitalSignInput { RespiratoryRate = 6 })).RespiratoryFlag, Is.EqualTo("low"));
        Assert.That((await RecordAsync(new VitalSignInput { RespiratoryRate = 34 })).RespiratoryFlag, Is.EqualTo("high"));
        var hypoxic = await RecordAsync(new VitalSignInput { Spo2Pct = 86 });
        Assert.That((hypoxic.Spo2Flag, hypoxic.IsFlagged), Is.EqualTo(("low", true)));
        var obese = await RecordAsync(new VitalSignInput { WeightKg = 160m, HeightCm = 178m });
        Assert.That((obese.Bmi, obese.BmiFlag), Is.EqualTo(((decimal?)50.5m, "high")));
        var thin = await RecordAsync(new VitalSignInput { WeightKg = 38m, HeightCm = 170m });
        Assert.That((thin.Bmi, thin.BmiFlag), Is.EqualTo(((decimal?)13.1m, "low")));
        Assert.That((await visits.VitalsForVisitAsync(visit.VisitId)).Count(r => !r.IsFlagged), Is.EqualTo(1));
    }

    [Test]
    public async Task Childrens_pulse_and_breathing_are_judged_against_their_age()
    {
        var infant = await Db.NewOpenVisitAsync(await ChildAsync(0));
        var child = await Db.NewOpenVisitAsync(await ChildAsync(5));

        var infantRow = await RecordAsync(infant, new VitalSignInput { PulseBpm = 155, RespiratoryRate = 45 });
        var childRow = await RecordAsync(child, new VitalSignInput { PulseBpm = 155, RespiratoryRate = 34, WeightKg = 10m, HeightCm = 110m });
        var fastInfant = await RecordAsync(infant, new VitalSignInput { PulseBpm = 190, RespiratoryRate = 65 });

        Assert.That((infantRow.PulseFlag, infantRow.RespiratoryFlag, infantRow.IsFlagged), Is.EqualTo(((string?)null, (string?)null, false)));
        Assert.That((childRow.PulseFlag, childRow.RespiratoryFlag), Is.EqualTo(((string?)null, (string?)null)));
        Assert.That((childRow.Bmi, childRow.BmiFlag), Is.EqualTo(((decimal?)8.3m, (string?)null)), "no adult BMI flag for a child");
        Assert.That((fastInfant.PulseFlag, fastInfant.RespiratoryFlag), Is.EqualTo(("high", "high")));

        static async Task<VitalSignRow> RecordAsync(OpenVisit visit, VitalSignInput input)
        {
            var visits = Db.VisitsAs(visit.DoctorAccountId);
            var id = await visits.RecordVitalsAsync(visit.VisitId, input);
            return (await visits.VitalsForVisitAsync(visit.VisitId)).Single(r => r.VitalSignId == id);
        }
    }

    [Test]
    public async Task Only_writers_record_vitals_and_only_on_an_open_visit_even_for_the_schema_owner()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (_, otherNurse) = await Db.NursesAsync(visit);
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        var pulse = new VitalSignInput { PulseBpm = 80 };
        var kept = await visits.RecordVitalsAsync(visit.VisitId, pulse);

        Assert.That(await CodeOf(() => Db.VisitsAs(otherNurse).RecordVitalsAsync(visit.VisitId, pulse)), Is.EqualTo(VisitProcedures.NotAWriter));
        Assert.That(await CodeOf(() => Db.VisitsAs(receptionist).RecordVitalsAsync(visit.VisitId, pulse)), Is.EqualTo(50102));
        await visits.CloseAsync(visit.VisitId);
        var refusal = await RefusalOf(() => visits.RecordVitalsAsync(visit.VisitId, pulse));
        Assert.That((refusal.Code, refusal.Message), Is.EqualTo((50711, "This visit is closed, so nothing more can be recorded on it.")));

        Assert.That(await Db.OwnerErrorOf("INSERT INTO vital_sign (visit_id, patient_id, recorded_by, pulse_bpm) VALUES (@VisitId, @PatientId, @DoctorAccountId, 90)", visit),
            Is.EqualTo(50711));
        Assert.That(await Db.OwnerErrorOf("UPDATE vital_sign SET pulse_bpm = 60 WHERE vital_sign_id = @kept", new { kept }), Is.EqualTo(50711));
        Assert.That(await Db.OwnerErrorOf("DELETE FROM vital_sign WHERE vital_sign_id = @kept", new { kept }), Is.EqualTo(50711));
        Assert.That(await Db.ScalarAsync<int>("SELECT pulse_bpm FROM vital_sign WHERE visit_id = @VisitId", visit), Is.EqualTo(80));

        // Merging the patient still moves the closed visit's vitals.
        var survivor = await Db.NewPatientAsync();
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, visit.PatientId, "Duplicate record");
        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM vital_sign WHERE vital_sign_id = @kept", new { kept }), Is.EqualTo(survivor));
    }

    [Test]
    public async Task A_patients_vitals_across_visits_come_newest_first_and_limited()
    {
        var first = await Db.NewOpenVisitAsync();
        var second = await Db.NewVisitForDoctorAsync(first);
        var visits = Db.VisitsAs(first.DoctorAccountId);
        // A second visit of the same patient (the first one's consultation has ended).
        await Db.QueueAs(first.DoctorAccountId).CompleteAsync(await Db.ScalarAsync<int>("SELECT queue_entry_id FROM visit WHERE visit_id = @VisitId", first));
        var again = await Db.NewVisitForDoctorAsync(first, first.PatientId);
        // Two earlier times of the visits' day (a measurement before the day is refused): 30 and 20 minutes ago, or, in
        // the first 40 minutes after midnight, a quarter and a half of the way from midnight to now (the database's
        // clock, at which the second visit's reading is taken). Whole seconds apart: recorded_at keeps seconds.
        var now = await Db.ScalarAsync<DateTime>("SELECT NOW()");
        var sinceMidnight = now - now.Date;
        if (sinceMidnight < TimeSpan.FromSeconds(8))
        {
            await Task.Delay(TimeSpan.FromSeconds(8) - sinceMidnight);
            (now, sinceMidnight) = (now.Date.AddSeconds(8), TimeSpan.FromSeconds(8));
        }
        var (early, later) = sinceMidnight >= TimeSpan.FromMinutes(40)
            ? (now.AddMinutes(-30), now.AddMinutes(-20))
            : (now.Date.AddSeconds((int)(sinceMidnight.TotalSeconds / 4)), now.Date.AddSeconds((int)(sinceMidnight.TotalSeconds / 2)));
        var a = await visits.RecordVitalsAsync(first.VisitId, new VitalSignInput { PulseBpm = 70, RecordedAt = early });
        var b = await visits.RecordVitalsAsync(again, new VitalSignInput { PulseBpm = 75 });
        var c = await visits.RecordVitalsAsync(first.VisitId, new VitalSignInput { PulseBpm = 80, RecordedAt = later });
        await visits.RecordVitalsAsync(second, new VitalSignInput { PulseBpm = 99 });

        var all = await visits.VitalsForPatientAsync(first.PatientId);
        Assert.That(all.Select(r => r.VitalSignId), Is.EqualTo(new[] { b, c, a }));
        Assert.That((await visits.VitalsForPatientAsync(first.PatientId, limit: 2)).Select(r => r.VitalSignId), Is.EqualTo(new[] { b, c }));
        Assert.That((await visits.VitalsForVisitAsync(first.VisitId)).Select(r => r.VitalSignId), Is.EqualTo(new[] { c, a }));
    }
}
