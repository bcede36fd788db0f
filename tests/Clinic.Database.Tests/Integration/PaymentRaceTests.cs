using Clinic.Data.Billing;
using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Payments under concurrency: many clerks (each call on its own pooled connection) pay at the same
/// instant. payment_take locks the invoice row before it reads the balance and takes the receipt
/// number last in the same transaction, so an invoice is never paid past its total and receipt
/// numbers have no gap.
/// </summary>
public class PaymentRaceTests
{
    private const int Clerks = 16;

    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<List<(T? Result, int Code)>> RaceAsync<T>(IReadOnlyList<Func<Task<T>>> calls) where T : class
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = calls.Select(call => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                return ((T?)await call(), 0);
            }
            catch (ClinicRuleException ex)
            {
                return (null, ex.Code);
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        return (await Task.WhenAll(racers)).ToList();
    }

    private static async Task<List<PaymentProcedures>> WarmClerksAsync()
    {
        var clerks = new List<PaymentProcedures>();
        for (var i = 0; i < Clerks; i++)
        {
            var clerk = Db.PaymentsAs(await Db.NewClerkAsync());
            await clerk.CashUpPreviewAsync(); // opens the session before the race
            clerks.Add(clerk);
        }
        return clerks;
    }

    private static async Task AssertReceiptsGapFreeAsync()
    {
        var next = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.receipt'");
        var receipts = await Db.QueryAsync<string>("SELECT receipt_number FROM payment");
        Assert.That(receipts.Select(InvoiceTestData.NumberPart).Order(), Is.EqualTo(Enumerable.Range(1, (int)next - 1).Select(i => (long)i)),
            "every receipt number from 1 is used once, none skipped");
    }

    [Test]
    public async Task Sixteen_clerks_paying_the_same_invoice_at_once_never_take_it_past_its_total_and_receipts_stay_gap_free()
    {
        var (id, _) = await Db.NewIssuedInvoiceAsync(10_000m);
        var clerks = await WarmClerksAsync();

        var outcomes = await RaceAsync(clerks.Select(c => (Func<Task<PaymentResult>>)(() =>
            c.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1_500m }))).ToList());

        var paid = outcomes.Where(o => o.Code == 0).ToList();
        Assert.That(paid, Has.Count.EqualTo(6), "six payments of 1,500 fit in 10,000; a seventh would pass it");
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(BillingCodes.MoreThanBalance));
        Assert.That(paid.Select(o => o.Result!.ReceiptNumber), Is.Unique);
        Assert.That(await Db.ScalarAsync<decimal>("SELECT paid_total FROM invoice WHERE invoice_id = @id", new { id }), Is.EqualTo(9_000m));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT SUM(amount) FROM payment WHERE invoice_id = @id", new { id }), Is.EqualTo(9_000m));
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("partially_paid"));
        await AssertReceiptsGapFreeAsync();
    }

    [Test]
    public async Task Sixteen_clerks_paying_sixteen_different_invoices_at_once_all_succeed_without_a_deadlock()
    {
        // payment_take once read the patient's paid amount by scanning the payment table, whose gap locks
        // deadlocked clerks paying neighbouring invoices (a raw error 1213 instead of a receipt).
        var clerks = await WarmClerksAsync();
        for (var round = 0; round < 4; round++)
        {
            var invoices = new List<int>();
            for (var i = 0; i < Clerks; i++)
                invoices.Add((await Db.NewIssuedInvoiceAsync(2_000m)).InvoiceId);

            var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<PaymentResult>>)(() =>
                c.TakeAsync(invoices[i], new PaymentInput { Method = "cash", Amount = 2_000m }))).ToList());

            Assert.That(outcomes.Select(o => o.Code), Is.All.EqualTo(0), $"round {round}: every clerk's payment is taken");
            Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice WHERE invoice_id IN @invoices AND status = 'paid'", new { invoices }),
                Is.EqualTo(Clerks));
        }
        await AssertReceiptsGapFreeAsync();
    }

    [Test]
    public async Task Sixteen_clerks_paying_the_whole_balance_at_once_pay_it_once()
    {
        var (id, _) = await Db.NewIssuedInvoiceAsync(4_000m, 1_000m);
        var clerks = await WarmClerksAsync();

        var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<PaymentResult>>)(() =>
            c.TakeAsync(id, new PaymentInput { Method = "mobile_money", Amount = 5_000m, Provider = "MTN", Reference = $"R{id}-{i}" }))).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(BillingCodes.CannotTakePayment));
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("paid"));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM payment WHERE invoice_id = @id", new { id }), Is.EqualTo(1));
        await AssertReceiptsGapFreeAsync();
    }

    [Test]
    public async Task Sixteen_clerks_recording_the_same_mobile_money_reference_at_once_record_it_once()
    {
        var clerks = await WarmClerksAsync();
        var invoices = new List<int>();
        for (var i = 0; i < Clerks; i++)
            invoices.Add((await Db.NewIssuedInvoiceAsync(5_000m)).InvoiceId);
        var reference = "DUP" + Guid.NewGuid().ToString("N")[..10];

        var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<PaymentResult>>)(() =>
            c.TakeAsync(invoices[i], new PaymentInput { Method = "mobile_money", Amount = 5_000m, Provider = "Airtel", Reference = reference }))).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(BillingCodes.ReferenceAlreadyRecorded));
        await AssertReceiptsGapFreeAsync();
    }

    [Test]
    public async Task Sixteen_clerks_issuing_drafts_at_once_take_invoice_numbers_without_a_gap_and_a_refused_issue_takes_none()
    {
        var drafts = new List<int>();
        for (var i = 0; i < Clerks; i++)
            drafts.Add(i % 4 == 3 ? await Db.NewDraftInvoiceAsync() : await Db.NewDraftInvoiceAsync(1_000m * (i + 1)));
        var clerks = new List<InvoiceProcedures>();
        for (var i = 0; i < Clerks; i++)
        {
            var clerk = Db.InvoicesAs(await Db.NewClerkAsync());
            await clerk.SearchAsync(new InvoiceSearchFilter { Query = "warm-up" }, 0, 1);
            clerks.Add(clerk);
        }

        var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<InvoiceIssueResult>>)(() => c.IssueAsync(drafts[i]))).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(12));
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(BillingCodes.NoCharges), "the empty drafts");
        var next = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.invoice'");
        var numbers = await Db.QueryAsync<string>("SELECT invoice_number FROM invoice WHERE invoice_number IS NOT NULL");
        Assert.That(numbers.Select(InvoiceTestData.NumberPart).Order(), Is.EqualTo(Enumerable.Range(1, (int)next - 1).Select(n => (long)n)));
    }
}
