using Bunit;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Billing;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Billing;

public sealed class CashUpTests : PharmacyTest
{
    private FakeBillingOverview billing = default!;

    public override void Setup()
    {
        base.Setup();
        billing = new FakeBillingOverview();
        Context.Services.AddSingleton<IBillingOverview>(billing);
    }

    private IRenderedComponent<CashUp> RenderPage(params string[] permissions)
    {
        RenderProvidersWith(permissions.Length == 0 ? [Permissions.BillingPayment] : permissions);
        return Context.Render<CashUp>();
    }

    private static List<CashUpPreviewRow> Closed() =>
    [
        new() { Method = "cash", BusinessDay = DateTime.Today, Expected = 10_000m, Counted = 9_500m, Difference = -500m, IsClosed = true },
        new() { Method = "mobile_money", BusinessDay = DateTime.Today, Expected = 2_000m, Counted = 2_000m, Difference = 0m, IsClosed = true },
        new() { Method = "card", BusinessDay = DateTime.Today, Expected = 0m, Counted = 0m, Difference = 0m, IsClosed = true },
        new() { Method = "bank_transfer", BusinessDay = DateTime.Today, Expected = 0m, Counted = 0m, Difference = 0m, IsClosed = true },
        new() { Method = "insurer", BusinessDay = DateTime.Today, Expected = 0m, Counted = 0m, Difference = 0m, IsClosed = true },
    ];

