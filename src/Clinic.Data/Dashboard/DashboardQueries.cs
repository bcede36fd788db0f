using Clinic.Data.Common;

namespace Clinic.Data.Dashboard;

public sealed record HomeCounts
{
    public long ActiveAccountCount { get; init; }
    public long LockedAccountCount { get; init; }
    public long SignedInTodayCount { get; init; }
    public long AuditTodayCount { get; init; }
    public long PatientCount { get; init; }
    public long AppointmentTodayCount { get; init; }
    public long QueueWaitingCount { get; init; }
    public long SeenTodayCount { get; init; }
}

/// <summary>Reads the views behind the home page and /health.</summary>
public sealed class DashboardQueries(ProcedureRunner runner)
{
    public async Task<HomeCounts> HomeCountsAsync(CancellationToken ct = default) =>
        (await runner.QueryViewAsync<HomeCounts>(
            "SELECT active_account_count, locked_account_count, signed_in_today_count, audit_today_count, " +
            "patient_count, appointment_today_count, queue_waiting_count, seen_today_count FROM v_home_count",
            null, ct)).Single();

    /// <summary>The run-once migrations applied to the database, by script name.</summary>
    public Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct = default) =>
        runner.QueryViewAsync<string>("SELECT script_name FROM v_schema_status ORDER BY script_name", null, ct);
}
