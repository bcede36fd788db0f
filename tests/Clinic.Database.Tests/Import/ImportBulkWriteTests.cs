using System.Text;
using System.Text.Json;
using Clinic.Data.Import;
using Clinic.Data.Patients;
using Dapper;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The bulk import at scale (issue 14, migration 0103): while a patient or appointment import batch is written, the
/// per-row triggers of that table step aside and the import writes the audit trail, the name-word index and the
/// reporting summaries set-based. These rows must be exactly those the triggers write for the screens, and nothing
/// but a row of import_bulk_write (which only the internal import procedures write) may make a trigger step aside:
/// never a user variable, which any account can set.
/// </summary>
public class ImportBulkWriteTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private const string PatientHeader =
        "external_id,given_name,family_name,sex,date_of_birth,phone,email,address,district,emergency_contact_name,emergency_contact_phone,blood_group,mrn";

    /// <summary>A word of letters only, unlike any other test's.</summary>
    private static string Word() => "Qx" + Guid.NewGuid().ToString("N")[..7].Replace('0', 'a').Replace('1', 'b').Replace('2', 'c')
        .Replace('3', 'd').Replace('4', 'e').Replace('5', 'f').Replace('6', 'g').Replace('7', 'h').Replace('8', 'k').Replace('9', 'm');

    private static async Task<ImportBatch> ImportPatientsAsync(int adminId, params string[] rows)
    {
        var imports = new ImportProcedures(Db.Runner, Db.SessionOf(adminId));
        var csv = string.Join("\n", new[] { PatientHeader }.Concat(rows)) + "\n";
        var outcome = await new CsvImporter(imports).ImportAsync("patient", "patients.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            validRows: false, dryRun: false);
        var errors = await imports.ErrorsAsync(outcome.Batch.ImportBatchId, 0, 100);
        Assert.That(errors.Select(e => $"{e.LineNo} {e.ColumnName} {e.ErrorCode}"), Is.Empty);
        return outcome.Batch;
    }

    private static Task<IReadOnlyList<(string Action, string? OldRow, string NewRow, int? Actor, string DbUser)>> AuditOfAsync(string table, int key) =>
        Db.QueryAsync<(string, string?, string, int?, string)>(
            "SELECT action, old_row, new_row, actor_user_id, db_user FROM audit_trail WHERE table_name = @table AND row_key = @key ORDER BY audit_log_id",
            new { table, key = key.ToString() });

    /// <summary>The JSON document's members, in their order, with the named ones left out.</summary>
    private static List<(string Name, string Value)> Members(string json, params string[] except)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Where(p => !except.Contains(p.Name)).Select(p => (p.Name, p.Value.GetRawText())).ToList();
    }

    [Test]
    public async Task An_imported_patient_gets_the_audit_entry_name_words_and_report_row_the_screen_gives()
    {
        var adminId = await Db.AdminIdAsync();
        var (given, family) = ($"{Word()}-Anne  J.", $"de {Word()};anne,{Word()}");
        var batch = await ImportPatientsAsync(adminId,
            string.Join(",", "", given, $"\"{family}\"", "F", "1961-03-14", "0772 123 456", "q.test@example.com", "\"Plot 4, Gulu\"", "", "", "", "ab+", ""));
        var imported = await Db.ScalarAsync<int>(
            "SELECT entity_id FROM import_row WHERE import_batch_id = @id AND outcome = 'imported'", new { id = batch.ImportBatchId });
        // The same patient through the screen (patient_register, its triggers row by row), a duplicate confirmed.
        var registered = (await Db.PatientsAs(adminId).RegisterAsync(new PatientInput
        {
            GivenName = given, FamilyName = family, Sex = "female", DateOfBirth = new DateTime(1961, 3, 14), Phone = "0772 123 456",
            Email = "q.test@example.com", Address = "Plot 4, Gulu", BloodGroup = "ab+",
        }, confirmDuplicate: true)).PatientId;

        var importedAudit = await AuditOfAsync("patient", imported);
        var registeredAudit = await AuditOfAsync("patient", registered);
        Assert.That(importedAudit, Has.Count.EqualTo(1), "one audit entry, written set-based");
        Assert.That(registeredAudit, Has.Count.EqualTo(1));
        var (a, b) = (importedAudit[0], registeredAudit[0]);
        Assert.That((a.Action, a.OldRow, a.Actor, a.DbUser), Is.EqualTo((b.Action, b.OldRow, b.Actor, b.DbUser)));
        Assert.That(Members(a.NewRow).Select(m => m.Name), Is.EqualTo(Members(b.NewRow).Select(m => m.Name)), "the same document, member for member");
        Assert.That(Members(a.NewRow, "patient_id", "mrn", "created_at", "updated_at"),
            Is.EqualTo(Members(b.NewRow, "patient_id", "mrn", "created_at", "updated_at")));
        // The members that differ are the row's own: its id, MRN and times, as stored.
        var row = await Db.QueryAsync<(int Id, string Mrn, string Created, string Updated)>(
            "SELECT patient_id, mrn, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM patient WHERE patient_id = @imported",
            new { imported });
        using (var doc = JsonDocument.Parse(a.NewRow))
        {
            Assert.That(doc.RootElement.GetProperty("patient_id").GetInt32(), Is.EqualTo(row[0].Id));
            Assert.That(doc.RootElement.GetProperty("mrn").GetString(), Is.EqualTo(row[0].Mrn));
            Assert.That(doc.RootElement.GetProperty("created_at").GetString(), Does.StartWith(row[0].Created));
            Assert.That(doc.RootElement.GetProperty("updated_at").GetString(), Does.StartWith(row[0].Updated));
        }

        const string words = "SELECT CAST(word AS BINARY) FROM patient_name_word WHERE patient_id = @id ORDER BY word, CAST(word AS BINARY)";
        var importedWords = await Db.QueryAsync<byte[]>(words, new { id = imported });
        var registeredWords = await Db.QueryAsync<byte[]>(words, new { id = registered });
        Assert.That(importedWords.Select(Encoding.UTF8.GetString), Is.EqualTo(registeredWords.Select(Encoding.UTF8.GetString)));
        Assert.That(importedWords, Has.Count.EqualTo(6), "Word, Anne, J, de, Word, Word: 'anne' is the same word as 'Anne'");
        const string pairs = "SELECT CONCAT(CAST(word AS BINARY), ' ', CAST(other_word AS BINARY)) FROM patient_name_pair WHERE patient_id = @id " +
                             "ORDER BY word, other_word, CAST(word AS BINARY), CAST(other_word AS BINARY)";
        var importedPairs = await Db.QueryAsync<byte[]>(pairs, new { id = imported });
        Assert.That(importedPairs.Select(Encoding.UTF8.GetString), Is.EqualTo((await Db.QueryAsync<byte[]>(pairs, new { id = registered })).Select(Encoding.UTF8.GetString)));
        Assert.That(importedPairs, Has.Count.EqualTo(6 * 5), "every ordered pair of two different words");

        const string report = "SELECT CONCAT_WS('|', visits, COALESCE(first_started_at, '-'), COALESCE(last_started_at, '-'), recent_as_of, recent_visits, " +
                              "sex, date_of_birth, is_active, patient_key = (SELECT LEFT(SHA2(CONCAT(pseudonym_salt, ':', @id), 256), 16) FROM report_secret)) " +
                              "FROM report_visit_patient WHERE patient_id = @id";
        var importedReport = await Db.ScalarAsync<string>(report, new { id = imported });
        Assert.That(importedReport, Is.Not.Null.And.EqualTo(await Db.ScalarAsync<string>(report, new { id = registered })));
        Assert.That(importedReport, Does.EndWith("|1"), "the pseudonymous key of the patient");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero, "the import leaves no row behind");
    }

    [Test]
    public async Task No_user_variable_makes_a_trigger_step_aside_and_the_app_cannot_write_import_bulk_write()
    {
        var adminId = await Db.AdminIdAsync();
        var token = await Db.SessionOf(adminId).GetSessionTokenAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        await using (var migrator = await OpenMigratorAsync())
            await migrator.ExecuteAsync("UPDATE patient SET email = 'bulk.test@example.com' WHERE patient_id = @patient", new { patient });
        await using var app = await Db.OpenAsync(Db.App);
        // Whatever an account sets (user variables need no privilege), a write through a public procedure is audited.
        await app.ExecuteAsync(
            "SET @import_bulk_write = 1, @clinic_import_bulk = 1, @clinic_bulk_import = 1, @clinic_import_batch_id = 1, @bulk = 1, " +
            "@import_batch_id = 1, @clinic_import = 'patient', @kind = 'appointment', @notify_patients = 0, @skip_triggers = 1");
        var given = Word();
        var registered = await app.QuerySingleAsync<RegisteredPatient>(
            "CALL patient_register(@token, @given, 'Varuser', 'female', '1970-01-02', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1)",
            new { token, given });
        Assert.That(await AuditOfAsync("patient", registered.PatientId), Has.Count.EqualTo(1), "the row-level audit entry");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_name_word WHERE patient_id = @id", new { id = registered.PatientId }),
            Is.EqualTo(2));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM report_visit_patient WHERE patient_id = @id", new { id = registered.PatientId }),
            Is.EqualTo(1));

        var day = AppointmentTests.Day(3);
        var summary = "SELECT COALESCE(SUM(appointments), 0) FROM report_appointment_day WHERE staff_id = @doctor";
        var before = await Db.ScalarAsync<long>(summary, new { doctor });
        var booked = await app.QuerySingleAsync<int>(
            "CALL appointment_book(@token, @patient, @doctor, NULL, @at, NULL, 'variables')", new { token, patient, doctor, at = day.AddHours(10) });
        Assert.That(await AuditOfAsync("appointment", booked), Has.Count.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>(summary, new { doctor }) - before, Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_message WHERE cause_key = @key", new { key = $"appointment:{booked}:booked" }),
            Is.GreaterThan(0), "the booking message is queued");

        // Only the internal import procedures write the table the triggers trust.
        var ex = await Assert.ThrowsAsync<MySqlException>(async () =>
            await app.ExecuteAsync("INSERT INTO import_bulk_write (connection_id, import_batch_id, kind) VALUES (CONNECTION_ID(), 1, 'patient')"));
        Assert.That(ex!.ErrorCode, Is.EqualTo(MySqlErrorCode.TableAccessDenied));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero);
    }

    [Test]
    public async Task An_imported_appointment_gets_the_audit_entry_of_a_booking_and_the_summary_counts_every_column()
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var (mrn, doctorName, roomName) = (await MrnOfAsync(patient), await DoctorNameAsync(doctor), await RoomNameAsync(room));
        var future = AppointmentTests.Day(5).AddHours(9);
        var past = DateTime.Today.AddDays(-12).AddHours(9);
        var batch = await NewBatchAsync(
            Row(mrn, doctorName, Iso(future), Hm(future), null, roomName, "30", null, "Follow-up"),
            Row(mrn, doctorName, Iso(past), "09:00", null, roomName, "20", "completed", "Review"),
            Row(mrn, doctorName, Iso(past), "10:00", null, null, null, "cancelled", null, "Travelled"),
            Row(mrn, doctorName, Iso(past), "11:00", null, null, null, "no_show"),
            Row(mrn, doctorName, Iso(past.AddDays(1)), "16:30", null, roomName, "30", "completed"));
        Assert.That(await ImportAsync(batch), Is.Empty);
        var ids = (await OutcomesAsync(batch)).Select(o => o.EntityId!.Value).ToArray();

        // The same booking through the screen, on another day of the same doctor.
        var token = await Db.SessionOf(adminId).GetSessionTokenAsync();
        await using var app = await Db.OpenAsync(Db.App);
        var booked = await app.QuerySingleAsync<int>(
            "CALL appointment_book(@token, @patient, @doctor, @room, @at, 30, 'Follow-up')", new { token, patient, doctor, room, at = future.AddDays(1) });

        var importedAudit = await AuditOfAsync("appointment", ids[0]);
        var bookedAudit = await AuditOfAsync("appointment", booked);
        Assert.That(importedAudit, Has.Count.EqualTo(1));
        Assert.That(bookedAudit, Has.Count.EqualTo(1));
        string[] own = ["appointment_id", "starts_at", "ends_at", "created_at", "updated_at", "starts_on"];
        Assert.That(Members(importedAudit[0].NewRow).Select(m => m.Name), Is.EqualTo(Members(bookedAudit[0].NewRow).Select(m => m.Name)));
        Assert.That(Members(importedAudit[0].NewRow, own), Is.EqualTo(Members(bookedAudit[0].NewRow, own)));
        // (this batch is applied by the schema owner, as the import framework's tests do: db_user is the migrator's)
        Assert.That((importedAudit[0].Action, importedAudit[0].OldRow, importedAudit[0].Actor),
            Is.EqualTo((bookedAudit[0].Action, bookedAudit[0].OldRow, bookedAudit[0].Actor)));
        foreach (var id in ids)
            Assert.That(await AuditOfAsync("appointment", id), Has.Count.EqualTo(1), $"appointment {id}");

        // report_appointment_day of the doctor, every column, as report_appointment_day_add counts each appointment.
        var stored = await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', appointment_day, room_id, appointments, completed, cancelled, no_show, still_open, not_cancelled, booked_minutes) " +
            "FROM report_appointment_day WHERE staff_id = @doctor ORDER BY appointment_day, room_id", new { doctor });
        var expected = await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', d, r, n, c, x, ns, o, nc, m) FROM (" +
            "SELECT DATE(starts_at) AS d, COALESCE(room_id, 0) AS r, COUNT(*) AS n, SUM(status = 'completed') AS c, SUM(status = 'cancelled') AS x, " +
            "SUM(status = 'no_show') AS ns, SUM(status IN ('booked', 'checked_in', 'in_progress')) AS o, SUM(status <> 'cancelled') AS nc, " +
            "SUM(CASE WHEN status <> 'cancelled' THEN TIMESTAMPDIFF(MINUTE, starts_at, LEAST(ends_at, CAST(DATE(starts_at) AS DATETIME) + INTERVAL 1 DAY)) ELSE 0 END) AS m " +
            "FROM appointment WHERE staff_id = @doctor GROUP BY DATE(starts_at), COALESCE(room_id, 0)) AS g ORDER BY d, r",
            new { doctor });
        Assert.That(stored, Is.EqualTo(expected));
        Assert.That(stored, Has.Count.EqualTo(5), "four days, one of them with and without a room");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero);
    }

    [Test]
    public async Task The_visits_of_imported_completed_appointments_get_the_audit_entries_and_visit_summary_the_screen_gives()
    {
        var adminId = await Db.AdminIdAsync();
        var (doctor, otherDoctor) = (await Db.NewDoctorAsync(), await Db.NewDoctorAsync());
        var (imported, recorded) = (await Db.NewPatientAsync(), await Db.NewPatientAsync());
        var (mrn, doctorName) = (await MrnOfAsync(imported), await DoctorNameAsync(doctor));
        var recent = DateTime.Today.AddDays(-12).AddHours(9);
        var old = DateTime.Today.AddDays(-400).AddHours(10);
        var batch = await NewBatchAsync(
            Row(mrn, doctorName, Iso(recent), Hm(recent), null, null, "20", "completed", "Review"),
            Row(mrn, doctorName, Iso(recent.AddDays(1)), "11:00", null, null, null, "cancelled", null, "Travelled"),
            Row(mrn, doctorName, Iso(old), Hm(old), null, null, "30", "completed"));
        Assert.That(await ImportAsync(batch), Is.Empty);
        var appointments = (await OutcomesAsync(batch)).Select(o => o.EntityId!.Value).ToArray();
        var visits = await Db.QueryAsync<int>(
            "SELECT visit_id FROM visit WHERE appointment_id IN @appointments ORDER BY visit_id", new { appointments });
        Assert.That(visits, Has.Count.EqualTo(2), "a visit for each completed appointment, none for the cancelled one");

        // The same two consultations through the screen (appointment_record_past), for another patient and doctor.
        var appointmentsOf = Db.AppointmentsAs(adminId);
        foreach (var (at, minutes) in new[] { (recent, 20), (old, 30) })
            await appointmentsOf.RecordPastAsync(new Clinic.Data.Scheduling.PastAppointmentInput
            {
                PatientId = recorded, StaffId = otherDoctor, StartsAt = at, Minutes = minutes, Status = "completed",
            });
        var screenVisit = await Db.ScalarAsync<int>("SELECT MIN(visit_id) FROM visit WHERE patient_id = @recorded", new { recorded });

        // One audit entry per visit, the document the trigger writes, with the acting administrator.
        var screenAudit = (await AuditOfAsync("visit", screenVisit))[0];
        foreach (var visit in visits)
        {
            var audit = await AuditOfAsync("visit", visit);
            Assert.That(audit, Has.Count.EqualTo(1), $"visit {visit}: one audit entry");
            Assert.That((audit[0].Action, audit[0].OldRow, audit[0].Actor), Is.EqualTo(("INSERT", (string?)null, (int?)adminId)));
            Assert.That(Members(audit[0].NewRow).Select(m => m.Name), Is.EqualTo(Members(screenAudit.NewRow).Select(m => m.Name)),
                "the same document, member for member");
            var row = (await Db.QueryAsync<(int Patient, int Staff, int Appointment, string Status, string Started)>(
                "SELECT patient_id, staff_id, appointment_id, status, DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s') FROM visit WHERE visit_id = @visit",
                new { visit }))[0];
            using var doc = JsonDocument.Parse(audit[0].NewRow);
            var json = doc.RootElement;
            Assert.That((json.GetProperty("visit_id").GetInt32(), json.GetProperty("patient_id").GetInt32(), json.GetProperty("staff_id").GetInt32(),
                    json.GetProperty("appointment_id").GetInt32(), json.GetProperty("status").GetString()),
                Is.EqualTo((visit, row.Patient, row.Staff, row.Appointment, row.Status)));
            Assert.That(json.GetProperty("started_at").GetString(), Does.StartWith(row.Started));
        }
        // Written set-based after the batch's appointments (the trigger would have written each visit's entry before them).
        Assert.That(await Db.ScalarAsync<long>(
                "SELECT MIN(audit_log_id) FROM audit_trail WHERE table_name = 'visit' AND row_key IN @keys", new { keys = visits.Select(v => v.ToString()).ToArray() }),
            Is.GreaterThan(await Db.ScalarAsync<long>(
                "SELECT MAX(audit_log_id) FROM audit_trail WHERE table_name = 'appointment' AND row_key IN @keys",
                new { keys = appointments.Select(a => a.ToString()).ToArray() })));

        // report_visit_patient: the same row as the screen's two visits give, and as the visits themselves give.
        const string report = "SELECT CONCAT_WS('|', visits, first_started_at, last_started_at, recent_as_of, recent_visits) " +
                              "FROM report_visit_patient WHERE patient_id = @id";
        var importedReport = await Db.ScalarAsync<string>(report, new { id = imported });
        Assert.That(importedReport, Is.EqualTo(await Db.ScalarAsync<string>(report, new { id = recorded })));
        Assert.That(importedReport, Is.EqualTo(await Db.ScalarAsync<string>(
            "SELECT CONCAT_WS('|', COUNT(*), MIN(v.started_at), MAX(v.started_at), r.recent_as_of, " +
            "SUM(v.started_at >= r.recent_as_of - INTERVAL 364 DAY)) FROM visit AS v JOIN report_visit_patient AS r ON r.patient_id = v.patient_id " +
            "WHERE v.patient_id = @id GROUP BY r.recent_as_of", new { id = imported })));
        Assert.That(importedReport, Does.StartWith("2|").And.EndWith("|1"), "two visits, one of them in the last 365 days");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero);
    }
}
