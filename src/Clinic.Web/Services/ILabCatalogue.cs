using Clinic.Data.Lab;

namespace Clinic.Web.Services;

/// <summary>What the lab catalogue screen calls. A seam so that component tests need no database; every rule stays in the procedures.</summary>
public interface ILabCatalogue
{
    /// <summary>Tests by name; <paramref name="active"/> true: active only, null: all. At most 100 a page.</summary>
    Task<IReadOnlyList<LabTestRow>> ListAsync(string? query, bool? active, int offset, int limit, CancellationToken ct = default);
    Task<int> CreateAsync(LabTestInput input, CancellationToken ct = default);
    Task UpdateAsync(int labTestId, LabTestInput input, CancellationToken ct = default);
    Task SetActiveAsync(int labTestId, bool active, CancellationToken ct = default);
    Task<IReadOnlyList<LabReferenceRangeRow>> RangesAsync(int labTestId, CancellationToken ct = default);
    Task<int> SetRangeAsync(LabReferenceRangeInput input, CancellationToken ct = default);
    Task RemoveRangeAsync(int labReferenceRangeId, CancellationToken ct = default);
}

public sealed class LabCatalogue(LabProcedures lab) : ILabCatalogue
{
    public Task<IReadOnlyList<LabTestRow>> ListAsync(string? query, bool? active, int offset, int limit, CancellationToken ct = default) =>
        lab.ListTestsAsync(query, active, offset, limit, ct);

    public Task<int> CreateAsync(LabTestInput input, CancellationToken ct = default) => lab.CreateTestAsync(input, ct);

    public Task UpdateAsync(int labTestId, LabTestInput input, CancellationToken ct = default) => lab.UpdateTestAsync(labTestId, input, ct);

    public Task SetActiveAsync(int labTestId, bool active, CancellationToken ct = default) => lab.SetTestActiveAsync(labTestId, active, ct);

    public Task<IReadOnlyList<LabReferenceRangeRow>> RangesAsync(int labTestId, CancellationToken ct = default) => lab.ListRangesAsync(labTestId, ct);

    public Task<int> SetRangeAsync(LabReferenceRangeInput input, CancellationToken ct = default) => lab.SetRangeAsync(input, ct);

    public Task RemoveRangeAsync(int labReferenceRangeId, CancellationToken ct = default) => lab.RemoveRangeAsync(labReferenceRangeId, ct);
}
