using Clinic.Data.Reports;

namespace Clinic.Web.Services;

/// <summary>
/// What the three dashboards call (Components/Reports). A seam so that component tests need no database; every
/// figure, rate and ranking, the check of the period and who may see what come from the procedures
/// (db/procedures/dashboard_*.sql), which read the analysts' rpt_* views.
/// </summary>
public interface IDashboards
{
    /// <summary>The administrator's clinic dashboard (dashboard_clinic).</summary>
    Task<ClinicDashboardData> ClinicAsync(DashboardPeriod period, CancellationToken ct = default);

    /// <summary>The pharmacy dashboard (dashboard_pharmacy).</summary>
    Task<PharmacyDashboardData> PharmacyAsync(DashboardPeriod period, CancellationToken ct = default);

    /// <summary>The signed-in doctor's own figures (dashboard_my_performance).</summary>
    Task<MyPerformanceData> MyPerformanceAsync(DashboardPeriod period, CancellationToken ct = default);
}

public sealed class Dashboards(DashboardProcedures procedures) : IDashboards
{
    public Task<ClinicDashboardData> ClinicAsync(DashboardPeriod period, CancellationToken ct = default) => procedures.ClinicAsync(period, ct);

    public Task<PharmacyDashboardData> PharmacyAsync(DashboardPeriod period, CancellationToken ct = default) =>
        procedures.PharmacyAsync(period, ct);

    public Task<MyPerformanceData> MyPerformanceAsync(DashboardPeriod period, CancellationToken ct = default) =>
        procedures.MyPerformanceAsync(period, ct);
}
