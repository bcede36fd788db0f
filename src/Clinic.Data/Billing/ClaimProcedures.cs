using System.Text.Json;
using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>A claim in the worklist (claim_search), with the actions the signed-in account may take.</summary>
public sealed record ClaimRow
{
    public int ClaimId { get; init; }
    /// <summary>e.g. CLM-000123.</summary>
    public string ClaimNumber { get; init; } = "";
    public int PayerId { get; init; }
    public string PayerName { get; init; } = "";
    public int InvoiceId { get; init; }
    public string InvoiceNumber { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string MemberNumber { get; init; } = "";
    /// <summary>draft, submitted, accepted, partially_accepted, rejected or paid.</summary>
    public string Status { get; init; } = "";
    public decimal ClaimedAmount { get; init; }
    public decimal AcceptedAmount { get; init; }
    public decimal PaidAmount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public bool CanSubmit { get; init; }
    public bool CanRecordOutcome { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>A line of a claim (second result set of claim_get).</summary>
public sealed record ClaimLineRow
{
    public int ClaimLineId { get; init; }
    public int InvoiceLineId { get; init; }
    public string CategoryCode { get; init; } = "";
    public string Description { get; init; } = "";
    public DateTime ServiceDate { get; init; }
    public decimal ClaimedAmount { get; init; }
    public decimal? AcceptedAmount { get; init; }
    public string? RejectionReason { get; init; }
    public decimal PaidAmount { get; init; }
    /// <summary>Claimed minus accepted, once the outcome is recorded.</summary>
    public decimal RejectedAmount { get; init; }
    /// <summary>Accepted minus paid.</summary>
    public decimal Unpaid { get; init; }
    public DateTime? MovedToPatientAt { get; init; }
    public bool CanMoveToPatient { get; init; }
    public bool CanAllocate { get; init; }
}

public sealed record ClaimDetail(ClaimRow Claim, IReadOnlyList<ClaimLineRow> Lines);

/// <summary>The insurer's decision on one claim line (claim_outcome_record).</summary>
public sealed record ClaimLineOutcome(int ClaimLineId, decimal AcceptedAmount, string? RejectionReason);

/// <summary>What claim_submit, claim_outcome_record and claim_line_move_to_patient return.</summary>
public sealed record ClaimStateResult
{
    public int ClaimId { get; init; }
    public string Status { get; init; } = "";
    public decimal ClaimedAmount { get; init; }
    public decimal AcceptedAmount { get; init; }
    public decimal PaidAmount { get; init; }
}

/// <summary>An insurer's payment (remittance_list).</summary>
public sealed record RemittanceRow
{
    public int RemittanceId { get; init; }
    public int PayerId { get; init; }
    public string PayerName { get; init; } = "";
    public string Reference { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal Allocated { get; init; }
    public decimal Unallocated { get; init; }
    public DateTime ReceivedOn { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>A part of a remittance put on a claim line (remittance_allocate).</summary>
public sealed record RemittanceAllocationInput(int ClaimLineId, decimal Amount);

public sealed record ClaimSearchFilter
{
    public int? PayerId { get; init; }
    /// <summary>One claim status, or null for all.</summary>
    public string? Status { get; init; }
    /// <summary>Claim number, invoice number, MRN or patient name.</summary>
    public string? Query { get; init; }
}

/// <summary>
/// Insurance claims and remittances (db/procedures/claim_*.sql, remittance_*.sql). A draft claim is created
/// by invoice_issue from the insurer's share; the clerk submits it, records the insurer's outcome per line,
/// moves rejected amounts to the patient when she decides so, and allocates remittances to claim lines
/// (each allocation is an insurer payment on the invoice).
/// </summary>
public sealed class ClaimProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public Task<IReadOnlyList<ClaimRow>> SearchAsync(ClaimSearchFilter filter, int offset = 0, int limit = 50, CancellationToken ct = default) =>
        runner.QueryAsync<ClaimRow>("claim_search", session, new
        {
            p_payer_id = filter.PayerId, p_status = filter.Status, p_query = filter.Query, p_offset = offset, p_limit = limit,
        }, ct);

    public async Task<ClaimDetail?> GetAsync(int claimId, CancellationToken ct = default) =>
        await runner.QueryMultipleAsync("claim_get", session, new { p_claim_id = claimId }, async grid =>
        {
            var claim = await grid.ReadSingleOrDefaultAsync<ClaimRow>();
            var lines = (await grid.ReadAsync<ClaimLineRow>()).ToList();
            return claim is null ? null : new ClaimDetail(claim, lines);
        }, ct);

    public async Task<ClaimStateResult> SubmitAsync(int claimId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ClaimStateResult>("claim_submit", session, new { p_claim_id = claimId }, ct))!;

    /// <summary>Records the insurer's decision on every line of a submitted claim at once.</summary>
    public async Task<ClaimStateResult> RecordOutcomeAsync(int claimId, IReadOnlyList<ClaimLineOutcome> lines, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ClaimStateResult>("claim_outcome_record", session, new
        {
            p_claim_id = claimId,
            p_lines_json = JsonSerializer.Serialize(lines.Select(l => new
            {
                claim_line_id = l.ClaimLineId, accepted_amount = l.AcceptedAmount, rejection_reason = l.RejectionReason,
            })),
        }, ct))!;

    /// <summary>Moves a line's rejected amount to the patient's share of the invoice.</summary>
    public async Task<ClaimStateResult> MoveToPatientAsync(int claimLineId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ClaimStateResult>("claim_line_move_to_patient", session,
            new { p_claim_line_id = claimLineId }, ct))!;

    public Task<IReadOnlyList<RemittanceRow>> ListRemittancesAsync(int? payerId = null, bool unallocatedOnly = false, int offset = 0,
        int limit = 50, CancellationToken ct = default) =>
        runner.QueryAsync<RemittanceRow>("remittance_list", session, new
        {
            p_payer_id = payerId, p_unallocated_only = unallocatedOnly ? 1 : 0, p_offset = offset, p_limit = limit,
        }, ct);

    /// <summary>Records an insurer's payment; returns its id.</summary>
    public async Task<int> AddRemittanceAsync(int payerId, string? reference, decimal? amount, DateTime? receivedOn, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("remittance_add", session, new
        {
            p_payer_id = payerId, p_reference = reference, p_amount = amount, p_received_on = receivedOn?.Date,
        }, ct);

    /// <summary>Allocates parts of a remittance to claim lines, all or nothing.</summary>
    public Task AllocateAsync(int remittanceId, IReadOnlyList<RemittanceAllocationInput> allocations, CancellationToken ct = default) =>
        runner.ExecuteAsync("remittance_allocate", session, new
        {
            p_remittance_id = remittanceId,
            p_allocations_json = JsonSerializer.Serialize(allocations.Select(a => new { claim_line_id = a.ClaimLineId, amount = a.Amount })),
        }, ct);
}
