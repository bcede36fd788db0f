using System.Text.Json;
using Clinic.Data.Scheduling;
using static Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind appointment (internal/import_appointment_check and _apply, migration 0082): every rule of
/// booking and of recording past appointments reported by line, column and code, and good rows written as the
/// screens write them.
/// </summary>
public class ImportAppointmentTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>A day at least a week ahead (AppointmentTests.Day).</summary>
    private static DateTime Future(int days = 0) => AppointmentTests.Day(days);

    /// <summary>Ten days ago (minus <paramref name="days"/>), midnight: always over.</summary>
    private static DateTime Past(int days = 0) => DateTime.Today.AddDays(-10 - days);

    private static (int Line, string? Column, int Code)[] Codes(IEnumerable<AppointmentImportError> errors) =>
        errors.Select(e => (e.LineNo, e.ColumnName, e.ErrorCode)).ToArray();

    [Test]
    public async Task Good_rows_land_as_the_screens_write_them_with_audit_summary_visit_and_keys()
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var (mrn, doctorName, roomName) = (await MrnOfAsync(patient), await DoctorNameAsync(doctor), await RoomNameAsync(room));
        var nine = Future().AddHours(9);
        var pastNine = Past().AddHours(9);
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var summaryBefore = await Db.ScalarAsync<long>(
            "SELECT COALESCE(SUM(appointments), 0) FROM report_appointment_day WHERE staff_id = @doctor", new { doctor });
        var ext = "A-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await OpenMigratorAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE patient SET email = 'import.test@example.com' WHERE patient_id = @patient", new { patient });

        var batch = await NewBatchAsync(
            Row(mrn, doctorName, Iso(nine), Hm(nine), ext + "-1", roomName, "30", null, "Follow-up"),
            Row(mrn, doctorName, nine.ToString("dd/MM/yyyy"), "10:00", ext + "-2", status: "booked"),
            Row(mrn, doctorName, Iso(pastNine), "9:00", ext + "-3", roomName, "20", "completed", "Review"),
            Row(mrn, doctorName, Iso(pastNine), "10:00", ext + "-4", status: "Cancelled", cancelReason: "Patient travelled"),
            Row(mrn, doctorName, Iso(pastNine), "10:00", ext + "-5", status: "no-show"));
        var errors = await ImportAsync(batch);

        Assert.That(errors, Is.Empty);
        var outcomes = await OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var rows = await Db.QueryAsync<(int Id, string Status, DateTime StartsAt, DateTime EndsAt, int? RoomId, int CreatedBy, string? Reason,
            string? CancelReason, DateTime? CheckedInAt, DateTime? CompletedAt, DateTime? CancelledAt)>(
            "SELECT appointment_id, status, starts_at, ends_at, room_id, created_by, reason, cancel_reason, checked_in_at, completed_at, cancelled_at " +
            "FROM appointment WHERE appointment_id IN @ids ORDER BY appointment_id", new { ids = outcomes.Select(o => o.EntityId).ToArray() });
        Assert.That(rows.Select(r => r.Id), Is.EqualTo(outcomes.Select(o => o.EntityId!.Value)), "one appointment per line, in line order");
        Assert.That(rows.Select(r => (r.Status, r.StartsAt, r.EndsAt, r.RoomId, r.CreatedBy)), Is.EqualTo(new[]
        {
            ("booked", nine, nine.AddMinutes(30), (int?)room, adminId),
            ("booked", Future().AddHours(10), Future().AddHours(10).AddMinutes(20), (int?)null, adminId), // the specialisation's 20 minutes
            ("completed", pastNine, pastNine.AddMinutes(20), (int?)room, adminId),
            ("cancelled", Past().AddHours(10), Past().AddHours(10).AddMinutes(20), (int?)null, adminId),
            ("no_show", Past().AddHours(10), Past().AddHours(10).AddMinutes(20), (int?)null, adminId),
        }));
        Assert.That((rows[0].Reason, rows[2].CheckedInAt, rows[2].CompletedAt), Is.EqualTo(("Follow-up", (DateTime?)pastNine, (DateTime?)pastNine.AddMinutes(20))));
        Assert.That((rows[3].CancelReason, rows[3].CancelledAt), Is.EqualTo(("Patient travelled", (DateTime?)Past().AddHours(10))));

        var visits = await Db.QueryAsync<(int AppointmentId, string Status, DateTime StartedAt)>(
            "SELECT appointment_id, status, started_at FROM visit WHERE appointment_id IN @ids", new { ids = rows.Select(r => r.Id).ToArray() });
        Assert.That(visits, Is.EqualTo(new[] { (rows[2].Id, "closed", pastNine) }), "a completed appointment has its closed visit");

        var audit = await Db.QueryAsync<(string Table, int? Actor, string NewRow)>(
            "SELECT table_name, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name IN ('appointment', 'visit') AND action = 'INSERT' " +
            "AND row_key IN @keys ORDER BY audit_log_id",
            new { before, keys = rows.Select(r => r.Id.ToString()).Concat(await Db.QueryAsync<string>("SELECT CAST(visit_id AS CHAR) FROM visit WHERE appointment_id = @id", new { id = rows[2].Id })).ToArray() });
        Assert.That(audit.Count(a => a.Table == "appointment"), Is.EqualTo(5));
        Assert.That(audit.Count(a => a.Table == "visit"), Is.EqualTo(1));
        Assert.That(audit.Select(a => a.Actor), Is.All.EqualTo(adminId));
        using (var json = JsonDocument.Parse(audit.First(a => a.Table == "appointment").NewRow))
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("booked"));

        var summaryAfter = await Db.ScalarAsync<long>(
            "SELECT COALESCE(SUM(appointments), 0) FROM report_appointment_day WHERE staff_id = @doctor", new { doctor });
        Assert.That(summaryAfter - summaryBefore, Is.EqualTo(5), "report_appointment_day counts every imported appointment");
        var keys = await Db.QueryAsync<(string ExternalId, int EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'appointment' AND import_batch_id = @batch ORDER BY external_id", new { batch });
        Assert.That(keys, Is.EqualTo(Enumerable.Range(0, 5).Select(i => (ext + "-" + (i + 1), rows[i].Id))));
        var queued = await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_message WHERE cause_key IN @causes", new { causes = rows.Take(2).Select(r => $"appointment:{r.Id}:booked").ToArray() });
        Assert.That(queued, Is.EqualTo(0), "an import tells no patient unless the batch says notify_patients (0088)");
    }

    [Test]
    public async Task Future_bookings_queue_the_patients_messages_only_when_the_batch_says_notify_patients()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var (mrn, doctorName) = (await MrnOfAsync(patient), await DoctorNameAsync(doctor));
        await using (var connection = await OpenMigratorAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE patient SET email = 'import.notify@example.com' WHERE patient_id = @patient", new { patient });

        async Task<long> QueuedAsync(bool notify, DateTime at)
        {
            var batch = await NewBatchAsync(Row(mrn, doctorName, Iso(at), Hm(at)));
            await Db.ExecuteAsOwnerAsync("UPDATE import_batch SET notify_patients = @notify WHERE import_batch_id = @batch", new { notify, batch });
            Assert.That(await ImportAsync(batch), Is.Empty);
            var id = (await OutcomesAsync(batch)).Single().EntityId;
            return await Db.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_message WHERE cause_key = @cause", new { cause = $"appointment:{id}:booked" });
        }

        Assert.That(await QueuedAsync(false, Future().AddHours(9)), Is.EqualTo(0), "the default: nobody is told");
        Assert.That(await QueuedAsync(true, Future().AddHours(10)), Is.GreaterThan(0), "notify_patients: as appointment_book, the booking is announced");
    }

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_row_still_lands()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var (mrn, name) = (await MrnOfAsync(patient), await DoctorNameAsync(doctor));
        var day = Iso(Future(1));
        var past = Iso(Past(1));
        var ext = "B-" + Guid.NewGuid().ToString("N")[..8];

        var batch = await NewBatchAsync(
            Row(mrn, name, day, "09:00", ext + "-good", minutes: "15", reason: "Check-up"), // 2: good
            Row(null, name, day, "09:30"), // 3: patient missing
            Row(mrn, name, "31/02/2027", "10:00"), // 4: not a date
            Row(mrn, name, day, "25:00"), // 5: not a time
            Row(mrn, name, day, "10:00", minutes: "half an hour"), // 6
            Row(mrn, name, day, "10:30", minutes: "3"), // 7: too short
            Row("NO-SUCH-MRN", name, day, "11:00"), // 8
            Row(mrn, "Nobody Atall", day, "11:30"), // 9
            Row(mrn, name, day, "12:00", room: "No such room"), // 10
            Row(mrn, name, day, "12:30", status: "arrived"), // 11
            Row(mrn, name, past, "09:00"), // 12: ended, no status
            Row(mrn, name, past, "10:00", status: "booked"), // 13: booked in the past
            Row(mrn, name, day, "13:00", status: "completed"), // 14: final status in the future
            Row(mrn, name, past, "11:00", status: "cancelled"), // 15: no reason
            Row(mrn, name, day, "13:30", cancelReason: "why"), // 16: reason without cancellation
            Row(mrn, name, day, "14:00", reason: new string('x', 256)), // 17: too long
            Row(mrn, name, day, "14:30", ext + "-good")); // 18: the same external id as line 2

        var errors = await ImportAsync(batch);

        Assert.That(Codes(errors), Is.EquivalentTo(new (int, string?, int)[]
        {
            (3, "patient", 51630), (4, "date", 51632), (5, "start_time", 51633), (6, "duration_minutes", 51634),
            (7, "duration_minutes", 50509), (8, "patient", 50209), (9, "doctor", 51636), (10, "room", 50502),
            (11, "status", 51638), (12, "status", 50531), (13, "date", 50503), (14, "status", 50530),
            (15, "cancel_reason", 50511), (16, "cancel_reason", 51639), (17, "reason", 51612), (18, "external_id", 51614),
        }));
        Assert.That(errors.Single(e => e.LineNo == 18).Message, Is.EqualTo("This external id is already on line 2 of the file."));
        Assert.That(errors.Single(e => e.LineNo == 4).Message, Does.StartWith("That is not a date in an accepted format: YYYY-MM-DD, DD/MM/YYYY"));
        Assert.That(errors.Single(e => e.LineNo == 4).CellValue, Is.EqualTo("31/02/2027"));
        Assert.That(errors.Single(e => e.LineNo == 17).Message, Is.EqualTo("This is longer than the 255 characters the column holds."));
        Assert.That(errors.Select(e => e.Message.Length), Is.All.LessThanOrEqualTo(128));

        var outcomes = await OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new[] { 2 }));
        var written = await Db.QueryAsync<(int PatientId, DateTime StartsAt, DateTime EndsAt, string Reason)>(
            "SELECT patient_id, starts_at, ends_at, reason FROM appointment WHERE staff_id = @doctor", new { doctor });
        Assert.That(written, Is.EqualTo(new[] { (patient, Future(1).AddHours(9), Future(1).AddHours(9).AddMinutes(15), "Check-up") }));
    }

    [Test]
    public async Task Patients_and_doctors_are_found_by_import_id_or_by_a_unique_name()
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var twin1 = await Db.NewDoctorAsync();
        var twin2 = await Db.NewDoctorAsync();
        var retired = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var merged = await Db.NewPatientAsync();
        var twinName = "Twin " + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await OpenMigratorAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE staff SET given_name = 'Same', family_name = @twinName WHERE staff_id IN (@twin1, @twin2)",
                new { twinName, twin1, twin2 });
        }
        await Db.StaffAs(adminId).SetActiveAsync(retired, false);
        await Db.PatientsAs(adminId).MergeAsync(patient, merged, "duplicate record");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var keys = await NewBatchAsync();
        await AddImportKeyAsync("patient", "P-" + tag, patient, keys);
        await AddImportKeyAsync("staff", "S-" + tag, doctor, keys);
        await AddImportKeyAsync("staff", "R-" + tag, retired, keys);
        var day = Iso(Future(2));

        var batch = await NewBatchAsync(
            Row("P-" + tag, "S-" + tag, day, "09:00"), // 2: both by import id
            Row(await MrnOfAsync(patient), "Same " + twinName, day, "10:00"), // 3: two doctors have that name
            Row(await MrnOfAsync(patient), "R-" + tag, day, "10:00"), // 4: not an active doctor
            Row(await MrnOfAsync(merged), "S-" + tag, day, "11:00"), // 5: merged record
            Row(await MrnOfAsync(patient), await DoctorNameAsync(doctor), day, "12:00")); // 6: by the doctor's unique name

        var errors = await ImportAsync(batch);

        Assert.That(Codes(errors), Is.EquivalentTo(new (int, string?, int)[] { (3, "doctor", 51637), (4, "doctor", 50501), (5, "patient", 50210) }));
        var written = await Db.QueryAsync<(int PatientId, int StaffId, DateTime StartsAt)>(
            "SELECT patient_id, staff_id, starts_at FROM appointment WHERE staff_id = @doctor ORDER BY starts_at", new { doctor });
        Assert.That(written, Is.EqualTo(new[] { (patient, doctor, Future(2).AddHours(9)), (patient, doctor, Future(2).AddHours(12)) }));
    }

    [Test]
    public async Task Overlaps_within_the_file_name_the_earlier_line_and_cancelled_rows_hold_no_slot()
    {
        var doctor = await Db.NewDoctorAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var otherPatient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var (p1, p2, d1, d2, r) = (await MrnOfAsync(patient), await MrnOfAsync(otherPatient), await DoctorNameAsync(doctor),
            await DoctorNameAsync(otherDoctor), await RoomNameAsync(room));
        var day = Iso(Future(3));
        var past = Iso(Past(3));

        var batch = await NewBatchAsync(
            Row(p1, d1, day, "09:00", minutes: "120", room: r), // 2: 09:00-11:00
            Row(p2, d1, day, "09:30", minutes: "15"), // 3: doctor busy (line 2)
            Row(p2, d1, day, "10:30", minutes: "15"), // 4: doctor still busy: line 2 runs to 11:00, past line 3
            Row(p2, d2, day, "10:00", room: r), // 5: room taken (line 2)
            Row(p1, d2, day, "10:45"), // 6: patient busy (line 2)
            Row(p2, d1, day, "11:00"), // 7: back to back: fine
            Row(p1, d1, past, "09:00", status: "cancelled", cancelReason: "ill"), // 8: cancelled...
            Row(p2, d1, past, "09:00", status: "no_show")); // 9: ...so the slot is free

        var errors = await ImportAsync(batch);

        Assert.That(Codes(errors), Is.EquivalentTo(new (int, string?, int)[] { (3, "doctor", 51641), (4, "doctor", 51641), (5, "room", 51642), (6, "patient", 51643) }));
        Assert.That(errors.Where(e => e.LineNo is 3 or 4).Select(e => e.Message),
            Is.All.EqualTo("The doctor already has an appointment at that time on line 2 of this file."));
        Assert.That(errors.Single(e => e.LineNo == 5).Message, Is.EqualTo("The room is already taken at that time on line 2 of this file."));
        Assert.That((await OutcomesAsync(batch)).Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new[] { 2, 7, 8, 9 }));
    }

    [Test]
    public async Task Overlaps_with_appointments_in_the_database_are_refused_as_in_booking()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = Db.AppointmentsAs(adminId);
        var doctor = await Db.NewDoctorAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var otherPatient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var nine = Future(4).AddHours(9);
        await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = nine, Minutes = 60 });
        var cancelled = await appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = otherDoctor, StartsAt = nine.AddHours(3), Minutes = 30 });
        await appointments.CancelAsync(cancelled, "moved");
        var pastNine = Past(4).AddHours(9);
        await appointments.RecordPastAsync(new PastAppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = pastNine, Minutes = 30, Status = "no_show" });
        var (p1, p2, d1, d2, r) = (await MrnOfAsync(patient), await MrnOfAsync(otherPatient), await DoctorNameAsync(doctor),
            await DoctorNameAsync(otherDoctor), await RoomNameAsync(room));
        var day = Iso(nine);

        var batch = await NewBatchAsync(
            Row(p2, d1, day, "09:30"), // 2: the doctor's slot is taken
            Row(p2, d2, day, "09:45", room: r), // 3: the room is taken
            Row(p1, d2, day, "09:15"), // 4: the patient is busy
            Row(p2, d2, day, "12:00"), // 5: a cancelled booking holds no slot
            Row(p2, d1, day, "10:00"), // 6: back to back with the booking
            Row(p2, d1, Iso(pastNine), "09:10", status: "completed")); // 7: a past no-show held its slot (appointment_record_past)

        var errors = await ImportAsync(batch);

        Assert.That(Codes(errors), Is.EquivalentTo(new (int, string?, int)[] { (2, "doctor", 50506), (3, "room", 50507), (4, "patient", 50508), (7, "doctor", 50506) }));
        Assert.That(errors.First().Message, Is.EqualTo("That slot is taken: the doctor already has an appointment at that time."));
        Assert.That((await OutcomesAsync(batch)).Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new[] { 5, 6 }));
    }

    [Test]
    public async Task Future_bookings_keep_to_working_hours_and_leave_and_past_ones_do_not()
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync(hours: (TimeSpan.FromHours(8), TimeSpan.FromHours(12)));
        var patient = await Db.NewPatientAsync();
        var (mrn, name) = (await MrnOfAsync(patient), await DoctorNameAsync(doctor));
        var day = Future(5);
        var leaveDay = Future(6);
        var hours = Db.WorkingHoursAs(adminId);
        await hours.AddExceptionAsync(doctor, "leave", leaveDay.AddHours(10), leaveDay.AddHours(11), "conference");
        await hours.AddExceptionAsync(doctor, "extra_session", day.AddHours(18), day.AddHours(20));

        var batch = await NewBatchAsync(
            Row(mrn, name, Iso(day), "11:50", minutes: "20"), // 2: runs past the end of the block
            Row(mrn, name, Iso(day), "07:00"), // 3: before the block
            Row(mrn, name, Iso(leaveDay), "10:30"), // 4: on leave
            Row(mrn, name, Iso(day), "18:30"), // 5: in an extra session: fine
            Row(mrn, name, Iso(day), "08:00"), // 6: fine
            Row(mrn, name, Iso(Past(5)), "21:00", status: "completed")); // 7: history is not held to today's hours

        var errors = await ImportAsync(batch);

        Assert.That(Codes(errors), Is.EquivalentTo(new (int, string?, int)[] { (2, "start_time", 50504), (3, "start_time", 50504), (4, "date", 50505) }));
        Assert.That(errors.First().Message, Is.EqualTo("That time is outside the doctor's working hours."));
        Assert.That((await OutcomesAsync(batch)).Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new[] { 5, 6, 7 }));
    }

    [Test]
    public async Task Skipped_rows_are_left_alone_and_an_empty_apply_writes_nothing()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var batch = await NewBatchAsync(Row(await MrnOfAsync(patient), await DoctorNameAsync(doctor), "not a date", "09:00"));
        await using (var connection = await OpenMigratorAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE import_row SET outcome = 'skipped' WHERE import_batch_id = @batch", new { batch });

        var errors = await ImportAsync(batch);

        Assert.That(errors, Is.Empty);
        Assert.That((await OutcomesAsync(batch)).Select(o => o.Outcome), Is.EqualTo(new[] { "skipped" }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor", new { doctor }), Is.Zero);
    }

    [Test]
    public async Task The_apply_writes_the_rows_as_its_check_read_them_and_the_parsed_file_does_not_outlive_the_call()
    {
        // Parse once (internal/import_rows_parsed): within one import_batch_apply the check's parsed file is what the
        // apply writes. Shown by changing a cell between the two, which only a direct caller can do: the apply still
        // books the patient the check resolved and checked.
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var (checkedPatient, otherPatient) = (await Db.NewPatientAsync(), await Db.NewPatientAsync());
        var nine = Future(3).AddHours(9);
        var batch = await NewBatchAsync(Row(await MrnOfAsync(checkedPatient), await DoctorNameAsync(doctor), Iso(nine), Hm(nine)));
        var otherMrn = await MrnOfAsync(otherPatient);

        await using (var connection = await OpenMigratorAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var valid = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "CALL import_batch_check_run(@batch, 'appointment', @adminId, @total, @valid, @rejected, @skipped, @header); SELECT @valid;",
                new { batch, adminId }, transaction);
            Assert.That(valid, Is.EqualTo(1));
            Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM tmp_import_parsed WHERE import_batch_id = @batch AND kind = 'appointment'", new { batch }, transaction),
                Is.EqualTo(1), "the check left its parsed file, marked");
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE import_row SET c02 = @otherMrn WHERE import_batch_id = @batch", new { otherMrn, batch }, transaction);
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "CALL import_kind_apply(@batch, 'appointment', @adminId)", new { batch, adminId }, transaction);
            var written = await Dapper.SqlMapper.QueryAsync<int>(connection,
                "SELECT a.patient_id FROM import_row AS r JOIN appointment AS a ON a.appointment_id = r.entity_id WHERE r.import_batch_id = @batch",
                new { batch }, transaction);
            Assert.That(written, Is.EqualTo(new[] { checkedPatient }), "the patient the check resolved, not the cell as it was changed after the check");
            Assert.That(await NoSuchTableAsync("tmp_import_parsed"), Is.True, "the apply took the mark");

            // A check that no apply follows (a dry run, a rejected file): import_rows_release drops what it parsed.
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "CALL import_batch_check_run(@batch, 'appointment', @adminId, @total, @valid, @rejected, @skipped, @header)", new { batch, adminId }, transaction);
            Assert.That(await NoSuchTableAsync("tmp_import_appointment"), Is.False, "the check parsed the file");
            await Dapper.SqlMapper.ExecuteAsync(connection, "CALL import_rows_release()", transaction: transaction);
            Assert.That((await NoSuchTableAsync("tmp_import_appointment"), await NoSuchTableAsync("tmp_import_parsed")), Is.EqualTo((true, true)),
                "released: no parsed file stays in the pooled connection");

            async Task<bool> NoSuchTableAsync(string table)
            {
                try
                {
                    await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT COUNT(*) FROM {table}", transaction: transaction);
                    return false;
                }
                catch (MySqlConnector.MySqlException e) when (e.ErrorCode == MySqlConnector.MySqlErrorCode.NoSuchTable)
                {
                    return true;
                }
            }
            await transaction.CommitAsync();
        }
    }
}

