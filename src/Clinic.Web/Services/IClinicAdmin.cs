using Clinic.Data.Audit;
using Clinic.Data.Dashboard;
using Clinic.Data.Settings;

namespace Clinic.Web.Services;

/// <summary>
/// What /admin/settings (and its dialog), /admin/audit and /admin/system call. A seam so that component tests need
/// no database; every rule stays in the procedures (clinic_setting_*, audit_log_search, schema_status).
/// </summary>
public interface IClinicAdmin
{
    Task<IReadOnlyList<ClinicSettingRow>> SettingsAsync(CancellationToken ct = default);

    /// <summary>The database checks the value against the setting's allowed values (50004).</summary>
    Task SetSettingAsync(string key, string value, CancellationToken ct = default);
    Task<IReadOnlyList<AuditLogRow>> AuditAsync(AuditLogFilter filter, int offset, int limit, CancellationToken ct = default);

    /// <summary>The applied migrations with their times.</summary>
    Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(CancellationToken ct = default);
}

public sealed class ClinicAdmin(ClinicSettingProcedures settings, AuditProcedures audit, DashboardQueries dashboard) : IClinicAdmin
{
    public Task<IReadOnlyList<ClinicSettingRow>> SettingsAsync(CancellationToken ct = default) => settings.ListAsync(ct);
    public Task SetSettingAsync(string key, string value, CancellationToken ct = default) => settings.SetAsync(key, value, ct);

    public Task<IReadOnlyList<AuditLogRow>> AuditAsync(AuditLogFilter filter, int offset, int limit, CancellationToken ct = default) =>
        audit.SearchAsync(filter, offset, limit, ct);

    public Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(CancellationToken ct = default) => dashboard.SchemaStatusAsync(ct);
}
