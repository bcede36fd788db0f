using Clinic.Data.Queue;
using Clinic.Database.Migrations;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The summary of rpt_queue_wait (db/migrations/0086_report_queue_day.sql): report_queue_day and its histogram
/// report_queue_wait_time, kept by the queue_entry_report_* triggers. After every kind of change (arrivals,
/// priority changes, calls, completions, cancellations, corrected times, deletes, statements over many entries, a
/// rolled-back change), after 16 connections adding, reprioritising, calling and cancelling on one day at once, and
/// after the migration's backfill, the view must equal the live computation it replaced (the nearest-rank median
/// and 90th percentile by ranking every entry). A database of its own, so the live computation covers exactly these rows.
/// </summary>
[NonParallelizable]
public class ReportQueueSummaryTests
{
    private static TestDatabase Db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => Db = await DatabaseFixture.CreateDatabaseAsync();

    /// <summary>rpt_queue_wait as it was computed live before the summary (0086): ranks every entry per day and priority.</summary>
    private const string LiveQueueWait = """
        SELECT CONCAT_WS('|', x.clinic_day, x.priority, x.arrivals, x.seen, x.cancelled, COALESCE(x.median_wait_minutes, '-'),
                         COALESCE(x.p90_wait_minutes, '-'), COALESCE(x.max_wait_minutes, '-')) AS line
          FROM (
        SELECT w.clinic_day,
               w.priority,
               CAST(COUNT(*) AS SIGNED) AS arrivals,
               CAST(SUM(w.is_seen) AS SIGNED) AS seen,
               CAST(SUM(CASE WHEN w.status = 'cancelled' THEN 1 ELSE 0 END) AS SIGNED) AS cancelled,
               CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.5 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS median_wait_minutes,
               CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.9 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS p90_wait_minutes,
               CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS max_wait_minutes
          FROM (SELECT q.clinic_day,
                       q.priority,
                       q.status,
                       CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END AS is_seen,
                       TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds,
                       ROW_NUMBER() OVER (PARTITION BY q.clinic_day, q.priority, CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END
                                          ORDER BY TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), q.queue_entry_id) AS wait_rank,
                       SUM(CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END) OVER (PARTITION BY q.clinic_day, q.priority) AS seen_count
                  FROM queue_entry AS q) AS w
         GROUP BY w.clinic_day, w.priority
               ) AS x
         ORDER BY x.clinic_day, x.priority
        """;

    private const string ViewQueueWait = """
        SELECT CONCAT_WS('|', x.clinic_day, x.priority, x.arrivals, x.seen, x.cancelled, COALESCE(x.median_wait_minutes, '-'),
                         COALESCE(x.p90_wait_minutes, '-'), COALESCE(x.max_wait_minutes, '-')) AS line
          FROM rpt_queue_wait AS x
         ORDER BY x.clinic_day, x.priority
        """;

    /// <summary>The seconds too, which the view rounds to minutes: the k-th smallest wait exactly.</summary>
    private const string LiveSeconds = """
        SELECT CONCAT_WS('|', w.clinic_day, w.priority,
                         MAX(CASE WHEN w.wait_rank = CEIL(0.5 * w.seen_count) THEN w.wait_seconds END),
                         MAX(CASE WHEN w.wait_rank = CEIL(0.9 * w.seen_count) THEN w.wait_seconds END),
                         MAX(w.wait_seconds)) AS line
          FROM (SELECT q.clinic_day, q.priority, TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds,
                       ROW_NUMBER() OVER (PARTITION BY q.clinic_day, q.priority
                                          ORDER BY TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), q.queue_entry_id) AS wait_rank,
                       COUNT(*) OVER (PARTITION BY q.clinic_day, q.priority) AS seen_count
                  FROM queue_entry AS q
                 WHERE q.started_at IS NOT NULL) AS w
         GROUP BY w.clinic_day, w.priority
         ORDER BY w.clinic_day, w.priority
        """;

    private const string SummarySeconds = """
        SELECT CONCAT_WS('|', d.clinic_day, d.priority, d.median_wait_seconds, d.p90_wait_seconds, d.max_wait_seconds) AS line
          FROM report_queue_day AS d
         WHERE d.seen > 0
         ORDER BY d.clinic_day, d.priority
        """;

