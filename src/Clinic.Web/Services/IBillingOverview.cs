using Clinic.Data.Billing;

namespace Clinic.Web.Services;

/// <summary>
/// What the cash-up screen, the money-today dashboard and the patient's account panel call. A seam so that
/// component tests need no database; every amount, total and rule (what is expected, whether a day is closed,
/// what a difference is) comes from the procedures.
/// </summary>
public interface IBillingOverview
{
    /// <summary>The signed-in clerk's cash-up of a day (cash_up_preview; null = today).</summary>
    Task<IReadOnlyList<CashUpPreviewRow>> MyCashUpAsync(DateTime? day, CancellationToken ct = default);

    /// <summary>Closes the signed-in clerk's day with what was counted per method (cash_up_close).</summary>
    Task<IReadOnlyList<CashUpLineRow>> CloseMyDayAsync(DateTime? day, IReadOnlyDictionary<string, decimal> counted, string? note,
        CancellationToken ct = default);

    /// <summary>Every clerk's cash-up of a day (cash_up_list).</summary>
    Task<CashUpDay> CashUpsAsync(DateTime? day, CancellationToken ct = default);

    /// <summary>Takings by method, outstanding, claims pending and the last 14 days (billing_money_today).</summary>
    Task<MoneyDay> MoneyTodayAsync(DateTime? day, CancellationToken ct = default);

    /// <summary>A patient's balance, credit, newest invoices and payments (patient_account_get).</summary>
    Task<PatientAccount> PatientAccountAsync(int patientId, CancellationToken ct = default);

    /// <summary>A patient's insurance policies (patient_policy_list).</summary>
    Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default);
}

public sealed class BillingOverview(BillingOverviewProcedures overview, PaymentProcedures payments, InsuranceProcedures insurance)
    : IBillingOverview
{
    public Task<IReadOnlyList<CashUpPreviewRow>> MyCashUpAsync(DateTime? day, CancellationToken ct = default) =>
        payments.CashUpPreviewAsync(day, ct);

    public Task<IReadOnlyList<CashUpLineRow>> CloseMyDayAsync(DateTime? day, IReadOnlyDictionary<string, decimal> counted, string? note,
        CancellationToken ct = default) =>
        payments.CashUpCloseAsync(counted, day, note, ct);

    public Task<CashUpDay> CashUpsAsync(DateTime? day, CancellationToken ct = default) => overview.CashUpListAsync(day, ct);

    public Task<MoneyDay> MoneyTodayAsync(DateTime? day, CancellationToken ct = default) => overview.MoneyTodayAsync(day, ct);

    public Task<PatientAccount> PatientAccountAsync(int patientId, CancellationToken ct = default) => overview.PatientAccountAsync(patientId, ct);

    public Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default) =>
        insurance.ListPoliciesAsync(patientId, ct);
}
