using Clinic.Data.Billing;
using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Invoices: issuing (gap-free numbers, frozen lines, no empty draft), void, credit notes, discounts and
/// waivers with approval above the threshold, the status guard, the flags, search, and role refusals.
/// </summary>
public class InvoiceTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    [Test]
    public async Task Issuing_numbers_invoices_without_a_gap_and_an_empty_draft_takes_no_number()
    {
        var clerk = Db.InvoicesAs(await Db.NewClerkAsync());
        var first = await clerk.IssueAsync(await Db.NewDraftInvoiceAsync(10_000m, 2_500m));
        var empty = await Db.NewDraftInvoiceAsync();
        Assert.That(await CodeOf(() => clerk.IssueAsync(empty)), Is.EqualTo(BillingCodes.NoCharges));
        Assert.That(await Db.InvoiceStatusAsync(empty), Is.EqualTo("draft"));
        Assert.That(await CodeOf(() => clerk.IssueAsync(first.InvoiceId)), Is.EqualTo(BillingCodes.AlreadyIssued));
        var second = await clerk.IssueAsync(await Db.NewDraftInvoiceAsync(4_000m));

        Assert.That(first.InvoiceNumber, Does.Match("^INV-[0-9]{6}$"));
        Assert.That(InvoiceTestData.NumberPart(second.InvoiceNumber), Is.EqualTo(InvoiceTestData.NumberPart(first.InvoiceNumber) + 1));
        Assert.That((first.Status, first.Total), Is.EqualTo(("issued", 12_500m)));
        var next = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.invoice'");
        var numbers = await Db.QueryAsync<string>("SELECT invoice_number FROM invoice WHERE invoice_number IS NOT NULL");
        Assert.That(numbers.Select(InvoiceTestData.NumberPart).Order(), Is.EqualTo(Enumerable.Range(1, (int)next - 1).Select(i => (long)i)),
            "every number from 1 is used once, none skipped");
    }

    [Test]
    public async Task Issuing_freezes_the_lines_so_a_later_change_of_the_charge_does_not_alter_the_invoice()
    {
        var (id, _) = await Db.NewIssuedInvoiceAsync(7_000m, 3_000m);
        await Db.ScalarAsync<long>("UPDATE charge SET amount = 99999, unit_price = 99999 WHERE invoice_id = @id; SELECT 1", new { id });

        var detail = (await Db.InvoicesAs(await Db.NewClerkAsync()).GetAsync(id))!;
        Assert.That(detail.Lines.Select(l => l.Amount), Is.EqualTo(new[] { 7_000m, 3_000m }));
        Assert.That(detail.Lines.All(l => l.InvoiceLineId is not null), Is.True);
        Assert.That((detail.Header.Subtotal, detail.Header.Total, detail.Header.Balance), Is.EqualTo((10_000m, 10_000m, 10_000m)));
        Assert.That((detail.Header.CanPay, detail.Header.CanVoid, detail.Header.CanIssue), Is.EqualTo((true, true, false)));
    }

    [Test]
    public async Task Void_needs_a_reason_and_is_refused_once_something_is_paid()
    {
        var clerkId = await Db.NewClerkAsync();
        var invoices = Db.InvoicesAs(clerkId);
        var (unpaid, _) = await Db.NewIssuedInvoiceAsync(5_000m);
        Assert.That(await CodeOf(() => invoices.VoidAsync(unpaid, "  ")), Is.EqualTo(BillingCodes.VoidReason));
        await invoices.VoidAsync(unpaid, "  Registered twice  ");
        var row = (await invoices.GetAsync(unpaid))!.Header;
        Assert.That((row.Status, row.VoidReason, row.CanPay, row.CanVoid), Is.EqualTo(("void", "Registered twice", false, false)));
        Assert.That(await CodeOf(() => invoices.VoidAsync(unpaid, "again")), Is.EqualTo(BillingCodes.VoidNotAllowed));
        Assert.That(await CodeOf(() => Db.PaymentsAs(clerkId).TakeAsync(unpaid, new PaymentInput { Method = "cash", Amount = 100m })),
            Is.EqualTo(BillingCodes.CannotTakePayment));

        var (paid, _) = await Db.NewIssuedInvoiceAsync(5_000m);
        await Db.PaymentsAs(clerkId).TakeAsync(paid, new PaymentInput { Method = "cash", Amount = 1_000m });
        Assert.That(await CodeOf(() => invoices.VoidAsync(paid, "Mistake")), Is.EqualTo(BillingCodes.VoidNotAllowed));
        Assert.That(await Db.InvoiceStatusAsync(paid), Is.EqualTo("partially_paid"));
        Assert.That(await CodeOf(async () => await invoices.VoidAsync(await Db.NewDraftInvoiceAsync(100m), "Draft")), Is.EqualTo(BillingCodes.VoidNotAllowed));
    }

    [Test]
    public async Task A_credit_note_is_at_most_what_is_owed_and_credits_covering_the_total_make_it_credited()
    {
        var invoices = Db.InvoicesAs(await Db.NewClerkAsync());
        var (id, _) = await Db.NewIssuedInvoiceAsync(8_000m);
        Assert.That(await CodeOf(() => invoices.AddCreditNoteAsync(id, 1_000m, "")), Is.EqualTo(51156));
        var tooMuch = await InvoiceTestData.RefusalOf(() => invoices.AddCreditNoteAsync(id, 8_001m, "Overcharged"));
        Assert.That((tooMuch.Code, tooMuch.Message), Is.EqualTo((BillingCodes.CreditAmount,
            "The credit must be more than zero and at most what is still owed: UGX 8,000.")));

        var first = await invoices.AddCreditNoteAsync(id, 3_000m, "Lab test not done");
        Assert.That(first.CreditNoteNumber, Does.Match("^CN-[0-9]{6}$"));
        Assert.That((first.Total, first.Status), Is.EqualTo((5_000m, "issued")));
        var second = await invoices.AddCreditNoteAsync(id, 5_000m, "Goodwill");
        Assert.That((second.Total, second.Status), Is.EqualTo((0m, "credited")));
        Assert.That(InvoiceTestData.NumberPart(second.CreditNoteNumber), Is.EqualTo(InvoiceTestData.NumberPart(first.CreditNoteNumber) + 1));
        var detail = (await invoices.GetAsync(id))!;
        Assert.That((detail.Header.Subtotal, detail.Header.CreditTotal, detail.Header.Total), Is.EqualTo((8_000m, 8_000m, 0m)));
        Assert.That(detail.CreditNotes.Select(c => c.Reason), Is.EqualTo(new[] { "Lab test not done", "Goodwill" }));
        Assert.That(await CodeOf(() => invoices.AddCreditNoteAsync(id, 1m, "More")), Is.EqualTo(BillingCodes.CreditNotAllowed));
    }

    [Test]
    public async Task A_discount_above_the_threshold_waits_for_an_administrator_and_counts_only_once_approved()
    {
        var adminId = await Db.AdminIdAsync();
        var clerk = Db.InvoicesAs(await Db.NewClerkAsync());
        var (id, _) = await Db.NewIssuedInvoiceAsync(200_000m);

        var small = await clerk.RequestAdjustmentAsync(id, "discount", 10_000m, "Staff relative");
        Assert.That((small.Status, small.Total), Is.EqualTo(("approved", 190_000m)));
        var large = await clerk.RequestAdjustmentAsync(id, "waiver", 60_000m, "Hardship");
        Assert.That((large.Status, large.Total), Is.EqualTo(("pending", 190_000m)), "above 50000 it waits");
        Assert.That(await CodeOf(() => clerk.DecideAdjustmentAsync(large.InvoiceAdjustmentId, true)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => clerk.RequestAdjustmentAsync(id, "bonus", 1m, "x")), Is.EqualTo(51159));
        Assert.That(await CodeOf(() => clerk.RequestAdjustmentAsync(id, "discount", 1m, " ")), Is.EqualTo(51160));
        Assert.That(await CodeOf(() => clerk.RequestAdjustmentAsync(id, "discount", 190_001m, "x")), Is.EqualTo(BillingCodes.DiscountAmount));

        var admin = Db.InvoicesAs(adminId);
        var worklist = new List<PendingAdjustmentRow>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await admin.PendingAdjustmentsAsync(offset, 100);
            worklist.AddRange(page);
            if (page.Count < 100)
                break;
        }
        Assert.That(worklist.Where(w => w.InvoiceId == id).Select(w => (w.InvoiceAdjustmentId, w.Kind, w.Amount, w.Reason)),
            Is.EqualTo(new[] { (large.InvoiceAdjustmentId, "waiver", 60_000m, "Hardship") }), "only the pending one");
        Assert.That(await CodeOf(() => clerk.PendingAdjustmentsAsync()), Is.EqualTo(50102));
        var approved = await admin.DecideAdjustmentAsync(large.InvoiceAdjustmentId, true);
        Assert.That((approved.Status, approved.Total), Is.EqualTo(("approved", 130_000m)));
        Assert.That(await CodeOf(() => admin.DecideAdjustmentAsync(large.InvoiceAdjustmentId, false)), Is.EqualTo(BillingCodes.AlreadyDecided));
        var detail = (await admin.GetAsync(id))!;
        Assert.That((detail.Header.Subtotal, detail.Header.AdjustmentTotal, detail.Header.Total), Is.EqualTo((200_000m, 70_000m, 130_000m)));

        await Db.PaymentsAs(await Db.NewClerkAsync()).TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1_000m });
        Assert.That(await CodeOf(() => clerk.RequestAdjustmentAsync(id, "discount", 100m, "Late")), Is.EqualTo(BillingCodes.DiscountNotAllowed));
    }

    [Test]
    public async Task A_discount_on_a_draft_is_kept_when_it_is_issued()
    {
        var clerk = Db.InvoicesAs(await Db.NewClerkAsync());
        var draft = await Db.NewDraftInvoiceAsync(30_000m);
        await clerk.RequestAdjustmentAsync(draft, "discount", 5_000m, "Returning patient");
        var issued = await clerk.IssueAsync(draft);
        Assert.That((issued.Total, issued.Status), Is.EqualTo((25_000m, "issued")));
    }

    [Test]
    public async Task The_status_follows_the_money_and_cannot_be_set_by_anyone()
    {
        var (id, _) = await Db.NewIssuedInvoiceAsync(1_000m);
        var ex = await Assert.CatchAsync<MySqlConnector.MySqlException>(async () =>
            await Db.ScalarAsync<long>("UPDATE invoice SET status = 'paid' WHERE invoice_id = @id; SELECT 1", new { id }));
        Assert.That(ex!.Number, Is.EqualTo(51183));
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("issued"));
        var patient = await Db.NewPatientAsync();
        var inserted = await Assert.CatchAsync<MySqlConnector.MySqlException>(async () => await Db.ScalarAsync<long>(
            "INSERT INTO invoice (patient_id, status, invoice_number, currency_code) VALUES (@patient, 'issued', @n, 'UGX'); SELECT 1",
            new { patient, n = "X-" + Guid.NewGuid().ToString("N")[..10] }));
        Assert.That(inserted!.Number, Is.EqualTo(51183));
    }

    [Test]
    public async Task Search_finds_by_number_and_patient_and_lists_todays_unpaid_in_pages()
    {
        var reader = Db.InvoicesAs(await Db.NewAccountAsync("receptionist") is var r ? r.Id : 0);
        var (id, number) = await Db.NewIssuedInvoiceAsync(3_000m);
        var byNumber = await reader.SearchAsync(new InvoiceSearchFilter { Query = number });
        Assert.That(byNumber.Select(x => x.InvoiceId), Is.EqualTo(new[] { id }));
        var mrn = await Db.ScalarAsync<string>("SELECT p.mrn FROM invoice i JOIN patient p ON p.patient_id = i.patient_id WHERE i.invoice_id = @id", new { id });
        Assert.That((await reader.SearchAsync(new InvoiceSearchFilter { Query = mrn })).Select(x => x.InvoiceId), Does.Contain(id));

        var unpaid = new List<InvoiceSearchRow>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await reader.SearchAsync(new InvoiceSearchFilter { UnpaidToday = true }, offset, 100);
            unpaid.AddRange(page);
            if (page.Count < 100)
                break;
        }
        Assert.That(unpaid.Select(x => x.InvoiceId), Does.Contain(id));
        Assert.That(unpaid.Select(x => x.Status), Is.All.AnyOf("issued", "partially_paid"));
        Assert.That(unpaid.Select(x => x.TotalCount), Is.All.EqualTo((long)unpaid.Count));
        var small = await reader.SearchAsync(new InvoiceSearchFilter { UnpaidToday = true }, 0, 1);
        Assert.That(small, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Roles_without_the_permission_are_refused()
    {
        var (id, _) = await Db.NewIssuedInvoiceAsync(2_000m);
        var receptionist = (await Db.NewAccountAsync("receptionist")).Id;
        var doctor = (await Db.NewAccountAsync("doctor")).Id;
        var reception = Db.InvoicesAs(receptionist);
        Assert.That(await CodeOf(async () => await reception.IssueAsync(await Db.NewDraftInvoiceAsync(10m))), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => reception.VoidAsync(id, "x")), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => reception.AddCreditNoteAsync(id, 1m, "x")), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => reception.RequestAdjustmentAsync(id, "discount", 1m, "x")), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.InvoicesAs(doctor).GetAsync(id)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.PaymentsAs(doctor).TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1m })), Is.EqualTo(50102));
        var header = (await reception.GetAsync(id))!.Header;
        Assert.That((header.CanPay, header.CanVoid, header.CanCredit, header.CanAdjust, header.CanIssue), Is.EqualTo((true, false, false, false, false)),
            "a receptionist may take payments, nothing else");
    }
}
