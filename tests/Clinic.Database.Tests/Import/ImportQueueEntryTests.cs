using Dapper;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind queue_entry (internal/import_queue_entry_check and _apply, migration 0109): the walk-in queue of past
/// clinic days. Every rule of queue_add, queue_start, queue_complete, queue_cancel and queue_entry_status_guard reported
/// by line, column and code, the good row still landing; good rows written in the screens' steps (added waiting,
/// called in with a closed visit, completed or cancelled), audited step by step, counted in the queue summaries
/// exactly as the live computation over the entries gives them; a file imported again is a no-op. Each test uses days
/// of its own, far in the past, so the shared database's other queue entries never meet them.
/// </summary>
public class ImportQueueEntryTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind queue_entry, in the canonical column order (positions 1-15).</summary>
    private static string?[] Row(string? day, string? patient, string? doctor, string? arrived, string? started, string? completed,
        string? status = "completed", string? externalId = null, string? number = null, string? walkInName = null, string? walkInPhone = null,
        string? priority = null, string? cancelled = null, string? reason = "Fever", string? cancelReason = null) =>
        [externalId, day, number, patient, walkInName, walkInPhone, priority, doctor, arrived, started, completed, cancelled, status, reason,
         cancelReason];

    private static string?[] Left(string? day, string? patient, string? arrived, string? cancelled, string? cancelReason = "Left before being seen",
        string? doctor = null, string? walkInName = null, string? walkInPhone = null, string? number = null, string? externalId = null) =>
        Row(day, patient, doctor, arrived, null, null, "cancelled", externalId, number, walkInName, walkInPhone, cancelled: cancelled,
            cancelReason: cancelReason);

    private static Task<string> MrnAsync(int patientId) => Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @patientId", new { patientId });

    private static Task<string> DoctorNameAsync(int staffId) =>
        Db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @staffId", new { staffId });

    /// <summary>rpt_queue_wait's numbers as the live computation gives them from the entries (0086), for some days.</summary>
    private const string LiveDays = """
        SELECT CONCAT_WS('|', w.clinic_day, w.priority, COUNT(*), SUM(w.is_seen), SUM(CASE WHEN w.status = 'cancelled' THEN 1 ELSE 0 END),
                         COALESCE(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.5 * w.seen_count) THEN w.wait_seconds END), '-'),
                         COALESCE(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.9 * w.seen_count) THEN w.wait_seconds END), '-'),
                         COALESCE(MAX(CASE WHEN w.is_seen = 1 THEN w.wait_seconds END), '-')) AS line
          FROM (SELECT q.clinic_day, q.priority, q.status,
                       CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END AS is_seen,
                       TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds,
                       ROW_NUMBER() OVER (PARTITION BY q.clinic_day, q.priority, CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END
                                          ORDER BY TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), q.queue_entry_id) AS wait_rank,
                       SUM(CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END) OVER (PARTITION BY q.clinic_day, q.priority) AS seen_count
                  FROM queue_entry AS q WHERE q.clinic_day IN @days) AS w
         GROUP BY w.clinic_day, w.priority
         ORDER BY w.clinic_day, w.priority
        """;

    private const string SummaryDays = """
        SELECT CONCAT_WS('|', d.clinic_day, d.priority, d.arrivals, d.seen, d.cancelled, COALESCE(d.median_wait_seconds, '-'),
                         COALESCE(d.p90_wait_seconds, '-'), COALESCE(d.max_wait_seconds, '-')) AS line
          FROM report_queue_day AS d WHERE d.clinic_day IN @days
         ORDER BY d.clinic_day, d.priority
        """;

    [Test]
    public async Task Good_rows_land_in_the_screens_steps_with_their_visit_audit_trail_and_queue_summaries_and_a_reimport_is_a_no_op()
    {
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var day = today.AddDays(-1000);
        var nextDay = today.AddDays(-999);
        var (doctor, urgentDoctor) = (await Db.NewDoctorAsync(withHours: false), await Db.NewDoctorAsync(withHours: false));
        var (a, b, c) = (await Db.NewPatientAsync(), await Db.NewPatientAsync(), await Db.NewPatientAsync());
        var ext = "Q-" + ImportKindTestKit.Tag();
        // Patient b named by the external id of an earlier patient import.
        var patientBatch = await Db.NewBatchAsync("patient");
        await Db.ExecuteAsOwnerAsync("INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES ('patient', @id, @b, @patientBatch)",
            new { id = ext + "-P", b, patientBatch });
        var doctorName = await DoctorNameAsync(doctor);
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        string?[][] file =
        [
            Row(day.Iso(), await MrnAsync(a), doctorName, "08:00", "08:20", "08:35", externalId: ext + "-1"), // 2: number 8
            Row(day.Dmy(), ext + "-P", await DoctorNameAsync(urgentDoctor), "8:05", "08:10", "08:30", externalId: ext + "-2", priority: "Urgent",
                reason: "High fever"), // 3: number 9
            Left(day.Iso(), null, "08:10", "09:00", walkInName: "Sarah Namutebi", walkInPhone: "0772 123 456", externalId: ext + "-3"), // 4: 10
            Row(day.Iso(), await MrnAsync(c), doctorName, "08:40", "08:41", "09:15", externalId: ext + "-4", number: "7", priority: "emergency",
                walkInName: "Peter Ssali", walkInPhone: "0701234567"), // 5: number 7, a linked walk-in
            Left(nextDay.Iso(), await MrnAsync(a), "10:00", "10:45", doctor: doctorName, externalId: ext + "-5"), // 6: number 1
        ];
        var batch = await Db.NewBatchAsync("queue_entry", file);
        var errors = await Db.CheckAndApplyAsync("queue_entry", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var entries = await Db.QueryAsync<(long Id, DateTime Day, int Number, long? Patient, string? Name, string? Phone, string Priority, long? Staff,
            string Status, string? Reason, string? CancelReason, DateTime Arrived, DateTime? Started, DateTime? Completed, DateTime? Cancelled, long CreatedBy)>(
            "SELECT queue_entry_id, clinic_day, queue_number, patient_id, walk_in_name, walk_in_phone, priority, staff_id, status, reason, cancel_reason, " +
            "arrived_at, started_at, completed_at, cancelled_at, created_by FROM queue_entry WHERE queue_entry_id IN @ids ORDER BY queue_entry_id",
            new { ids = outcomes.Select(o => o.EntityId).ToArray() });
        Assert.That(entries.Select(e => e.Id), Is.EqualTo(outcomes.Select(o => o.EntityId!.Value)), "inserted in file order");
        DateTime At(DateTime d, int h, int m) => d.Date.AddHours(h).AddMinutes(m);
        Assert.That(entries.Select(e => (e.Day, e.Number, e.Patient, e.Name, e.Phone, e.Priority, e.Staff, e.Status, e.Reason, e.CancelReason,
            e.Arrived, e.Started, e.Completed, e.Cancelled, e.CreatedBy)), Is.EqualTo(new[]
        {
            (day, 8, (long?)a, (string?)null, (string?)null, "normal", (long?)doctor, "completed", (string?)"Fever", (string?)null,
                At(day, 8, 0), (DateTime?)At(day, 8, 20), (DateTime?)At(day, 8, 35), (DateTime?)null, (long)adminId),
            (day, 9, b, null, null, "urgent", urgentDoctor, "completed", "High fever", null,
                At(day, 8, 5), At(day, 8, 10), At(day, 8, 30), null, adminId),
            (day, 10, null, "Sarah Namutebi", "+256772123456", "normal", null, "cancelled", "Fever", "Left before being seen",
                At(day, 8, 10), null, null, At(day, 9, 0), adminId),
            (day, 7, c, "Peter Ssali", "+256701234567", "emergency", doctor, "completed", "Fever", null,
                At(day, 8, 40), At(day, 8, 41), At(day, 9, 15), null, adminId),
            (nextDay, 1, a, null, null, "normal", doctor, "cancelled", "Fever", "Left before being seen",
                At(nextDay, 10, 0), null, null, At(nextDay, 10, 45), adminId),
        }), "the numbered row keeps 7; the others of the day follow it in arrival order");

        // A completed entry has its visit, as queue_start creates one: closed at the end of the consultation, no charge.
        var visits = await Db.QueryAsync<(long Entry, long Patient, long? Staff, DateTime Started, string Status, DateTime? ClosedAt, long? ClosedBy)>(
            "SELECT queue_entry_id, patient_id, staff_id, started_at, status, closed_at, closed_by FROM visit WHERE queue_entry_id IN @ids ORDER BY queue_entry_id",
            new { ids = entries.Select(e => e.Id).ToArray() });
        Assert.That(visits, Is.EqualTo(entries.Where(e => e.Status == "completed").Select(e =>
            (e.Id, e.Patient!.Value, e.Staff, e.Started!.Value, "closed", e.Completed, (long?)adminId))));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM charge AS x JOIN visit AS v ON v.visit_id = x.visit_id WHERE v.queue_entry_id IN @ids",
            new { ids = entries.Select(e => e.Id).ToArray() }), Is.Zero, "no consultation charge for a past day");

        // The audit trail: each step of the screens, by the administrator.
        var audit = await Db.QueryAsync<(string RowKey, string Action, string? Status, long? Actor)>(
            "SELECT CAST(row_key AS CHAR), action, JSON_UNQUOTE(JSON_EXTRACT(new_row, '$.status')), actor_user_id FROM audit_trail " +
            "WHERE audit_log_id > @before AND table_name = 'queue_entry' ORDER BY audit_log_id", new { before });
        Assert.That(audit.Select(x => x.Actor), Is.All.EqualTo((long?)adminId));
        foreach (var e in entries)
            Assert.That(audit.Where(x => x.RowKey == e.Id.ToString()).Select(x => (x.Action, x.Status)),
                Is.EqualTo(e.Status == "completed"
                    ? new[] { ("INSERT", (string?)"waiting"), ("UPDATE", "with_doctor"), ("UPDATE", "completed") }
                    : new[] { ("INSERT", (string?)"waiting"), ("UPDATE", "cancelled") }), $"entry {e.Number} of {e.Day:d}");
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before AND table_name = 'visit' AND action = 'INSERT' " +
            "AND row_key IN (SELECT visit_id FROM visit WHERE queue_entry_id IN @ids)", new { before, ids = entries.Select(e => e.Id).ToArray() }),
            Is.EqualTo(3), "the visits are audited");

        // The summaries: as the live computation over the entries, and by hand.
        var days = new[] { day, nextDay };
        var summary = await Db.QueryAsync<string>(SummaryDays, new { days });
        Assert.That(summary, Is.EqualTo(await Db.QueryAsync<string>(LiveDays, new { days })));
        Assert.That(summary, Is.EqualTo(new[]
        {
            $"{day:yyyy-MM-dd}|emergency|1|1|0|60|60|60",
            $"{day:yyyy-MM-dd}|normal|2|1|1|1200|1200|1200",
            $"{day:yyyy-MM-dd}|urgent|1|1|0|300|300|300",
            $"{nextDay:yyyy-MM-dd}|normal|1|0|1|-|-|-",
        }));
        Assert.That(await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', priority, wait_seconds, entries) FROM report_queue_wait_time WHERE clinic_day IN @days ORDER BY priority, wait_seconds",
            new { days }), Is.EqualTo(new[] { "emergency|60|1", "normal|1200|1", "urgent|300|1" }));
        Assert.That(await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', priority, arrivals, seen, cancelled, median_wait_minutes, max_wait_minutes) FROM rpt_queue_wait " +
            "WHERE clinic_day = @day ORDER BY priority", new { day }),
            Is.EqualTo(new[] { "emergency|1|1|0|1.0|1.0", "normal|2|1|1|20.0|20.0", "urgent|1|1|0|5.0|5.0" }), "the analysts' view");
        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'queue_entry' AND import_batch_id = @batch ORDER BY external_id", new { batch });
        Assert.That(keys, Is.EqualTo(Enumerable.Range(0, 5).Select(i => ($"{ext}-{i + 1}", entries[i].Id))));

        // The same file again, through the framework's check: every row skipped, nothing written.
        var counts = "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM queue_entry WHERE clinic_day IN @days), " +
                     "(SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before AND table_name = 'queue_entry' AND row_key IN @ids), " +
                     "(SELECT COUNT(*) FROM visit WHERE queue_entry_id IN @ids))";
        var ids = entries.Select(e => e.Id).ToArray();
        var countsBefore = await Db.ScalarAsync<string>(counts, new { days, before, ids });
        var again = await Db.NewBatchAsync("queue_entry", file);
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'queue_entry', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("queue_entry", again, adminId);
        Assert.That((await Db.OutcomesAsync(again)).Select(o => (o.Outcome, o.EntityId)),
            Is.EqualTo(entries.Select(e => ("skipped", (long?)e.Id))));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_error WHERE import_batch_id = @again", new { again }), Is.Zero);
        Assert.That(await Db.ScalarAsync<string>(counts, new { days, before, ids }), Is.EqualTo(countsBefore), "a re-import writes nothing");
        Assert.That(await Db.QueryAsync<string>(SummaryDays, new { days }), Is.EqualTo(summary));
    }

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_row_still_lands()
    {
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var d = today.AddDays(-1100).Iso();
        var doctorId = await Db.NewDoctorAsync(withHours: false);
        var doctor = await DoctorNameAsync(doctorId);
        var (p, q, r) = (await MrnAsync(await Db.NewPatientAsync()), await MrnAsync(await Db.NewPatientAsync()), await Db.NewPatientAsync());
        var tag = ImportKindTestKit.Tag();

        // In the database already: number 1 of the day, patient p from 09:00 to 09:30.
        var first = await Db.NewBatchAsync("queue_entry", Row(d, p, doctor, "09:00", "09:10", "09:30", number: "1"));
        Assert.That(await Db.CheckAndApplyAsync("queue_entry", first, adminId), Is.Empty);

        // A merged patient; an MRN that is another patient's import id; a doctor who left (by import id); two doctors of one name.
        var survivor = await Db.NewPatientAsync();
        var merged = await Db.NewPatientAsync();
        await Db.ExecuteAsOwnerAsync("UPDATE patient SET status = 'merged', merged_into_patient_id = @survivor WHERE patient_id = @merged", new { survivor, merged });
        var keyBatch = await Db.NewBatchAsync("patient");
        await Db.ExecuteAsOwnerAsync("INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES ('patient', @mrn, @r, @keyBatch)",
            new { mrn = q, r, keyBatch });
        var ambiguousMrn = q;
        var gone = await Db.NewDoctorAsync(withHours: false);
        await Db.ExecuteAsOwnerAsync("UPDATE staff SET is_active = 0 WHERE staff_id = @gone", new { gone });
        var staffBatch = await Db.NewBatchAsync("staff");
        await Db.ExecuteAsOwnerAsync("INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES ('staff', @id, @gone, @staffBatch)",
            new { id = "S-GONE-" + tag, gone, staffBatch });
        foreach (var twin in new[] { await Db.NewDoctorAsync(withHours: false), await Db.NewDoctorAsync(withHours: false) })
            await Db.ExecuteAsOwnerAsync("UPDATE staff SET given_name = 'Twin', family_name = @family WHERE staff_id = @twin", new { family = "Doc" + tag, twin });
        var patientS = await MrnAsync(await Db.NewPatientAsync());

        var batch = await Db.NewBatchAsync("queue_entry",
            Row(d, patientS, doctor, "08:00", "08:10", "08:20", number: "2"), // 2: good
            Row(null, patientS, doctor, "10:00", "10:15", "10:30"), // 3: no day
            Row("31/02/2020", patientS, doctor, "10:00", "10:15", "10:30"), // 4: no such date
            Row(today.Iso(), patientS, doctor, "10:00", "10:15", "10:30"), // 5: today
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", number: "abc"), // 6
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", number: "0"), // 7
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", number: "1"), // 8: taken in the database
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", number: "2"), // 9: line 2's
            Row(d, null, doctor, "10:00", null, null, "cancelled", cancelled: "10:30", cancelReason: "Left"), // 10: nobody
            Left(d, null, "10:00", "10:30", walkInName: "Sarah Namutebi"), // 11: no phone
            Left(d, null, "10:00", "10:30", walkInName: "Sarah Namutebi", walkInPhone: "12"), // 12: not a phone
            Row(d, "NO-SUCH-" + tag, doctor, "10:00", "10:15", "10:30"), // 13
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", priority: "high"), // 14
            Row(d, patientS, "Nobody Here" + tag, "10:00", "10:15", "10:30"), // 15
            Row(d, patientS, "S-GONE-" + tag, "10:00", "10:15", "10:30"), // 16: no longer active
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", status: "seen"), // 17
            Row(d, patientS, doctor, "8h", "10:15", "10:30"), // 18
            Row(d, patientS, doctor, "10:00", "09:50", "10:30"), // 19: called in before arriving
            Row(d, patientS, doctor, "10:00", "10:15", "10:05"), // 20: ended before the call
            Row(d, patientS, doctor, "10:00", null, "10:30"), // 21: never called in
            Row(d, patientS, doctor, "10:00", "10:15", null, "cancelled", cancelled: "10:30", cancelReason: "Left"), // 22: called in, then cancelled
            Row(d, patientS, doctor, "10:00", "10:15", null), // 23: no end
            Row(d, patientS, null, "10:00", null, "10:20", "cancelled", cancelled: "10:30", cancelReason: "Left"), // 24: a completed time
            Left(d, patientS, "10:00", "10:30", cancelReason: null), // 25: no reason
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", cancelReason: "Left"), // 26: a cancel reason when completed
            Row(d, null, doctor, "10:00", "10:15", "10:30", walkInName: "Sarah Namutebi", walkInPhone: "0772123456"), // 27: an unregistered walk-in seen
            Row(d, patientS, null, "10:00", "10:15", "10:30"), // 28: seen by nobody
            Row(d, p, doctor, "09:20", "09:40", "09:50"), // 29: p is in the database's queue then
            Left(d, patientS, "08:15", "08:50"), // 30: patientS is on line 2 then
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", externalId: new string('x', 101)), // 31
            Left(d, patientS, "10:00", null), // 32: no cancelled time
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", cancelled: "10:40"), // 33: a cancelled time when completed
            Row(d, await MrnAsync(merged), doctor, "10:00", "10:15", "10:30"), // 34
            Row(d, ambiguousMrn, doctor, "10:00", "10:15", "10:30"), // 35: the MRN of q, the import id of r
            Row(d, patientS, "Twin Doc" + tag, "10:00", "10:15", "10:30"), // 36
            Row(d, patientS, doctor, "10:00", "10:15", "10:30", status: null), // 37: no status
            Row(d, patientS, doctor, "24:00", "10:15", "10:30")); // 38: no time of a day
        var errors = await Db.CheckAndApplyAsync("queue_entry", batch, adminId);

        Assert.That(errors.Cells(), Is.EquivalentTo(new (long, string?, long)[]
        {
            (3, "clinic_day", 51670),
            (4, "clinic_day", 51671),
            (5, "clinic_day", 51673),
            (6, "queue_number", 51674),
            (7, "queue_number", 51674),
            (8, "queue_number", 51675),
            (9, "queue_number", 51675),
            (10, "patient", 50601),
            (11, "walk_in_phone", 50601),
            (12, "walk_in_phone", 50204),
            (13, "patient", 50209),
            (14, "priority", 50604),
            (15, "doctor", 51636),
            (16, "doctor", 50605),
            (17, "status", 51676),
            (18, "arrived_time", 51672),
            (19, "started_time", 51677),
            (20, "completed_time", 51677),
            (21, "started_time", 50612),
            (22, "started_time", 50613),
            (23, "completed_time", 51678),
            (24, "completed_time", 51678),
            (25, "cancel_reason", 50614),
            (26, "cancel_reason", 51678),
            (27, "patient", 50608),
            (28, "doctor", 50609),
            (29, "patient", 51679),
            (30, "patient", 51679),
            (31, "external_id", 51612),
            (32, "cancelled_time", 51678),
            (33, "cancelled_time", 51678),
            (34, "patient", 50210),
            (35, "patient", 51635),
            (36, "doctor", 51637),
            (37, "status", 51670),
            (38, "arrived_time", 51672),
        }), string.Join("\n", errors));
        var byLine = errors.ToLookup(e => e.LineNo);
        Assert.That(byLine[8].Single().Message, Is.EqualTo("That day's queue already has this number."));
        Assert.That(byLine[9].Single().Message, Is.EqualTo("That day's number 2 is already on line 2 of the file."));
        Assert.That(byLine[29].Single().Message, Is.EqualTo("The patient was already in that day's queue then, as number 1."));
        Assert.That(byLine[30].Single().Message, Is.EqualTo("The patient was already in that day's queue then, on line 2 of the file."));
        Assert.That(byLine[19].Single().Message, Is.EqualTo("The patient cannot be called in before arriving."));
        Assert.That(byLine[12].Single().Message, Is.EqualTo(await Db.ScalarAsync<string>("SELECT phone_invalid_message()")));
        Assert.That(errors.Select(e => e.Message.Length), Is.All.LessThanOrEqualTo(128));

        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new long[] { 2 }), "valid rows: the good line lands");
        Assert.That(outcomes.Where(o => o.LineNo > 2).Select(o => o.Outcome), Is.All.EqualTo("rejected"));
        Assert.That(await Db.QueryAsync<string>(
            "SELECT CONCAT_WS('|', queue_number, status, started_at) FROM queue_entry WHERE clinic_day = @d ORDER BY queue_number", new { d }),
            Is.EqualTo(new[] { $"1|completed|{d} 09:10:00", $"2|completed|{d} 08:10:00" }), "a rejected row writes nothing");
    }

    [Test]
    public async Task Rows_without_a_number_follow_the_days_highest_number_in_arrival_order_and_the_summaries_match_the_live_computation()
    {
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var day = today.AddDays(-1200);
        var doctor = await DoctorNameAsync(await Db.NewDoctorAsync(withHours: false));
        var patients = new List<string>();
        for (var i = 0; i < 12; i++)
            patients.Add(await MrnAsync(await Db.NewPatientAsync()));
        var first = await Db.NewBatchAsync("queue_entry", Row(day.Iso(), patients[0], doctor, "07:50", "08:05", "08:15", number: "3"));
        Assert.That(await Db.CheckAndApplyAsync("queue_entry", first, adminId), Is.Empty);

        // Arrivals out of file order, ties in the waits, every priority, some who left.
        var rows = new List<string?[]>
        {
            Row(day.Iso(), patients[1], doctor, "09:30", "09:45", "09:55"),
            Row(day.Iso(), patients[2], doctor, "08:00", "08:45", "09:00", priority: "urgent"),
            Row(day.Iso(), patients[3], doctor, "08:10", "09:10", "09:20"),
            Left(day.Iso(), patients[4], "08:20", "09:40"),
            Row(day.Iso(), patients[5], doctor, "08:20", "08:35", "08:50", number: "5"),
            Row(day.Iso(), patients[6], doctor, "10:00", "10:01", "10:30", priority: "emergency"),
            Row(day.Iso(), patients[7], doctor, "10:05", "11:50", "12:00"),
            Row(day.Iso(), patients[8], doctor, "10:10", "10:25", "10:40"),
            Left(day.Iso(), patients[9], "11:00", "11:05"),
            Row(day.Iso(), patients[10], doctor, "11:30", "11:31", "11:40", priority: "urgent"),
            Row(day.Iso(), patients[11], doctor, "12:00", "12:15", "12:20"),
        };
        var batch = await Db.NewBatchAsync("queue_entry", rows.ToArray());
        Assert.That(await Db.CheckAndApplyAsync("queue_entry", batch, adminId), Is.Empty);

        var numbers = await Db.QueryAsync<(int Number, string Arrived)>(
            "SELECT q.queue_number, DATE_FORMAT(q.arrived_at, '%H:%i') FROM import_row AS r JOIN queue_entry AS q ON q.queue_entry_id = r.entity_id " +
            "WHERE r.import_batch_id = @batch ORDER BY r.line_no", new { batch });
        Assert.That(numbers.Select(n => n.Number), Is.EqualTo(new[] { 9, 6, 7, 8, 5, 10, 11, 12, 13, 14, 15 }),
            "after the day's highest number (5 in the file, 3 in the database), in arrival order");
        var days = new[] { day };
        var summary = await Db.QueryAsync<string>(SummaryDays, new { days });
        Assert.That(summary, Is.EqualTo(await Db.QueryAsync<string>(LiveDays, new { days })));
        Assert.That(summary.Single(s => s.Contains("|normal|")), Is.EqualTo($"{day:yyyy-MM-dd}|normal|9|7|2|900|6300|6300"),
            "normal waits 900 900 900 900 900 3600 6300 (one from the database): median rank 4, 90th percentile rank 7");
    }
}

