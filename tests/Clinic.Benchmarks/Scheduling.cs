using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Dapper;
using MySqlConnector;

/// <summary>
/// Scheduling benchmarks: 200 doctors (190 in one specialisation, 10 in another) working 08:00-17:00
/// every day, a bulk-loaded book of appointments, free-slot search latency, and booking throughput
/// through appointment_book against plain single-row INSERTs into the same table.
/// </summary>
internal static class SchedulingBench
{
    public const int Doctors = 200;
    private const int SlotsPerDay = 36; // 15-minute slots, 08:00-17:00

    public sealed record Setup(int[] DoctorIds, int SmallSpecialisationId);

    public static async Task<Setup> EnsureDoctorsAsync(ProcedureRunner runner, int adminId, string adminDb)
    {
        await using var connection = new MySqlConnection(adminDb);
        var existing = (await connection.QueryAsync<int>(
            "SELECT staff_id FROM staff WHERE family_name LIKE 'Benchdoc%' ORDER BY staff_id")).ToArray();
        var small = await connection.QueryFirstOrDefaultAsync<int?>("SELECT specialisation_id FROM specialisation WHERE name = 'Bench small'");
        if (existing.Length >= Doctors && small is not null)
            return new Setup(existing[..Doctors], small.Value);

        var actor = new BenchSession(adminId);
        var facilities = new FacilityProcedures(runner, actor);
        var staff = new StaffProcedures(runner, actor);
        var hours = new WorkingHoursProcedures(runner, actor);
        var department = await facilities.CreateDepartmentAsync("Bench department");
        var large = await facilities.CreateSpecialisationAsync("Bench large", 15);
        var smallId = await facilities.CreateSpecialisationAsync("Bench small", 15);
        var ids = new List<int>();
        for (var i = 0; i < Doctors; i++)
        {
            var id = await staff.CreateAsync(new StaffInput
            {
                GivenName = "Doc", FamilyName = $"Benchdoc{i:D3}", StaffRole = "doctor", DepartmentId = department,
                SpecialisationId = i < Doctors - 10 ? large : smallId, ConsultationFee = 20_000m,
            });
            for (var day = 1; day <= 7; day++)
                await hours.AddBlockAsync(id, day, TimeSpan.FromHours(8), TimeSpan.FromHours(17));
            ids.Add(id);
        }
        return new Setup(ids.ToArray(), smallId);
    }

