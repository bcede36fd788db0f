using Clinic.Data.Billing;

namespace Clinic.Web.Services;

/// <summary>
/// What the billing clerk's screens call: the workspace, the invoice page, its dialogs, the approvals list, the
/// printed invoice and receipt and their PDF downloads. A seam so that component tests need no database; every rule
/// (numbering, statuses, amounts, rounding, who may do what: the can_* flags) stays in the procedures.
/// </summary>
public interface IBillingDesk
{
    /// <summary>invoice_search: newest first, by filter; at most 100 rows a call, total_count on every row (counted up to offset + 1000).</summary>
    Task<IReadOnlyList<InvoiceSearchRow>> SearchAsync(InvoiceSearchFilter filter, int offset, int limit, CancellationToken ct = default);

    /// <summary>invoice_get: header with the can_* flags, lines, payments, credit notes, adjustments, insurance; null when it does not exist.</summary>
    Task<InvoiceDetail?> InvoiceAsync(int invoiceId, CancellationToken ct = default);

    Task<InvoiceIssueResult> IssueAsync(int invoiceId, CancellationToken ct = default);

    Task VoidAsync(int invoiceId, string? reason, CancellationToken ct = default);

    Task<CreditNoteResult> AddCreditNoteAsync(int invoiceId, decimal? amount, string? reason, CancellationToken ct = default);

    /// <summary>A discount or waiver (kind); above the threshold it waits for an administrator (status pending).</summary>
    Task<InvoiceAdjustmentResult> RequestAdjustmentAsync(int invoiceId, string? kind, decimal? amount, string? reason, CancellationToken ct = default);

    Task<InvoiceAdjustmentResult> DecideAdjustmentAsync(int invoiceAdjustmentId, bool approve, CancellationToken ct = default);

    /// <summary>invoice_adjustment_pending_list: the approval worklist, paged.</summary>
    Task<IReadOnlyList<PendingAdjustmentRow>> PendingAdjustmentsAsync(int offset, int limit, CancellationToken ct = default);

    /// <summary>payment_take: the receipt number, the change to give, the invoice's status and balance afterwards.</summary>
    Task<PaymentResult> TakePaymentAsync(int invoiceId, PaymentInput input, CancellationToken ct = default);

    Task<RefundResult> RefundAsync(int paymentId, decimal? amount, string? reason, CancellationToken ct = default);

    /// <summary>patient_credit_apply: as much of the patient's credit as the balance takes (amount null) or the amount given.</summary>
    Task<CreditApplyResult> ApplyCreditAsync(int invoiceId, decimal? amount, CancellationToken ct = default);
}

public sealed class BillingDesk(InvoiceProcedures invoices, PaymentProcedures payments) : IBillingDesk
{
    public Task<IReadOnlyList<InvoiceSearchRow>> SearchAsync(InvoiceSearchFilter filter, int offset, int limit, CancellationToken ct = default) =>
        invoices.SearchAsync(filter, offset, limit, ct);

    public Task<InvoiceDetail?> InvoiceAsync(int invoiceId, CancellationToken ct = default) => invoices.GetAsync(invoiceId, ct);

    public Task<InvoiceIssueResult> IssueAsync(int invoiceId, CancellationToken ct = default) => invoices.IssueAsync(invoiceId, ct);

    public Task VoidAsync(int invoiceId, string? reason, CancellationToken ct = default) => invoices.VoidAsync(invoiceId, reason, ct);

    public Task<CreditNoteResult> AddCreditNoteAsync(int invoiceId, decimal? amount, string? reason, CancellationToken ct = default) =>
        invoices.AddCreditNoteAsync(invoiceId, amount, reason, ct);

    public Task<InvoiceAdjustmentResult> RequestAdjustmentAsync(int invoiceId, string? kind, decimal? amount, string? reason,
        CancellationToken ct = default) =>
        invoices.RequestAdjustmentAsync(invoiceId, kind, amount, reason, ct);

    public Task<InvoiceAdjustmentResult> DecideAdjustmentAsync(int invoiceAdjustmentId, bool approve, CancellationToken ct = default) =>
        invoices.DecideAdjustmentAsync(invoiceAdjustmentId, approve, ct);

    public Task<IReadOnlyList<PendingAdjustmentRow>> PendingAdjustmentsAsync(int offset, int limit, CancellationToken ct = default) =>
        invoices.PendingAdjustmentsAsync(offset, limit, ct);

    public Task<PaymentResult> TakePaymentAsync(int invoiceId, PaymentInput input, CancellationToken ct = default) =>
        payments.TakeAsync(invoiceId, input, ct);

    public Task<RefundResult> RefundAsync(int paymentId, decimal? amount, string? reason, CancellationToken ct = default) =>
        payments.RefundAsync(paymentId, amount, reason, ct);

    public Task<CreditApplyResult> ApplyCreditAsync(int invoiceId, decimal? amount, CancellationToken ct = default) =>
        payments.ApplyCreditAsync(invoiceId, amount, ct);
}
