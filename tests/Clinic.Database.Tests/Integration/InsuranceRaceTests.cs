using Clinic.Data.Billing;
using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Insurance under concurrency: many clerks (each call on its own pooled connection) at the same
/// instant. invoice_issue locks the policy, then its limit usage row, before it spends the annual
/// limit, so invoices of one policy issued at once never spend more than the limit; remittance_allocate
/// locks the remittance first, so allocations of one remittance at once never allocate more than it holds.
/// </summary>
public class InsuranceRaceTests
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

    [Test]
    public async Task Sixteen_clerks_issuing_invoices_of_one_policy_at_once_never_spend_more_than_the_annual_limit()
    {
        var (_, planId) = await Db.NewPlanAsync(55_000m, new RuleSpec("consultation", 100m));
        var (patientId, policyId) = await Db.NewInsuredPatientAsync(planId);
        var drafts = new List<int>();
        for (var i = 0; i < Clerks; i++)
            drafts.Add(await Db.NewDraftWithLinesAsync(patientId, ("consultation", 10_000m, 0)));
        var clerks = new List<InvoiceProcedures>();
        for (var i = 0; i < Clerks; i++)
        {
            var clerk = Db.InvoicesAs(await Db.NewClerkAsync());
            await clerk.SearchAsync(new InvoiceSearchFilter { Query = "warm-up" }, 0, 1); // opens the session before the race
            clerks.Add(clerk);
        }

        var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<InvoiceIssueResult>>)(() => c.IssueAsync(drafts[i]))).ToList());

        Assert.That(outcomes.Select(o => o.Code), Is.All.EqualTo(0), "every invoice is issued");
        var shares = outcomes.Select(o => o.Result!.InsurerShare).ToList();
        Assert.That(shares.Sum(), Is.EqualTo(55_000m), "the insurer covers exactly the limit, never more");
        Assert.That(shares.Order(), Is.EqualTo(Enumerable.Repeat(0m, 10).Append(5_000m).Concat(Enumerable.Repeat(10_000m, 5))),
            "five in full, one the 5,000 left, the rest nothing");
        Assert.That(outcomes.All(o => o.Result!.PatientShare + o.Result.InsurerShare == 10_000m), Is.True);
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(55_000m));
        Assert.That(await Db.ScalarAsync<decimal>(
            "SELECT SUM(limit_used) FROM invoice_insurance WHERE patient_policy_id = @policyId", new { policyId }), Is.EqualTo(55_000m));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM claim AS c JOIN invoice AS i ON i.invoice_id = c.invoice_id WHERE i.patient_id = @patientId", new { patientId }),
            Is.EqualTo(6), "a claim for each invoice the insurer pays a share of");
        await Db.AssertClaimNumbersGapFreeAsync();
    }

    [Test]
    public async Task Clerks_allocating_one_remittance_at_once_never_allocate_more_than_it_holds()
    {
        const int racers = 8;
        var setupClerk = await Db.NewClerkAsync();
        var (payerId, planId) = await Db.NewPlanAsync(null, new RuleSpec("consultation", 100m));
        var setup = Db.ClaimsAs(setupClerk);
        var lines = new List<int>();
        for (var i = 0; i < racers; i++)
        {
            var (patientId, _) = await Db.NewInsuredPatientAsync(planId);
            var invoiceId = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 10_000m, 0));
            await Db.InvoicesAs(setupClerk).IssueAsync(invoiceId);
            var claimId = await Db.ClaimIdOfAsync(invoiceId);
            await setup.SubmitAsync(claimId);
            var line = (await setup.GetAsync(claimId))!.Lines.Single();
            await setup.RecordOutcomeAsync(claimId, [new ClaimLineOutcome(line.ClaimLineId, 10_000m, null)]);
            lines.Add(line.ClaimLineId);
        }
        var remittance = await setup.AddRemittanceAsync(payerId, "RACE-" + Guid.NewGuid().ToString("N")[..8], 35_000m, await Db.TodayAsync());
        var clerks = new List<ClaimProcedures>();
        for (var i = 0; i < racers; i++)
        {
            var clerk = Db.ClaimsAs(await Db.NewClerkAsync());
            await clerk.ListRemittancesAsync(payerId); // opens the session before the race
            clerks.Add(clerk);
        }

        var outcomes = await RaceAsync(clerks.Select((c, i) => (Func<Task<object>>)(async () =>
        {
            await c.AllocateAsync(remittance, [new RemittanceAllocationInput(lines[i], 10_000m)]);
            return new object();
        })).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(3), "three allocations of 10,000 fit in 35,000");
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(51245));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT allocated FROM remittance WHERE remittance_id = @remittance", new { remittance }), Is.EqualTo(30_000m));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT SUM(amount) FROM remittance_allocation WHERE remittance_id = @remittance", new { remittance }),
            Is.EqualTo(30_000m));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM payment AS p JOIN remittance_allocation AS a ON a.payment_id = p.payment_id WHERE a.remittance_id = @remittance AND p.method = 'insurer'",
            new { remittance }), Is.EqualTo(3));
        var next = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.receipt'");
        var receipts = await Db.QueryAsync<string>("SELECT receipt_number FROM payment");
        Assert.That(receipts.Select(InvoiceTestData.NumberPart).Order(), Is.EqualTo(Enumerable.Range(1, (int)next - 1).Select(n => (long)n)),
            "receipt numbers stay gap-free");
    }
}
