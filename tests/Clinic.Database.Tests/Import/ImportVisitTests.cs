using Dapper;
using AppointmentData = Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind visit (internal/import_visit_check and _apply, migration 0090): the clinical record of a past,
/// completed appointment. Every rule of vital_sign_record, visit_diagnosis_add and visit_record_past reported by line,
/// column and code; good rows written as the screens write a visit (open, note, vitals, diagnoses, closed), with the
/// audit trail; a file imported again is a no-op.
/// </summary>
public class ImportVisitTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind visit, in the canonical column order (positions 1-15).</summary>
    private static string?[] Row(string? appointment, string? externalId = null, string? systolic = null, string? diastolic = null,
        string? pulse = null, string? temperature = null, string? respiratory = null, string? spo2 = null, string? weight = null,
        string? height = null, string? subjective = null, string? objective = null, string? assessment = null, string? plan = null,
        string? diagnoses = null) =>
        [externalId, appointment, systolic, diastolic, pulse, temperature, respiratory, spo2, weight, height, subjective, objective,
         assessment, plan, diagnoses];

    /// <summary>
    /// Appointments imported for a new doctor and patient, each one day further back (10+ days ago) at 09:00 for
    /// 20 minutes: status completed unless named in <paramref name="statuses"/>. Returns their external ids.
    /// </summary>
    private static async Task<string[]> PastAppointmentsAsync(int count, params (int Index, string Status)[] statuses)
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var (mrn, doctorName) = (await AppointmentData.MrnOfAsync(patient), await AppointmentData.DoctorNameAsync(doctor));
        var tag = "VA-" + ImportKindTestKit.Tag();
        var ids = Enumerable.Range(0, count).Select(i => $"{tag}-{i}").ToArray();
        var rows = ids.Select((id, i) =>
        {
            var status = statuses.Where(s => s.Index == i).Select(s => s.Status).FirstOrDefault() ?? "completed";
            return AppointmentData.Row(mrn, doctorName, DateTime.Today.AddDays(-10 - i).Iso(), "09:00", id, minutes: "20", status: status,
                reason: "Fever", cancelReason: status == "cancelled" ? "Patient travelled" : null);
        }).ToArray();
        var batch = await AppointmentData.NewBatchAsync(rows);
        var errors = await AppointmentData.ImportAsync(batch);
        Assert.That(errors, Is.Empty, "the appointments of the test import cleanly");
        return ids;
    }

    private static Task<int> AppointmentIdAsync(string externalId) =>
        Db.ScalarAsync<int>("SELECT entity_id FROM import_key WHERE kind = 'appointment' AND external_id = @externalId", new { externalId });

    [Test]
    public async Task Good_rows_replace_the_empty_visit_with_note_vitals_diagnoses_closed_and_audited()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = await PastAppointmentsAsync(2);
        var first = await AppointmentIdAsync(appointments[0]);
        var second = await AppointmentIdAsync(appointments[1]);
        var emptyVisits = await Db.QueryAsync<int>("SELECT visit_id FROM visit WHERE appointment_id IN (@first, @second)", new { first, second });
        Assert.That(emptyVisits, Has.Count.EqualTo(2), "the appointment import gave each completed appointment its closed, empty visit");
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var ext = "V-" + ImportKindTestKit.Tag();

        var batch = await Db.NewBatchAsync("visit",
            Row(appointments[0], ext + "-1", "128", "82", "76", "37.84", "16", "98", "70.456", "172.04",
                "Fever and headache for 3 days.", "Febrile, no neck stiffness.", "Uncomplicated malaria.", "Artemether/lumefantrine.",
                " b54 ; r509 ;"),
            Row(appointments[1], ext + "-2", weight: "12.5", diagnoses: "E119"));
        var errors = await Db.CheckAndApplyAsync("visit", batch, adminId);

        Assert.That(errors, Is.Empty);
        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var visits = await Db.QueryAsync<(long VisitId, long AppointmentId, string Status, DateTime StartedAt, DateTime? ClosedAt, long? ClosedBy,
            long StaffId, long PatientId)>(
            "SELECT v.visit_id, v.appointment_id, v.status, v.started_at, v.closed_at, v.closed_by, v.staff_id, v.patient_id " +
            "FROM visit AS v WHERE v.appointment_id IN (@first, @second) ORDER BY v.appointment_id", new { first, second });
        Assert.That(visits.Select(v => v.VisitId), Is.EqualTo(outcomes.OrderBy(o => o.EntityId).Select(o => o.EntityId!.Value)));
        Assert.That(visits.Select(v => v.VisitId).Intersect(emptyVisits.Select(v => (long)v)), Is.Empty, "the empty visits were replaced");
        var appts = await Db.QueryAsync<(long Id, DateTime StartedAt, DateTime CompletedAt, long StaffId, long PatientId)>(
            "SELECT appointment_id, started_at, completed_at, staff_id, patient_id FROM appointment WHERE appointment_id IN (@first, @second) " +
            "ORDER BY appointment_id", new { first, second });
        Assert.That(visits.Select(v => (v.AppointmentId, v.Status, v.StartedAt, v.ClosedAt, v.ClosedBy, v.StaffId, v.PatientId)),
            Is.EqualTo(appts.Select(a => (a.Id, "closed", a.StartedAt, (DateTime?)a.CompletedAt, (long?)adminId, a.StaffId, a.PatientId))));

        var visitOf = outcomes.ToDictionary(o => o.LineNo, o => o.EntityId!.Value);
        var note = await Db.QueryAsync<(string? S, string? O, string? A, string? P, long UpdatedBy)>(
            "SELECT subjective, objective, assessment, plan, updated_by FROM visit_note WHERE visit_id IN @ids",
            new { ids = visitOf.Values.ToArray() });
        Assert.That(note, Is.EqualTo(new[]
        {
            ("Fever and headache for 3 days.", "Febrile, no neck stiffness.", "Uncomplicated malaria.", "Artemether/lumefantrine.", (long)adminId),
        }), "a note only where a section was given");
        var vitals = await Db.QueryAsync<(long VisitId, int? Sys, int? Dia, int? Pulse, decimal? Temp, int? Rr, int? Spo2, decimal? Weight,
            decimal? Height, long By, DateTime At)>(
            "SELECT visit_id, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, respiratory_rate, spo2_pct, weight_kg, height_cm, " +
            "recorded_by, recorded_at FROM vital_sign WHERE visit_id IN @ids ORDER BY visit_id", new { ids = visitOf.Values.ToArray() });
        Assert.That(vitals.Select(v => (v.VisitId, v.Sys, v.Dia, v.Pulse, v.Temp, v.Rr, v.Spo2, v.Weight, v.Height, v.By)), Is.EqualTo(new[]
        {
            (visitOf[2], (int?)128, (int?)82, (int?)76, (decimal?)37.8m, (int?)16, (int?)98, (decimal?)70.46m, (decimal?)172.0m, (long)adminId),
            (visitOf[3], null, null, null, null, null, null, (decimal?)12.5m, null, (long)adminId),
        }), "rounded to the stored precision as vital_sign_record does");
        Assert.That(vitals[0].At, Is.EqualTo(appts[0].StartedAt.AddMinutes(5)));
        var diagnoses = await Db.QueryAsync<(long VisitId, string Code, int Primary, long By)>(
            "SELECT visit_id, icd10_code, CAST(is_primary AS SIGNED), recorded_by FROM visit_diagnosis WHERE visit_id IN @ids ORDER BY visit_id, visit_diagnosis_id",
            new { ids = visitOf.Values.ToArray() });
        Assert.That(diagnoses, Is.EqualTo(new[]
        {
            (visitOf[2], "B54", 1, (long)adminId), (visitOf[2], "R50.9", 0, (long)adminId), (visitOf[3], "E11.9", 1, (long)adminId),
        }), "codes normalised as visit_diagnosis_add does; the first is primary");

        var audit = await Db.QueryAsync<(string Table, string Action, string RowKey, long? Actor)>(
            "SELECT table_name, action, CAST(row_key AS CHAR), actor_user_id FROM audit_trail WHERE audit_log_id > @before " +
            "AND table_name IN ('visit', 'visit_note', 'vital_sign', 'visit_diagnosis') ORDER BY audit_log_id", new { before });
        var visitKeys = visitOf.Values.Select(v => v.ToString()).Concat(emptyVisits.Select(v => v.ToString())).ToHashSet();
        var childKeys = (await Db.QueryAsync<string>(
            "SELECT CONCAT('vital_sign:', vital_sign_id) FROM vital_sign WHERE visit_id IN @ids UNION ALL " +
            "SELECT CONCAT('visit_diagnosis:', visit_diagnosis_id) FROM visit_diagnosis WHERE visit_id IN @ids UNION ALL " +
            "SELECT CONCAT('visit_note:', visit_id) FROM visit_note WHERE visit_id IN @ids", new { ids = visitOf.Values.ToArray() })).ToHashSet();
        var mine = audit.Where(a => a.Table == "visit" ? visitKeys.Contains(a.RowKey) : childKeys.Contains(a.Table + ":" + a.RowKey)).ToList();
        Assert.That(mine.Select(a => a.Actor), Is.All.EqualTo((long?)adminId), "the row triggers audit every row as the administrator");
        Assert.That(mine.Where(a => a.Table == "visit").Select(a => (a.Action, a.RowKey)), Is.EquivalentTo(new[]
        {
            ("DELETE", emptyVisits[0].ToString()), ("DELETE", emptyVisits[1].ToString()),
            ("INSERT", visitOf[2].ToString()), ("INSERT", visitOf[3].ToString()),
            ("UPDATE", visitOf[2].ToString()), ("UPDATE", visitOf[3].ToString()),
        }));
        Assert.That(mine.Where(a => a.Table != "visit").Select(a => (a.Table, a.Action)), Is.EquivalentTo(new[]
        {
            ("visit_note", "INSERT"), ("vital_sign", "INSERT"), ("vital_sign", "INSERT"),
            ("visit_diagnosis", "INSERT"), ("visit_diagnosis", "INSERT"), ("visit_diagnosis", "INSERT"),
        }));
        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'visit' AND import_batch_id = @batch ORDER BY external_id", new { batch });
        Assert.That(keys, Is.EqualTo(new[] { (ext + "-1", visitOf[2]), (ext + "-2", visitOf[3]) }));

        // The same file again, through the framework's check: every row skipped, nothing written.
        const string clinicalAudit = "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before " +
                                     "AND table_name IN ('visit', 'visit_note', 'vital_sign', 'visit_diagnosis')";
        var auditCount = await Db.ScalarAsync<long>(clinicalAudit, new { before });
        var again = await Db.NewBatchAsync("visit",
            Row(appointments[0], ext + "-1", "128", "82", diagnoses: "B54"), Row(appointments[1], ext + "-2", weight: "12.5"));
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'visit', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("visit", again, adminId);
        var skipped = await Db.OutcomesAsync(again);
        Assert.That(skipped.Select(o => (o.Outcome, o.EntityId)), Is.EqualTo(new[] { ("skipped", (long?)visitOf[2]), ("skipped", (long?)visitOf[3]) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_error WHERE import_batch_id = @again", new { again }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(clinicalAudit, new { before }), Is.EqualTo(auditCount),
            "a re-import writes nothing");
    }

    [Test]
    public async Task Notes_vitals_and_diagnoses_are_audited_and_counted_set_based_as_their_triggers_would()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = await PastAppointmentsAsync(2);
        var appointmentIds = new[] { await AppointmentIdAsync(appointments[0]), await AppointmentIdAsync(appointments[1]) };
        var doctor = await Db.ScalarAsync<int>("SELECT staff_id FROM appointment WHERE appointment_id = @id", new { id = appointmentIds[0] });
        var batch = await Db.NewBatchAsync("visit",
            Row(appointments[0], null, "120", "80", "72", subjective: "Cough.", plan: "Fluids.", diagnoses: "J069;R509"),
            Row(appointments[1], null, weight: "64", diagnoses: "J069"));
        Assert.That(await Db.CheckAndApplyAsync("visit", batch, adminId), Is.Empty);
        var visits = (await Db.OutcomesAsync(batch)).Select(o => o.EntityId!.Value).ToArray();

        // One audit entry per row written, the whole row as its INSERT trigger writes it, by the administrator.
        var children = await Db.QueryAsync<(string Table, string Key)>(
            "SELECT 'visit_note', CAST(visit_id AS CHAR) FROM visit_note WHERE visit_id IN @visits UNION ALL " +
            "SELECT 'vital_sign', CAST(vital_sign_id AS CHAR) FROM vital_sign WHERE visit_id IN @visits UNION ALL " +
            "SELECT 'visit_diagnosis', CAST(visit_diagnosis_id AS CHAR) FROM visit_diagnosis WHERE visit_id IN @visits", new { visits });
        Assert.That(children.Select(c => c.Table), Is.EquivalentTo(new[]
            { "visit_note", "vital_sign", "vital_sign", "visit_diagnosis", "visit_diagnosis", "visit_diagnosis" }));
        long firstChildEntry = long.MaxValue;
        foreach (var (table, key) in children)
        {
            var entries = await Db.QueryAsync<(long Id, string Action, string? OldRow, string NewRow, long? Actor)>(
                "SELECT audit_log_id, action, old_row, new_row, actor_user_id FROM audit_trail WHERE table_name = @table AND row_key = @key",
                new { table, key });
            Assert.That(entries.Select(e => (e.Action, e.OldRow, e.Actor)), Is.EqualTo(new[] { ("INSERT", (string?)null, (long?)adminId) }),
                $"{table} {key}: one INSERT entry");
            var columns = await Db.QueryAsync<string>(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table", new { table });
            using var doc = System.Text.Json.JsonDocument.Parse(entries[0].NewRow);
            Assert.That(doc.RootElement.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(columns), $"{table}: every column");
            Assert.That(visits, Does.Contain(doc.RootElement.GetProperty("visit_id").GetInt64()));
            firstChildEntry = Math.Min(firstChildEntry, entries[0].Id);
        }
        // Written after the visits were closed: the triggers would have written each before its visit's closing entry.
        var closing = await Db.ScalarAsync<long>(
            "SELECT MAX(audit_log_id) FROM audit_trail WHERE table_name = 'visit' AND action = 'UPDATE' AND row_key IN @keys",
            new { keys = visits.Select(v => v.ToString()).ToArray() });
        Assert.That(firstChildEntry, Is.GreaterThan(closing), "the entries were written set-based, once the visits were closed");

        // report_diagnosis_month of the doctor: what the diagnoses themselves give, per month, code, age band and sex.
        var live = await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', x.m, x.code, x.band, x.sex, COUNT(*), SUM(x.is_primary)) FROM (" +
            "SELECT DATE(v.started_at) - INTERVAL (DAYOFMONTH(v.started_at) - 1) DAY AS m, d.icd10_code AS code, " +
            "age_band(p.date_of_birth, DATE(v.started_at)) AS band, p.sex, d.is_primary FROM visit_diagnosis AS d " +
            "JOIN visit AS v ON v.visit_id = d.visit_id JOIN patient AS p ON p.patient_id = v.patient_id WHERE v.staff_id = @doctor) AS x " +
            "GROUP BY x.m, x.code, x.band, x.sex ORDER BY x.m, x.code, x.band, x.sex", new { doctor });
        var summary = await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', month_start, icd10_code, age_band, sex, diagnoses, primary_diagnoses) FROM report_diagnosis_month " +
            "WHERE staff_id = @doctor AND diagnoses <> 0 ORDER BY month_start, icd10_code, age_band, sex", new { doctor });
        Assert.That(summary, Is.EqualTo(live));
        Assert.That(summary.Sum(l => int.Parse(l.Split('|')[4])), Is.EqualTo(3), "three diagnoses counted");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero, "the step-aside row is gone");
    }

    [Test]
    public async Task The_patients_visit_summary_is_counted_afresh_once_the_empty_visits_are_replaced()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = await PastAppointmentsAsync(2);
        var latest = await AppointmentIdAsync(appointments[0]);
        var patient = await Db.ScalarAsync<int>("SELECT patient_id FROM appointment WHERE appointment_id = @latest", new { latest });
        // The latest empty visit was recorded a minute after its appointment started; the visit file's visit starts with it.
        await Db.ExecuteAsOwnerAsync("UPDATE visit SET started_at = started_at + INTERVAL 1 MINUTE WHERE appointment_id = @latest", new { latest });
        const string report = "SELECT CONCAT_WS('|', visits, first_started_at, last_started_at, recent_as_of, recent_visits) " +
                              "FROM report_visit_patient WHERE patient_id = @patient";
        Assert.That(await Db.ScalarAsync<string>(report, new { patient }), Does.Contain(":01:00|"), "the summary holds the moved start");

        var batch = await Db.NewBatchAsync("visit", Row(appointments[0], null, weight: "70"), Row(appointments[1], null, weight: "71"));
        Assert.That(await Db.CheckAndApplyAsync("visit", batch, adminId), Is.Empty);

        // As report_visit_patient_refresh counts the patient: every visit, the first and latest start, the last 365 days.
        var counted = await Db.ScalarAsync<string>(
            "SELECT CONCAT_WS('|', COUNT(*), MIN(started_at), MAX(started_at), CURDATE(), SUM(started_at >= CURDATE() - INTERVAL 364 DAY)) " +
            "FROM visit WHERE patient_id = @patient", new { patient });
        Assert.That(await Db.ScalarAsync<string>(report, new { patient }), Is.EqualTo(counted));
        Assert.That(counted, Does.StartWith("2|").And.Not.Contain(":01:00|"), "two visits, the latest starting with its appointment");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero);
    }

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_row_still_lands()
    {
        var adminId = await Db.AdminIdAsync();
        var a = await PastAppointmentsAsync(20, (2, "cancelled"), (3, "no_show"));
        var ext = "W-" + ImportKindTestKit.Tag();
        var batch = await Db.NewBatchAsync("visit",
            Row(a[0], ext, "120", "80", "72", "36.8", "14", "99", "64", "160", "Sore throat.", diagnoses: "J06.9"), // 2: good
            Row(null, systolic: "120", diastolic: "80"), // 3: appointment missing
            Row("NO-SUCH-" + ext), // 4
            Row(a[2]), // 5: cancelled
            Row(a[0]), // 6: the appointment of line 2 again
            Row(a[3]), // 7: no-show
            Row(a[4], systolic: "abc", diastolic: "80"), // 8
            Row(a[5], systolic: "120"), // 9: one number
            Row(a[6], systolic: "350", diastolic: "80"), // 10
            Row(a[7], systolic: "120", diastolic: "250"), // 11: impossible and above the systolic
            Row(a[8], systolic: "80", diastolic: "90"), // 12: swapped
            Row(a[9], pulse: "400"), // 13
            Row(a[10], temperature: "99.5"), // 14: Fahrenheit
            Row(a[11], respiratory: "90"), // 15
            Row(a[12], spo2: "120"), // 16
            Row(a[13], weight: "650"), // 17
            Row(a[14], height: "300", temperature: "-1"), // 18: too tall, temperature not a number
            Row(a[15], diagnoses: "B54;XX9;b54"), // 19: unknown code, twice the same
            Row(a[16], diagnoses: "B54;R50.9;J06.9;I10;E11.9;N39.0;K29.7;J45.9;M54.5;D64.9;A09.9"), // 20: 11 codes
            Row(a[17], new string('x', 101)), // 21: external id too long
            Row(a[18], ext)); // 22: external id of line 2
        var errors = await Db.CheckAndApplyAsync("visit", batch, adminId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (3, "appointment", 51680),
            (4, "appointment", 51683),
            (5, "appointment", 51684),
            (6, "appointment", 51687),
            (7, "appointment", 51684),
            (8, "systolic_mmhg", 51688),
            (9, "diastolic_mmhg", 50721),
            (10, "systolic_mmhg", 50722),
            (11, "diastolic_mmhg", 50723), (11, "diastolic_mmhg", 50724),
            (12, "diastolic_mmhg", 50724),
            (13, "pulse_bpm", 50725),
            (14, "temperature_c", 50726),
            (15, "respiratory_rate", 50727),
            (16, "spo2_pct", 50728),
            (17, "weight_kg", 50729),
            (18, "temperature_c", 51688), (18, "height_cm", 50730),
            (19, "diagnoses", 50740), (19, "diagnoses", 50742),
            (20, "diagnoses", 51689),
            (21, "external_id", 51612),
            (22, "external_id", 51614),
        }), string.Join("\n", errors));
        var byLine = errors.ToLookup(e => e.LineNo);
        Assert.That(byLine[5].Single().Message, Is.EqualTo("That appointment is cancelled, not completed: only a completed appointment has a visit to record."));
        Assert.That(byLine[6].Single().Message, Is.EqualTo("The visit of this appointment is already on line 2 of the file."));
        Assert.That(byLine[8].Single().Message, Is.EqualTo("Please write a number here, e.g. 128."));
        Assert.That(byLine[10].Single().Message, Is.EqualTo("A systolic pressure of 350 mmHg is not possible. Please check the reading (40 to 300)."));
        Assert.That(byLine[14].Single().Message, Is.EqualTo("A temperature of 99.5 °C is not possible. Was it read in °F? Enter °C (25 to 45)."));
        Assert.That(byLine[17].Single().Message, Is.EqualTo("A weight of 650.00 kg is not possible. Please check the scale (0.3 to 500 kg)."));
        Assert.That(byLine[19].Select(e => e.CellValue), Is.EqualTo(new[] { "XX9", "b54" }));
        Assert.That(byLine[22].Single().Message, Is.EqualTo("This external id is already on line 2 of the file."));
        Assert.That(errors.Select(e => e.Message.Length), Is.All.LessThanOrEqualTo(128));

        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new long[] { 2 }), "valid rows: the good line lands");
        Assert.That(outcomes.Where(o => o.LineNo > 2).Select(o => o.Outcome), Is.All.EqualTo("rejected"));
        var landed = await Db.QueryAsync<(string Status, long Vitals, long Diagnoses)>(
            "SELECT v.status, (SELECT COUNT(*) FROM vital_sign AS s WHERE s.visit_id = v.visit_id), " +
            "(SELECT COUNT(*) FROM visit_diagnosis AS d WHERE d.visit_id = v.visit_id) FROM visit AS v WHERE v.visit_id = @id",
            new { id = outcomes[0].EntityId });
        Assert.That(landed, Is.EqualTo(new[] { ("closed", 1L, 1L) }));
        var untouched = await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM visit AS v JOIN import_key AS k ON k.kind = 'appointment' AND k.entity_id = v.appointment_id " +
            "WHERE k.external_id IN @ids AND (EXISTS (SELECT 1 FROM vital_sign AS s WHERE s.visit_id = v.visit_id) " +
            "OR EXISTS (SELECT 1 FROM visit_diagnosis AS d WHERE d.visit_id = v.visit_id))", new { ids = a.Skip(4).ToArray() });
        Assert.That(untouched, Is.Zero, "a rejected row writes nothing");
    }

    [Test]
    public async Task The_generated_clinics_visit_rows_pass_every_rule_and_land()
    {
        var adminId = await Db.AdminIdAsync();
        var model = new Clinic.Generator.ClinicModel(Clinic.Generator.GeneratorSettings.For(Clinic.Generator.ClinicSize.Demo,
            DateOnly.FromDateTime(DateTime.Today)) with { Seed = 5 });
        var generated = model.Visits().Take(250).ToList();
        Assert.That(generated, Has.Count.EqualTo(250));
        var appointments = await PastAppointmentsAsync(generated.Count);
        var rows = generated.Select((v, i) =>
        {
            var row = v.ToArray();
            row[0] = appointments[i].Replace("VA-", "VG-");
            row[1] = appointments[i];
            return row;
        }).ToArray();
        var batch = await Db.NewBatchAsync("visit", rows);
        var errors = await Db.CheckAndApplyAsync("visit", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE visit_id IN @ids AND is_primary = 1",
            new { ids = outcomes.Select(o => o.EntityId).ToArray() }), Is.EqualTo(250));
    }

    /// <summary>A timing of the check and apply on a bigger file (run by hand: --filter Name~Scale).</summary>
    [Test]
    public async Task A_visit_with_a_record_or_still_open_is_refused()
    {
        var adminId = await Db.AdminIdAsync();
        var a = await PastAppointmentsAsync(2);
        var first = await Db.NewBatchAsync("visit", Row(a[0], weight: "70"));
        Assert.That(await Db.CheckAndApplyAsync("visit", first, adminId), Is.Empty);

        // A visit still open (as appointment_complete leaves it while the doctor writes).
        var appointment = await AppointmentIdAsync(a[1]);
        await Db.ExecuteAsOwnerAsync(
            "SET @clinic_actor_id = @adminId; DELETE FROM visit WHERE appointment_id = @appointment; " +
            "INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status) " +
            "SELECT patient_id, staff_id, appointment_id, started_at, 'open' FROM appointment WHERE appointment_id = @appointment; " +
            "SET @clinic_actor_id = NULL;", new { adminId, appointment });

        var second = await Db.NewBatchAsync("visit", Row(a[0], weight: "71"), Row(a[1], weight: "72"));
        var errors = await Db.CheckAndApplyAsync("visit", second, adminId);
        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[] { (2, "appointment", 51685), (3, "appointment", 51686) }));
        Assert.That(errors.Select(e => e.Message), Is.EqualTo(new[]
        {
            "This appointment's visit already has a clinical record. Corrections are added as signed addenda.",
            "This appointment's visit is still open: the doctor records it on the visit screen.",
        }));
        Assert.That(await Db.ScalarAsync<decimal>(
            "SELECT s.weight_kg FROM vital_sign AS s JOIN visit AS v ON v.visit_id = s.visit_id JOIN import_key AS k " +
            "ON k.kind = 'appointment' AND k.entity_id = v.appointment_id WHERE k.external_id = @id", new { id = a[0] }), Is.EqualTo(70m));
    }
}

