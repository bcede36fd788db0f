using Bunit;
using Clinic.Data.Billing;
using Clinic.Web.Auth;
using Clinic.Web.Components.Billing;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Billing;

public sealed class MoneyTodayTests : PharmacyTest
{
    private FakeBillingOverview billing = default!;

    public override void Setup()
    {
        base.Setup();
        billing = new FakeBillingOverview();
        Context.Services.AddSingleton<IBillingOverview>(billing);
    }

    private static MoneyDay Day(decimal cashNet = 8_000m, long payments = 3) => new(
        new MoneySummary
        {
            BusinessDay = DateTime.Today, TakingsTotal = cashNet + 5_000m, PaymentCount = payments, OutstandingAmount = 125_000m, OutstandingCount = 4,
            ClaimsPendingCount = 2, ClaimsPendingAmount = 12_000m, CurrencyCode = "UGX",
        },
        FakeBillingOverview.Methods.Select(m => new MoneyByMethodRow
        {
            Method = m, BusinessDay = DateTime.Today, PaymentCount = m switch { "cash" => 2, "mobile_money" => 1, _ => 0 },
            Taken = m switch { "cash" => cashNet + 2_000m, "mobile_money" => 5_000m, _ => 0m },
            Refunded = m == "cash" ? 2_000m : 0m, Net = m switch { "cash" => cashNet, "mobile_money" => 5_000m, _ => 0m },
        }).ToList(),
        Enumerable.Range(0, 14).Select(i => new MoneyDayRow { Day = DateTime.Today.AddDays(i - 13), Net = i == 13 ? cashNet + 5_000m : i * 1_000m }).ToList());

    [Test]
    public void Shows_loading_then_the_takings_by_method_outstanding_claims_and_the_chart_of_14_days()
    {
        billing.Money = Day();
        billing.Gate = new TaskCompletionSource();
        RenderProvidersWith(Permissions.BillingOverview);
        var page = Context.Render<MoneyToday>();
        Assert.That(page.FindAll("[data-testid=money-loading]"), Has.Count.EqualTo(1));

        billing.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=money-method-row]"), Has.Count.EqualTo(5)));
        Assert.That(page.Find("[data-testid=money-takings-amount]").TextContent.Trim(), Is.EqualTo("13,000.00"));
        Assert.That(page.Find("[data-testid=money-takings]").TextContent, Does.Contain("3 payments"));
        Assert.That(page.Find("[data-testid=money-outstanding-amount]").TextContent.Trim(), Is.EqualTo("125,000.00"));
        Assert.That(page.Find("[data-testid=money-outstanding]").TextContent, Does.Contain("4 unpaid invoices"));
        Assert.That(page.Find("[data-testid=money-claims-amount]").TextContent.Trim(), Is.EqualTo("12,000.00"));
        Assert.That(page.Find("[data-testid=money-claims]").TextContent, Does.Contain("2 claims"));
        Assert.That(page.Find("[data-testid=money-day]").TextContent, Does.Contain("amounts in UGX"));
        Assert.That(Texts(page, "[data-testid=money-method-net]"), Is.EqualTo(new[] { "8,000.00", "5,000.00", "0.00", "0.00", "0.00" }));
        var cash = page.FindAll("[data-testid=money-method-row]")[0].TextContent;
        Assert.That(cash, Does.Contain("Cash").And.Contain("10,000.00").And.Contain("2,000.00"));
        Assert.That(page.Find("[data-testid=money-total-row]").TextContent, Does.Contain("13,000.00"));
        Assert.That(page.FindAll("[data-testid=money-no-payments]"), Is.Empty);

        var chart = page.FindComponent<MudChart<double>>().Instance;
        Assert.That(chart.ChartLabels, Has.Length.EqualTo(14));
        Assert.That(chart.ChartLabels[^1], Is.EqualTo(Format.MonthDay(DateTime.Today)));
        Assert.That(page.Find("[data-testid=money-chart]").TextContent,
            Does.Contain($"{DateTime.Today.AddDays(-13):yyyy-MM-dd} to {DateTime.Today:yyyy-MM-dd}"));
        Assert.That(billing.MoneyCalls, Is.EqualTo(new DateTime?[] { DateTime.Today }));
    }

    [Test]
    public void A_day_without_payments_says_so_and_the_exports_hold_the_rows_as_numbers()
    {
        billing.Money = Day(cashNet: 0m, payments: 0);
        RenderProvidersWith(Permissions.BillingOverview);
        var page = Context.Render<MoneyToday>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=money-no-payments]"), Has.Count.EqualTo(1)));
        var byMethod = Clinic.Web.Export.CsvTable.Build(MoneyToday.MethodColumns, billing.Money.ByMethod).Split("\r\n");
        Assert.That(byMethod[0], Is.EqualTo("Day,Method,Payments,Taken,Refunded,Net"));
        Assert.That(byMethod[1], Is.EqualTo($"{DateTime.Today:yyyy-MM-dd},Cash,2,2000,2000,0"));
        Assert.That(byMethod[2], Is.EqualTo($"{DateTime.Today:yyyy-MM-dd},Mobile money,1,5000,0,5000"));
        var days = Clinic.Web.Export.CsvTable.Build(MoneyToday.DayColumns, billing.Money.LastDays).Split("\r\n");
        Assert.That(days, Has.Length.EqualTo(16), "header, 14 days and the final line end");
        Assert.That(days[^2], Is.EqualTo($"{DateTime.Today:yyyy-MM-dd},5000"));
    }

    [Test]
    public void The_cash_up_link_shows_only_with_the_payment_permission()
    {
        billing.Money = Day();
        RenderProvidersWith(Permissions.BillingOverview);
        var page = Context.Render<MoneyToday>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=money-method-row]"), Has.Count.EqualTo(5)));
        Assert.That(page.FindAll("[data-testid=money-cash-ups]"), Is.Empty);
    }
}