    [Test]
    public void Shows_loading_then_the_expected_amount_of_each_method_with_a_counted_field_and_no_difference_yet()
    {
        billing.Gate = new TaskCompletionSource();
        var page = RenderPage();
        Assert.That(page.FindAll("[data-testid=cash-up-loading]"), Has.Count.EqualTo(1));

        billing.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=cash-up-row]"), Has.Count.EqualTo(5)));
        Assert.That(page.FindAll("[data-testid=cash-up-row]").Select(r => r.GetAttribute("data-method")), Is.EqualTo(FakeBillingOverview.Methods));
        Assert.That(Texts(page, "[data-testid=cash-up-expected]"), Is.EqualTo(new[] { "10,000.00", "2,000.00", "0.00", "0.00", "0.00" }));
        Assert.That(Texts(page, "[data-testid=cash-up-difference]"), Is.All.EqualTo("—"));
        Assert.That(page.Find("[data-testid=cash-up-row]").TextContent, Does.Contain("Cash"));
        Assert.That(page.FindAll("[data-testid=counted-cash] input"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=cash-up-close]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=cash-up-open]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=cash-up-empty]"), Is.Empty);
        Assert.That(billing.MyCalls, Is.EqualTo(new DateTime?[] { DateTime.Today }));
    }

    [Test]
    public void Closing_sends_what_was_counted_and_the_note_then_shows_the_recorded_difference_read_only()
    {
        billing.AfterClose = Closed();
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=counted-cash] input"), Has.Count.EqualTo(1)));

        page.Find("[data-testid=counted-cash] input").Change("9500");
        page.Find("[data-testid=counted-mobile_money] input").Change("2000");
        page.Find("[data-testid=cash-up-note] input").Change("Short 500, a note went missing");
        page.Find("[data-testid=cash-up-close]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=cash-up-closed]"), Has.Count.EqualTo(1)));
        var (day, counted, note) = billing.Closed.Single();
        Assert.That(day, Is.EqualTo(DateTime.Today));
        Assert.That(counted, Is.EquivalentTo(new Dictionary<string, decimal> { ["cash"] = 9_500m, ["mobile_money"] = 2_000m }),
            "methods left empty are not sent: the database counts them as zero");
        Assert.That(note, Is.EqualTo("Short 500, a note went missing"));
        Assert.That(Texts(page, "[data-testid=cash-up-counted]"), Is.EqualTo(new[] { "9,500.00", "2,000.00", "0.00", "0.00", "0.00" }));
        Assert.That(Texts(page, "[data-testid=cash-up-difference]")[0], Is.EqualTo("-500.00"));
        Assert.That(page.FindAll("[data-testid=cash-up-difference]")[0].ClassList, Does.Contain("mud-error-text"));
        Assert.That(page.FindAll("[data-testid=cash-up-close]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=counted-cash]"), Is.Empty);
        Assert.That(SnackbarText, Does.Contain("The day is closed."));
    }

    [Test]
    public void A_refusal_shows_the_database_sentence_and_keeps_what_was_typed()
    {
        billing.CloseFailure = new ClinicRuleException(51180, "You have already closed the cash-up of this day.");
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=counted-cash] input"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=counted-cash] input").Change("10000");

        page.Find("[data-testid=cash-up-close]").Click();

        WaitUntil(page, () => Assert.That(SnackbarText, Does.Contain("You have already closed the cash-up of this day.")));
        Assert.That(page.Find("[data-testid=counted-cash] input").GetAttribute("value"), Is.EqualTo("10000"));
        Assert.That(page.FindAll("[data-testid=cash-up-close]"), Has.Count.EqualTo(1));
        Assert.That(billing.Closed, Is.Empty);
    }

    [Test]
    public void A_closed_day_is_read_only_and_a_day_without_payments_says_so()
    {
        billing.Mine = Closed();
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=cash-up-closed]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=cash-up-close]"), Is.Empty);
        Assert.That(page.FindAll("input[aria-label^=Counted]"), Is.Empty);

        billing.Mine = FakeBillingOverview.Open(0m, 0m);
        var quiet = Context.Render<CashUp>();
        WaitUntil(quiet, () => Assert.That(quiet.FindAll("[data-testid=cash-up-empty]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void A_clerk_without_the_all_clerks_permission_sees_only_their_own_day()
    {
        var page = RenderPage(Permissions.BillingPayment);
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=cash-up-row]"), Has.Count.EqualTo(5)));
        Assert.That(page.FindAll("[data-testid=all-cash-ups]"), Is.Empty);
        Assert.That(billing.AllCalls, Is.Empty);
    }

    [Test]
    public void The_administrator_lists_every_clerk_and_opens_one_clerks_lines()
    {
        var day = DateTime.Today;
        billing.All = new CashUpDay(
        [
            new() { UserAccountId = 7, DisplayName = "Ann Clerk", Username = "ann", BusinessDay = day, IsClosed = true, ClosedAt = day.AddHours(17),
                    Note = "Short 500", ExpectedTotal = 19_000m, CountedTotal = 18_500m, DifferenceTotal = -500m },
            new() { UserAccountId = 8, DisplayName = "Bob Clerk", Username = "bob", BusinessDay = day, ExpectedTotal = 4_000m },
        ],
        [
            .. FakeBillingOverview.Methods.Select(m => new ClerkCashUpLineRow
            {
                UserAccountId = 7, Method = m, BusinessDay = day, IsClosed = true, Expected = m == "cash" ? 11_000m : 0m,
                Counted = m == "cash" ? 10_500m : 0m, Difference = m == "cash" ? -500m : 0m,
            }),
            .. FakeBillingOverview.Methods.Select(m => new ClerkCashUpLineRow { UserAccountId = 8, Method = m, BusinessDay = day, Expected = m == "cash" ? 4_000m : 0m }),
        ]);
        var page = RenderPage(Permissions.BillingPayment, Permissions.BillingCashUpAll);

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=clerk-row]"), Has.Count.EqualTo(2)));
        Assert.That(Texts(page, "[data-testid=clerk-name]"), Is.EqualTo(new[] { "Ann Clerk", "Bob Clerk" }));
        Assert.That(Texts(page, "[data-testid=clerk-expected]"), Is.EqualTo(new[] { "19,000.00", "4,000.00" }));
        Assert.That(Texts(page, "[data-testid=clerk-counted]"), Is.EqualTo(new[] { "18,500.00", "—" }));
        Assert.That(Texts(page, "[data-testid=clerk-difference]"), Is.EqualTo(new[] { "-500.00", "—" }));
        Assert.That(Texts(page, "[data-testid=clerk-status]"), Is.EqualTo(new[] { "Closed", "Open" }));
        Assert.That(page.FindAll("[data-testid=clerk-detail]"), Is.Empty);

        page.FindAll("[data-testid=clerk-row]")[0].Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=clerk-line]"), Has.Count.EqualTo(5)));
        Assert.That(page.Find("[data-testid=clerk-detail]").GetAttribute("data-clerk-id"), Is.EqualTo("7"));
        Assert.That(page.Find("[data-testid=clerk-detail-state]").TextContent, Does.Contain("Closed").And.Contain("Short 500"));
        Assert.That(page.Find("[data-testid=clerk-line]").TextContent, Does.Contain("11,000.00").And.Contain("10,500.00").And.Contain("-500.00"));
        Assert.That(billing.AllCalls, Is.EqualTo(new DateTime?[] { day }));
    }

    [Test]
    public void The_day_export_holds_the_lines_as_numbers()
    {
        billing.Mine = Closed();
        var csv = Clinic.Web.Export.CsvTable.Build(CashUp.MyColumns, billing.Mine);
        var lines = csv.Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("Day,Method,Expected,Counted,Difference,Closed"));
        Assert.That(lines[1], Is.EqualTo($"{DateTime.Today:yyyy-MM-dd},Cash,10000,9500,-500,yes"));
    }
}
