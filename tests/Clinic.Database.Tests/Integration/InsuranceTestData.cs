using Clinic.Data.Billing;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>A coverage rule to set up a plan with (category, percent, co-payment, excluded, needs pre-authorisation).</summary>
public sealed record RuleSpec(string Category, decimal Percent, decimal Copay = 0m, bool Excluded = false, bool Preauth = false);

/// <summary>A stored invoice line's split (read as the schema owner).</summary>
public sealed record LineSplit
{
    public int InvoiceLineId { get; init; }
    public string CategoryCode { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
}

/// <summary>
/// Set-up helpers for the insurance and claim tests: payers, plans with rules, insured patients
/// (through the insurance procedures as the administrator), and draft invoices with lines of chosen
/// categories and service dates (written as the schema owner, like InvoiceTestData).
/// </summary>
public static class InsuranceTestData
{
    private static int _source = Random.Shared.Next(1_000_000, 2_000_000_000);

    public static InsuranceProcedures InsuranceAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static ClaimProcedures ClaimsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A new payer with one plan, its rules (valid from today) and this year's limit; returns (payer_id, plan_id).</summary>
    public static async Task<(int PayerId, int PlanId)> NewPlanAsync(this TestDatabase db, decimal? annualLimit, params RuleSpec[] rules)
    {
        var admin = db.InsuranceAs(await db.AdminIdAsync());
        var payerId = await admin.SavePayerAsync(new PayerInput { Name = Unique("Insurer"), PayerType = "insurer" });
        var planId = await admin.SavePlanAsync(null, payerId, Unique("Plan"));
        foreach (var rule in rules)
            await admin.SetRuleAsync(new CoverageRuleInput
            {
                InsurancePlanId = planId, CategoryCode = rule.Category, PercentCovered = rule.Percent, CopayAmount = rule.Copay,
                IsExcluded = rule.Excluded, NeedsPreauth = rule.Preauth,
            });
        if (annualLimit is not null)
            await admin.SetAnnualLimitAsync(planId, (await db.TodayAsync()).Year, annualLimit);
        return (payerId, planId);
    }

    /// <summary>A new patient with a primary policy of the plan, valid from a year ago; returns (patient_id, patient_policy_id).</summary>
    public static async Task<(int PatientId, int PolicyId)> NewInsuredPatientAsync(this TestDatabase db, int planId)
    {
        var patientId = await db.NewPatientAsync();
        var policyId = await db.NewPolicyAsync(patientId, planId, primary: true);
        return (patientId, policyId);
    }

    public static async Task<int> NewPolicyAsync(this TestDatabase db, int patientId, int planId, bool primary = true,
        DateTime? validFrom = null, DateTime? validTo = null) =>
        await db.InsuranceAs(await db.AdminIdAsync()).SavePolicyAsync(new PatientPolicyInput
        {
            PatientId = patientId, InsurancePlanId = planId, MemberNumber = "M" + Guid.NewGuid().ToString("N")[..12],
            HolderName = "Holder Name", Relationship = "self", ValidFrom = validFrom ?? (await db.TodayAsync()).AddYears(-1),
            ValidTo = validTo, IsPrimary = primary,
        });