    private static async Task AssertSummaryIsLiveAsync(string after)
    {
        var live = await Db.QueryAsync<string>(LiveQueueWait);
        Assert.That(live, Is.Not.Empty);
        Assert.That(await Db.QueryAsync<string>(ViewQueueWait), Is.EqualTo(live), $"rpt_queue_wait after {after}");
        Assert.That(await Db.QueryAsync<string>(SummarySeconds), Is.EqualTo(await Db.QueryAsync<string>(LiveSeconds)),
            $"the waits in seconds after {after}");
        Assert.That(await Db.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM report_queue_day
             WHERE arrivals <= 0 OR seen < 0 OR cancelled < 0 OR seen + cancelled > arrivals
                OR (seen = 0) <> (median_wait_seconds IS NULL) OR (seen = 0) <> (p90_wait_seconds IS NULL)
                OR (seen = 0) <> (max_wait_seconds IS NULL)
            """), Is.Zero, $"no empty, negative or inconsistent day rows after {after}");
        Assert.That(await Db.ScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM report_queue_wait_time WHERE entries <= 0)
                 + (SELECT COUNT(*) FROM report_queue_day AS d
                     WHERE d.seen <> (SELECT COALESCE(SUM(t.entries), 0) FROM report_queue_wait_time AS t
                                       WHERE t.clinic_day = d.clinic_day AND t.priority = d.priority))
                 + (SELECT COUNT(*) FROM report_queue_wait_time AS t
                     WHERE NOT EXISTS (SELECT 1 FROM report_queue_day AS d WHERE d.clinic_day = t.clinic_day AND d.priority = t.priority))
            """), Is.Zero, $"the histogram holds exactly the entries seen after {after}");
    }

    /// <summary>An entry of any day as the schema owner writes it (no procedure backdates the queue); returns its id.</summary>
    private static async Task<int> EntryAsync(DateTime day, DateTime arrivedAt, string priority)
    {
        var patient = await Db.NewPatientAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO queue_entry (clinic_day, queue_number, patient_id, priority, arrived_at)
            SELECT @day, COALESCE(MAX(queue_number), 0) + 1, @patient, @priority, @arrivedAt FROM queue_entry WHERE clinic_day = @day;
            SELECT LAST_INSERT_ID();
            """, new { day, patient, priority, arrivedAt });
    }

    private static Task CallAsync(int id, int doctor, int waitSeconds) =>
        Db.ExecuteAsOwnerAsync(
            "UPDATE queue_entry SET status = 'with_doctor', staff_id = @doctor, started_at = arrived_at + INTERVAL @waitSeconds SECOND WHERE queue_entry_id = @id",
            new { id, doctor, waitSeconds });

    [Test]
    public async Task The_view_equals_the_live_computation_after_arrivals_priority_changes_calls_completions_cancellations_and_deletes()
    {
        var doctor = await Db.NewDoctorAsync(withHours: false);
        var day = (await Db.TodayAsync()).AddDays(-3);
        var opening = day.AddHours(8);

        // Eleven normal, four urgent, one emergency arrival three days ago; nobody seen yet.
        var normal = new List<int>();
        for (var i = 0; i < 11; i++)
            normal.Add(await EntryAsync(day, opening.AddMinutes(4 * i), "normal"));
        var urgent = new List<int>();
        for (var i = 0; i < 4; i++)
            urgent.Add(await EntryAsync(day, opening.AddMinutes(5 + 7 * i), "urgent"));
        var emergency = await EntryAsync(day, opening.AddMinutes(30), "emergency");
        await AssertSummaryIsLiveAsync("arrivals");

        // Priorities changed while waiting: a normal one becomes urgent, an urgent one emergency, and one back.
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET priority = 'urgent' WHERE queue_entry_id = @id", new { id = normal[10] });
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET priority = 'emergency' WHERE queue_entry_id = @id", new { id = urgent[3] });
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET priority = 'normal' WHERE queue_entry_id = @id", new { id = urgent[2] });
        await AssertSummaryIsLiveAsync("priority changes");

        // Calls, with ties in the waits: normal 600 300 900 300 1500 1200 60 2400 (median = rank 4 of 8).
        var waits = new[] { 600, 300, 900, 300, 1500, 1200, 60, 2400 };
        for (var i = 0; i < waits.Length; i++)
            await CallAsync(normal[i], doctor, waits[i]);
        await CallAsync(urgent[0], doctor, 120);
        await CallAsync(urgent[1], doctor, 45);
        await CallAsync(normal[10], doctor, 30);
        await AssertSummaryIsLiveAsync("calls");
        Assert.That(await Db.QueryAsync<(long Median, long P90, long Max)>(
                "SELECT median_wait_seconds, p90_wait_seconds, max_wait_seconds FROM report_queue_day WHERE clinic_day = @day AND priority = 'normal'",
                new { day }),
            Is.EqualTo(new[] { (600L, 2400L, 2400L) }), "sorted 60 300 300 600 | 900 1200 1500 2400: rank 4 and rank CEIL(7.2) = 8");

        // Completions change nothing counted; cancellations count.
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET status = 'completed' WHERE queue_entry_id IN @ids", new { ids = normal.Take(4).ToArray() });
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Left' WHERE queue_entry_id IN @ids",
            new { ids = new[] { normal[8], emergency } });
        await AssertSummaryIsLiveAsync("completions and cancellations");

        // The times corrected by the schema owner: the median and the longest wait move.
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET arrived_at = arrived_at - INTERVAL 3000 SECOND WHERE queue_entry_id = @id", new { id = normal[6] });
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET started_at = started_at - INTERVAL 250 SECOND WHERE queue_entry_id = @id", new { id = normal[0] });
        await AssertSummaryIsLiveAsync("corrected times");

        // Deletes: a seen entry, a waiting one, and every entry of the emergency priority (its row goes).
        await Db.ExecuteAsOwnerAsync("DELETE FROM queue_entry WHERE queue_entry_id IN @ids", new { ids = new[] { normal[5], normal[9] } });
        await Db.ExecuteAsOwnerAsync("DELETE FROM queue_entry WHERE clinic_day = @day AND priority = 'emergency'", new { day });
        await AssertSummaryIsLiveAsync("deletes");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM report_queue_day WHERE clinic_day = @day AND priority = 'emergency'", new { day }),
            Is.Zero, "a day and priority without arrivals has no row");

        // Today through the procedures: added, reprioritised, called, completed and cancelled by reception and a doctor.
        var reception = Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);
        var (doctorAccount, _) = await Db.NewAccountAsync("doctor");
        await Db.NewDoctorAsync(withHours: false, userAccountId: doctorAccount);
        var doctorQueue = Db.QueueAs(doctorAccount);
        var tickets = new List<QueueTicket>();
        foreach (var priority in new[] { QueuePriority.Normal, QueuePriority.Normal, QueuePriority.Urgent, QueuePriority.Emergency, QueuePriority.Normal })
            tickets.Add(await reception.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), Priority = priority }));
        await AssertSummaryIsLiveAsync("arrivals today");
        await reception.SetPriorityAsync(tickets[1].QueueEntryId, QueuePriority.Emergency);
        await reception.SetPriorityAsync(tickets[3].QueueEntryId, QueuePriority.Urgent);
        await AssertSummaryIsLiveAsync("priorities changed today");
        await doctorQueue.StartAsync(tickets[0].QueueEntryId);
        await doctorQueue.StartAsync(tickets[1].QueueEntryId);
        await doctorQueue.CompleteAsync(tickets[0].QueueEntryId);
        await reception.CancelAsync(tickets[4].QueueEntryId, "Went home");
        await AssertSummaryIsLiveAsync("calls, a completion and a cancellation today");

        // A statement over many entries, and a rolled-back change leaves the summary as it was.
        var extra = new List<int>();
        for (var i = 0; i < 6; i++)
            extra.Add(await EntryAsync(day.AddDays(-1), day.AddDays(-1).AddHours(9).AddMinutes(i), i % 2 == 0 ? "normal" : "urgent"));
        await Db.ExecuteAsOwnerAsync(
            "UPDATE queue_entry SET status = 'with_doctor', staff_id = @doctor, started_at = arrived_at + INTERVAL ((queue_entry_id % 7) * 100) SECOND WHERE queue_entry_id IN @extra",
            new { doctor, extra });
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET priority = 'emergency' WHERE clinic_day = @day AND status = 'waiting'", new { day });
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("UPDATE queue_entry SET started_at = started_at + INTERVAL 1 HOUR WHERE queue_entry_id IN @extra", new { extra }, transaction);
            await connection.ExecuteAsync("DELETE FROM queue_entry WHERE queue_entry_id = @id", new { id = normal[7] }, transaction);
            await transaction.RollbackAsync();
        }
        await AssertSummaryIsLiveAsync("statements over many entries and a rolled-back change");
    }

    [Test]
    public async Task Sixteen_connections_adding_reprioritising_calling_and_cancelling_on_one_day_leave_the_summary_live()
    {
        const int Racers = 16;
        var reception = Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctors = new List<QueueProcedures>();
        for (var i = 0; i < Racers; i++)
        {
            var (account, _) = await Db.NewAccountAsync("doctor");
            await Db.NewDoctorAsync(withHours: false, userAccountId: account);
            doctors.Add(Db.QueueAs(account));
        }
        var priorities = QueuePriority.All;
        var waiting = new List<int>();
        var newcomers = new List<int>();
        for (var i = 0; i < Racers; i++)
        {
            waiting.Add((await reception.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), Priority = priorities[i % 3] })).QueueEntryId);
            newcomers.Add(await Db.NewPatientAsync());
        }
        await AssertSummaryIsLiveAsync("the morning queue");

        // Every racer, on connections of its own: a new arrival, a waiting patient's priority changed and the patient
        // called in (or, for every fourth, removed from the queue), and the new arrival called in too.
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var ticket = await reception.AddAsync(new QueueAddInput { PatientId = newcomers[i], Priority = priorities[(i + 1) % 3] });
            await reception.SetPriorityAsync(waiting[i], priorities[(i + 2) % 3]);
            if (i % 4 == 3)
                await reception.CancelAsync(waiting[i], "Left before being seen");
            else
                await doctors[i].StartAsync(waiting[i]);
            await doctors[(i + 1) % Racers].StartAsync(ticket.QueueEntryId);
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.That(await Db.ScalarAsync<long>("SELECT SUM(arrivals) FROM report_queue_day WHERE clinic_day = CURDATE()"),
            Is.EqualTo(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE()")));
        Assert.That(await Db.ScalarAsync<long>("SELECT SUM(seen) FROM report_queue_day WHERE clinic_day = CURDATE()"),
            Is.EqualTo(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND started_at IS NOT NULL")));
        await AssertSummaryIsLiveAsync("16 connections at once");
    }

    [Test]
    public async Task The_migration_backfill_rebuilds_the_summary_the_triggers_keep()
    {
        // Entries of their own day with several priorities, ties and cancellations, so the backfill has work to do.
        var doctor = await Db.NewDoctorAsync(withHours: false);
        var day = (await Db.TodayAsync()).AddDays(-30);
        var ids = new List<int>();
        for (var i = 0; i < 14; i++)
            ids.Add(await EntryAsync(day, day.AddHours(8).AddMinutes(3 * i), i % 3 == 0 ? "urgent" : "normal"));
        for (var i = 0; i < 11; i++)
            await CallAsync(ids[i], doctor, (i * 397) % 1800);
        await Db.ExecuteAsOwnerAsync("UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Left' WHERE queue_entry_id = @id", new { id = ids[12] });
        await AssertSummaryIsLiveAsync("the entries the triggers counted");
        var kept = await Db.QueryAsync<string>("SELECT CONCAT_WS('|', d.clinic_day, d.priority, d.arrivals, d.seen, d.cancelled, d.median_wait_seconds, d.p90_wait_seconds, d.max_wait_seconds) FROM report_queue_day AS d ORDER BY d.clinic_day, d.priority");
        var keptTimes = await Db.QueryAsync<string>("SELECT CONCAT_WS('|', clinic_day, priority, wait_seconds, entries) FROM report_queue_wait_time ORDER BY clinic_day, priority, wait_seconds");

        // The migration's statements after its CREATE TABLEs, run again on emptied tables, give the same rows.
        var migration = ScriptCatalog.All.Single(s => s.Path == "migrations/0086_report_queue_day.sql").Contents;
        var body = string.Join('\n', migration.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        var statements = body.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        Assert.That(statements.Count(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)), Is.EqualTo(2));
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("DELETE FROM report_queue_day", transaction: transaction);
            await connection.ExecuteAsync("DELETE FROM report_queue_wait_time", transaction: transaction);
            foreach (var statement in statements.Where(s => !s.StartsWith("CREATE TABLE", StringComparison.Ordinal)))
                await connection.ExecuteAsync(statement, transaction: transaction);
            await transaction.CommitAsync();
        }
        Assert.That(await Db.QueryAsync<string>("SELECT CONCAT_WS('|', d.clinic_day, d.priority, d.arrivals, d.seen, d.cancelled, d.median_wait_seconds, d.p90_wait_seconds, d.max_wait_seconds) FROM report_queue_day AS d ORDER BY d.clinic_day, d.priority"),
            Is.EqualTo(kept));
        Assert.That(await Db.QueryAsync<string>("SELECT CONCAT_WS('|', clinic_day, priority, wait_seconds, entries) FROM report_queue_wait_time ORDER BY clinic_day, priority, wait_seconds"),
            Is.EqualTo(keptTimes));
        await AssertSummaryIsLiveAsync("the backfill");
    }
}
