using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>invoice_get, first result set: the invoice header and what the signed-in account may do with it now.</summary>
public sealed record InvoiceHeader
{
    public int InvoiceId { get; init; }
    /// <summary>e.g. INV-000123; null while a draft.</summary>
    public string? InvoiceNumber { get; init; }
    /// <summary>draft, issued, partially_paid, paid, void or credited (set by the database only).</summary>
    public string Status { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public int? VisitId { get; init; }
    public string CurrencyCode { get; init; } = "";
    public decimal Subtotal { get; init; }
    public decimal AdjustmentTotal { get; init; }
    public decimal CreditTotal { get; init; }
    public decimal Total { get; init; }
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
    /// <summary>What the patient still owes: the patient's share less what patients paid (payment_take takes at most this).</summary>
    public decimal PatientBalance { get; init; }
    public DateTime? IssuedAt { get; init; }
    public int? IssuedBy { get; init; }
    public string? IssuedByName { get; init; }
    public DateTime? DueDate { get; init; }
    public string? VoidReason { get; init; }
    public DateTime? VoidedAt { get; init; }
    public int? VoidedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The patient's unused credit (held from intended overpayments).</summary>
    public decimal PatientCredit { get; init; }
    public bool CanIssue { get; init; }
    public bool CanVoid { get; init; }
    public bool CanPay { get; init; }
    public bool CanRefund { get; init; }
    public bool CanCredit { get; init; }
    public bool CanAdjust { get; init; }
    /// <summary>The clinic's letterhead for the printed invoice (settings clinic.name, clinic.address, clinic.phone).</summary>
    public string ClinicName { get; init; } = "";
    public string? ClinicAddress { get; init; }
    public string? ClinicPhone { get; init; }
}

/// <summary>invoice_get, second result set: a frozen line once issued, a gathered charge on a draft.</summary>
public sealed record InvoiceLineRow
{
    public int? InvoiceLineId { get; init; }
    public int ChargeId { get; init; }
    public string CategoryCode { get; init; } = "";
    public string Description { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal Amount { get; init; }
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
    public DateTime ServiceDate { get; init; }
}

/// <summary>invoice_get, third result set.</summary>
public sealed record InvoicePaymentRow
{
    public int PaymentId { get; init; }
    public string ReceiptNumber { get; init; } = "";
    public string Method { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal ToCredit { get; init; }
    public decimal RefundedTotal { get; init; }
    public decimal Refundable { get; init; }
    public string? Provider { get; init; }
    public string? Reference { get; init; }
    public decimal? Tendered { get; init; }
    public DateTime BusinessDay { get; init; }
    public int ReceivedBy { get; init; }
    public string ReceivedByName { get; init; } = "";
    public DateTime ReceivedAt { get; init; }
    public bool CanRefund { get; init; }
}

/// <summary>invoice_get, fourth result set.</summary>
public sealed record CreditNoteRow
{
    public int CreditNoteId { get; init; }
    public string CreditNoteNumber { get; init; } = "";
    public decimal Amount { get; init; }
    public string Reason { get; init; } = "";
    public int CreatedBy { get; init; }
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>invoice_get, fifth result set: discounts and waivers.</summary>
public sealed record InvoiceAdjustmentRow
{
    public int InvoiceAdjustmentId { get; init; }
    public string Kind { get; init; } = "";
    public decimal Amount { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>pending, approved or rejected.</summary>
    public string Status { get; init; } = "";
    public int RequestedBy { get; init; }
    public string RequestedByName { get; init; } = "";
    public DateTime RequestedAt { get; init; }
    public int? DecidedBy { get; init; }
    public string? DecidedByName { get; init; }
    public DateTime? DecidedAt { get; init; }
    public bool CanDecide { get; init; }
}

public sealed record InvoiceDetail(InvoiceHeader Header, IReadOnlyList<InvoiceLineRow> Lines, IReadOnlyList<InvoicePaymentRow> Payments,
    IReadOnlyList<CreditNoteRow> CreditNotes, IReadOnlyList<InvoiceAdjustmentRow> Adjustments)
{
    /// <summary>The policy the invoice was split with and its claim; null when the patient pays all.</summary>
    public InvoiceInsuranceRow? Insurance { get; init; }
}

/// <summary>A row of invoice_search.</summary>
public sealed record InvoiceSearchRow
{
    public int InvoiceId { get; init; }
    public string? InvoiceNumber { get; init; }
    public string Status { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public int? VisitId { get; init; }
    public string CurrencyCode { get; init; } = "";
    public decimal Total { get; init; }
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
    public DateTime? IssuedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>Filters of invoice_search; all optional.</summary>
public sealed record InvoiceSearchFilter
{
    /// <summary>An invoice number or MRN (exact), or the starts of words of the patient's name (invoice_search).</summary>
    public string? Query { get; init; }
    public string? Status { get; init; }
    /// <summary>Only invoices issued today that still owe something.</summary>
    public bool UnpaidToday { get; init; }
}

/// <summary>What invoice_issue returns.</summary>
public sealed record InvoiceIssueResult
{
    public int InvoiceId { get; init; }
    public string InvoiceNumber { get; init; } = "";
    public decimal Total { get; init; }
    public string Status { get; init; } = "";
    /// <summary>The split made on issue (the insurer's share is 0 when the patient has no valid primary policy).</summary>
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
}

/// <summary>What credit_note_add returns (the invoice's amounts afterwards).</summary>
public sealed record CreditNoteResult
{
    public int CreditNoteId { get; init; }
    public string CreditNoteNumber { get; init; } = "";
    public decimal Total { get; init; }
    public decimal PaidTotal { get; init; }
    public string Status { get; init; } = "";
}

/// <summary>What invoice_adjustment_request and invoice_adjustment_decide return.</summary>
public sealed record InvoiceAdjustmentResult
{
    public int InvoiceAdjustmentId { get; init; }
    /// <summary>pending (waits for an administrator), approved or rejected.</summary>
    public string Status { get; init; } = "";
    /// <summary>The invoice's total afterwards.</summary>
    public decimal Total { get; init; }
}

/// <summary>A row of invoice_adjustment_pending_list (the approval worklist).</summary>
public sealed record PendingAdjustmentRow
{
    public int InvoiceAdjustmentId { get; init; }
    public int InvoiceId { get; init; }
    public string? InvoiceNumber { get; init; }
    public string InvoiceStatus { get; init; } = "";
    public decimal InvoiceTotal { get; init; }
    public string CurrencyCode { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string Kind { get; init; } = "";
    public decimal Amount { get; init; }
    public string Reason { get; init; } = "";
    public int RequestedBy { get; init; }
    public string RequestedByName { get; init; } = "";
    public DateTime RequestedAt { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>Codes of db/ERRORS.md (51150-51199) that a screen may react to.</summary>
public static class BillingCodes
{
    public const int UnknownInvoice = 51150;
    public const int AlreadyIssued = 51151;
    public const int NoCharges = 51152;
    public const int VoidReason = 51154;
    public const int VoidNotAllowed = 51155;
    public const int CreditAmount = 51157;
    public const int CreditNotAllowed = 51158;
    public const int DiscountAmount = 51161;
    public const int DiscountNotAllowed = 51162;
    public const int AlreadyDecided = 51164;
    public const int MobileMoneyDetails = 51168;
    public const int ReferenceAlreadyRecorded = 51170;
    public const int CashHandedLess = 51171;
    public const int MoreThanBalance = 51172;
    public const int CannotTakePayment = 51173;
    public const int ClosedCashUp = 51174;
    public const int RefundReason = 51176;
    public const int RefundAmount = 51177;
    public const int NoCredit = 51178;
    public const int AlreadyClosed = 51180;
    public const int NothingToRefund = 51186;
}

/// <summary>
/// Invoices (db/procedures/invoice_*.sql, credit_note_add.sql). Every rule is in the database: the
/// numbering, the status (invoice_status_guard), the totals and the can_* flags.
/// </summary>
public sealed class InvoiceProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<InvoiceDetail?> GetAsync(int invoiceId, CancellationToken ct = default) =>
        await runner.QueryMultipleAsync("invoice_get", session, new { p_invoice_id = invoiceId }, async grid =>
        {
            var header = await grid.ReadSingleOrDefaultAsync<InvoiceHeader>();
            var lines = (await grid.ReadAsync<InvoiceLineRow>()).ToList();
            var payments = (await grid.ReadAsync<InvoicePaymentRow>()).ToList();
            var credits = (await grid.ReadAsync<CreditNoteRow>()).ToList();
            var adjustments = (await grid.ReadAsync<InvoiceAdjustmentRow>()).ToList();
            var insurance = grid.IsConsumed ? null : await grid.ReadSingleOrDefaultAsync<InvoiceInsuranceRow>();
            return header is null ? null : new InvoiceDetail(header, lines, payments, credits, adjustments) { Insurance = insurance };
        }, ct);

    public Task<IReadOnlyList<InvoiceSearchRow>> SearchAsync(InvoiceSearchFilter filter, int offset = 0, int limit = 50,
        CancellationToken ct = default) =>
        runner.QueryAsync<InvoiceSearchRow>("invoice_search", session, new
        {
            p_query = filter.Query, p_status = filter.Status, p_unpaid_today = filter.UnpaidToday ? 1 : 0, p_offset = offset, p_limit = limit,
        }, ct);

    public async Task<InvoiceIssueResult> IssueAsync(int invoiceId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<InvoiceIssueResult>("invoice_issue", session, new { p_invoice_id = invoiceId }, ct))!;

    public async Task VoidAsync(int invoiceId, string? reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("invoice_void", session, new { p_invoice_id = invoiceId, p_reason = reason }, ct);

    public async Task<CreditNoteResult> AddCreditNoteAsync(int invoiceId, decimal? amount, string? reason, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<CreditNoteResult>("credit_note_add", session,
            new { p_invoice_id = invoiceId, p_amount = amount, p_reason = reason }, ct))!;

    /// <summary>kind: discount or waiver.</summary>
    public async Task<InvoiceAdjustmentResult> RequestAdjustmentAsync(int invoiceId, string? kind, decimal? amount, string? reason,
        CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<InvoiceAdjustmentResult>("invoice_adjustment_request", session,
            new { p_invoice_id = invoiceId, p_kind = kind, p_amount = amount, p_reason = reason }, ct))!;

    public Task<IReadOnlyList<PendingAdjustmentRow>> PendingAdjustmentsAsync(int offset = 0, int limit = 50, CancellationToken ct = default) =>
        runner.QueryAsync<PendingAdjustmentRow>("invoice_adjustment_pending_list", session, new { p_offset = offset, p_limit = limit }, ct);

    public async Task<InvoiceAdjustmentResult> DecideAdjustmentAsync(int invoiceAdjustmentId, bool approve, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<InvoiceAdjustmentResult>("invoice_adjustment_decide", session,
            new { p_invoice_adjustment_id = invoiceAdjustmentId, p_approve = approve ? 1 : 0 }, ct))!;
}