/// <summary>
/// docs/import.md documents the visit kind's columns exactly as import_column holds them, and docs/samples/visits.csv
/// imports cleanly after docs/samples/appointments.csv into a clinic set up as docs/import.md (appointment) describes.
/// </summary>
public class ImportVisitSampleTests
{
    [Test]
    public async Task The_columns_in_docs_import_md_are_the_visit_kinds_import_columns()
        => await ImportDocs.AssertDocumentedAsync(Clinic.Generator.ImportFormats.Visit, 15);

    [Test]
    public async Task The_sample_file_imports_after_the_appointments_sample_without_errors()
    {
        var (db, adminId) = await ImportSamples.NewSampleClinicAsync();

        // The appointments sample's past rows (its future bookings are not needed here).
        var appointments = ImportSamples.PastAppointments();
        var appointmentBatch = await db.NewBatchAsync("appointment", appointments);
        Assert.That(await db.CheckAndApplyAsync("appointment", appointmentBatch, adminId), Is.Empty);

        var header = ImportSamples.Header("visits.csv");
        Assert.That(header, Is.EqualTo(Clinic.Generator.ImportFormats.Visit.Columns));
        var batch = await db.NewBatchAsync("visit", ImportSamples.Rows("visits.csv"));
        var errors = await db.CheckAndApplyAsync("visit", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        Assert.That((await db.OutcomesAsync(batch)).Select(o => o.Outcome), Is.EqualTo(new[] { "imported", "imported" }));
        var diagnoses = await db.QueryAsync<(string Code, long Primary)>(
            "SELECT icd10_code, CAST(is_primary AS SIGNED) FROM visit_diagnosis ORDER BY visit_diagnosis_id");
        Assert.That(diagnoses, Is.EqualTo(new[] { ("I10", 1L), ("E66.9", 0L), ("B54", 1L), ("R50.9", 0L) }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE status = 'closed'"), Is.EqualTo(2));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_note"), Is.EqualTo(2));
    }
}
