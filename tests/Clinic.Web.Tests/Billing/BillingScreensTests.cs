using Bunit;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Billing;
using Clinic.Web.Components.Print;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Billing;

public sealed class BillingScreensTests : PharmacyTest
{
    private FakeBillingDesk desk = default!;

    public override void Setup()
    {
        base.Setup();
        desk = new FakeBillingDesk();
        Context.Services.AddSingleton<IBillingDesk>(desk);
    }

    private IRenderedComponent<InvoicePage> RenderInvoice(InvoiceDetail detail)
    {
        desk.Invoices[detail.Header.InvoiceId] = detail;
        RenderProvidersWith(Permissions.BillingRead);
        var page = Context.Render<InvoicePage>(p => p.Add(x => x.InvoiceId, detail.Header.InvoiceId));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=invoice-number]"), Has.Count.EqualTo(1)));
        return page;
    }

    private static readonly string[] ActionIds =
        ["invoice-issue", "invoice-take-payment", "invoice-apply-credit", "invoice-credit-note", "invoice-discount", "invoice-void"];

    private static string[] Actions(IRenderedComponent<InvoicePage> page) =>
        ActionIds.Where(id => page.FindAll($"[data-testid={id}]").Count > 0).ToArray();

    // ---- the workspace ----

    [Test]
    public void The_workspace_shows_loading_then_todays_unpaid_invoices_with_links_and_the_database_amounts()
    {
        desk.SearchGate = new TaskCompletionSource();
        desk.Search = f => f.UnpaidToday
            ? [BillingData.Row(40, "INV-000040", "partially_paid", "Mary Nakato", 38_600m, 10_000m), BillingData.Row(41, "INV-000041", "issued", "John Okello", 20_000m, 0m)]
            : [];
        RenderProvidersWith(Permissions.BillingRead);

        var page = Context.Render<BillingWorkspace>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=unpaid-today-loading]"), Has.Count.EqualTo(1)));
        desk.SearchGate.SetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=unpaid-today] [data-testid=invoice-link]"), Has.Count.EqualTo(2)));
        Assert.That(desk.Searches.Any(f => f.UnpaidToday && f.Query is null && f.Status is null), "today's unpaid come from invoice_search with p_unpaid_today");
        var links = page.FindAll("[data-testid=unpaid-today] [data-testid=invoice-link]");
        Assert.That(links.Select(l => l.GetAttribute("href")), Is.EqualTo(new[] { "/billing/invoices/40", "/billing/invoices/41" }));
        Assert.That(links[0].TextContent.Trim(), Is.EqualTo("INV-000040"));
        Assert.That(Texts(page, "[data-testid=unpaid-today] [data-testid=invoice-balance]"), Is.EqualTo(new[] { "UGX 28,600", "UGX 20,000" }));
        Assert.That(Texts(page, "[data-testid=unpaid-today] [data-testid=invoice-status]"), Is.EqualTo(new[] { "Partially paid", "Issued" }));
        // The search list has nothing yet: its empty sentence.
        Assert.That(page.Find("[data-testid=invoice-results-empty]").TextContent.Trim(), Is.EqualTo("There are no invoices yet."));
    }

    [Test]
    public void The_search_sends_the_text_and_the_status_to_the_database_and_says_when_nothing_matches()
    {
        desk.Search = f => f.Query == "HMS/000040" ? [BillingData.Row(40, "INV-000040", "paid", "Mary Nakato", 38_600m, 38_600m)] : [];
        RenderProvidersWith(Permissions.BillingRead);
        var page = Context.Render<BillingWorkspace>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=unpaid-today-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=unpaid-today-empty]").TextContent.Trim(), Is.EqualTo("No invoice issued today is waiting for payment."));

        page.Find("input[data-testid=invoice-query]").Input("HMS/000040");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=invoice-results] [data-testid=invoice-link]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Searches.Last(), Is.EqualTo(new InvoiceSearchFilter { Query = "HMS/000040" }));
        Assert.That(page.Find("[data-testid=invoice-results] [data-testid=invoice-patient]").TextContent, Is.EqualTo("Mary Nakato"));

        page.Find("input[data-testid=invoice-query]").Input("nobody");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=invoice-results-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=invoice-results-empty]").TextContent.Trim(), Is.EqualTo("No invoice matches this search."));
    }

    // ---- the invoice page: buttons follow the flags ----

    [Test]
    public void With_every_flag_false_the_invoice_offers_no_action_only_print_and_pdf()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with { PatientCredit = 5_000m },
            [BillingData.Payment(5, "RCT-000005", "cash", 10_000m)]));

        Assert.That(Actions(page), Is.Empty);
        Assert.That(page.FindAll("[data-testid=payment-refund]"), Is.Empty);
        Assert.That(page.Find("[data-testid=invoice-print]").GetAttribute("href"), Is.EqualTo("/print/invoices/40"));
        Assert.That(page.Find("[data-testid=invoice-pdf]").GetAttribute("href"), Is.EqualTo("/billing/invoices/40/pdf"));
        Assert.That(page.Find("[data-testid=payment-print]").GetAttribute("href"), Is.EqualTo("/print/invoices/40/receipts/5"));
        Assert.That(page.Find("[data-testid=payment-pdf]").GetAttribute("href"), Is.EqualTo("/billing/invoices/40/payments/5/receipt.pdf"));
    }

    [Test]
    public void Each_flag_shows_its_button_and_credit_is_offered_only_when_the_patient_has_some_and_payment_is_allowed()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with
        {
            CanIssue = true, CanPay = true, CanCredit = true, CanAdjust = true, CanVoid = true, PatientCredit = 5_000m,
        }, [BillingData.Payment(5, "RCT-000005", "cash", 10_000m, canRefund: true), BillingData.Payment(6, "RCT-000006", "card", 1_000m)]));

        Assert.That(Actions(page), Is.EqualTo(ActionIds));
        Assert.That(page.Find("[data-testid=invoice-apply-credit]").TextContent, Does.Contain("UGX 5,000"));
        Assert.That(page.FindAll("[data-testid=payment-row]")[0].QuerySelectorAll("[data-testid=payment-refund]"), Has.Length.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=payment-row]")[1].QuerySelectorAll("[data-testid=payment-refund]"), Is.Empty, "can_refund is per payment");

        var noCredit = RenderInvoiceAgain(BillingData.Header(41) with { CanPay = true, PatientCredit = 0m });
        Assert.That(Actions(noCredit), Is.EqualTo(new[] { "invoice-take-payment" }));
        var creditButNoPay = RenderInvoiceAgain(BillingData.Header(42) with { CanPay = false, PatientCredit = 9_000m });
        Assert.That(Actions(creditButNoPay), Is.Empty);
    }

    private IRenderedComponent<InvoicePage> RenderInvoiceAgain(InvoiceHeader header)
    {
        desk.Invoices[header.InvoiceId] = BillingData.Detail(header);
        var page = Context.Render<InvoicePage>(p => p.Add(x => x.InvoiceId, header.InvoiceId));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=invoice-number]"), Has.Count.EqualTo(1)));
        return page;
    }

    [Test]
    public void The_invoice_shows_header_totals_lines_and_the_insurance_split_as_the_database_returned_them()
    {
        var header = BillingData.Header() with
        {
            AdjustmentTotal = 600m, CreditTotal = 2_000m, Total = 36_000m, PaidTotal = 10_000m, Balance = 26_000m, PatientShare = 7_200m, InsurerShare = 28_800m,
        };
        var page = RenderInvoice(BillingData.Detail(header) with
        {
            Insurance = new InvoiceInsuranceRow
            {
                PayerName = "Jubilee Health", PlanName = "Gold", MemberNumber = "JH-778", ClaimId = 9, ClaimNumber = "CLM-000009", ClaimStatus = "submitted",
            },
        });

        Assert.That(page.Find("[data-testid=invoice-number]").TextContent, Is.EqualTo("INV-000040"));
        Assert.That(page.Find("[data-testid=invoice-status]").TextContent.Trim(), Is.EqualTo("Issued"));
        Assert.That(page.Find("[data-testid=invoice-patient]").GetAttribute("href"), Is.EqualTo("/patients/12"));
        Assert.That(page.Find("[data-testid=total-subtotal]").TextContent, Is.EqualTo("UGX 38,600"));
        Assert.That(page.Find("[data-testid=total-adjustments]").TextContent, Does.Contain("UGX 600"));
        Assert.That(page.Find("[data-testid=total-credits]").TextContent, Does.Contain("UGX 2,000"));
        Assert.That(page.Find("[data-testid=total-total]").TextContent, Is.EqualTo("UGX 36,000"));
        Assert.That(page.Find("[data-testid=total-paid]").TextContent, Is.EqualTo("UGX 10,000"));
        Assert.That(page.Find("[data-testid=total-balance]").TextContent, Is.EqualTo("UGX 26,000"));
        Assert.That(page.Find("[data-testid=total-patient-share]").TextContent, Is.EqualTo("UGX 7,200"));
        Assert.That(page.Find("[data-testid=total-insurer-share]").TextContent, Is.EqualTo("UGX 28,800"));
        Assert.That(Texts(page, "[data-testid=line-amount]"), Is.EqualTo(new[] { "UGX 20,000", "UGX 8,000", "UGX 4,500" }));
        Assert.That(page.Find("[data-testid=insurance-payer]").TextContent, Is.EqualTo("Jubilee Health"));
        Assert.That(page.Find("[data-testid=insurance-member]").TextContent, Is.EqualTo("JH-778"));
        Assert.That(page.Find("[data-testid=insurance-claim]").GetAttribute("href"), Is.EqualTo("/billing/claims/9"));
        Assert.That(page.Find("[data-testid=invoice-insurance]").TextContent, Does.Contain("CLM-000009").And.Contain("Submitted"));
        Assert.That(page.FindAll("[data-testid=invoice-payments-empty]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Without_insurance_there_is_no_insurance_section_and_an_unknown_invoice_says_so()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header()));
        Assert.That(page.FindAll("[data-testid=invoice-insurance]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=total-insurer-share]"), Is.Empty);

        var missing = Context.Render<InvoicePage>(p => p.Add(x => x.InvoiceId, 999));
        WaitUntil(missing, () => Assert.That(missing.FindAll("[data-testid=invoice-not-found]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Issuing_calls_the_database_and_reads_the_invoice_again()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header(40, "draft") with { CanIssue = true, CanAdjust = true }));
        Assert.That(page.Find("[data-testid=invoice-number]").TextContent, Is.EqualTo("Draft #40"));
        desk.Invoices[40] = BillingData.Detail(BillingData.Header(40, "issued") with { CanPay = true });

        page.Find("[data-testid=invoice-issue]").Click();

        WaitUntil(page, () => Assert.That(page.Find("[data-testid=invoice-number]").TextContent, Is.EqualTo("INV-000040")));
        Assert.That(desk.Issued, Is.EqualTo(new[] { 40 }));
        Assert.That(Actions(page), Is.EqualTo(new[] { "invoice-take-payment" }), "the flags of the re-read invoice");
        Assert.That(SnackbarText, Does.Contain("Invoice INV-000123 issued."));
    }

    [Test]
    public void Adjustments_show_approve_and_reject_only_where_can_decide()
    {
        InvoiceAdjustmentRow Adjustment(int id, string status, bool canDecide) => new()
        {
            InvoiceAdjustmentId = id, Kind = "discount", Amount = 60_000m, Reason = "Hardship", Status = status, RequestedByName = "Betty Billing",
            RequestedAt = new DateTime(2026, 12, 3, 10, 0, 0), CanDecide = canDecide,
        };
        var page = RenderInvoice(BillingData.Detail(BillingData.Header(), adjustments: [Adjustment(1, "pending", true), Adjustment(2, "approved", false)]));

        var rows = page.FindAll("[data-testid=adjustment-row]");
        Assert.That(rows[0].QuerySelectorAll("[data-testid=adjustment-approve], [data-testid=adjustment-reject]"), Has.Length.EqualTo(2));
        Assert.That(rows[1].QuerySelectorAll("[data-testid=adjustment-approve], [data-testid=adjustment-reject]"), Is.Empty);
        Assert.That(Texts(page, "[data-testid=adjustment-status]"), Is.EqualTo(new[] { "Waiting for approval", "Approved" }));

        rows[0].QuerySelector("[data-testid=adjustment-reject]")!.Click();
        WaitUntil(page, () => Assert.That(desk.Decisions, Is.EqualTo(new[] { (1, false) })));
    }

    // ---- the take-payment dialog ----

    private IRenderedComponent<InvoicePage> OpenPaymentDialog()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with { CanPay = true }));
        page.Find("[data-testid=invoice-take-payment]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=payment-submit]"), Has.Count.EqualTo(1)));
        return page;
    }

    private void ChooseMethod(string code)
    {
        var radio = Dialogs.Find($"[data-testid=method-{code}]");
        var input = radio.TagName == "INPUT" ? radio : radio.QuerySelector("input")!;
        input.Click();
    }

    [Test]
    public void A_mobile_money_payment_sends_the_provider_and_reference_and_no_cash_fields()
    {
        OpenPaymentDialog();
        Assert.That(Dialogs.Find("[data-testid=payment-balance]").TextContent, Is.EqualTo("UGX 38,600"));

        ChooseMethod("mobile_money");
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=payment-provider]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.FindAll("input[data-testid=payment-tendered]"), Is.Empty);
        Dialogs.Find("input[data-testid=payment-amount-input]").Input("20000");
        Dialogs.Find("input[data-testid=payment-provider]").Input("MTN MoMo");
        Dialogs.Find("input[data-testid=payment-reference]").Input(" MP240512.1234 ");
        Dialogs.Find("[data-testid=payment-submit]").Click();

        WaitUntil(Dialogs, () => Assert.That(desk.Payments, Has.Count.EqualTo(1)));
        Assert.That(desk.Payments[0], Is.EqualTo((40, new PaymentInput
        {
            Method = "mobile_money", Amount = 20_000m, Provider = "MTN MoMo", Reference = "MP240512.1234", Tendered = null, KeepAsCredit = false,
        })));
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=payment-submit]"), Is.Empty, "the dialog closed"));
    }

    [Test]
    public void A_cash_payment_sends_what_was_handed_over_and_the_page_shows_the_change_the_database_computed()
    {
        desk.PaymentAnswer = new PaymentResult
        {
            PaymentId = 9, ReceiptNumber = "RCT-000009", Amount = 38_600m, ChangeDue = 1_400m, Status = "paid", PaidTotal = 38_600m, Balance = 0m,
        };
        var page = OpenPaymentDialog();

        Dialogs.Find("input[data-testid=payment-tendered]").Input("40000");
        Dialogs.Find("[data-testid=payment-submit]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payment-result]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Payments.Single().Input, Is.EqualTo(new PaymentInput { Method = "cash", Amount = 38_600m, Tendered = 40_000m }),
            "the amount starts at the balance invoice_get returned");
        Assert.That(page.Find("[data-testid=payment-receipt-number]").TextContent, Is.EqualTo("RCT-000009"));
        Assert.That(page.Find("[data-testid=payment-change-due]").TextContent, Is.EqualTo("UGX 1,400"));
    }

    [Test]
    public void Keeping_the_extra_as_credit_is_sent_and_a_refusal_stays_in_the_open_dialog_with_what_was_typed()
    {
        OpenPaymentDialog();
        desk.Refuse = new ClinicRuleException(BillingCodes.MoreThanBalance,
            "That is more than the balance of UGX 38,600. Keep the rest as the patient's credit or take less.");

        Dialogs.Find("input[data-testid=payment-amount-input]").Input("50000");
        Dialogs.Find("[data-testid=payment-submit]").Click();

        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=dialog-error]"), Has.Count.EqualTo(1)));
        Assert.That(System.Net.WebUtility.HtmlDecode(Dialogs.Find("[data-testid=dialog-error]").TextContent), Does.Contain("more than the balance of UGX 38,600"));
        Assert.That(Dialogs.FindAll("[data-testid=payment-submit]"), Has.Count.EqualTo(1), "the dialog stays open");
        Assert.That(Dialogs.Find("input[data-testid=payment-amount-input]").GetAttribute("value"), Does.Contain("50"));
        Assert.That(desk.Payments, Is.Empty);

        Dialogs.Find("input[data-testid=payment-keep-credit], [data-testid=payment-keep-credit] input").Change(true);
        Dialogs.Find("[data-testid=payment-submit]").Click();
        WaitUntil(Dialogs, () => Assert.That(desk.Payments, Has.Count.EqualTo(1)));
        Assert.That(desk.Payments[0].Input.KeepAsCredit, Is.True);
        Assert.That(desk.Payments[0].Input.Amount, Is.EqualTo(50_000m));
    }

    // ---- the other dialogs ----

    [Test]
    public void A_refund_sends_the_amount_and_reason_of_that_payment()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with { Status = "partially_paid" },
            [BillingData.Payment(5, "RCT-000005", "cash", 10_000m, canRefund: true)]));

        page.Find("[data-testid=payment-refund]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=refund-submit]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=refund-refundable]").TextContent, Is.EqualTo("UGX 10,000"));
        Dialogs.Find("input[data-testid=refund-amount]").Input("3000");
        Dialogs.Find("input[data-testid=refund-reason]").Input("Test not done");
        Dialogs.Find("[data-testid=refund-submit]").Click();

        WaitUntil(page, () => Assert.That(desk.Refunds, Is.EqualTo(new[] { (5, (decimal?)3_000m, (string?)"Test not done") })));
    }

    [Test]
    public void Void_shows_the_database_refusal_then_voids_with_the_reason()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with { CanVoid = true }));
        page.Find("[data-testid=invoice-void]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=void-submit]"), Has.Count.EqualTo(1)));
        desk.Refuse = new ClinicRuleException(BillingCodes.VoidReason, "Please give a reason for voiding the invoice.");

        Dialogs.Find("[data-testid=void-submit]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=dialog-error]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=dialog-error]").TextContent, Does.Contain("Please give a reason for voiding the invoice."));

        Dialogs.Find("input[data-testid=void-reason]").Input("Wrong patient");
        Dialogs.Find("[data-testid=void-submit]").Click();
        WaitUntil(page, () => Assert.That(desk.Voids, Is.EqualTo(new[] { (40, (string?)"Wrong patient") })));
    }

    [Test]
    public void Credit_notes_and_discounts_send_what_was_typed()
    {
        var page = RenderInvoice(BillingData.Detail(BillingData.Header() with { CanCredit = true, CanAdjust = true }));

        page.Find("[data-testid=invoice-credit-note]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=credit-note-submit]"), Has.Count.EqualTo(1)));
        Dialogs.Find("input[data-testid=credit-note-amount]").Input("8000");
        Dialogs.Find("input[data-testid=credit-note-reason]").Input("Lab test not done");
        Dialogs.Find("[data-testid=credit-note-submit]").Click();
        WaitUntil(page, () => Assert.That(desk.CreditNotes, Is.EqualTo(new[] { (40, (decimal?)8_000m, (string?)"Lab test not done") })));
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=credit-note-submit]"), Is.Empty));

        page.Find("[data-testid=invoice-discount]").Click();
        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=discount-submit]"), Has.Count.EqualTo(1)));
        var waiver = Dialogs.Find("[data-testid=kind-waiver]");
        (waiver.TagName == "INPUT" ? waiver : waiver.QuerySelector("input")!).Click();
        Dialogs.Find("input[data-testid=discount-amount]").Input("60000");
        Dialogs.Find("input[data-testid=discount-reason]").Input("Hardship");
        Dialogs.Find("[data-testid=discount-submit]").Click();
        WaitUntil(page, () => Assert.That(desk.Adjustments, Is.EqualTo(new[] { (40, (string?)"waiver", (decimal?)60_000m, (string?)"Hardship") })));
        WaitUntil(page, () => Assert.That(SnackbarText, Does.Contain("waits for an administrator")));
    }

    // ---- approvals ----

    [Test]
    public void Approvals_list_what_waits_and_a_decision_goes_to_the_database()
    {
        RenderProvidersWith(Permissions.BillingApprove);
        desk.Pending.Add(new PendingAdjustmentRow
        {
            InvoiceAdjustmentId = 3, InvoiceId = 40, InvoiceNumber = "INV-000040", InvoiceStatus = "issued", InvoiceTotal = 120_000m, CurrencyCode = "UGX",
            PatientName = "Mary Nakato", Mrn = "HMS/000012", Kind = "waiver", Amount = 60_000m, Reason = "Hardship", RequestedByName = "Betty Billing",
            RequestedAt = new DateTime(2026, 12, 3, 10, 0, 0),
        });

        var page = Context.Render<Approvals>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=approval-approve]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=approval-amount]").TextContent, Is.EqualTo("UGX 60,000"));
        Assert.That(page.Find("[data-testid=approval-invoice]").GetAttribute("href"), Is.EqualTo("/billing/invoices/40"));
        page.Find("[data-testid=approval-approve]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=approvals-empty]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Decisions, Is.EqualTo(new[] { (3, true) }));
    }

    // ---- printing and PDF ----

    [Test]
    public void The_printed_invoice_and_payment_receipt_show_the_database_numbers()
    {
        desk.Invoices[40] = BillingData.Detail(BillingData.Header() with { Status = "partially_paid", PaidTotal = 20_000m, Balance = 18_600m },
            [BillingData.Payment(5, "RCT-000005", "mobile_money", 20_000m)]);
        SignInWith(Permissions.BillingRead);

        var invoice = Context.Render<PrintInvoice>(p => p.Add(x => x.InvoiceId, 40));
        invoice.WaitForState(() => invoice.FindAll("[data-testid=print-invoice]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(invoice.Find("[data-testid=print-clinic-name]").TextContent, Is.EqualTo("Hope Medical Centre"));
        Assert.That(invoice.Find("[data-testid=print-invoice-number]").TextContent, Is.EqualTo("INV-000040"));
        Assert.That(invoice.Find("[data-testid=print-invoice-status]").TextContent, Is.EqualTo("Partially paid"));
        Assert.That(invoice.FindAll("[data-testid=print-line]"), Has.Count.EqualTo(3));
        Assert.That(invoice.Find("[data-testid=print-total]").TextContent, Is.EqualTo("UGX 38,600"));
        Assert.That(invoice.Find("[data-testid=print-balance]").TextContent, Is.EqualTo("UGX 18,600"));

        var receipt = Context.Render<PrintPaymentReceipt>(p => p.Add(x => x.InvoiceId, 40).Add(x => x.PaymentId, 5));
        receipt.WaitForState(() => receipt.FindAll("[data-testid=print-payment-receipt]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(receipt.Find("[data-testid=print-receipt-number]").TextContent, Is.EqualTo("RCT-000005"));
        Assert.That(receipt.Find("[data-testid=print-invoice-number]").TextContent, Is.EqualTo("INV-000040"));
        Assert.That(receipt.Find("[data-testid=print-amount]").TextContent, Is.EqualTo("UGX 20,000"));
        Assert.That(receipt.Find("[data-testid=print-method]").TextContent, Is.EqualTo("Mobile money"));
        Assert.That(receipt.Find("[data-testid=print-reference]").TextContent, Is.EqualTo("MTN MoMo · MP123"));
        Assert.That(receipt.Find("[data-testid=print-balance]").TextContent, Is.EqualTo("UGX 18,600"));

        var other = Context.Render<PrintPaymentReceipt>(p => p.Add(x => x.InvoiceId, 40).Add(x => x.PaymentId, 6));
        other.WaitForState(() => other.FindAll("[data-testid=print-not-found]").Count == 1, TimeSpan.FromSeconds(5));
    }

    [Test]
    public void The_pdfs_are_pdf_documents_with_the_invoice_and_receipt_numbers()
    {
        var detail = BillingData.Detail(BillingData.Header() with { Status = "partially_paid", PaidTotal = 20_000m, Balance = 18_600m },
            [BillingData.Payment(5, "RCT-000005", "mobile_money", 20_000m)]);

        var invoice = Clinic.Web.Export.BillingPdf.Invoice(detail);
        var receipt = Clinic.Web.Export.BillingPdf.Receipt(detail, detail.Payments[0]);

        Assert.That(System.Text.Encoding.ASCII.GetString(invoice, 0, 5), Is.EqualTo("%PDF-"));
        Assert.That(System.Text.Encoding.ASCII.GetString(receipt, 0, 5), Is.EqualTo("%PDF-"));
        // The document title (Info dictionary) names the number; the page text is in compressed or glyph-encoded streams.
        Assert.That(System.Text.Encoding.Latin1.GetString(invoice), Does.Contain("INV-000040"));
        Assert.That(System.Text.Encoding.Latin1.GetString(receipt), Does.Contain("RCT-000005"));
    }

    [Test]
    public void Money_is_written_in_the_currency_the_data_names_with_its_minor_units()
    {
        Assert.That(Format.Money(12_000m, "UGX"), Is.EqualTo("UGX 12,000"));
        Assert.That(Format.Money(1_250.5m, "KES"), Is.EqualTo("KES 1,250.50"));
        Assert.That(Format.Money(3m, ""), Is.EqualTo("3.00"));
        Assert.That(Format.Money((decimal?)null, "UGX"), Is.EqualTo(""));
    }
}
