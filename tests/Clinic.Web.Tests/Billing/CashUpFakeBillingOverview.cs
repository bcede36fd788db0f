using Clinic.Data.Billing;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Billing;

/// <summary>
/// Answers like the money procedures (cash_up_preview/close, cash_up_list, billing_money_today, patient_account_get,
/// patient_policy_list) from rows a test sets, and records what the screens asked for. Shared by the CashUp*, MoneyToday*
/// and PatientAccount* tests.
/// </summary>
internal sealed class FakeBillingOverview : IBillingOverview
{
    public List<CashUpPreviewRow> Mine { get; set; } = Open(10_000m, 2_000m);
    /// <summary>What cash_up_preview answers once the day is closed (the test sets the recorded amounts).</summary>
    public List<CashUpPreviewRow>? AfterClose { get; set; }
    public CashUpDay All { get; set; } = new([], []);
    public MoneyDay? Money { get; set; }
    public Dictionary<int, PatientAccount> Accounts { get; } = [];
    public List<PatientPolicyRow> Policies { get; set; } = [];
    public Exception? PoliciesFailure { get; set; }
    /// <summary>A refusal cash_up_close answers with (once).</summary>
    public Exception? CloseFailure { get; set; }
    public TaskCompletionSource? Gate { get; set; }

    public List<DateTime?> MyCalls { get; } = [];
    public List<DateTime?> AllCalls { get; } = [];
    public List<DateTime?> MoneyCalls { get; } = [];
    public List<(DateTime? Day, IReadOnlyDictionary<string, decimal> Counted, string? Note)> Closed { get; } = [];

    public static readonly string[] Methods = ["cash", "mobile_money", "card", "bank_transfer", "insurer"];

    public static List<CashUpPreviewRow> Open(decimal cash, decimal mobile) =>
        Methods.Select(m => new CashUpPreviewRow
        {
            Method = m, BusinessDay = DateTime.Today, Expected = m switch { "cash" => cash, "mobile_money" => mobile, _ => 0m },
        }).ToList();

    private async Task<T> Answer<T>(Func<T> value)
    {
        if (Gate is not null)
            await Gate.Task;
        return value();
    }

    public Task<IReadOnlyList<CashUpPreviewRow>> MyCashUpAsync(DateTime? day, CancellationToken ct = default)
    {
        MyCalls.Add(day);
        return Answer<IReadOnlyList<CashUpPreviewRow>>(() => Mine);
    }

    public Task<IReadOnlyList<CashUpLineRow>> CloseMyDayAsync(DateTime? day, IReadOnlyDictionary<string, decimal> counted, string? note,
        CancellationToken ct = default)
    {
        if (CloseFailure is { } failure)
        {
            CloseFailure = null;
            return Task.FromException<IReadOnlyList<CashUpLineRow>>(failure);
        }
        Closed.Add((day, counted, note));
        if (AfterClose is not null)
            Mine = AfterClose;
        return Task.FromResult<IReadOnlyList<CashUpLineRow>>([]);
    }

    public Task<CashUpDay> CashUpsAsync(DateTime? day, CancellationToken ct = default)
    {
        AllCalls.Add(day);
        return Answer(() => All);
    }

    public Task<MoneyDay> MoneyTodayAsync(DateTime? day, CancellationToken ct = default)
    {
        MoneyCalls.Add(day);
        return Answer(() => Money!);
    }

    public Task<PatientAccount> PatientAccountAsync(int patientId, CancellationToken ct = default) =>
        Answer(() => Accounts[patientId]);

    public Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default) =>
        PoliciesFailure is { } failure ? Task.FromException<IReadOnlyList<PatientPolicyRow>>(failure)
            : Answer<IReadOnlyList<PatientPolicyRow>>(() => Policies);
}
