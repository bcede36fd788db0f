using Clinic.Data.Dashboard;

namespace Clinic.Web.Services;

/// <summary>What the home page reads. A seam so that component tests need no database.</summary>
public interface IDashboardReader
{
    Task<HomeCounts> HomeCountsAsync(CancellationToken ct = default);
}

public sealed class DashboardReader(DashboardQueries queries) : IDashboardReader
{
    public Task<HomeCounts> HomeCountsAsync(CancellationToken ct = default) => queries.HomeCountsAsync(ct);
}
