using System.Text.RegularExpressions;
using Clinic.Data.Billing;
using Clinic.Data.Pharmacy;
using Clinic.Data.Queue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// Issue 11's billing journeys on a real server and database: the care of a visit (consultation, a lab test,
/// medication) gathers on a draft invoice that the billing clerk finds and issues; a partial mobile-money payment and
/// then the rest in cash turn it to paid, with gap-free receipt numbers, a printable receipt and PDFs.
/// </summary>
public sealed class BillingJourneyTests : BrowserTest
{
    private const string ClerkPassword = "billing-pass-1";

    /// <summary>
    /// A visit with its care charged by the database: the doctor's fee 20,000, a lab test 8,000, 15 capsules at 300 (from one lot, so one
    /// dispensing line and one charge).
    /// </summary>
    private static async Task<(int VisitId, string Family, string Mrn, string LabName, string MedicationName)> VisitWithCareAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var doctor = await FrontDeskData.NewDoctorAsync("Okello" + suffix);
        var family = "Bil" + suffix;
        var patient = await FrontDeskData.NewPatientAsync("Sarah", family);
        var test = await ClinicalData.NewLabTestAsync("Malaria parasite count", "/µL", 0m, 50m);
        var medication = await ClinicalData.NewMedicationWithTwoLotsAsync("amoxicillin", earlyQuantity: 50, lateQuantity: 10);
        var pharmacist = await ClinicalData.NewStaffAsync("pharmacist");
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Fever",
        });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);
        await ClinicalData.OrderLabTestAsync(doctor.AccountId, visitId, test.LabTestId);
        var prescriptionId = await ClinicApp.AsAsync(doctor.AccountId, (runner, session) => new PrescriptionProcedures(runner, session).IssueAsync(visitId,
        [
            new PrescriptionItemInput
            {
                MedicationId = medication.MedicationId, Dose = "1 capsule", Route = PrescriptionRoute.Oral, Frequency = "three times a day",
                DurationDays = 5, Quantity = 15, StartDate = DateTime.Today,
            },
        ]));
        await ClinicApp.AsAsync(pharmacist.AccountId, (runner, session) => new DispensingProcedures(runner, session).DispenseAsync(prescriptionId));
        return (visitId, family, patient.Mrn, test.Name, medication.Name);
    }

    private async Task<string> SignInAsClerkAsync()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("bill", "billing_clerk", ClerkPassword);
        await SignInAsync(username, ClerkPassword);
        return username;
    }

    private static Task<InvoiceDetail?> InvoiceAsync(int invoiceId) =>
        ClinicApp.AsAdminAsync((runner, session) => new InvoiceProcedures(runner, session).GetAsync(invoiceId));

    /// <summary>A full-page screenshot from the top of the page, without the snackbars that would cover what the step produced.</summary>
    private async Task FullShotAsync(string name)
    {
        var closers = Page.Locator(".mud-snackbar button");
        for (var i = await closers.CountAsync() - 1; i >= 0; i--)
        {
            try
            {
                await closers.Nth(i).ClickAsync(new LocatorClickOptions { Timeout = 1_000 });
            }
            catch (PlaywrightException)
            {
                // Already closing by itself.
            }
        }
        try
        {
            await Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            // A snackbar that stays only spoils the picture, not the test.
        }
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled, FullPage = true });
    }

    private async Task<int> OpenInvoiceFromSearchAsync(string mrn)
    {
        await TestId("nav-billing").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/billing$"));
        await TestId("invoice-query").FillAsync(mrn);
        var link = Page.Locator("[data-testid=invoice-results] [data-testid=invoice-link]");
        await Expect(link).ToHaveCountAsync(1);
        var invoiceId = int.Parse((await link.GetAttributeAsync("data-invoice-id"))!);
        await link.ClickAsync();
        await Expect(TestId("invoice-header")).ToBeVisibleAsync();
        return invoiceId;
    }

    [Test]
    public async Task A_visit_with_a_consultation_a_lab_test_and_medication_becomes_an_invoice_the_clerk_issues()
    {
        var (visitId, family, mrn, labName, medicationName) = await VisitWithCareAsync();
        await SignInAsClerkAsync();

        var invoiceId = await OpenInvoiceFromSearchAsync(mrn);

        // The draft gathered the three charges of the visit, priced by the database.
        await Expect(TestId("invoice-number")).ToHaveTextAsync($"Draft #{invoiceId}");
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Draft");
        await Expect(TestId("invoice-patient")).ToHaveTextAsync($"Sarah {family}");
        var lines = TestId("invoice-line");
        await Expect(lines).ToHaveCountAsync(3);
        await Expect(Page.Locator("[data-testid=invoice-line][data-category=consultation] [data-testid=line-amount]")).ToHaveTextAsync("UGX 20,000");
        await Expect(Page.Locator("[data-testid=invoice-line][data-category=lab]")).ToContainTextAsync(labName);
        await Expect(Page.Locator("[data-testid=invoice-line][data-category=lab] [data-testid=line-amount]")).ToHaveTextAsync("UGX 8,000");
        await Expect(Page.Locator("[data-testid=invoice-line][data-category=medication]")).ToContainTextAsync(medicationName);
        await Expect(Page.Locator("[data-testid=invoice-line][data-category=medication] [data-testid=line-amount]")).ToHaveTextAsync("UGX 4,500");
        await Expect(TestId("total-total")).ToHaveTextAsync("UGX 32,500");
        await Expect(TestId("invoice-take-payment")).ToHaveCountAsync(0);
        await FullShotAsync("billing-invoice-draft");

        // Issuing gives the gap-free number; the lines are frozen and payment becomes possible.
        await TestId("invoice-issue").ClickAsync();
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Issued");
        await Expect(TestId("invoice-number")).ToHaveTextAsync(new Regex(@"^INV-\d{6}$"));
        await Expect(TestId("invoice-issue")).ToHaveCountAsync(0);
        await Expect(TestId("invoice-take-payment")).ToBeVisibleAsync();
        var number = await TestId("invoice-number").TextContentAsync();
        await FullShotAsync("billing-invoice-issued");

        var stored = (await InvoiceAsync(invoiceId))!;
        Assert.That(stored.Header.Status, Is.EqualTo("issued"));
        Assert.That(stored.Header.InvoiceNumber, Is.EqualTo(number));
        Assert.That(stored.Header.VisitId, Is.EqualTo(visitId));
        Assert.That(stored.Header.Total, Is.EqualTo(32_500m));
        Assert.That(stored.Lines.Select(l => l.CategoryCode).Order(), Is.EqualTo(new[] { "consultation", "lab", "medication" }));
        Assert.That(stored.Lines.All(l => l.InvoiceLineId is not null), "issued: frozen invoice lines");

        // It is now among today's unpaid invoices in the workspace.
        await TestId("back-to-billing").ClickAsync();
        var today = Page.Locator($"[data-testid=unpaid-today] [data-testid=invoice-link][data-invoice-id='{invoiceId}']");
        await Expect(today).ToHaveTextAsync(number!);
        await FullShotAsync("billing-workspace");
    }

    [Test]
    public async Task A_partial_mobile_money_payment_then_the_rest_in_cash_turns_the_invoice_to_paid()
    {
        var (_, _, mrn, _, _) = await VisitWithCareAsync();
        await SignInAsClerkAsync();
        var invoiceId = await OpenInvoiceFromSearchAsync(mrn);
        await TestId("invoice-issue").ClickAsync();
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Issued");

        // 1. Part by mobile money: provider and transaction reference.
        var reference = "MP" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var dialog = Page.Locator(".mud-dialog");
        await OpenAsync(Page, TestId("invoice-take-payment"), dialog.GetByTestId("payment-balance"), "take-payment-dialog");
        await Expect(dialog.GetByTestId("payment-balance")).ToHaveTextAsync("UGX 32,500");
        await dialog.GetByTestId("method-mobile_money").ClickAsync();
        await dialog.GetByTestId("payment-amount-input").FillAsync("12500");
        await dialog.GetByTestId("payment-provider").FillAsync("MTN MoMo");
        await dialog.GetByTestId("payment-reference").FillAsync(reference);
        await Expect(dialog.GetByTestId("payment-tendered")).ToHaveCountAsync(0);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("billing-payment-mobile-money"), Animations = ScreenshotAnimations.Disabled });
        await dialog.GetByTestId("payment-submit").ClickAsync();
        await Expect(TestId("payment-submit")).ToHaveCountAsync(0);
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Partially paid");
        await Expect(TestId("total-balance")).ToHaveTextAsync("UGX 20,000");
        var firstReceipt = await TestId("payment-receipt-number").TextContentAsync();
        Assert.That(firstReceipt, Does.Match(@"^RCT-\d{6}$"));

        // 2. The rest in cash: 25,000 handed over for a balance of 20,000; the database says 5,000 change.
        await TestId("invoice-take-payment").ClickAsync();
        await Expect(dialog.GetByTestId("payment-balance")).ToHaveTextAsync("UGX 20,000");
        await Expect(dialog.GetByTestId("payment-amount-input")).ToHaveValueAsync("20000");
        await dialog.GetByTestId("payment-tendered").FillAsync("25000");
        await dialog.GetByTestId("payment-submit").ClickAsync();
        await Expect(TestId("payment-submit")).ToHaveCountAsync(0);
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Paid");
        await Expect(TestId("payment-change-due")).ToHaveTextAsync("UGX 5,000");
        await Expect(TestId("total-balance")).ToHaveTextAsync("UGX 0");
        var secondReceipt = await TestId("payment-receipt-number").TextContentAsync();
        Assert.That(secondReceipt, Does.Match(@"^RCT-\d{6}$"));
        Assert.That(int.Parse(secondReceipt![4..]), Is.EqualTo(int.Parse(firstReceipt![4..]) + 1), "gap-free receipt numbers");
        await Expect(TestId("payment-receipt")).ToHaveTextAsync(new[] { firstReceipt, secondReceipt });
        await Expect(TestId("payment-method")).ToHaveTextAsync(new[] { "Mobile money", "Cash" });
        await Expect(TestId("invoice-take-payment")).ToHaveCountAsync(0);
        await FullShotAsync("billing-invoice-paid");

        var stored = (await InvoiceAsync(invoiceId))!;
        Assert.That(stored.Header.Status, Is.EqualTo("paid"));
        Assert.That(stored.Header.PaidTotal, Is.EqualTo(32_500m));
        Assert.That(stored.Payments.Select(p => (p.ReceiptNumber, p.Method, p.Amount, p.Provider, p.Reference)), Is.EqualTo(new[]
        {
            (firstReceipt, "mobile_money", 12_500m, (string?)"MTN MoMo", (string?)reference),
            (secondReceipt, "cash", 20_000m, null, null),
        }));

        // The printed receipt of the cash payment, and the PDFs of the invoice and that receipt.
        var cashPayment = stored.Payments[1];
        await Page.GotoAsync($"/print/invoices/{invoiceId}/receipts/{cashPayment.PaymentId}");
        await Expect(TestId("print-receipt-number")).ToHaveTextAsync(secondReceipt!);
        await Expect(TestId("print-invoice-number")).ToHaveTextAsync(stored.Header.InvoiceNumber!);
        await Expect(TestId("print-amount")).ToHaveTextAsync("UGX 20,000");
        await Expect(TestId("print-method")).ToHaveTextAsync("Cash");
        await Expect(TestId("print-balance")).ToHaveTextAsync("UGX 0");
        await FullShotAsync("billing-receipt-print");
        await Page.GotoAsync($"/print/invoices/{invoiceId}");
        await Expect(TestId("print-invoice-status")).ToHaveTextAsync("Paid");
        await Expect(TestId("print-line")).ToHaveCountAsync(3);
        await FullShotAsync("billing-invoice-print");

        foreach (var path in new[] { $"/billing/invoices/{invoiceId}/pdf", $"/billing/invoices/{invoiceId}/payments/{cashPayment.PaymentId}/receipt.pdf" })
        {
            var response = await Context.APIRequest.GetAsync(path);
            Assert.That(response.Status, Is.EqualTo(200), path);
            Assert.That(response.Headers["content-type"], Is.EqualTo("application/pdf"), path);
            var body = await response.BodyAsync();
            Assert.That(System.Text.Encoding.ASCII.GetString(body, 0, 5), Is.EqualTo("%PDF-"), path);
            await File.WriteAllBytesAsync(Path.ChangeExtension(ClinicApp.ScreenshotPath(Path.GetFileNameWithoutExtension(path) == "pdf" ? "billing-invoice" : "billing-receipt"), ".pdf"), body);
        }

        // Without billing.read (a nurse) the PDF is not served: the route needs the permission, and invoice_get checks it too.
        var (_, nurse) = await ClinicApp.CreateAccountAsync("nurs", "nurse", "nurse-pass-1");
        var other = await NewContextAsync();
        var nursePage = await other.NewPageAsync();
        await SubmitSignInAsync(nursePage, nurse, "nurse-pass-1");
        var refused = await other.APIRequest.GetAsync($"/billing/invoices/{invoiceId}/pdf");
        Assert.That(refused.Headers.GetValueOrDefault("content-type") ?? "", Does.Not.Contain("application/pdf"));
        Assert.That(refused.Url, Does.Contain("/account/not-allowed"));
        await other.CloseAsync();
    }
    [Test]
    public async Task A_large_waiver_waits_for_the_administrator_and_an_overpayment_is_refused_unless_kept_as_credit()
    {
        var (_, _, mrn, _, _) = await VisitWithCareAsync();
        // A procedure priced 100,000 added to the visit's bill, so that a 60,000 waiver is above the approval threshold (50,000).
        await ClinicApp.AsAdminAsync(async (runner, session) =>
        {
            var billing = new BillingProcedures(runner, session);
            var code = "E2E" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            var serviceId = await billing.SaveServiceAsync(null, new ServiceInput { ServiceCode = code, Name = "Wound dressing " + code, CategoryCode = ServiceCategory.Procedure });
            await billing.SetServicePriceAsync(serviceId, DateTime.Today, 100_000m);
            var invoices = await new InvoiceProcedures(runner, session).SearchAsync(new InvoiceSearchFilter { Query = mrn });
            var draft = invoices.Single();
            return await billing.AddServiceChargeAsync(draft.PatientId, draft.VisitId, serviceId);
        });
        await SignInAsClerkAsync();
        var invoiceId = await OpenInvoiceFromSearchAsync(mrn);
        await Expect(TestId("total-total")).ToHaveTextAsync("UGX 132,500");
        await TestId("invoice-issue").ClickAsync();
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Issued");

        // The clerk asks for a waiver of 60,000: above the threshold, it waits.
        await TestId("invoice-discount").ClickAsync();
        await TestId("kind-waiver").ClickAsync();
        await TestId("discount-amount").FillAsync("60000");
        await TestId("discount-reason").FillAsync("Hardship: the family cannot pay");
        await TestId("discount-submit").ClickAsync();
        await Expect(TestId("discount-submit")).ToHaveCountAsync(0);
        await Expect(TestId("adjustment-status")).ToHaveTextAsync("Waiting for approval");
        await Expect(TestId("adjustment-approve")).ToHaveCountAsync(0);
        await Expect(TestId("total-total")).ToHaveTextAsync("UGX 132,500");

        // The administrator approves it from the approvals list.
        await Page.GetByTestId("sign-out").ClickAsync();
        await SignInAsync("admin", "admin123");
        await TestId("nav-billing-approvals").ClickAsync();
        var row = Page.Locator("tr").Filter(new LocatorFilterOptions { Has = Page.Locator($"a[href='/billing/invoices/{invoiceId}']") });
        await Expect(row.GetByTestId("approval-amount")).ToHaveTextAsync("UGX 60,000");
        await FullShotAsync("billing-approvals");
        await row.GetByTestId("approval-approve").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        // Back on the invoice: the total dropped by the waiver; a payment above the balance is refused in the dialog.
        await GotoInteractiveAsync($"/billing/invoices/{invoiceId}");
        await Expect(TestId("adjustment-status")).ToHaveTextAsync("Approved");
        await Expect(TestId("total-total")).ToHaveTextAsync("UGX 72,500");
        await TestId("invoice-take-payment").ClickAsync();
        await TestId("payment-amount-input").FillAsync("80000");
        await SubmitUntilShownAsync(Page, TestId("payment-submit"), TestId("dialog-error"), "payment-over-balance");
        await Expect(TestId("dialog-error")).ToContainTextAsync("more than the balance of UGX 72,500");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("billing-payment-refused"), Animations = ScreenshotAnimations.Disabled });
        await TestId("payment-keep-credit").CheckAsync();
        await TestId("payment-submit").ClickAsync();
        await Expect(TestId("payment-submit")).ToHaveCountAsync(0);
        await Expect(TestId("invoice-status")).ToHaveTextAsync("Paid");
        await Expect(TestId("payment-to-credit")).ToHaveTextAsync("UGX 7,500");
        await Expect(TestId("invoice-patient-credit")).ToHaveTextAsync("UGX 7,500");
        await FullShotAsync("billing-invoice-waived-paid");

        var stored = (await InvoiceAsync(invoiceId))!;
        Assert.That((stored.Header.Status, stored.Header.Total, stored.Header.AdjustmentTotal, stored.Header.PatientCredit),
            Is.EqualTo(("paid", 72_500m, 60_000m, 7_500m)));
        Assert.That(stored.Adjustments.Single().Status, Is.EqualTo("approved"));
    }
}
