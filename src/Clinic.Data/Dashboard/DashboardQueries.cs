using Clinic.Data.Common;

namespace Clinic.Data.Dashboard;

/// <summary>One tile of the home page: the database decides which tiles a role sees (home_summary).</summary>
public sealed record HomeTile
{
    public string TileKey { get; init; } = "";
    public string Title { get; init; } = "";
    public long Value { get; init; }
    /// <summary>How to show the value when it is an amount of money (money_text, e.g. "UGX 12,000"); null for a count.</summary>
    public string? ValueText { get; init; }
    public string? Href { get; init; }
}

public sealed record AppliedMigration
{
    public string ScriptName { get; init; } = "";
    public DateTime AppliedAt { get; init; }
}

/// <summary>The home page's tiles and the health checks.</summary>
public sealed class DashboardQueries(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>The signed-in user's tiles: each role sees its own work (home_summary).</summary>
    public Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default) =>
        runner.QueryAsync<HomeTile>("home_summary", session, null, ct);

    /// <summary>Anonymous: the run-once migrations applied to the database, by script name (health_check).</summary>
    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct = default) =>
        await runner.QueryWithoutSessionListAsync<string>("health_check", null, ct);

    /// <summary>Administrators: the applied migrations with their times (schema_status).</summary>
    public Task<IReadOnlyList<AppliedMigration>> SchemaStatusAsync(CancellationToken ct = default) =>
        runner.QueryAsync<AppliedMigration>("schema_status", session, null, ct);
}
