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
        async Task<Stats> RunAsync()
        {
            for (var i = 0; i < 20; i++)
                await doctor.GetAsync(random.Next(1, patients));
            var samples = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var id = random.Next(1, patients);
                var watch = Stopwatch.StartNew();
                await doctor.GetAsync(id);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            return Stats.Of(samples);
        }

        var logged = await RunAsync();
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(migrator) { AllowUserVariables = true }.ConnectionString);
        await connection.OpenAsync();
        var original = Clinic.Database.Migrations.ScriptCatalog.All.Single(s => s.ObjectName == "patient_access_record").Contents;
        Stats unlogged;
        try
        {
            await connection.ExecuteAsync("DROP PROCEDURE patient_access_record");
            await connection.ExecuteAsync("""
                CREATE PROCEDURE patient_access_record(
                    IN p_patient_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_object_id BIGINT UNSIGNED, IN p_reason VARCHAR(255))
                    SQL SECURITY DEFINER
                BEGIN
                END
                """);
            unlogged = await RunAsync();
        }
        finally
        {
            foreach (var command in Clinic.Database.Migrations.MySqlScriptSplitter.Split(original))
                await connection.ExecuteAsync(command);
        }
        return
        [
            ("patient_get, read access logged", logged),
            ("patient_get, logging switched off (baseline)", unlogged),
            ("difference (target p95 <= 1 ms)", new Stats(logged.Median - unlogged.Median, logged.P95 - unlogged.P95, logged.Max - unlogged.Max)),
        ];
    }
}
