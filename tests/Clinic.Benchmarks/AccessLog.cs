using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Dapper;
using MySqlConnector;

/// <summary>
/// What logging every read costs: patient_get (which writes one row to the audit schema's
/// patient_access_log per call, in its own commit) measured as it is, then with the internal
/// patient_access_record replaced by a no-op for the measurement only, then restored from its file.
/// Target: the logging adds at most 1 ms to the p95 of patient_get (docs/benchmarks.md).
/// </summary>
internal static class AccessLogBench
{
    public static async Task<List<(string Name, Stats Stats)>> MeasureAsync(ProcedureRunner runner, int adminId, string migrator, int patients, int iterations)
    {
        var doctor = new PatientProcedures(runner, new BenchSession(adminId));
        var random = new Random(7);
        int[] ids;
        await using (var reader = new MySqlConnection(migrator))
            ids = (await reader.QueryAsync<int>("SELECT patient_id FROM patient ORDER BY patient_id LIMIT @patients", new { patients })).ToArray();
        // Warm the buffer pool for both measurements alike (a full scan of the patients), then measure the two
        // modes in alternating blocks over the same kind of random reads, so neither profits from the other's warm-up.
        await using (var warm = new MySqlConnection(migrator))
            await warm.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE address IS NULL OR address IS NOT NULL");
        for (var i = 0; i < 50; i++)
            await doctor.GetAsync(ids[random.Next(ids.Length)]);

        async Task RunAsync(List<double> samples, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var id = ids[random.Next(ids.Length)];
                var watch = Stopwatch.StartNew();
                await doctor.GetAsync(id);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var loggedSamples = new List<double>();
        var unloggedSamples = new List<double>();
        var original = Clinic.Database.Migrations.ScriptCatalog.All.Single(s => s.ObjectName == "patient_access_record").Contents;
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(migrator) { AllowUserVariables = true }.ConnectionString);
        await connection.OpenAsync();
        const int Blocks = 5;
        for (var block = 0; block < Blocks; block++)
        {
            await RunAsync(loggedSamples, iterations / Blocks);
            await connection.ExecuteAsync("DROP PROCEDURE patient_access_record");
            try
            {
                await connection.ExecuteAsync("""
                    CREATE PROCEDURE patient_access_record(
                        IN p_patient_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_object_id BIGINT UNSIGNED, IN p_reason VARCHAR(255))
                        SQL SECURITY DEFINER
                    BEGIN
                    END
                    """);
                await RunAsync(unloggedSamples, iterations / Blocks);
            }
            finally
            {
                await connection.ExecuteAsync("DROP PROCEDURE IF EXISTS patient_access_record");
                foreach (var command in Clinic.Database.Migrations.MySqlScriptSplitter.Split(original))
                    await connection.ExecuteAsync(command);
            }
        }
        var logged = Stats.Of(loggedSamples);
        var unlogged = Stats.Of(unloggedSamples);
        return
        [
            ("patient_get, read access logged", logged),
            ("patient_get, logging switched off (baseline)", unlogged),
            ("difference (target p95 <= 1 ms)", new Stats(logged.Median - unlogged.Median, logged.P95 - unlogged.P95, logged.Max - unlogged.Max)),
        ];
    }
}
