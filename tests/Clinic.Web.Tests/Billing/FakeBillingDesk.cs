using Clinic.Data.Billing;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Billing;

/// <summary>A billing desk in memory: canned invoices and search pages, a record of every call, refusals on demand.</summary>
public sealed class FakeBillingDesk : IBillingDesk
{
    public Dictionary<int, InvoiceDetail> Invoices { get; } = [];
    /// <summary>Answers invoice_search by filter; none: no rows.</summary>
    public Func<InvoiceSearchFilter, IReadOnlyList<InvoiceSearchRow>> Search { get; set; } = _ => [];
    /// <summary>When set, invoice_search waits for it (the loading state).</summary>
    public TaskCompletionSource? SearchGate { get; set; }
    public List<InvoiceSearchFilter> Searches { get; } = [];
    public List<(int Offset, int Limit)> SearchPages { get; } = [];
    public List<PendingAdjustmentRow> Pending { get; } = [];

    public List<(int InvoiceId, PaymentInput Input)> Payments { get; } = [];
    public PaymentResult PaymentAnswer { get; set; } = new() { PaymentId = 1, ReceiptNumber = "RCT-000001", Status = "paid" };
    public List<(int PaymentId, decimal? Amount, string? Reason)> Refunds { get; } = [];
    public List<(int InvoiceId, string? Reason)> Voids { get; } = [];
    public List<(int InvoiceId, decimal? Amount, string? Reason)> CreditNotes { get; } = [];
    public List<(int InvoiceId, string? Kind, decimal? Amount, string? Reason)> Adjustments { get; } = [];
    public List<(int Id, bool Approve)> Decisions { get; } = [];
    public List<int> Issued { get; } = [];
    public List<(int InvoiceId, decimal? Amount)> CreditsApplied { get; } = [];

    /// <summary>The next action call throws this (then it is cleared), as the database refusing.</summary>
    public Exception? Refuse { get; set; }

    private void MaybeRefuse()
    {
        if (Refuse is { } ex)
        {
            Refuse = null;
            throw ex;
        }
    }

    public async Task<IReadOnlyList<InvoiceSearchRow>> SearchAsync(InvoiceSearchFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        Searches.Add(filter);
        SearchPages.Add((offset, limit));
        if (SearchGate is { } gate)
            await gate.Task;
        return Search(filter).Skip(offset).Take(limit).ToList();
    }

    public Task<InvoiceDetail?> InvoiceAsync(int invoiceId, CancellationToken ct = default) =>
        Task.FromResult(Invoices.GetValueOrDefault(invoiceId));

    public Task<InvoiceIssueResult> IssueAsync(int invoiceId, CancellationToken ct = default)
    {
        MaybeRefuse();
        Issued.Add(invoiceId);
        return Task.FromResult(new InvoiceIssueResult { InvoiceId = invoiceId, InvoiceNumber = "INV-000123", Status = "issued" });
    }

    public Task VoidAsync(int invoiceId, string? reason, CancellationToken ct = default)
    {
        MaybeRefuse();
        Voids.Add((invoiceId, reason));
        return Task.CompletedTask;
    }

    public Task<CreditNoteResult> AddCreditNoteAsync(int invoiceId, decimal? amount, string? reason, CancellationToken ct = default)
    {
        MaybeRefuse();
        CreditNotes.Add((invoiceId, amount, reason));
        return Task.FromResult(new CreditNoteResult { CreditNoteNumber = "CN-000001", Status = "issued" });
    }

    public Task<InvoiceAdjustmentResult> RequestAdjustmentAsync(int invoiceId, string? kind, decimal? amount, string? reason, CancellationToken ct = default)
    {
        MaybeRefuse();
        Adjustments.Add((invoiceId, kind, amount, reason));
        return Task.FromResult(new InvoiceAdjustmentResult { InvoiceAdjustmentId = 1, Status = "pending" });
    }

    public Task<InvoiceAdjustmentResult> DecideAdjustmentAsync(int invoiceAdjustmentId, bool approve, CancellationToken ct = default)
    {
        MaybeRefuse();
        Decisions.Add((invoiceAdjustmentId, approve));
        Pending.RemoveAll(p => p.InvoiceAdjustmentId == invoiceAdjustmentId);
        return Task.FromResult(new InvoiceAdjustmentResult { InvoiceAdjustmentId = invoiceAdjustmentId, Status = approve ? "approved" : "rejected" });
    }