/// <summary>The sample file docs/samples/appointments.csv imports cleanly into a clinic set up as docs/import.md (appointment) describes.</summary>
public class ImportAppointmentSampleTests
{
    [Test]
    public async Task The_sample_file_imports_without_errors()
    {
        var (db, adminId) = await ImportSamples.NewSampleClinicAsync();

        var header = ImportSamples.Header("appointments.csv");
        var columns = await db.QueryAsync<string>("SELECT column_name FROM import_column WHERE kind = 'appointment' ORDER BY position");
        Assert.That(header, Is.EqualTo(columns), "the sample's header lists the kind's columns in their order");
        // The June 2027 bookings must stay in the future: once they are not, move them by whole weeks (same weekdays).
        var firstBooking = new DateTime(2027, 6, 7);
        var weeks = DateTime.Today.AddDays(7) > firstBooking ? (int)Math.Ceiling((DateTime.Today.AddDays(7) - firstBooking).TotalDays / 7) : 0;
        var rows = ImportSamples.Rows("appointments.csv").Select(row =>
        {
            if (weeks > 0 && (row[7] is null or "booked"))
            {
                var date = DateTime.ParseExact(row[4]!, new[] { "yyyy-MM-dd", "d/M/yyyy" }, System.Globalization.CultureInfo.InvariantCulture);
                row[4] = date.AddDays(7 * weeks).ToString("yyyy-MM-dd");
            }
            return row;
        }).ToList();

        var batch = await NewBatchInAsync(db, rows);
        var errors = await ImportAsync(batch, db);

        Assert.That(errors.Select(e => $"{e.LineNo} {e.ColumnName} {e.ErrorCode} {e.Message}"), Is.Empty);
        var outcomes = await OutcomesAsync(batch, db);
        Assert.That(outcomes.Select(o => o.Outcome), Is.EqualTo(Enumerable.Repeat("imported", 7)));
        var statuses = await db.QueryAsync<string>("SELECT status FROM appointment ORDER BY appointment_id");
        Assert.That(statuses, Is.EqualTo(new[] { "completed", "no_show", "cancelled", "completed", "booked", "booked", "booked" }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE status = 'closed'"), Is.EqualTo(2));
    }
}
