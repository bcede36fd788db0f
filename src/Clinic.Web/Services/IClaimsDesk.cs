using Clinic.Data.Billing;

namespace Clinic.Web.Services;

/// <summary>
/// What the claims worklist, the claim page and the remittances screen call. A seam so that component tests need no
/// database; the statuses, the amounts and who may act are the database's (claim_* and remittance_* procedures).
/// </summary>
public interface IClaimsDesk
{
    /// <summary>Payers for the filters (payer_list).</summary>
    Task<IReadOnlyList<PayerRow>> PayersAsync(CancellationToken ct = default);
    Task<IReadOnlyList<ClaimRow>> SearchAsync(ClaimSearchFilter filter, int offset, int limit, CancellationToken ct = default);
    Task<ClaimDetail?> GetAsync(int claimId, CancellationToken ct = default);
    Task<ClaimStateResult> SubmitAsync(int claimId, CancellationToken ct = default);
    Task<ClaimStateResult> RecordOutcomeAsync(int claimId, IReadOnlyList<ClaimLineOutcome> lines, CancellationToken ct = default);
    Task<ClaimStateResult> MoveToPatientAsync(int claimLineId, CancellationToken ct = default);
    Task<IReadOnlyList<RemittanceRow>> RemittancesAsync(int? payerId, bool unallocatedOnly, int offset, int limit, CancellationToken ct = default);
    Task<int> AddRemittanceAsync(int payerId, string? reference, decimal? amount, DateTime? receivedOn, CancellationToken ct = default);
    Task AllocateAsync(int remittanceId, IReadOnlyList<RemittanceAllocationInput> allocations, CancellationToken ct = default);
}

public sealed class ClaimsDesk(ClaimProcedures claims, InsuranceProcedures insurance) : IClaimsDesk
{
    public Task<IReadOnlyList<PayerRow>> PayersAsync(CancellationToken ct = default) => insurance.ListPayersAsync(includeInactive: true, ct);

    public Task<IReadOnlyList<ClaimRow>> SearchAsync(ClaimSearchFilter filter, int offset, int limit, CancellationToken ct = default) =>
        claims.SearchAsync(filter, offset, limit, ct);

    public Task<ClaimDetail?> GetAsync(int claimId, CancellationToken ct = default) => claims.GetAsync(claimId, ct);

    public Task<ClaimStateResult> SubmitAsync(int claimId, CancellationToken ct = default) => claims.SubmitAsync(claimId, ct);

    public Task<ClaimStateResult> RecordOutcomeAsync(int claimId, IReadOnlyList<ClaimLineOutcome> lines, CancellationToken ct = default) =>
        claims.RecordOutcomeAsync(claimId, lines, ct);

    public Task<ClaimStateResult> MoveToPatientAsync(int claimLineId, CancellationToken ct = default) => claims.MoveToPatientAsync(claimLineId, ct);

    public Task<IReadOnlyList<RemittanceRow>> RemittancesAsync(int? payerId, bool unallocatedOnly, int offset, int limit, CancellationToken ct = default) =>
        claims.ListRemittancesAsync(payerId, unallocatedOnly, offset, limit, ct);

    public Task<int> AddRemittanceAsync(int payerId, string? reference, decimal? amount, DateTime? receivedOn, CancellationToken ct = default) =>
        claims.AddRemittanceAsync(payerId, reference, amount, receivedOn, ct);

    public Task AllocateAsync(int remittanceId, IReadOnlyList<RemittanceAllocationInput> allocations, CancellationToken ct = default) =>
        claims.AllocateAsync(remittanceId, allocations, ct);
}
