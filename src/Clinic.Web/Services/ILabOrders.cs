using Clinic.Data.Lab;

namespace Clinic.Web.Services;

/// <summary>What the lab worklist and a visit's lab panel call. A seam so that component tests need no database; every rule stays in the procedures.</summary>
public interface ILabOrders
{
    /// <summary>The worklist, oldest first, at most 100 a page (lab_worklist).</summary>
    Task<IReadOnlyList<LabOrderRow>> WorklistAsync(LabWorklistFilter filter, int offset, int limit, CancellationToken ct = default);

    /// <summary>Every order of one visit, oldest first.</summary>
    Task<IReadOnlyList<LabOrderRow>> ForVisitAsync(int visitId, CancellationToken ct = default);

    /// <summary>Active catalogue tests matching the text (code or name), for ordering; at most 50.</summary>
    Task<IReadOnlyList<LabTestRow>> OrderableTestsAsync(string? query, CancellationToken ct = default);

    Task<int> PlaceAsync(int visitId, int labTestId, string? clinicalNote, CancellationToken ct = default);
    Task CollectAsync(int labOrderId, CancellationToken ct = default);
    Task ResultAsync(int labOrderId, decimal? value, string? text, CancellationToken ct = default);
    Task VerifyAsync(int labOrderId, CancellationToken ct = default);
    Task CancelAsync(int labOrderId, string reason, CancellationToken ct = default);
}

public sealed class LabOrders(LabProcedures lab) : ILabOrders
{
    public Task<IReadOnlyList<LabOrderRow>> WorklistAsync(LabWorklistFilter filter, int offset, int limit, CancellationToken ct = default) =>
        lab.WorklistAsync(filter, offset, limit, ct);

    public Task<IReadOnlyList<LabOrderRow>> ForVisitAsync(int visitId, CancellationToken ct = default) => lab.ListForVisitAsync(visitId, ct);

    public Task<IReadOnlyList<LabTestRow>> OrderableTestsAsync(string? query, CancellationToken ct = default) =>
        lab.ListTestsAsync(query, active: true, 0, 50, ct);

    public Task<int> PlaceAsync(int visitId, int labTestId, string? clinicalNote, CancellationToken ct = default) =>
        lab.PlaceAsync(visitId, labTestId, clinicalNote, ct);

    public Task CollectAsync(int labOrderId, CancellationToken ct = default) => lab.CollectAsync(labOrderId, ct);

    public Task ResultAsync(int labOrderId, decimal? value, string? text, CancellationToken ct = default) => lab.ResultAsync(labOrderId, value, text, ct);

    public Task VerifyAsync(int labOrderId, CancellationToken ct = default) => lab.VerifyAsync(labOrderId, ct);

    public Task CancelAsync(int labOrderId, string reason, CancellationToken ct = default) => lab.CancelAsync(labOrderId, reason, ct);
}
