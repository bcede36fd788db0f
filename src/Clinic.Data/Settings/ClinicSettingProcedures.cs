using Clinic.Data.Common;

namespace Clinic.Data.Settings;

public sealed record ClinicSettingRow
{
    public string SettingKey { get; init; } = "";
    public string SettingValue { get; init; } = "";
    public string Description { get; init; } = "";
    public DateTime UpdatedAt { get; init; }
}

/// <summary>Clinic settings (db/procedures/clinic_setting_*.sql): MRN format, phone country, sign-in policy.</summary>
public sealed class ClinicSettingProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<IReadOnlyList<ClinicSettingRow>> ListAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<ClinicSettingRow>("clinic_setting_list", session, null, ct);

    public async Task SetAsync(string key, string value, CancellationToken ct = default) =>
        await runner.ExecuteAsync("clinic_setting_set", session, new { p_key = key, p_value = value }, ct);

    /// <summary>
    /// Demo mode only (db/procedures/demo_claim.sql): "demo" when the database is a demo database,
    /// "claimed" when it was empty and is now marked as one; a database holding real clinic data is
    /// refused with a <see cref="ClinicRuleException"/> (50005).
    /// </summary>
    public async Task<string> ClaimDemoAsync(CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<string>("demo_claim", session, null, ct)
        ?? throw new InvalidOperationException("demo_claim answered nothing.");
}