/// <summary>
/// docs/import.md documents the queue_entry kind's columns exactly as import_column holds them (and the generator
/// writes them), and docs/samples/queue.csv imports cleanly into a clinic with the patients P-1001 to P-1003 and the
/// doctors Grace Nakato and Samuel Okello.
/// </summary>
public class ImportQueueEntrySampleTests
{
    [Test]
    public async Task The_columns_in_docs_import_md_are_the_queue_entry_kinds_import_columns()
        => await ImportDocs.AssertDocumentedAsync(Clinic.Generator.ImportFormats.QueueEntry, 15);

    [Test]
    public async Task The_sample_file_imports_without_errors()
    {
        // As this test has always set the clinic up: the doctors without working hours, and no rooms.
        var (db, adminId) = await ImportSamples.NewSampleClinicAsync(doctorsWithHours: false, rooms: false);

        var header = ImportSamples.Header("queue.csv");
        Assert.That(header, Is.EqualTo(Clinic.Generator.ImportFormats.QueueEntry.Columns));
        var batch = await db.NewBatchAsync("queue_entry", ImportSamples.Rows("queue.csv"));
        var errors = await db.CheckAndApplyAsync("queue_entry", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        Assert.That((await db.OutcomesAsync(batch)).Select(o => o.Outcome), Is.All.EqualTo("imported"));
        Assert.That(await db.QueryAsync<string>(
                "SELECT CONCAT_WS('|', clinic_day, queue_number, status, priority) FROM queue_entry ORDER BY clinic_day, queue_number"),
            Is.EqualTo(new[]
            {
                "2026-11-30|1|completed|normal", "2026-11-30|2|completed|urgent", "2026-11-30|3|cancelled|normal",
                "2026-11-30|4|completed|emergency", "2026-12-01|1|completed|normal", "2026-12-01|2|cancelled|normal",
            }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE queue_entry_id IS NOT NULL AND status = 'closed'"), Is.EqualTo(4));
        Assert.That(await db.ScalarAsync<long>("SELECT SUM(arrivals) FROM report_queue_day"), Is.EqualTo(6));
    }
}
