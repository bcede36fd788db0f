using Clinic.Data.Billing;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Payments: methods, partial payments driving the status, overpayment refused or kept as credit,
/// duplicate mobile-money references, refunds within what a payment has left, and the cash-up that
/// freezes a clerk's day.
/// </summary>
public class PaymentTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    private static string Ref() => "TX" + Guid.NewGuid().ToString("N")[..12];

    [Test]
    public async Task A_partial_mobile_money_payment_then_the_rest_in_cash_makes_the_invoice_paid_and_gives_the_change()
    {
        var payments = Db.PaymentsAs(await Db.NewClerkAsync());
        var (id, _) = await Db.NewIssuedInvoiceAsync(15_000m, 5_000m);

        var mobile = await payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 12_000m, Provider = "MTN", Reference = Ref() });
        Assert.That((mobile.Status, mobile.PaidTotal, mobile.Balance), Is.EqualTo(("partially_paid", 12_000m, 8_000m)));
        Assert.That(mobile.ReceiptNumber, Does.Match("^RCT-[0-9]{6}$"));
        var cash = await payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 8_000m, Tendered = 10_000m });
        Assert.That((cash.Status, cash.PaidTotal, cash.Balance, cash.ChangeDue), Is.EqualTo(("paid", 20_000m, 0m, 2_000m)));
        Assert.That(InvoiceTestData.NumberPart(cash.ReceiptNumber), Is.EqualTo(InvoiceTestData.NumberPart(mobile.ReceiptNumber) + 1));
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("paid"));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1m })),
            Is.EqualTo(BillingCodes.CannotTakePayment));
    }

    [Test]
    public async Task Each_method_asks_for_what_it_needs_and_a_mobile_money_reference_is_recorded_once_per_provider()
    {
        var payments = Db.PaymentsAs(await Db.NewClerkAsync());
        var (id, _) = await Db.NewIssuedInvoiceAsync(50_000m);
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cheque", Amount = 1m })), Is.EqualTo(51165));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 0m })), Is.EqualTo(51166));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 10.5m })), Is.EqualTo(51166),
            "UGX has no minor units");
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 1m, Provider = "MTN" })),
            Is.EqualTo(BillingCodes.MobileMoneyDetails));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "card", Amount = 1m })), Is.EqualTo(51169));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 5_000m, Tendered = 4_000m })),
            Is.EqualTo(BillingCodes.CashHandedLess));

        var reference = Ref();
        await payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 1_000m, Provider = "MTN", Reference = reference });
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 1_000m, Provider = "MTN", Reference = reference })),
            Is.EqualTo(BillingCodes.ReferenceAlreadyRecorded));
        await payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 1_000m, Provider = "Airtel", Reference = reference });
        await payments.TakeAsync(id, new PaymentInput { Method = "card", Amount = 1_000m, Reference = "slip 77" });
        await payments.TakeAsync(id, new PaymentInput { Method = "bank_transfer", Amount = 1_000m });
        // Insurer money comes only through a remittance allocated to the claim (remittance_allocate).
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "insurer", Amount = 1_000m, Reference = "remit 1" })),
            Is.EqualTo(51224));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT paid_total FROM invoice WHERE invoice_id = @id", new { id }), Is.EqualTo(4_000m));
    }

    [Test]
    public async Task An_overpayment_is_refused_with_the_balance_unless_the_excess_is_kept_as_credit_for_the_next_invoice()
    {
        var clerk = await Db.NewClerkAsync();
        var payments = Db.PaymentsAs(clerk);
        var patient = await Db.NewPatientAsync();
        var first = await Db.NewDraftInvoiceForAsync(patient, 12_000m);
        await Db.InvoicesAs(clerk).IssueAsync(first);

        var refusal = await InvoiceTestData.RefusalOf(() => payments.TakeAsync(first, new PaymentInput { Method = "cash", Amount = 15_000m }));
        Assert.That(refusal.Code, Is.EqualTo(BillingCodes.MoreThanBalance));
        Assert.That(refusal.Message, Does.Contain("balance of UGX 12,000."));
        Assert.That(refusal.Message.Length, Is.LessThanOrEqualTo(128));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM payment WHERE invoice_id = @first", new { first }), Is.EqualTo(0));

        var kept = await payments.TakeAsync(first, new PaymentInput { Method = "cash", Amount = 15_000m, KeepAsCredit = true });
        Assert.That((kept.Status, kept.PaidTotal, kept.ToCredit), Is.EqualTo(("paid", 12_000m, 3_000m)));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT SUM(amount) FROM patient_credit WHERE patient_id = @patient", new { patient }), Is.EqualTo(3_000m));

        var second = await Db.NewDraftInvoiceForAsync(patient, 5_000m);
        await Db.InvoicesAs(clerk).IssueAsync(second);
        Assert.That((await Db.InvoicesAs(clerk).GetAsync(second))!.Header.PatientCredit, Is.EqualTo(3_000m));
        Assert.That(await CodeOf(() => payments.ApplyCreditAsync(second, 4_000m)), Is.EqualTo(51179));
        var applied = await payments.ApplyCreditAsync(second);
        Assert.That((applied.Applied, applied.CreditLeft, applied.Status, applied.Balance), Is.EqualTo((3_000m, 0m, "partially_paid", 2_000m)));
        Assert.That(await CodeOf(() => payments.ApplyCreditAsync(second)), Is.EqualTo(BillingCodes.NoCredit));
    }

    [Test]
    public async Task A_refund_never_exceeds_what_the_payment_has_left_and_reopens_the_invoice()
    {
        var clerk = await Db.NewClerkAsync();
        var payments = Db.PaymentsAs(clerk);
        var (id, _) = await Db.NewIssuedInvoiceAsync(10_000m);
        var a = await payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 6_000m });
        var b = await payments.TakeAsync(id, new PaymentInput { Method = "card", Amount = 4_000m, Reference = "slip " + Ref() });
        Assert.That(b.Status, Is.EqualTo("paid"));

        Assert.That(await CodeOf(() => payments.RefundAsync(b.PaymentId, 1_000m, " ")), Is.EqualTo(BillingCodes.RefundReason));
        var tooMuch = await InvoiceTestData.RefusalOf(() => payments.RefundAsync(b.PaymentId, 4_001m, "Overcharged"));
        Assert.That((tooMuch.Code, tooMuch.Message), Is.EqualTo((BillingCodes.RefundAmount,
            "The refund must be more than zero and at most what is left of this payment: UGX 4,000.")));
        var first = await payments.RefundAsync(b.PaymentId, 1_500m, "Lab test not done");
        Assert.That((first.Status, first.PaidTotal, first.RefundedTotal), Is.EqualTo(("partially_paid", 8_500m, 1_500m)));
        Assert.That(await CodeOf(() => payments.RefundAsync(b.PaymentId, 2_501m, "Again")), Is.EqualTo(BillingCodes.RefundAmount));
        await payments.RefundAsync(b.PaymentId, 2_500m, "Rest of it");
        await payments.RefundAsync(a.PaymentId, 6_000m, "All of it");
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("issued"));
        Assert.That(await CodeOf(() => payments.RefundAsync(a.PaymentId, 1m, "More")), Is.EqualTo(BillingCodes.NothingToRefund));
        Assert.That(await CodeOf(() => payments.RefundAsync(int.MaxValue, 1m, "x")), Is.EqualTo(51175));
        var receptionist = Db.PaymentsAs((await Db.NewAccountAsync("receptionist")).Id);
        Assert.That(await CodeOf(() => receptionist.RefundAsync(a.PaymentId, 1m, "x")), Is.EqualTo(50102));
    }

    [Test]
    public async Task Closing_the_day_records_expected_counted_and_difference_and_freezes_the_clerks_payments_of_that_day()
    {
        var clerk = await Db.NewClerkAsync();
        var payments = Db.PaymentsAs(clerk);
        var (id, _) = await Db.NewIssuedInvoiceAsync(100_000m);
        await payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 30_000m });
        var cash2 = await payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 20_000m });
        await payments.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 10_000m, Provider = "MTN", Reference = Ref() });
        await payments.RefundAsync(cash2.PaymentId, 5_000m, "Price corrected");
        // Another clerk's payment is not in this clerk's cash-up.
        await Db.PaymentsAs(await Db.NewClerkAsync()).TakeAsync(id, new PaymentInput { Method = "cash", Amount = 7_000m });

        var preview = await payments.CashUpPreviewAsync();
        Assert.That(preview.Select(p => (p.Method, p.Expected)), Is.EqualTo(new[]
        {
            ("cash", 45_000m), ("mobile_money", 10_000m), ("card", 0m), ("bank_transfer", 0m), ("insurer", 0m),
        }));
        Assert.That(preview.All(p => !p.IsClosed), Is.True);
        Assert.That(await CodeOf(() => payments.CashUpCloseAsync(new Dictionary<string, decimal> { ["cash"] = -1m })), Is.EqualTo(51185));
        Assert.That(await CodeOf(() => payments.CashUpCloseAsync(new Dictionary<string, decimal> { ["gold"] = 1m })), Is.EqualTo(51185));
        Assert.That(await CodeOf(() => payments.CashUpCloseAsync(new Dictionary<string, decimal>(), DateTime.Today.AddDays(2))), Is.EqualTo(51181));

        var lines = await payments.CashUpCloseAsync(new Dictionary<string, decimal> { ["cash"] = 44_000m, ["mobile_money"] = 10_000m }, note: "Short 1000");
        Assert.That(lines.Select(l => (l.Method, l.Expected, l.Counted, l.Difference)), Is.EquivalentTo(new[]
        {
            ("cash", 45_000m, 44_000m, -1_000m), ("mobile_money", 10_000m, 10_000m, 0m), ("card", 0m, 0m, 0m),
            ("bank_transfer", 0m, 0m, 0m), ("insurer", 0m, 0m, 0m),
        }));
        Assert.That((await payments.CashUpPreviewAsync()).All(p => p.IsClosed), Is.True);
        Assert.That(await CodeOf(() => payments.CashUpCloseAsync(new Dictionary<string, decimal>())), Is.EqualTo(BillingCodes.AlreadyClosed));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1_000m })), Is.EqualTo(BillingCodes.ClosedCashUp));
        Assert.That(await CodeOf(() => payments.RefundAsync(cash2.PaymentId, 1_000m, "x")), Is.EqualTo(BillingCodes.ClosedCashUp));
        var ex = await Assert.CatchAsync<MySqlConnector.MySqlException>(async () =>
            await Db.ScalarAsync<long>("UPDATE payment SET amount = 1 WHERE payment_id = @p; SELECT 1", new { p = cash2.PaymentId }));
        Assert.That(ex!.Number, Is.EqualTo(51182));
        // Another clerk can still take payments today.
        await Db.PaymentsAs(await Db.NewClerkAsync()).TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1_000m });
    }
}
