using System.Text.RegularExpressions;
using Clinic.Data.Billing;
using Clinic.Web.Components.Shared;
using Dapper;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The money overviews on a real server and database: a clerk counts and closes the day on the cash-up screen, the
/// administrator reads the money of the day (with its chart) and every clerk's cash-up, and the patient's account on
/// the profile. Invoices are set up as drafts by the schema owner (the charging is the charges work) and issued and
/// paid through the procedures.
/// </summary>
public sealed class CashUpMoneyTodayTests : BrowserTest
{
    private const string Password = "Billing-pass-2026";

    /// <summary>A draft invoice of the patient with one charge per amount, issued by the administrator; returns its id.</summary>
    private static async Task<int> NewIssuedInvoiceAsync(int patientId, params decimal[] amounts)
    {
        int invoiceId;
        await using (var connection = new MySqlConnection(ClinicApp.MigratorConnectionString))
        {
            var sum = amounts.Sum();
            invoiceId = await connection.ExecuteScalarAsync<int>(
                """
                INSERT INTO invoice (patient_id, status, currency_code, subtotal, total, patient_share) VALUES (@patientId, 'draft', 'UGX', @sum, @sum, @sum);
                SELECT LAST_INSERT_ID();
                """, new { patientId, sum });
            var n = 0;
            foreach (var amount in amounts)
                await connection.ExecuteAsync(
                    """
                    INSERT INTO charge (patient_id, source_type, source_id, category_code, description, quantity, unit_price, amount, service_date, invoice_id)
                    VALUES (@patientId, 'service_charge', @source, 'other', @description, 1, @amount, @amount, CURDATE(), @invoiceId)
                    """, new { patientId, source = Random.Shared.Next(1_000_000, 2_000_000_000), description = $"Service {++n}", amount, invoiceId });
        }
        await ClinicApp.AsAdminAsync((runner, admin) => new InvoiceProcedures(runner, admin).IssueAsync(invoiceId));
        return invoiceId;
    }