    public Task<IReadOnlyList<PendingAdjustmentRow>> PendingAdjustmentsAsync(int offset, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PendingAdjustmentRow>>(Pending.Skip(offset).Take(limit).Select(p => p with { TotalCount = Pending.Count }).ToList());

    public Task<PaymentResult> TakePaymentAsync(int invoiceId, PaymentInput input, CancellationToken ct = default)
    {
        MaybeRefuse();
        Payments.Add((invoiceId, input));
        return Task.FromResult(PaymentAnswer);
    }

    public Task<RefundResult> RefundAsync(int paymentId, decimal? amount, string? reason, CancellationToken ct = default)
    {
        MaybeRefuse();
        Refunds.Add((paymentId, amount, reason));
        return Task.FromResult(new RefundResult { Status = "partially_paid" });
    }

    public Task<CreditApplyResult> ApplyCreditAsync(int invoiceId, decimal? amount, CancellationToken ct = default)
    {
        MaybeRefuse();
        CreditsApplied.Add((invoiceId, amount));
        return Task.FromResult(new CreditApplyResult { Applied = 5_000m, Status = "partially_paid" });
    }
}

/// <summary>Canned billing rows as the procedures return them.</summary>
public static class BillingData
{
    public static InvoiceHeader Header(int id = 40, string status = "issued") => new()
    {
        InvoiceId = id, InvoiceNumber = status == "draft" ? null : $"INV-{id:000000}", Status = status, PatientId = 12, Mrn = "HMS/000012",
        PatientName = "Mary Nakato", VisitId = 7, CurrencyCode = "UGX", Subtotal = 38_600m, Total = 38_600m, PaidTotal = 0m, Balance = 38_600m,
        PatientShare = 38_600m, IssuedAt = status == "draft" ? null : new DateTime(2026, 12, 3, 10, 15, 0), IssuedByName = "Betty Billing",
        CreatedAt = new DateTime(2026, 12, 3, 9, 0, 0), ClinicName = "Hope Medical Centre", ClinicAddress = "Plot 12, Kampala Road", ClinicPhone = "+256 414 000000",
    };

    public static IReadOnlyList<InvoiceLineRow> Lines() =>
    [
        new() { InvoiceLineId = 1, ChargeId = 1, CategoryCode = "consultation", Description = "Consultation, Dr Ada Okello", Quantity = 1, UnitPrice = 20_000m,
                Amount = 20_000m, PatientShare = 20_000m, ServiceDate = new DateTime(2026, 12, 3) },
        new() { InvoiceLineId = 2, ChargeId = 2, CategoryCode = "lab", Description = "Malaria parasite count", Quantity = 1, UnitPrice = 8_000m,
                Amount = 8_000m, PatientShare = 8_000m, ServiceDate = new DateTime(2026, 12, 3) },
        new() { InvoiceLineId = 3, ChargeId = 3, CategoryCode = "medication", Description = "Amoxicillin 500 mg capsules", Quantity = 15, UnitPrice = 300m,
                Amount = 4_500m, PatientShare = 4_500m, ServiceDate = new DateTime(2026, 12, 3) },
    ];

    public static InvoicePaymentRow Payment(int id, string receipt, string method, decimal amount, bool canRefund = false) => new()
    {
        PaymentId = id, ReceiptNumber = receipt, Method = method, Amount = amount, Refundable = amount, ReceivedByName = "Betty Billing",
        ReceivedAt = new DateTime(2026, 12, 3, 11, 0, 0), BusinessDay = new DateTime(2026, 12, 3), CanRefund = canRefund,
        Provider = method == "mobile_money" ? "MTN MoMo" : null, Reference = method == "mobile_money" ? "MP123" : null,
    };

    public static InvoiceDetail Detail(InvoiceHeader header, IReadOnlyList<InvoicePaymentRow>? payments = null,
        IReadOnlyList<InvoiceAdjustmentRow>? adjustments = null) =>
        new(header, Lines(), payments ?? [], [], adjustments ?? []);

    public static InvoiceSearchRow Row(int id, string? number, string status, string patient, decimal total, decimal paid) => new()
    {
        InvoiceId = id, InvoiceNumber = number, Status = status, PatientId = id + 100, Mrn = $"HMS/{id:000000}", PatientName = patient, CurrencyCode = "UGX",
        Total = total, PaidTotal = paid, Balance = total - paid, IssuedAt = new DateTime(2026, 12, 3, 9, 30, 0), CreatedAt = new DateTime(2026, 12, 3, 9, 0, 0),
    };
}
