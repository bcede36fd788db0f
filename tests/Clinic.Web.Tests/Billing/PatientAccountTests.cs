using Bunit;
using Clinic.Data.Billing;
using Clinic.Web.Auth;
using Clinic.Web.Components.Billing;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Billing;

public sealed class PatientAccountTests : PharmacyTest
{
    private FakeBillingOverview billing = default!;

    public override void Setup()
    {
        base.Setup();
        billing = new FakeBillingOverview();
        Context.Services.AddSingleton<IBillingOverview>(billing);
    }

    private static PatientAccount Account() => new(
        new PatientAccountSummary { PatientId = 5, Balance = 21_000m, OpenInvoiceCount = 1, CreditAvailable = 2_000m, InvoiceCount = 3, PaymentCount = 2, CurrencyCode = "UGX" },
        [
            new() { InvoiceId = 30, Status = "draft", CreatedAt = DateTime.Today, Total = 3_000m, Balance = 3_000m },
            new() { InvoiceId = 29, InvoiceNumber = "INV-000029", Status = "partially_paid", IssuedAt = DateTime.Today.AddDays(-1), CreatedAt = DateTime.Today.AddDays(-1),
                    Total = 30_000m, PaidTotal = 9_000m, Balance = 21_000m },
            new() { InvoiceId = 28, InvoiceNumber = "INV-000028", Status = "paid", IssuedAt = DateTime.Today.AddDays(-2), CreatedAt = DateTime.Today.AddDays(-2),
                    Total = 10_000m, PaidTotal = 10_000m },
        ],
        [
            new() { PaymentId = 41, ReceiptNumber = "RCT-000041", InvoiceId = 29, InvoiceNumber = "INV-000029", Method = "card", Amount = 10_000m,
                    RefundedTotal = 1_000m, Reference = "slip 9", ReceivedAt = DateTime.Today.AddHours(9) },
            new() { PaymentId = 40, ReceiptNumber = "RCT-000040", InvoiceId = 28, InvoiceNumber = "INV-000028", Method = "cash", Amount = 12_000m, ToCredit = 2_000m,
                    ReceivedAt = DateTime.Today.AddHours(8) },
        ]);

    private IRenderedComponent<PatientAccountPanel> RenderPanel()
    {
        RenderProvidersWith(Permissions.BillingRead);
        return Context.Render<PatientAccountPanel>(p => p.Add(x => x.PatientId, 5));
    }

