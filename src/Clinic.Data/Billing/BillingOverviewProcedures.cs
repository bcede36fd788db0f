using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>One method's takings of a day (billing_money_today, first result set).</summary>
public sealed record MoneyByMethodRow
{
    /// <summary>cash, mobile_money, card, bank_transfer or insurer.</summary>
    public string Method { get; init; } = "";
    public DateTime BusinessDay { get; init; }
    public decimal Taken { get; init; }
    public decimal Refunded { get; init; }
    /// <summary>Taken less refunded.</summary>
    public decimal Net { get; init; }
    public long PaymentCount { get; init; }
}

/// <summary>The day's summary (billing_money_today, second result set).</summary>
public sealed record MoneySummary
{
    public DateTime BusinessDay { get; init; }
    /// <summary>Net takings of the day, every method and clerk.</summary>
    public decimal TakingsTotal { get; init; }
    public long PaymentCount { get; init; }
    /// <summary>Balances of the issued and partially paid invoices.</summary>
    public decimal OutstandingAmount { get; init; }
    public long OutstandingCount { get; init; }
    /// <summary>Claims in draft, submitted, accepted or partially accepted, not yet paid.</summary>
    public long ClaimsPendingCount { get; init; }
    public decimal ClaimsPendingAmount { get; init; }
    public string CurrencyCode { get; init; } = "";
}

/// <summary>Net takings of one day, for the chart (billing_money_today, third result set).</summary>
public sealed record MoneyDayRow
{
    public DateTime Day { get; init; }
    public decimal Net { get; init; }
}

/// <summary>What billing_money_today returns.</summary>
public sealed record MoneyDay(MoneySummary Summary, IReadOnlyList<MoneyByMethodRow> ByMethod, IReadOnlyList<MoneyDayRow> LastDays);

/// <summary>One clerk's cash-up of a day (cash_up_list, first result set).</summary>
public sealed record ClerkCashUpRow
{
    public int UserAccountId { get; init; }
    public string DisplayName { get; init; } = "";
    public string Username { get; init; } = "";
    public DateTime BusinessDay { get; init; }
    public bool IsClosed { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Note { get; init; }
    public decimal ExpectedTotal { get; init; }
    /// <summary>Null while the day is open.</summary>
    public decimal? CountedTotal { get; init; }
    public decimal? DifferenceTotal { get; init; }
}

/// <summary>One clerk's method line (cash_up_list, second result set), as cash_up_preview shows the clerk.</summary>
public sealed record ClerkCashUpLineRow
{
    public int UserAccountId { get; init; }
    public string Method { get; init; } = "";
    public DateTime BusinessDay { get; init; }
    public decimal Expected { get; init; }
    public decimal? Counted { get; init; }
    public decimal? Difference { get; init; }
    public bool IsClosed { get; init; }
}

/// <summary>What cash_up_list returns.</summary>
public sealed record CashUpDay(IReadOnlyList<ClerkCashUpRow> Clerks, IReadOnlyList<ClerkCashUpLineRow> Lines)
{
    /// <summary>The method lines of one clerk, in the database's order.</summary>
    public IReadOnlyList<ClerkCashUpLineRow> LinesOf(int userAccountId) => Lines.Where(l => l.UserAccountId == userAccountId).ToList();
}

/// <summary>The summary of a patient's account (patient_account_get, first result set).</summary>
public sealed record PatientAccountSummary
{
    public int PatientId { get; init; }
    /// <summary>What the patient owes: balances of issued and partially paid invoices.</summary>
    public decimal Balance { get; init; }
    public long OpenInvoiceCount { get; init; }
    /// <summary>Overpayments held as credit, less what was applied.</summary>
    public decimal CreditAvailable { get; init; }
    public long InvoiceCount { get; init; }
    public long PaymentCount { get; init; }
    public string CurrencyCode { get; init; } = "";
}

/// <summary>An invoice of the patient's account.</summary>
public sealed record PatientAccountInvoiceRow
{
    public int InvoiceId { get; init; }
    /// <summary>Null while a draft.</summary>
    public string? InvoiceNumber { get; init; }
    public string Status { get; init; } = "";
    public int? VisitId { get; init; }
    public DateTime? IssuedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public decimal Total { get; init; }
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
}

/// <summary>A payment of the patient's account.</summary>
public sealed record PatientAccountPaymentRow
{
    public int PaymentId { get; init; }
    public string ReceiptNumber { get; init; } = "";
    public int? InvoiceId { get; init; }
    public string? InvoiceNumber { get; init; }
    public string Method { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal ToCredit { get; init; }
    public decimal RefundedTotal { get; init; }
    public string? Provider { get; init; }
    public string? Reference { get; init; }
    public DateTime ReceivedAt { get; init; }
    public DateTime BusinessDay { get; init; }
}

/// <summary>What patient_account_get returns (the policies come from patient_policy_list).</summary>
public sealed record PatientAccount(PatientAccountSummary Summary, IReadOnlyList<PatientAccountInvoiceRow> Invoices,
    IReadOnlyList<PatientAccountPaymentRow> Payments);

/// <summary>
/// The money overviews (db/procedures/billing_money_today.sql, cash_up_list.sql, patient_account_get.sql):
/// the administrator's money of a day, every clerk's cash-up, a patient's account. Reads only; every sum is
/// the database's.
/// </summary>
public sealed class BillingOverviewProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Takings by method, outstanding, claims pending and the last 14 days (null = today).</summary>
    public Task<MoneyDay> MoneyTodayAsync(DateTime? businessDay = null, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("billing_money_today", session, new { p_business_day = businessDay?.Date }, async grid =>
        {
            var byMethod = (await grid.ReadAsync<MoneyByMethodRow>()).ToList();
            var summary = await grid.ReadSingleAsync<MoneySummary>();
            var days = (await grid.ReadAsync<MoneyDayRow>()).ToList();
            return new MoneyDay(summary, byMethod, days);
        }, ct);

    /// <summary>Every clerk's cash-up of a day (null = today).</summary>
    public Task<CashUpDay> CashUpListAsync(DateTime? businessDay = null, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("cash_up_list", session, new { p_business_day = businessDay?.Date }, async grid =>
        {
            var clerks = (await grid.ReadAsync<ClerkCashUpRow>()).ToList();
            var lines = (await grid.ReadAsync<ClerkCashUpLineRow>()).ToList();
            return new CashUpDay(clerks, lines);
        }, ct);

    /// <summary>A patient's balance, credit, newest invoices and payments.</summary>
    public Task<PatientAccount> PatientAccountAsync(int patientId, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("patient_account_get", session, new { p_patient_id = patientId }, async grid =>
        {
            var summary = await grid.ReadSingleAsync<PatientAccountSummary>();
            var invoices = (await grid.ReadAsync<PatientAccountInvoiceRow>()).ToList();
            var payments = (await grid.ReadAsync<PatientAccountPaymentRow>()).ToList();
            return new PatientAccount(summary, invoices, payments);
        }, ct);
}
