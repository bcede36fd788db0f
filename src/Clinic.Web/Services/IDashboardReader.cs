using Clinic.Data.Dashboard;

namespace Clinic.Web.Services;

/// <summary>What the home page reads. A seam so that component tests need no database.</summary>
public interface IDashboardReader
{
    /// <summary>The signed-in user's tiles; the database decides which a role sees.</summary>
    Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default);
}

public sealed class DashboardReader(DashboardQueries queries) : IDashboardReader
{
    public Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default) => queries.HomeTilesAsync(ct);
}