    /// <summary>
    /// A draft invoice of the patient with one charge per (category, amount, days ago), on a visit of its own (a patient has
    /// one draft per visit: uq_invoice_draft), so a patient may have many drafts at once; returns invoice_id.
    /// </summary>
    public static async Task<int> NewDraftWithLinesAsync(this TestDatabase db, int patientId, params (string Category, decimal Amount, int DaysAgo)[] lines)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        var sum = lines.Sum(l => l.Amount);
        var visitId = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO visit (patient_id, started_at, status) VALUES (@patientId, NOW(), 'closed'); SELECT LAST_INSERT_ID();", new { patientId });
        var invoiceId = await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO invoice (patient_id, visit_id, status, currency_code, subtotal, total, patient_share) VALUES (@patientId, @visitId, 'draft', 'UGX', @sum, @sum, @sum);
            SELECT LAST_INSERT_ID();
            """, new { patientId, visitId, sum });
        var n = 0;
        foreach (var (category, amount, daysAgo) in lines)
            await connection.ExecuteAsync(
                """
                INSERT INTO charge (patient_id, visit_id, source_type, source_id, category_code, description, quantity, unit_price, amount, service_date, invoice_id)
                VALUES (@patientId, @visitId, 'service_charge', @source, @category, @description, 1, @amount, @amount, CURDATE() - INTERVAL @daysAgo DAY, @invoiceId)
                """, new { patientId, visitId, source = Interlocked.Increment(ref _source), category, description = $"{category} {++n}", amount, daysAgo, invoiceId });
        return invoiceId;
    }

    /// <summary>Issues the draft as a new billing clerk; returns the result.</summary>
    public static async Task<InvoiceIssueResult> IssueAsClerkAsync(this TestDatabase db, int invoiceId) =>
        await db.InvoicesAs(await db.NewClerkAsync()).IssueAsync(invoiceId);

    public static Task<IReadOnlyList<LineSplit>> LineSplitsAsync(this TestDatabase db, int invoiceId) =>
        db.QueryAsync<LineSplit>("SELECT * FROM invoice_line WHERE invoice_id = @invoiceId ORDER BY invoice_line_id", new { invoiceId });

    public static Task<InvoiceSums> InvoiceSumsAsync(this TestDatabase db, int invoiceId) =>
        db.QueryAsync<InvoiceSums>("SELECT * FROM invoice WHERE invoice_id = @invoiceId", new { invoiceId }).ContinueWith(t => t.Result.Single());

    public static Task<decimal> UsedAsync(this TestDatabase db, int policyId) =>
        db.ScalarAsync<decimal>(
            "SELECT COALESCE((SELECT used_amount FROM policy_limit_usage WHERE patient_policy_id = @policyId AND usage_year = YEAR(CURDATE())), 0)",
            new { policyId });

    /// <summary>The claim of an invoice (claim_id), or 0 when it has none.</summary>
    public static Task<int> ClaimIdOfAsync(this TestDatabase db, int invoiceId) =>
        db.ScalarAsync<int>("SELECT COALESCE((SELECT claim_id FROM claim WHERE invoice_id = @invoiceId), 0)", new { invoiceId });

    /// <summary>Every claim number from 1 to the counter is used once, none skipped.</summary>
    public static async Task AssertClaimNumbersGapFreeAsync(this TestDatabase db)
    {
        var next = await db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.claim'");
        // Claims that other tests write directly as the schema owner (to reach every status) are numbered CLM-T...
        // and take no number of the counter.
        var numbers = await db.QueryAsync<string>("SELECT claim_number FROM claim WHERE claim_number NOT LIKE 'CLM-T%'");
        Assert.That(numbers.Select(InvoiceTestData.NumberPart).Order(), Is.EqualTo(Enumerable.Range(1, (int)next - 1).Select(i => (long)i)),
            "claim numbers are gap-free");
    }

    /// <summary>An insured patient's issued invoice with a submitted claim; returns (invoice_id, claim detail).</summary>
    public static async Task<(int InvoiceId, ClaimDetail Claim, int PayerId)> NewSubmittedClaimAsync(this TestDatabase db, int clerkId,
        params decimal[] consultationAmounts)
    {
        var (payerId, planId) = await db.NewPlanAsync(null, new RuleSpec("consultation", 100m));
        var (patientId, _) = await db.NewInsuredPatientAsync(planId);
        var invoiceId = await db.NewDraftWithLinesAsync(patientId, consultationAmounts.Select(a => ("consultation", a, 0)).ToArray());
        await db.InvoicesAs(clerkId).IssueAsync(invoiceId);
        var claims = db.ClaimsAs(clerkId);
        var claimId = await db.ClaimIdOfAsync(invoiceId);
        await claims.SubmitAsync(claimId);
        return (invoiceId, (await claims.GetAsync(claimId))!, payerId);
    }
}
