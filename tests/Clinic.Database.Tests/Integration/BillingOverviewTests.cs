using Clinic.Data.Billing;
using Clinic.Data.Dashboard;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The money overviews: the administrator's money of a day (billing_money_today), every clerk's cash-up
/// (cash_up_list), a patient's account (patient_account_get) and the billing tiles of home_summary, with
/// real invoices, payments, refunds and claims, and the roles that may not see them refused. The tests share
/// one database and run one at a time, so clinic-wide figures are compared before and after.
/// </summary>
public class BillingOverviewTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    private static BillingOverviewProcedures OverviewAs(int? actorId) => new(Db.Runner, Db.SessionOf(actorId));

    private static string Ref() => "TX" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<int> NewClaimAsync(string status, decimal claimed, decimal accepted = 0m, decimal paid = 0m)
    {
        var (invoiceId, _) = await Db.NewIssuedInvoiceAsync(claimed);
        var admin = await Db.AdminIdAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        var payerId = await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO payer (name, payer_type) VALUES (@name, 'insurer');
            SELECT LAST_INSERT_ID();
            """, new { name = "Overview insurer " + Guid.NewGuid().ToString("N")[..10] });
        return await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO claim (claim_number, payer_id, invoice_id, status, claimed_amount, accepted_amount, paid_amount, created_by)
            VALUES (@number, @payerId, @invoiceId, @status, @claimed, @accepted, @paid, @admin);
            SELECT LAST_INSERT_ID();
            """, new { number = "CLM-T" + Guid.NewGuid().ToString("N")[..10], payerId, invoiceId, status, claimed, accepted, paid, admin });
    }

    [Test]
    public async Task Money_today_counts_takings_by_method_net_of_refunds_the_outstanding_balances_and_the_pending_claims()
    {
        var overview = OverviewAs(await Db.AdminIdAsync());
        var clerk = Db.PaymentsAs(await Db.NewClerkAsync());
        var before = await overview.MoneyTodayAsync();

        var (invoiceId, _) = await Db.NewIssuedInvoiceAsync(20_000m, 10_000m);
        var cash = await clerk.TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = 10_000m });
        await clerk.TakeAsync(invoiceId, new PaymentInput { Method = "mobile_money", Amount = 5_000m, Provider = "MTN", Reference = Ref() });
        await clerk.RefundAsync(cash.PaymentId, 2_000m, "Charged twice for the card");
        await Db.NewIssuedInvoiceAsync(4_000m);
        await NewClaimAsync("draft", 7_000m);
        await NewClaimAsync("partially_accepted", 9_000m, accepted: 6_000m, paid: 1_000m);
        await NewClaimAsync("paid", 3_000m, accepted: 3_000m, paid: 3_000m);
        await NewClaimAsync("rejected", 2_000m);

        var after = await overview.MoneyTodayAsync();

        Assert.That(after.ByMethod.Select(m => m.Method), Is.EqualTo(new[] { "cash", "mobile_money", "card", "bank_transfer", "insurer" }));
        decimal Delta(string method, Func<MoneyByMethodRow, decimal> value) =>
            value(after.ByMethod.Single(m => m.Method == method)) - value(before.ByMethod.Single(m => m.Method == method));
        Assert.That((Delta("cash", m => m.Taken), Delta("cash", m => m.Refunded), Delta("cash", m => m.Net)), Is.EqualTo((10_000m, 2_000m, 8_000m)));
        Assert.That((Delta("mobile_money", m => m.Taken), Delta("mobile_money", m => m.Net)), Is.EqualTo((5_000m, 5_000m)));
        Assert.That(Delta("card", m => m.Net) + Delta("bank_transfer", m => m.Net) + Delta("insurer", m => m.Net), Is.EqualTo(0m));
        Assert.That(after.ByMethod.Single(m => m.Method == "cash").PaymentCount - before.ByMethod.Single(m => m.Method == "cash").PaymentCount, Is.EqualTo(1));

        var (s0, s1) = (before.Summary, after.Summary);
        Assert.That(s1.BusinessDay, Is.EqualTo(DateTime.Today));
        Assert.That(s1.TakingsTotal - s0.TakingsTotal, Is.EqualTo(13_000m));
        Assert.That(s1.TakingsTotal, Is.EqualTo(after.ByMethod.Sum(m => m.Net)));
        Assert.That(s1.PaymentCount - s0.PaymentCount, Is.EqualTo(2));
        // 30,000 less 15,000 paid (the refund gives 2,000 back to owe), the new 4,000 invoice, and the four claims' invoices.
        Assert.That(s1.OutstandingAmount - s0.OutstandingAmount, Is.EqualTo(17_000m + 4_000m + 7_000m + 9_000m + 3_000m + 2_000m));
        Assert.That(s1.OutstandingCount - s0.OutstandingCount, Is.EqualTo(6));
        Assert.That(s1.ClaimsPendingCount - s0.ClaimsPendingCount, Is.EqualTo(2), "draft and partially accepted; not paid or rejected");
        Assert.That(s1.ClaimsPendingAmount - s0.ClaimsPendingAmount, Is.EqualTo(7_000m + 5_000m), "claimed until decided, then accepted less paid");
        Assert.That(s1.CurrencyCode, Is.EqualTo("UGX"));

        Assert.That(after.LastDays, Has.Count.EqualTo(14));
        Assert.That(after.LastDays.Select(d => d.Day), Is.EqualTo(Enumerable.Range(0, 14).Select(i => DateTime.Today.AddDays(i - 13))));
        Assert.That(after.LastDays[^1].Net - before.LastDays[^1].Net, Is.EqualTo(13_000m));
        Assert.That(after.LastDays[^1].Net, Is.EqualTo(s1.TakingsTotal));
    }

    [Test]
    public async Task Money_today_of_an_earlier_day_shows_that_day_and_refuses_the_future_and_roles_without_the_overview()
    {
        var admin = await Db.AdminIdAsync();
        var clerk = await Db.NewClerkAsync();
        var payments = Db.PaymentsAs(clerk);
        var (invoiceId, _) = await Db.NewIssuedInvoiceAsync(6_000m);
        var payment = await payments.TakeAsync(invoiceId, new PaymentInput { Method = "card", Amount = 6_000m, Reference = "slip 5" });
        var day = DateTime.Today.AddDays(-3);
        var before = await OverviewAs(admin).MoneyTodayAsync(day);
        await Db.ExecuteAsOwnerAsync("UPDATE payment SET business_day = @day WHERE payment_id = @id", new { day, id = payment.PaymentId });

        var earlier = await OverviewAs(admin).MoneyTodayAsync(day);

        Assert.That(earlier.Summary.BusinessDay, Is.EqualTo(day));
        Assert.That(earlier.ByMethod.Single(m => m.Method == "card").Net - before.ByMethod.Single(m => m.Method == "card").Net, Is.EqualTo(6_000m));
        Assert.That(earlier.LastDays[^1].Day, Is.EqualTo(day));
        Assert.That(await CodeOf(() => OverviewAs(admin).MoneyTodayAsync(DateTime.Today.AddDays(1))), Is.EqualTo(51250));
        foreach (var role in new[] { "billing_clerk", "receptionist", "doctor", "nurse", "pharmacist" })
        {
            var account = (await Db.NewAccountAsync(role)).Id;
            Assert.That(await CodeOf(() => OverviewAs(account).MoneyTodayAsync()), Is.EqualTo(50102), role);
            Assert.That(await CodeOf(() => OverviewAs(account).CashUpListAsync()), Is.EqualTo(50102), role);
        }
    }

    [Test]
    public async Task The_cash_up_list_shows_every_clerk_expected_then_counted_and_the_difference_as_each_clerk_sees_it()
    {
        var admin = await Db.AdminIdAsync();
        var (annId, bobId) = (await Db.NewClerkAsync(), await Db.NewClerkAsync());
        var (ann, bob) = (Db.PaymentsAs(annId), Db.PaymentsAs(bobId));
        var (first, _) = await Db.NewIssuedInvoiceAsync(50_000m);
        var annCash = await ann.TakeAsync(first, new PaymentInput { Method = "cash", Amount = 12_000m });
        await ann.TakeAsync(first, new PaymentInput { Method = "mobile_money", Amount = 8_000m, Provider = "Airtel", Reference = Ref() });
        await ann.RefundAsync(annCash.PaymentId, 1_000m, "Overcharged");
        await bob.TakeAsync(first, new PaymentInput { Method = "cash", Amount = 4_000m });

        var open = await OverviewAs(admin).CashUpListAsync();
        var annRow = open.Clerks.Single(c => c.UserAccountId == annId);
        Assert.That((annRow.IsClosed, annRow.ExpectedTotal, annRow.CountedTotal, annRow.DifferenceTotal), Is.EqualTo((false, 19_000m, (decimal?)null, (decimal?)null)));
        Assert.That(open.LinesOf(annId).Select(l => (l.Method, l.Expected)),
            Is.EqualTo(new[] { ("cash", 11_000m), ("mobile_money", 8_000m), ("card", 0m), ("bank_transfer", 0m), ("insurer", 0m) }));
        Assert.That(open.Clerks.Single(c => c.UserAccountId == bobId).ExpectedTotal, Is.EqualTo(4_000m));
        Assert.That(open.Lines, Has.Count.EqualTo(open.Clerks.Count * 5));

        await ann.CashUpCloseAsync(new Dictionary<string, decimal> { ["cash"] = 10_500m, ["mobile_money"] = 8_000m }, note: "Short 500 in cash");
        var closed = await OverviewAs(admin).CashUpListAsync(DateTime.Today);
        annRow = closed.Clerks.Single(c => c.UserAccountId == annId);
        Assert.That((annRow.IsClosed, annRow.ExpectedTotal, annRow.CountedTotal, annRow.DifferenceTotal, annRow.Note),
            Is.EqualTo((true, 19_000m, (decimal?)18_500m, (decimal?)-500m, "Short 500 in cash")));
        Assert.That(annRow.ClosedAt, Is.Not.Null);
        var preview = await ann.CashUpPreviewAsync();
        Assert.That(closed.LinesOf(annId).Select(l => (l.Method, l.Expected, l.Counted, l.Difference, l.IsClosed)),
            Is.EqualTo(preview.Select(p => (p.Method, p.Expected, p.Counted, p.Difference, p.IsClosed))), "the same lines the clerk sees");
        Assert.That(closed.Clerks.Single(c => c.UserAccountId == bobId).IsClosed, Is.False);

        var yesterday = await OverviewAs(admin).CashUpListAsync(DateTime.Today.AddDays(-1));
        Assert.That(yesterday.Clerks.Select(c => c.UserAccountId), Does.Not.Contain(annId).And.Not.Contain(bobId));
        Assert.That(await CodeOf(() => OverviewAs(admin).CashUpListAsync(DateTime.Today.AddDays(1))), Is.EqualTo(51250));
    }

    [Test]
    public async Task A_patients_account_shows_the_balance_credit_invoices_and_payments_of_that_patient_only()
    {
        var clerkId = await Db.NewClerkAsync();
        var clerk = Db.PaymentsAs(clerkId);
        var invoices = Db.InvoicesAs(await Db.AdminIdAsync());
        var patientId = await Db.NewPatientAsync();
        var paidId = await Db.NewDraftInvoiceForAsync(patientId, 10_000m);
        var paid = await invoices.IssueAsync(paidId);
        var partId = await Db.NewDraftInvoiceForAsync(patientId, 25_000m, 5_000m);
        await invoices.IssueAsync(partId);
        var draftId = await Db.NewDraftInvoiceForAsync(patientId, 3_000m);
        await Db.NewIssuedInvoiceAsync(99_000m); // somebody else's

        var overpay = await clerk.TakeAsync(paidId, new PaymentInput { Method = "cash", Amount = 12_000m, KeepAsCredit = true });
        var part = await clerk.TakeAsync(partId, new PaymentInput { Method = "card", Amount = 10_000m, Reference = "slip 9" });
        await clerk.RefundAsync(part.PaymentId, 1_000m, "Charged twice");

        var account = await OverviewAs(clerkId).PatientAccountAsync(patientId);

        Assert.That(account.Summary.PatientId, Is.EqualTo(patientId));
        Assert.That(account.Summary.Balance, Is.EqualTo(30_000m - 9_000m), "the partly paid invoice; the paid one and the draft owe nothing yet");
        Assert.That(account.Summary.OpenInvoiceCount, Is.EqualTo(1));
        Assert.That(account.Summary.CreditAvailable, Is.EqualTo(2_000m));
        Assert.That((account.Summary.InvoiceCount, account.Summary.PaymentCount), Is.EqualTo((3L, 2L)));
        Assert.That(account.Invoices.Select(i => i.InvoiceId), Is.EqualTo(new[] { draftId, partId, paidId }), "newest first");
        var partRow = account.Invoices.Single(i => i.InvoiceId == partId);
        Assert.That((partRow.Status, partRow.Total, partRow.PaidTotal, partRow.Balance), Is.EqualTo(("partially_paid", 30_000m, 9_000m, 21_000m)));
        Assert.That(account.Invoices.Single(i => i.InvoiceId == paidId).InvoiceNumber, Is.EqualTo(paid.InvoiceNumber));
        Assert.That(account.Invoices.Single(i => i.InvoiceId == draftId).InvoiceNumber, Is.Null);
        Assert.That(account.Payments.Select(p => p.PaymentId), Is.EqualTo(new[] { part.PaymentId, overpay.PaymentId }));
        var first = account.Payments.Single(p => p.PaymentId == overpay.PaymentId);
        Assert.That((first.ReceiptNumber, first.Method, first.Amount, first.ToCredit, first.InvoiceNumber),
            Is.EqualTo((overpay.ReceiptNumber, "cash", 12_000m, 2_000m, paid.InvoiceNumber)));
        Assert.That(account.Payments.Single(p => p.PaymentId == part.PaymentId).RefundedTotal, Is.EqualTo(1_000m));

        await clerk.ApplyCreditAsync(partId);
        var applied = await OverviewAs(clerkId).PatientAccountAsync(patientId);
        Assert.That((applied.Summary.Balance, applied.Summary.CreditAvailable), Is.EqualTo((19_000m, 0m)));

        var empty = await OverviewAs(clerkId).PatientAccountAsync(await Db.NewPatientAsync());
        Assert.That((empty.Summary.Balance, empty.Summary.CreditAvailable, empty.Invoices.Count, empty.Payments.Count), Is.EqualTo((0m, 0m, 0, 0)));
        Assert.That(await CodeOf(() => OverviewAs(clerkId).PatientAccountAsync(int.MaxValue)), Is.EqualTo(50209));
        foreach (var role in new[] { "receptionist", "admin" })
            Assert.That((await OverviewAs((await Db.NewAccountAsync(role)).Id).PatientAccountAsync(patientId)).Summary.Balance, Is.EqualTo(19_000m), role);
        foreach (var role in new[] { "doctor", "nurse", "pharmacist" })
        {
            var other = OverviewAs((await Db.NewAccountAsync(role)).Id);
            Assert.That(await CodeOf(() => other.PatientAccountAsync(patientId)), Is.EqualTo(50102), role);
        }
    }

    [Test]
    public async Task The_billing_clerk_gets_billing_tiles_with_money_shown_in_the_currency_and_the_administrator_the_takings()
    {
        var clerkId = await Db.NewClerkAsync();
        var clerkTiles = new DashboardQueries(Db.Runner, Db.SessionOf(clerkId));
        var adminTiles = new DashboardQueries(Db.Runner, Db.SessionOf(await Db.AdminIdAsync()));
        async Task<Dictionary<string, HomeTile>> TilesAsync(DashboardQueries q) => (await q.HomeTilesAsync()).ToDictionary(t => t.TileKey);
        var before = await TilesAsync(clerkTiles);
        var adminBefore = await TilesAsync(adminTiles);
        Assert.That(before.Keys, Is.EqualTo(new[] { "unpaid_invoices_today", "outstanding_balance", "my_takings_today", "claims_to_submit" }));
        Assert.That(before["my_takings_today"].Value, Is.EqualTo(0));

        var (invoiceId, _) = await Db.NewIssuedInvoiceAsync(40_000m);
        await Db.PaymentsAs(clerkId).TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = 15_000m });
        await Db.PaymentsAs(await Db.NewClerkAsync()).TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = 1_000m });
        await NewClaimAsync("draft", 5_000m);
        var after = await TilesAsync(clerkTiles);
        var adminAfter = await TilesAsync(adminTiles);

        Assert.That(after["unpaid_invoices_today"].Value - before["unpaid_invoices_today"].Value, Is.EqualTo(2));
        Assert.That(after["outstanding_balance"].Value - before["outstanding_balance"].Value, Is.EqualTo(24_000 + 5_000));
        Assert.That(after["my_takings_today"].Value, Is.EqualTo(15_000), "only the clerk's own");
        Assert.That(after["my_takings_today"].ValueText, Is.EqualTo("UGX 15,000"));
        Assert.That(after["my_takings_today"].Href, Is.EqualTo("/billing/cash-up"));
        Assert.That(after["claims_to_submit"].Value - before["claims_to_submit"].Value, Is.EqualTo(1));
        Assert.That(after["claims_to_submit"].ValueText, Is.Null);
        Assert.That(adminAfter["takings_today"].Value - adminBefore["takings_today"].Value, Is.EqualTo(16_000));
        Assert.That(adminAfter["takings_today"].ValueText, Does.StartWith("UGX "));
        Assert.That(adminAfter["outstanding_balance"].Value, Is.EqualTo(after["outstanding_balance"].Value));
        Assert.That(adminAfter.Keys.Take(8), Is.EqualTo(new[]
        {
            "patients", "appointments_today", "queue_waiting", "seen_today", "active_accounts", "signed_in_today", "locked_accounts", "audit_today",
        }), "the administrator's earlier tiles stay first");
        Assert.That(adminAfter["patients"].ValueText, Is.Null);
    }
}
