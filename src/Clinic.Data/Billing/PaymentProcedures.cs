using System.Text.Json;
using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>What the clerk enters to take a payment (payment_take); the database checks all of it.</summary>
public sealed record PaymentInput
{
    /// <summary>cash, mobile_money, card, bank_transfer or insurer.</summary>
    public string Method { get; init; } = "";
    public decimal? Amount { get; init; }
    /// <summary>Cash handed over (cash only); the change to give is returned.</summary>
    public decimal? Tendered { get; init; }
    /// <summary>Mobile-money provider.</summary>
    public string? Provider { get; init; }
    /// <summary>Transaction reference (mobile money, card, bank transfer, insurer).</summary>
    public string? Reference { get; init; }
    /// <summary>Hold an amount above the balance as the patient's credit instead of refusing it.</summary>
    public bool KeepAsCredit { get; init; }
}

/// <summary>What payment_take returns.</summary>
public sealed record PaymentResult
{
    public int PaymentId { get; init; }
    /// <summary>e.g. RCT-000123.</summary>
    public string ReceiptNumber { get; init; } = "";
    public decimal Amount { get; init; }
    /// <summary>The part held as the patient's credit.</summary>
    public decimal ToCredit { get; init; }
    /// <summary>Cash to give back (tendered - amount).</summary>
    public decimal ChangeDue { get; init; }
    /// <summary>The invoice's status afterwards.</summary>
    public string Status { get; init; } = "";
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
    /// <summary>What the patient still owes afterwards (the patient's share less what patients paid).</summary>
    public decimal PatientBalance { get; init; }
}

/// <summary>What refund_add returns.</summary>
public sealed record RefundResult
{
    public int RefundId { get; init; }
    public decimal RefundedTotal { get; init; }
    public string Status { get; init; } = "";
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
}

/// <summary>What patient_credit_apply returns.</summary>
public sealed record CreditApplyResult
{
    public decimal Applied { get; init; }
    public decimal CreditLeft { get; init; }
    public string Status { get; init; } = "";
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
}

/// <summary>A method's line of cash_up_preview (counted and difference once the day is closed).</summary>
public sealed record CashUpPreviewRow
{
    public string Method { get; init; } = "";
    public DateTime BusinessDay { get; init; }
    public decimal Expected { get; init; }
    public decimal? Counted { get; init; }
    public decimal? Difference { get; init; }
    public bool IsClosed { get; init; }
}

/// <summary>A line of cash_up_close.</summary>
public sealed record CashUpLineRow
{
    public int CashUpId { get; init; }
    public string Method { get; init; } = "";
    public decimal Expected { get; init; }
    public decimal Counted { get; init; }
    public decimal Difference { get; init; }
}

/// <summary>
/// Payments, refunds, patient credit and the cash-up (db/procedures/payment_take.sql, refund_add.sql,
/// patient_credit_apply.sql, cash_up_*.sql). Passes what the clerk typed; the database decides.
/// </summary>
public sealed class PaymentProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<PaymentResult> TakeAsync(int invoiceId, PaymentInput input, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<PaymentResult>("payment_take", session, new
        {
            p_invoice_id = invoiceId, p_method = input.Method, p_amount = input.Amount, p_tendered = input.Tendered,
            p_provider = input.Provider, p_reference = input.Reference, p_keep_as_credit = input.KeepAsCredit ? 1 : 0,
        }, ct))!;

    public async Task<RefundResult> RefundAsync(int paymentId, decimal? amount, string? reason, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<RefundResult>("refund_add", session,
            new { p_payment_id = paymentId, p_amount = amount, p_reason = reason }, ct))!;

    /// <summary>Applies the patient's credit to the invoice; amount null = as much as the credit and the balance allow.</summary>
    public async Task<CreditApplyResult> ApplyCreditAsync(int invoiceId, decimal? amount = null, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<CreditApplyResult>("patient_credit_apply", session,
            new { p_invoice_id = invoiceId, p_amount = amount }, ct))!;

    /// <summary>The signed-in clerk's cash-up of a day (null = today).</summary>
    public Task<IReadOnlyList<CashUpPreviewRow>> CashUpPreviewAsync(DateTime? businessDay = null, CancellationToken ct = default) =>
        runner.QueryAsync<CashUpPreviewRow>("cash_up_preview", session, new { p_business_day = businessDay?.Date }, ct);

    /// <summary>Closes the signed-in clerk's day; counted per method (cash, mobile_money, ...), a method left out counts 0.</summary>
    public Task<IReadOnlyList<CashUpLineRow>> CashUpCloseAsync(IReadOnlyDictionary<string, decimal> counted, DateTime? businessDay = null,
        string? note = null, CancellationToken ct = default) =>
        runner.QueryAsync<CashUpLineRow>("cash_up_close", session, new
        {
            p_business_day = businessDay?.Date, p_counted_json = JsonSerializer.Serialize(counted), p_note = note,
        }, ct);
}