    [Test]
    public async Task A_clerk_counts_and_closes_the_day_and_the_administrator_sees_the_money_today_and_every_cash_up()
    {
        var patient = await FrontDeskData.NewPatientAsync("Aisha", "Nambi");
        var (clerkId, clerk) = await ClinicApp.CreateAccountAsync("cashup", "billing_clerk", Password);
        var first = await NewIssuedInvoiceAsync(patient.PatientId, 30_000m, 10_000m);
        var second = await NewIssuedInvoiceAsync(patient.PatientId, 12_000m);
        await ClinicApp.AsAsync(clerkId, async (runner, session) =>
        {
            var payments = new PaymentProcedures(runner, session);
            await payments.TakeAsync(first, new PaymentInput { Method = "cash", Amount = 20_000m, Tendered = 20_000m });
            await payments.TakeAsync(first, new PaymentInput
            {
                Method = "mobile_money", Amount = 15_000m, Provider = "MTN", Reference = "MP" + Guid.NewGuid().ToString("N")[..10],
            });
            var card = await payments.TakeAsync(second, new PaymentInput { Method = "card", Amount = 5_000m, Reference = "slip 44" });
            await payments.RefundAsync(card.PaymentId, 1_000m, "Charged the wrong service");
            return 0;
        });

        // The clerk's day: expected per method from the database, counted by hand.
        await SignInAsync(clerk, Password);
        await Expect(TestId("count-my-takings-today")).ToContainTextAsync("UGX 39,000");
        await ScreenshotAsync("billing-clerk-home");
        await GotoInteractiveAsync("/billing/cash-up");
        await Expect(TestId("cash-up-row")).ToHaveCountAsync(5);
        await Expect(TestId("cash-up-expected")).ToHaveTextAsync(["20,000.00", "15,000.00", "4,000.00", "0.00", "0.00"]);
        await Expect(TestId("cash-up-open")).ToBeVisibleAsync();
        await TestId("counted-cash").Locator("input").FillAsync("19500");
        await TestId("counted-mobile_money").Locator("input").FillAsync("15000");
        await TestId("counted-card").Locator("input").FillAsync("4000");
        await TestId("cash-up-note").Locator("input").FillAsync("Short 500 in the cash drawer");
        await ScreenshotAsync("cash-up-open");

        await TestId("cash-up-close").ClickAsync();

        await Expect(TestId("cash-up-closed")).ToBeVisibleAsync();
        await Expect(TestId("cash-up-counted")).ToHaveTextAsync(["19,500.00", "15,000.00", "4,000.00", "0.00", "0.00"]);
        await Expect(TestId("cash-up-difference")).ToHaveTextAsync(["-500.00", "0.00", "0.00", "0.00", "0.00"]);
        await Expect(TestId("cash-up-close")).ToHaveCountAsync(0);
        await Expect(TestId("all-cash-ups")).ToHaveCountAsync(0);
        await ScreenshotAsync("cash-up-closed");
        await using (var connection = new MySqlConnection(ClinicApp.MigratorConnectionString))
        {
            var recorded = await connection.QuerySingleAsync<(decimal Counted, decimal Difference, string Note)>(
                """
                SELECT l.counted, l.difference, c.note FROM cash_up AS c JOIN cash_up_line AS l ON l.cash_up_id = c.cash_up_id
                 WHERE c.user_account_id = @clerkId AND c.business_day = CURDATE() AND l.method = 'cash'
                """, new { clerkId });
            Assert.That(recorded, Is.EqualTo((19_500m, -500m, "Short 500 in the cash drawer")));
        }

        // The administrator: the money of the day as the database sums it, with the chart of 14 days.
        await using var adminContext = await NewContextAsync();
        var adminPage = await adminContext.NewPageAsync();
        await SubmitSignInAsync(adminPage, "admin", "admin123");
        await adminPage.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        await adminPage.GetByTestId("nav-money-today").ClickAsync();
        await Expect(adminPage.GetByTestId("money-method-row")).ToHaveCountAsync(5);
        var money = await ClinicApp.AsAdminAsync((runner, admin) => new BillingOverviewProcedures(runner, admin).MoneyTodayAsync());
        Assert.That(money.Summary.TakingsTotal, Is.GreaterThanOrEqualTo(39_000m));
        await Expect(adminPage.GetByTestId("money-takings-amount")).ToHaveTextAsync(Format.Money(money.Summary.TakingsTotal));
        await Expect(adminPage.GetByTestId("money-outstanding-amount")).ToHaveTextAsync(Format.Money(money.Summary.OutstandingAmount));
        await Expect(adminPage.GetByTestId("money-method-net")).ToHaveTextAsync(money.ByMethod.Select(m => Format.Money(m.Net)).ToArray());
        await Expect(adminPage.GetByTestId("money-chart-bars").Locator("svg").First).ToBeVisibleAsync();
        await Expect(adminPage.GetByTestId("count-takings-today")).ToHaveCountAsync(0);
        await adminPage.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("money-today"), Animations = ScreenshotAnimations.Disabled, FullPage = true });

        // The CSV of the takings by method: plain numbers, one line per method.
        var download = await adminPage.RunAndWaitForDownloadAsync(() => adminPage.GetByTestId("money-by-method-export").ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo($"takings-{Format.Date(DateTime.Today)}.csv"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.That(csv.TrimStart('\ufeff').Split("\r\n")[0], Is.EqualTo("Day,Method,Payments,Taken,Refunded,Net"));
        Assert.That(csv, Does.Contain($",Cash,").And.Contain(",Mobile money,"));

        // Every clerk's cash-up: the administrator opens this clerk's closed day.
        await adminPage.GetByTestId("money-cash-ups").ClickAsync();
        var row = adminPage.Locator($"[data-testid=clerk-row][data-clerk-id='{clerkId}']");
        await Expect(row).ToContainTextAsync("-500.00");
        await Expect(row.GetByTestId("clerk-status")).ToHaveTextAsync("Closed");
        await row.ClickAsync();
        await Expect(adminPage.GetByTestId("clerk-line")).ToHaveCountAsync(5);
        await Expect(adminPage.GetByTestId("clerk-detail-state")).ToContainTextAsync("Short 500 in the cash drawer");
        await adminPage.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("cash-up-every-clerk"), Animations = ScreenshotAnimations.Disabled, FullPage = true });

        // The patient's account on the profile.
        await adminPage.GotoAsync($"/patients/{patient.PatientId}");
        await Expect(adminPage.GetByTestId("account-invoice-row")).ToHaveCountAsync(2);
        await Expect(adminPage.GetByTestId("account-balance-amount")).ToHaveTextAsync(new Regex(@"UGX\s+13,000\.00"));
        await adminPage.GetByTestId("patient-account").Locator(".mud-tab").Nth(1).ClickAsync();
        await Expect(adminPage.GetByTestId("account-payment-row")).ToHaveCountAsync(3);
        await adminPage.GetByTestId("patient-account").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = ClinicApp.ScreenshotPath("patient-account"), Animations = ScreenshotAnimations.Disabled,
        });
    }
}
