using Clinic.Data.Reports;

namespace Clinic.Web.Services;

/// <summary>
/// What the Reports page calls: the reports of the signed-in account (report_list). A seam so that component
/// tests need no database; which reports a role may run is the database's (can_run). The downloads themselves
/// are endpoints (Export/ReportExportEndpoints.cs), which call <see cref="ReportProcedures"/> directly.
/// </summary>
public interface IReportDesk
{
    Task<IReadOnlyList<ReportDefinitionRow>> ListAsync(CancellationToken ct = default);
}

public sealed class ReportDesk(ReportProcedures reports) : IReportDesk
{
    public Task<IReadOnlyList<ReportDefinitionRow>> ListAsync(CancellationToken ct = default) => reports.ListAsync(ct);
}