    [Test]
    public void Shows_the_balance_credit_and_the_invoices_linking_to_their_pages()
    {
        billing.Accounts[5] = Account();
        billing.Gate = new TaskCompletionSource();
        var panel = RenderPanel();
        Assert.That(panel.FindAll("[data-testid=account-loading]"), Has.Count.EqualTo(1));

        billing.Gate.SetResult();

        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-invoice-row]"), Has.Count.EqualTo(3)));
        Assert.That(panel.Find("[data-testid=account-balance-amount]").TextContent.Trim(), Is.EqualTo("UGX 21,000.00"));
        Assert.That(panel.Find("[data-testid=account-balance]").TextContent, Does.Contain("1 unpaid invoice"));
        Assert.That(panel.Find("[data-testid=account-credit-amount]").TextContent.Trim(), Is.EqualTo("UGX 2,000.00"));
        Assert.That(panel.FindAll("[data-testid=account-invoice-link]").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())),
            Is.EqualTo(new[] { ("/billing/invoices/30", "Draft"), ("/billing/invoices/29", "INV-000029"), ("/billing/invoices/28", "INV-000028") }));
        Assert.That(Texts(panel, "[data-testid=account-invoice-status]"), Is.EqualTo(new[] { "Draft", "Partially paid", "Paid" }));
        Assert.That(Texts(panel, "[data-testid=account-invoice-balance]"), Is.EqualTo(new[] { "3,000.00", "21,000.00", "0.00" }));
    }

    [Test]
    public void The_payments_and_policies_tabs_show_receipts_refunds_credit_and_the_primary_policy()
    {
        billing.Accounts[5] = Account();
        billing.Policies =
        [
            new() { PatientPolicyId = 3, PatientId = 5, PayerName = "Jubilee Health", PlanName = "Gold", MemberNumber = "JH-7781", HolderName = "Mary Nakato",
                    Relationship = "self", ValidFrom = DateTime.Today.AddYears(-1), IsPrimary = true, IsValid = true },
            new() { PatientPolicyId = 4, PatientId = 5, PayerName = "AAR", PlanName = "Staff", MemberNumber = "AAR-1", HolderName = "John Nakato",
                    Relationship = "spouse", ValidFrom = DateTime.Today.AddYears(-3), ValidTo = DateTime.Today.AddYears(-2), IsValid = false },
        ];
        var panel = RenderPanel();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-invoice-row]"), Has.Count.EqualTo(3)));

        panel.FindAll(".mud-tab")[1].Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-payment-row]"), Has.Count.EqualTo(2)));
        Assert.That(Texts(panel, "[data-testid=account-payment-receipt]"), Is.EqualTo(new[] { "RCT-000041", "RCT-000040" }));
        Assert.That(Texts(panel, "[data-testid=account-payment-refunded]"), Is.EqualTo(new[] { "1,000.00", "—" }));
        Assert.That(panel.FindAll("[data-testid=account-payment-amount]")[1].TextContent, Does.Contain("2,000.00 to credit"));
        Assert.That(panel.FindAll("[data-testid=account-payment-row]")[0].TextContent, Does.Contain("Card").And.Contain("slip 9"));

        panel.FindAll(".mud-tab")[2].Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-policy-row]"), Has.Count.EqualTo(2)));
        Assert.That(Texts(panel, "[data-testid=account-policy-member]"), Is.EqualTo(new[] { "JH-7781", "AAR-1" }));
        Assert.That(panel.FindAll("[data-testid=account-policy-primary]"), Has.Count.EqualTo(1));
        Assert.That(panel.FindAll("[data-testid=account-policy-not-valid]"), Has.Count.EqualTo(1));
        Assert.That(panel.Find("[data-testid=account-policy-row]").TextContent, Does.Contain("Jubilee Health").And.Contain("Gold").And.Contain("Self"));
        Assert.That(panel.FindAll("[data-testid=account-policies-export]"), Has.Count.EqualTo(1));
        var csv = Clinic.Web.Export.CsvTable.Build(PatientAccountPanel.PolicyColumns, billing.Policies).Split("\r\n");
        Assert.That(csv[1], Is.EqualTo($"Jubilee Health,Gold,JH-7781,Mary Nakato,Self,{DateTime.Today.AddYears(-1):yyyy-MM-dd},,yes,yes"));
    }

    [Test]
    public void An_empty_account_shows_empty_states_and_unreadable_policies_do_not_break_it()
    {
        billing.Accounts[5] = new PatientAccount(new PatientAccountSummary { PatientId = 5, CurrencyCode = "UGX" }, [], []);
        billing.PoliciesFailure = new InvalidOperationException("patient_policy_list is not there");
        var panel = RenderPanel();

        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-invoices-empty]"), Has.Count.EqualTo(1)));
        Assert.That(panel.Find("[data-testid=account-balance-amount]").TextContent.Trim(), Is.EqualTo("UGX 0.00"));
        panel.FindAll(".mud-tab")[1].Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-payments-empty]"), Has.Count.EqualTo(1)));
        panel.FindAll(".mud-tab")[2].Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-policies-unavailable]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void A_refused_read_shows_the_sentence_instead_of_the_account()
    {
        Context.Services.AddSingleton<IBillingOverview>(new ThrowingOverview());
        RenderProvidersWith(Permissions.BillingRead);
        var panel = Context.Render<PatientAccountPanel>(p => p.Add(x => x.PatientId, 5));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=account-unavailable]"), Has.Count.EqualTo(1)));
        Assert.That(SnackbarText, Does.Contain("Your role is not allowed to do this."));
    }

    private sealed class ThrowingOverview : IBillingOverview
    {
        private static Task<T> No<T>() => Task.FromException<T>(new Clinic.Data.Common.ClinicRuleException(50102, "Your role is not allowed to do this."));
        public Task<IReadOnlyList<CashUpPreviewRow>> MyCashUpAsync(DateTime? day, CancellationToken ct = default) => No<IReadOnlyList<CashUpPreviewRow>>();
        public Task<IReadOnlyList<CashUpLineRow>> CloseMyDayAsync(DateTime? day, IReadOnlyDictionary<string, decimal> counted, string? note, CancellationToken ct = default) => No<IReadOnlyList<CashUpLineRow>>();
        public Task<CashUpDay> CashUpsAsync(DateTime? day, CancellationToken ct = default) => No<CashUpDay>();
        public Task<MoneyDay> MoneyTodayAsync(DateTime? day, CancellationToken ct = default) => No<MoneyDay>();
        public Task<PatientAccount> PatientAccountAsync(int patientId, CancellationToken ct = default) => No<PatientAccount>();
        public Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default) => No<IReadOnlyList<PatientPolicyRow>>();
    }
}
