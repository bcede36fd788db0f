using Clinic.Data.Billing;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Insurance: payers, plans, coverage rules and annual limits (administrator), patients' policies and
/// pre-authorisations, the split of an invoice on issue (rules valid on the service date, co-payment,
/// exclusions, pre-authorisation, the annual limit, discounts off the patient's share first), the draft
/// claim, void releasing the limit, payments and credit notes taking the patient's share only.
/// </summary>
public class InsuranceTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    [Test]
    public async Task The_administrator_keeps_payers_plans_rules_and_limits_and_bad_input_gets_a_clear_refusal()
    {
        var adminId = await Db.AdminIdAsync();
        var admin = Db.InsuranceAs(adminId);
        var today = await Db.TodayAsync();
        var name = InsuranceTestData.Unique("Jubilee");
        Assert.That(await CodeOf(() => admin.SavePayerAsync(new PayerInput { Name = " ", PayerType = "insurer" })), Is.EqualTo(51200));
        Assert.That(await CodeOf(() => admin.SavePayerAsync(new PayerInput { Name = name, PayerType = "bank" })), Is.EqualTo(51202));
        Assert.That(await CodeOf(() => admin.SavePayerAsync(new PayerInput { Name = name, PayerType = "insurer", Email = "nope" })), Is.EqualTo(51203));
        var payerId = await admin.SavePayerAsync(new PayerInput { Name = name, PayerType = "insurer", Phone = "0414000000", Email = "claims@jubilee.example" });
        Assert.That(await CodeOf(() => admin.SavePayerAsync(new PayerInput { Name = name, PayerType = "employer" })), Is.EqualTo(51201));
        Assert.That(await CodeOf(() => admin.SavePayerAsync(new PayerInput { PayerId = int.MaxValue, Name = "X" + name, PayerType = "employer" })), Is.EqualTo(51204));

        Assert.That(await CodeOf(() => admin.SavePlanAsync(null, payerId, "")), Is.EqualTo(51205));
        Assert.That(await CodeOf(() => admin.SavePlanAsync(null, int.MaxValue, "Gold")), Is.EqualTo(51204));
        var planId = await admin.SavePlanAsync(null, payerId, "Gold");
        Assert.That(await CodeOf(() => admin.SavePlanAsync(null, payerId, "Gold")), Is.EqualTo(51206));

        var rule = new CoverageRuleInput { InsurancePlanId = planId, CategoryCode = "consultation", PercentCovered = 80m, CopayAmount = 2_000m };
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { ValidFrom = today.AddDays(-1) })), Is.EqualTo(51209));
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { PercentCovered = 100.5m })), Is.EqualTo(51210));
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { CopayAmount = -1m })), Is.EqualTo(51211));
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { CopayAmount = 0.5m })), Is.EqualTo(51211), "UGX has no minor units");
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { InsurancePlanId = int.MaxValue })), Is.EqualTo(51207));
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { CategoryCode = "massage" })), Is.EqualTo(51208));
        var todayRule = await admin.SetRuleAsync(rule);
        Assert.That(await CodeOf(() => admin.SetRuleAsync(rule with { PercentCovered = 90m })), Is.EqualTo(51223), "today's rule is in force");
        var future = await admin.SetRuleAsync(rule with { ValidFrom = today.AddDays(30), PercentCovered = 70m });
        Assert.That(await admin.SetRuleAsync(rule with { ValidFrom = today.AddDays(30), PercentCovered = 75m }), Is.EqualTo(future), "a future rule may be set again");
        await admin.SetRuleAsync(new CoverageRuleInput { InsurancePlanId = planId, CategoryCode = "medication", PercentCovered = 60m, IsExcluded = true, NeedsPreauth = true });

        var rules = await admin.ListRulesAsync(planId);
        Assert.That(rules.Select(r => (r.CoverageRuleId == todayRule, r.CategoryCode, r.PercentCovered, r.CopayAmount, r.IsCurrent)).Take(2), Is.EqualTo(new[]
        {
            (true, "consultation", 80m, 2_000m, true), (false, "consultation", 75m, 2_000m, false),
        }));
        var excluded = rules.Single(r => r.CategoryCode == "medication");
        Assert.That((excluded.IsExcluded, excluded.PercentCovered, excluded.NeedsPreauth), Is.EqualTo((true, 0m, false)), "excluded means 0 percent");

        Assert.That(await CodeOf(() => admin.SetAnnualLimitAsync(planId, today.Year - 1, 100_000m)), Is.EqualTo(51212));
        Assert.That(await CodeOf(() => admin.SetAnnualLimitAsync(planId, today.Year, -5m)), Is.EqualTo(51212));
        Assert.That(await CodeOf(() => admin.SetAnnualLimitAsync(int.MaxValue, today.Year, 5m)), Is.EqualTo(51207));
        await admin.SetAnnualLimitAsync(planId, today.Year, 1_000_000m);
        await admin.SetAnnualLimitAsync(planId, today.Year, 2_000_000m);

        var receptionist = Db.InsuranceAs((await Db.NewAccountAsync("receptionist")).Id);
        var plan = (await receptionist.ListPlansAsync(payerId)).Single();
        Assert.That((plan.Name, plan.PayerName, plan.AnnualLimit, plan.IsActive), Is.EqualTo(("Gold", name, (decimal?)2_000_000m, true)));
        Assert.That((await receptionist.ListPayersAsync()).Single(p => p.PayerId == payerId).PlanCount, Is.EqualTo(1));
        Assert.That(await CodeOf(() => receptionist.SavePayerAsync(new PayerInput { Name = "Y" + name, PayerType = "insurer" })), Is.EqualTo(50102));
        var clerkInsurance = Db.InsuranceAs(await Db.NewClerkAsync());
        Assert.That(await CodeOf(() => clerkInsurance.SetRuleAsync(rule with { ValidFrom = today.AddDays(2) })), Is.EqualTo(50102));

        await admin.SavePayerAsync(new PayerInput { PayerId = payerId, Name = name, PayerType = "insurer", IsActive = false });
        Assert.That((await admin.ListPayersAsync()).Any(p => p.PayerId == payerId), Is.False);
        Assert.That((await admin.ListPayersAsync(includeInactive: true)).Single(p => p.PayerId == payerId).IsActive, Is.False);
        var audit = await Db.QueryAsync<string>(
            "SELECT action FROM audit_trail WHERE table_name = 'payer' AND row_key = @payerId ORDER BY audit_log_id", new { payerId = payerId.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { "INSERT", "UPDATE" }));
    }

    [Test]
    public async Task A_policy_needs_a_member_number_unique_per_plan_and_making_one_primary_demotes_the_other()
    {
        var (_, planId) = await Db.NewPlanAsync(500_000m, new RuleSpec("consultation", 100m));
        var (_, otherPlan) = await Db.NewPlanAsync(null);
        var patientId = await Db.NewPatientAsync();
        var receptionistId = (await Db.NewAccountAsync("receptionist")).Id;
        var reception = Db.InsuranceAs(receptionistId);
        var today = await Db.TodayAsync();
        var member = "UAP-" + Guid.NewGuid().ToString("N")[..8];
        var input = new PatientPolicyInput
        {
            PatientId = patientId, InsurancePlanId = planId, MemberNumber = member, HolderName = "Sarah Nakato", Relationship = "self",
            ValidFrom = today.AddMonths(-2), IsPrimary = true,
        };
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { MemberNumber = "  " })), Is.EqualTo(51214));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { HolderName = "" })), Is.EqualTo(51216));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { Relationship = "cousin" })), Is.EqualTo(51217));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { ValidFrom = null })), Is.EqualTo(51218));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { ValidTo = today.AddMonths(-3) })), Is.EqualTo(51218));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { InsurancePlanId = int.MaxValue })), Is.EqualTo(51207));
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { PatientId = int.MaxValue })), Is.EqualTo(50209));
        var first = await reception.SavePolicyAsync(input);
        var otherPatient = await Db.NewPatientAsync();
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { PatientId = otherPatient })), Is.EqualTo(51215),
            "the member number is taken on this plan");
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { PatientPolicyId = first, PatientId = otherPatient })),
            Is.EqualTo(51213), "a policy of another patient");

        var second = await reception.SavePolicyAsync(input with { InsurancePlanId = otherPlan, Relationship = "spouse", HolderName = "John Okello" });
        var policies = await reception.ListPoliciesAsync(patientId);
        Assert.That(policies.Select(p => (p.PatientPolicyId, p.IsPrimary)), Is.EqualTo(new[] { (second, true), (first, false) }),
            "the new primary demoted the old one in the same call");
        var firstRow = policies.Single(p => p.PatientPolicyId == first);
        Assert.That((firstRow.MemberNumber, firstRow.IsValid, firstRow.AnnualLimit, firstRow.UsedThisYear, firstRow.CanEdit),
            Is.EqualTo((member, true, (decimal?)500_000m, 0m, true)));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_policy WHERE patient_id = @patientId AND is_primary = 1", new { patientId }),
            Is.EqualTo(1));

        await Db.InsuranceAs(await Db.AdminIdAsync()).SavePlanAsync(otherPlan, await Db.ScalarAsync<int>(
            "SELECT payer_id FROM insurance_plan WHERE insurance_plan_id = @otherPlan", new { otherPlan }), "Closed " + otherPlan, isActive: false);
        Assert.That(await CodeOf(() => reception.SavePolicyAsync(input with { PatientPolicyId = first, InsurancePlanId = otherPlan, MemberNumber = "Z" + member })),
            Is.EqualTo(51219));
        await reception.SavePolicyAsync(input with { PatientPolicyId = second, InsurancePlanId = otherPlan, Relationship = "spouse", HolderName = "John Okello",
            IsPrimary = false }); // a policy already on an inactive plan may still be edited
        var doctor = Db.InsuranceAs((await Db.NewAccountAsync("doctor")).Id);
        Assert.That(await CodeOf(() => doctor.SavePolicyAsync(input with { MemberNumber = "D" + member })), Is.EqualTo(50102));
        var audit = await Db.QueryAsync<string>(
            "SELECT action FROM audit_trail WHERE table_name = 'patient_policy' AND row_key = @key ORDER BY audit_log_id", new { key = first.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { "INSERT", "UPDATE" }), "created, then demoted");
    }

    [Test]
    public async Task Issuing_splits_each_line_by_the_rule_of_its_category_and_writes_a_draft_claim_worked_example_in_UGX()
    {
        var (payerId, planId) = await Db.NewPlanAsync(null,
            new RuleSpec("consultation", 80m, Copay: 2_000m), new RuleSpec("lab", 100m, Preauth: true),
            new RuleSpec("medication", 0m, Excluded: true), new RuleSpec("procedure", 50m));
        var (patientId, policyId) = await Db.NewInsuredPatientAsync(planId);
        var draft = await Db.NewDraftWithLinesAsync(patientId,
            ("consultation", 50_000m, 0), ("lab", 30_000m, 0), ("medication", 12_500m, 0), ("procedure", 25_001m, 0), ("other", 5_000m, 0));

        var issued = await Db.IssueAsClerkAsync(draft);

        // consultation: 80% of 50,000 = 40,000 less the 2,000 co-payment; lab: needs a pre-authorisation, none;
        // medication: excluded; procedure: 50% of 25,001 = 12,500.5, rounded once to 12,501; other: no rule.
        Assert.That((await Db.LineSplitsAsync(draft)).Select(l => (l.CategoryCode, l.Amount, l.InsurerShare, l.PatientShare)), Is.EqualTo(new[]
        {
            ("consultation", 50_000m, 38_000m, 12_000m), ("lab", 30_000m, 0m, 30_000m), ("medication", 12_500m, 0m, 12_500m),
            ("procedure", 25_001m, 12_501m, 12_500m), ("other", 5_000m, 0m, 5_000m),
        }));
        Assert.That((issued.Total, issued.InsurerShare, issued.PatientShare, issued.Status), Is.EqualTo((122_501m, 50_501m, 72_000m, "issued")));
        Assert.That(await Db.ScalarAsync<int>("SELECT patient_policy_id FROM invoice_insurance WHERE invoice_id = @draft", new { draft }), Is.EqualTo(policyId));
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(50_501m));

        var detail = (await Db.InvoicesAs(await Db.NewClerkAsync()).GetAsync(draft))!;
        Assert.That(detail.Insurance, Is.Not.Null);
        Assert.That((detail.Insurance!.PatientPolicyId, detail.Insurance.ClaimStatus, detail.Insurance.ClaimedAmount, detail.Insurance.AcceptedAmount),
            Is.EqualTo((policyId, "draft", (decimal?)50_501m, (decimal?)0m)));
        Assert.That(detail.Insurance.ClaimNumber, Does.Match("^CLM-[0-9]{6}$"));
        Assert.That((detail.Header.PatientShare, detail.Header.InsurerShare, detail.Header.PatientBalance), Is.EqualTo((72_000m, 50_501m, 72_000m)));
        var claim = (await Db.ClaimsAs(await Db.NewClerkAsync()).GetAsync(detail.Insurance.ClaimId!.Value))!;
        Assert.That((claim.Claim.PayerId, claim.Claim.Status, claim.Claim.ClaimedAmount, claim.Claim.CanSubmit), Is.EqualTo((payerId, "draft", 50_501m, true)));
        Assert.That(claim.Lines.Select(l => (l.CategoryCode, l.ClaimedAmount)), Is.EqualTo(new[] { ("consultation", 38_000m), ("procedure", 12_501m) }),
            "one claim line per line the insurer pays a share of");

        // With a pre-authorisation valid on the service date, the lab test is covered.
        var today = await Db.TodayAsync();
        var clerk = Db.InsuranceAs(await Db.NewClerkAsync());
        Assert.That(await CodeOf(() => clerk.AddPreAuthorisationAsync(policyId, "lab", " ", today, today)), Is.EqualTo(51220));
        Assert.That(await CodeOf(() => clerk.AddPreAuthorisationAsync(policyId, "lab", "PA-1", today, today.AddDays(-1))), Is.EqualTo(51222));
        Assert.That(await CodeOf(() => clerk.AddPreAuthorisationAsync(int.MaxValue, "lab", "PA-1", today, today)), Is.EqualTo(51213));
        Assert.That(await CodeOf(() => clerk.AddPreAuthorisationAsync(policyId, "xray", "PA-1", today, today)), Is.EqualTo(51208));
        await clerk.AddPreAuthorisationAsync(policyId, "lab", "PA-1", today.AddDays(-1), today.AddDays(7));
        Assert.That(await CodeOf(() => clerk.AddPreAuthorisationAsync(policyId, "lab", "PA-1", today, today)), Is.EqualTo(51221));
        Assert.That((await clerk.ListPreAuthorisationsAsync(policyId)).Select(p => (p.CategoryCode, p.AuthorisationNumber)), Is.EqualTo(new[] { ("lab", "PA-1") }));
        // The same rule was in force 60 days ago too (written as the schema owner: rules are only ever set from today on).
        await Db.ScalarAsync<long>(
            "INSERT INTO coverage_rule (insurance_plan_id, category_code, valid_from, percent_covered, needs_preauth) VALUES (@planId, 'lab', CURDATE() - INTERVAL 60 DAY, 100, 1); SELECT 1",
            new { planId });
        var second = await Db.NewDraftWithLinesAsync(patientId, ("lab", 30_000m, 0), ("lab", 8_000m, 3));
        var issuedSecond = await Db.IssueAsClerkAsync(second);
        Assert.That((await Db.LineSplitsAsync(second)).Select(l => l.InsurerShare), Is.EqualTo(new[] { 0m, 30_000m }),
            "the pre-authorisation covers the service date today, not three days ago");
        Assert.That(issuedSecond.InsurerShare, Is.EqualTo(30_000m));
        await Db.AssertClaimNumbersGapFreeAsync();
    }

    [Test]
    public async Task Each_line_follows_the_rule_valid_on_its_own_service_date()
    {
        var (_, planId) = await Db.NewPlanAsync(null, new RuleSpec("consultation", 100m));
        // An older rule (written as the schema owner: rules are only ever set from today on).
        await Db.ScalarAsync<long>(
            "INSERT INTO coverage_rule (insurance_plan_id, category_code, valid_from, percent_covered) VALUES (@planId, 'consultation', CURDATE() - INTERVAL 60 DAY, 50); SELECT 1",
            new { planId });
        var (patientId, _) = await Db.NewInsuredPatientAsync(planId);
        var draft = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 10_000m, 30), ("consultation", 10_000m, 0), ("consultation", 10_000m, 90));
        await Db.IssueAsClerkAsync(draft);
        Assert.That((await Db.LineSplitsAsync(draft)).Select(l => l.InsurerShare).Order(), Is.EqualTo(new[] { 0m, 5_000m, 10_000m }),
            "90 days ago: no rule yet; 30 days ago: the 50% rule; today: the 100% rule");
    }

    [Test]
    public async Task The_annual_limit_caps_the_insurer_and_voiding_an_invoice_with_a_draft_claim_gives_the_limit_back()
    {
        var (_, planId) = await Db.NewPlanAsync(60_000m, new RuleSpec("consultation", 100m), new RuleSpec("lab", 100m));
        var (patientId, policyId) = await Db.NewInsuredPatientAsync(planId);
        var first = await Db.IssueAsClerkAsync(await Db.NewDraftWithLinesAsync(patientId, ("consultation", 50_000m, 0)));
        Assert.That(first.InsurerShare, Is.EqualTo(50_000m));
        var draft = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 8_000m, 0), ("lab", 20_000m, 0));
        var second = await Db.IssueAsClerkAsync(draft);
        Assert.That((second.InsurerShare, second.PatientShare), Is.EqualTo((10_000m, 18_000m)), "only 10,000 of the limit was left");
        Assert.That((await Db.LineSplitsAsync(draft)).Select(l => (l.CategoryCode, l.InsurerShare)), Is.EqualTo(new[] { ("consultation", 8_000m), ("lab", 2_000m) }),
            "the cap comes off the latest line first");
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(60_000m));
        var third = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 5_000m, 0));
        Assert.That((await Db.IssueAsClerkAsync(third)).InsurerShare, Is.EqualTo(0m));
        Assert.That(await Db.ClaimIdOfAsync(third), Is.EqualTo(0), "no claim when the insurer pays nothing");
        Assert.That((await Db.InvoicesAs(await Db.NewClerkAsync()).GetAsync(third))!.Insurance!.ClaimId, Is.Null);

        var clerkId = await Db.NewClerkAsync();
        var claimId = await Db.ClaimIdOfAsync(draft);
        await Db.InvoicesAs(clerkId).VoidAsync(draft, "Registered twice");
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(50_000m), "the void gave its 10,000 back");
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM claim WHERE claim_id = @claimId", new { claimId }), Is.EqualTo("void"));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT limit_used FROM invoice_insurance WHERE invoice_id = @draft", new { draft }), Is.EqualTo(0m));
        Assert.That((await Db.InsuranceAs(clerkId).ListPoliciesAsync(patientId)).Single().UsedThisYear, Is.EqualTo(50_000m));
        Assert.That(await CodeOf(() => Db.ClaimsAs(clerkId).SubmitAsync(claimId)), Is.EqualTo(51231));

        // Once its claim is submitted, an invoice cannot be voided.
        var firstClaim = await Db.ClaimIdOfAsync(first.InvoiceId);
        await Db.ClaimsAs(clerkId).SubmitAsync(firstClaim);
        Assert.That(await CodeOf(() => Db.InvoicesAs(clerkId).VoidAsync(first.InvoiceId, "Mistake")), Is.EqualTo(51225));
        Assert.That(await Db.InvoiceStatusAsync(first.InvoiceId), Is.EqualTo("issued"));
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(50_000m));
    }

    [Test]
    public async Task A_discount_comes_off_the_patients_share_first_and_the_insurer_never_pays_more_than_the_total()
    {
        var (_, planId) = await Db.NewPlanAsync(null, new RuleSpec("procedure", 90m));
        var (patientId, policyId) = await Db.NewInsuredPatientAsync(planId);
        var clerk = Db.InvoicesAs(await Db.NewClerkAsync());

        var small = await Db.NewDraftWithLinesAsync(patientId, ("procedure", 100_000m, 0));
        await clerk.RequestAdjustmentAsync(small, "discount", 6_000m, "Staff relative");
        var a = await clerk.IssueAsync(small);
        Assert.That((a.Total, a.InsurerShare, a.PatientShare), Is.EqualTo((94_000m, 90_000m, 4_000m)));

        var large = await Db.NewDraftWithLinesAsync(patientId, ("procedure", 100_000m, 0));
        await clerk.RequestAdjustmentAsync(large, "waiver", 15_000m, "Hardship");
        var b = await clerk.IssueAsync(large);
        Assert.That((b.Total, b.InsurerShare, b.PatientShare), Is.EqualTo((85_000m, 85_000m, 0m)), "the patient's 10,000 first, then 5,000 off the insurer");
        Assert.That((await Db.LineSplitsAsync(large)).Single().InsurerShare, Is.EqualTo(85_000m));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT claimed_amount FROM claim WHERE invoice_id = @large", new { large }), Is.EqualTo(85_000m));
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(175_000m));
    }

    [Test]
    public async Task Without_a_primary_policy_valid_on_the_service_dates_the_patient_pays_everything()
    {
        var (_, planId) = await Db.NewPlanAsync(null, new RuleSpec("consultation", 100m));
        var today = await Db.TodayAsync();
        var expired = await Db.NewPatientAsync();
        await Db.NewPolicyAsync(expired, planId, validFrom: today.AddYears(-1), validTo: today.AddDays(-1));
        var secondary = await Db.NewPatientAsync();
        await Db.NewPolicyAsync(secondary, planId, primary: false);
        var lateStart = await Db.NewPatientAsync();
        await Db.NewPolicyAsync(lateStart, planId, validFrom: today.AddDays(-2));

        foreach (var (patientId, daysAgo) in new[] { (expired, 0), (secondary, 0), (lateStart, 5) })
        {
            var draft = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 20_000m, 0), ("consultation", 1_000m, daysAgo));
            var issued = await Db.IssueAsClerkAsync(draft);
            Assert.That((issued.PatientShare, issued.InsurerShare), Is.EqualTo((21_000m, 0m)));
            Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice_insurance WHERE invoice_id = @draft", new { draft }), Is.EqualTo(0));
            Assert.That((await Db.InvoicesAs(await Db.NewClerkAsync()).GetAsync(draft))!.Insurance, Is.Null);
        }
    }

    [Test]
    public async Task Payments_and_credit_notes_take_only_the_patients_share_and_the_invoice_is_paid_when_both_shares_are()
    {
        var (_, planId) = await Db.NewPlanAsync(null, new RuleSpec("consultation", 75m));
        var (patientId, _) = await Db.NewInsuredPatientAsync(planId);
        var clerkId = await Db.NewClerkAsync();
        var id = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 40_000m, 0));
        var issued = await Db.InvoicesAs(clerkId).IssueAsync(id);
        Assert.That((issued.PatientShare, issued.InsurerShare), Is.EqualTo((10_000m, 30_000m)));
        var payments = Db.PaymentsAs(clerkId);

        var refusal = await InvoiceTestData.RefusalOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 12_000m }));
        Assert.That((refusal.Code, refusal.Message), Is.EqualTo((BillingCodes.MoreThanBalance,
            "That is more than the balance of UGX 10,000. Take at most the balance, or keep the excess as the patient's credit.")));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "insurer", Amount = 30_000m })), Is.EqualTo(51224));
        var credit = await InvoiceTestData.RefusalOf(() => Db.InvoicesAs(clerkId).AddCreditNoteAsync(id, 10_001m, "Goodwill"));
        Assert.That((credit.Code, credit.Message), Is.EqualTo((BillingCodes.CreditAmount,
            "The credit must be more than zero and at most what is still owed: UGX 10,000.")));
        var note = await Db.InvoicesAs(clerkId).AddCreditNoteAsync(id, 1_000m, "Waiting time");
        Assert.That((note.Total, note.Status), Is.EqualTo((39_000m, "issued")));
        var sums = await Db.InvoiceSumsAsync(id);
        Assert.That((sums.PatientShare, sums.InsurerShare), Is.EqualTo((9_000m, 30_000m)), "the credit came off the patient's share");

        var paid = await payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 9_000m });
        Assert.That((paid.Status, paid.PaidTotal, paid.Balance, paid.PatientBalance), Is.EqualTo(("partially_paid", 9_000m, 30_000m, 0m)),
            "the patient has paid their share; the insurer's is still owed");
        var header = (await Db.InvoicesAs(clerkId).GetAsync(id))!.Header;
        Assert.That((header.CanPay, header.CanVoid, header.PatientBalance, header.Balance), Is.EqualTo((false, false, 0m, 30_000m)));
        Assert.That(await CodeOf(() => payments.TakeAsync(id, new PaymentInput { Method = "cash", Amount = 1m })), Is.EqualTo(BillingCodes.CannotTakePayment));

        // The insurer's share arrives as a remittance allocated to the claim.
        var claims = Db.ClaimsAs(clerkId);
        var claimId = await Db.ClaimIdOfAsync(id);
        await claims.SubmitAsync(claimId);
        var line = (await claims.GetAsync(claimId))!.Lines.Single();
        await claims.RecordOutcomeAsync(claimId, [new ClaimLineOutcome(line.ClaimLineId, 30_000m, null)]);
        var payerId = await Db.ScalarAsync<int>("SELECT payer_id FROM claim WHERE claim_id = @claimId", new { claimId });
        var remittance = await claims.AddRemittanceAsync(payerId, "EFT-" + claimId, 30_000m, await Db.TodayAsync());
        await claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line.ClaimLineId, 30_000m)]);
        Assert.That(await Db.InvoiceStatusAsync(id), Is.EqualTo("paid"));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM claim WHERE claim_id = @claimId", new { claimId }), Is.EqualTo("paid"));
    }
}