    /// <summary>
    /// Bulk-loads appointments: doctor k gets slot n on day (n div 36) from 120 days ago, 80% of slots
    /// booked, until the table holds <paramref name="count"/> rows. Triggers run as for any insert.
    /// </summary>
    public static async Task<double> EnsureAppointmentsAsync(string adminDb, Setup setup, int count, int patients)
    {
        await using var connection = new MySqlConnection(adminDb);
        await connection.OpenAsync();
        var have = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM appointment");
        if (have >= count)
            return 0;
        var perDoctor = (int)Math.Ceiling((count - have) / (double)setup.DoctorIds.Length / 0.8);
        var watch = Stopwatch.StartNew();
        var start = DateTime.Today.AddDays(-120).AddHours(8);
        // A future booking queues two outbox messages (appointment_outbox_insert): millions of rendered messages
        // made the load take hours. The "appointment booked" templates are switched off while loading (the
        // trigger then queues nothing) and switched back on afterwards, so the timed bookings still queue theirs.
        var active = (await connection.QueryAsync<string>(
            "SELECT channel FROM message_template WHERE event_code = 'appointment_booked' AND is_active = 1")).ToArray();
        await connection.ExecuteAsync("UPDATE message_template SET is_active = 0 WHERE event_code = 'appointment_booked' AND channel IN @active", new { active });
        try
        {
            await LoadAsync(connection, setup, perDoctor, patients, start);
        }
        finally
        {
            await connection.ExecuteAsync("UPDATE message_template SET is_active = 1 WHERE event_code = 'appointment_booked' AND channel IN @active", new { active });
        }
        await connection.ExecuteAsync("ANALYZE TABLE appointment");
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task LoadAsync(MySqlConnection connection, Setup setup, int perDoctor, int patients, DateTime start)
    {
        foreach (var doctor in setup.DoctorIds)
        {
            for (var from = 0; from < perDoctor; from += 20_000)
            {
                var to = Math.Min(perDoctor, from + 20_000) - 1;
                await connection.ExecuteAsync(
                    """
                    INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status, reason)
                    SELECT p.patient_id, @doctor,
                           @start + INTERVAL (n DIV 36) DAY + INTERVAL (n MOD 36) * 15 MINUTE,
                           @start + INTERVAL (n DIV 36) DAY + INTERVAL (n MOD 36) * 15 + 15 MINUTE,
                           'booked', 'bench'
                      FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + @from AS n
                              FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS a
                              CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS b
                              CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS c
                              CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d
                              CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) AS e) AS numbers
                      JOIN patient AS p ON p.mrn = CONCAT('HMS/', LPAD(1 + (n * 7919 + @doctor) % @patients, 6, '0'))
                     WHERE n BETWEEN @from AND @to AND (n * 13) MOD 5 <> 0
                    """,
                    new { doctor, patients, start, from, to }, commandTimeout: 900);
            }
        }
    }

    public static DateTime LoadedUntil(int appointments) =>
        DateTime.Today.AddDays(-120 + appointments / Doctors / 0.8 / SlotsPerDay);

    /// <summary>
    /// 16 clients each book <paramref name="perClient"/> appointments for their own doctor through
    /// appointment_book, then 16 clients INSERT the same number of rows directly, in the same run.
    /// Bookings go after the loaded range so they are all accepted. Returns (procedure/s, insert/s).
    /// </summary>
    public static async Task<(double Booked, double Inserted, int Failed)> ThroughputAsync(
        ProcedureRunner runner, int adminId, string adminDb, Setup setup, int appointments, int patients, int clients, int perClient)
    {
        // After the loaded range, and never in the past: with a small book (--appointments 200000) the loaded range
        // ends before today, and bookings in the past are all refused (50503), which measured refusals, not bookings.
        // And after every appointment an earlier run gave these doctors (its bookings and its plain INSERTs), so that a
        // run on a reused database never lands on them and measures refusals.
        var loadedUntil = LoadedUntil(appointments).Date;
        int[] ids;
        DateTime? lastBooked;
        await using (var lookup = new MySqlConnection(adminDb))
        {
            ids = (await lookup.QueryAsync<int>("SELECT patient_id FROM patient ORDER BY patient_id LIMIT @patients", new { patients })).ToArray();
            lastBooked = await lookup.ExecuteScalarAsync<DateTime?>(
                "SELECT MAX(starts_at) FROM appointment WHERE staff_id IN @doctors", new { doctors = setup.DoctorIds.Take(clients).ToArray() });
        }
        var after = new[] { loadedUntil, DateTime.Today, lastBooked?.Date ?? DateTime.MinValue }.Max();
        var firstDay = after.AddDays(30 + Random.Shared.Next(0, 30));
        var failed = 0;
        var book = new AppointmentProcedures(runner, new BenchSession(adminId));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var doctor = setup.DoctorIds[c];
            for (var i = 0; i < perClient; i++)
            {
                var startsAt = firstDay.AddDays(i / SlotsPerDay).AddHours(8).AddMinutes(i % SlotsPerDay * 15);
                try
                {
                    await book.BookAsync(new AppointmentInput
                    {
                        PatientId = ids[(c * perClient + i) % ids.Length], StaffId = doctor, StartsAt = startsAt, Minutes = 15,
                    });
                }
                catch (ClinicRuleException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        var booked = clients * perClient / watch.Elapsed.TotalSeconds;

        var insertDay = firstDay.AddDays(400);
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using var connection = new MySqlConnection(adminDb);
            await connection.OpenAsync();
            for (var i = 0; i < perClient; i++)
            {
                var startsAt = insertDay.AddDays(i / SlotsPerDay).AddHours(8).AddMinutes(i % SlotsPerDay * 15);
                await connection.ExecuteAsync(
                    "INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status) VALUES (@p, @s, @a, @b, 'booked')",
                    new { p = ids[(c * perClient + i + 7) % ids.Length], s = setup.DoctorIds[c], a = startsAt, b = startsAt.AddMinutes(15) });
            }
        })));
        var inserted = clients * perClient / watch.Elapsed.TotalSeconds;
        return (booked, inserted, failed);
    }
}
