using System.Diagnostics;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Data.Patients;

namespace Clinic.Demo;

/// <summary>What one run of <see cref="DemoInsurance.SeedAsync"/> loaded; <see cref="AlreadyLoaded"/> when it found the payers and added nothing.</summary>
public sealed record DemoInsuranceSummary(bool AlreadyLoaded, int Payers, int Plans, int Policies, int Claims, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: insurance, through the insurance and claim procedures as the demo accounts (after
/// <see cref="DemoBilling"/>, whose price list it bills):
/// <list type="bullet">
/// <item>two insurers (as the administrator): Jubilee Health Insurance with a Gold and a Silver plan, and AAR Health
/// Services with a Corporate plan; coverage rules per service category (percent covered, a co-payment, procedures
/// needing pre-authorisation, other services excluded) and an annual limit per member for this year;</item>
/// <item>insured patients (as the receptionist): policies with member numbers, holders and relationships (self,
/// spouse, child), one patient with a primary and a secondary policy, one policy that has expired, one
/// pre-authorisation;</item>
/// <item>invoices of insured patients (as the billing clerk), split on issue into the patient's and the insurer's
/// share, and their claims in every state: draft, submitted, accepted, partially accepted (the rejected part moved
/// to the patient), rejected, and paid by a remittance allocated to the claim's lines.</item>
/// </list>
/// Idempotent: when the payer <see cref="MarkerPayer"/> exists, nothing is added.
/// </summary>
public static class DemoInsurance
{
    public const string MarkerPayer = "Jubilee Health Insurance";

    private sealed record Rule(string Category, decimal Percent, decimal Copay = 0m, bool Excluded = false, bool Preauth = false);

    public static async Task<DemoInsuranceSummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, ISessionAccessor reception,
        ISessionAccessor billing, ILogger logger, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var manage = new InsuranceProcedures(runner, admin);
        if ((await manage.ListPayersAsync(includeInactive: true, ct)).Any(p => p.Name == MarkerPayer))
            return new DemoInsuranceSummary(true, 0, 0, 0, 0, watch.Elapsed);
        var today = DateTime.Today;
        var yearStart = new DateTime(today.Year, 1, 1);

        // Payers, plans, rules and limits.
        var jubilee = await manage.SavePayerAsync(new PayerInput
        {
            Name = MarkerPayer, PayerType = "insurer", Phone = "0312 300 000", Email = "claims@jubilee.example.co.ug",
        }, ct);
        var aar = await manage.SavePayerAsync(new PayerInput
        {
            Name = "AAR Health Services", PayerType = "insurer", Phone = "0417 700 000", Email = "claims@aar.example.co.ug",
        }, ct);
        var plans = new Dictionary<string, int>
        {
            ["gold"] = await manage.SavePlanAsync(null, jubilee, "Jubilee Corporate Gold", true, ct),
            ["silver"] = await manage.SavePlanAsync(null, jubilee, "Jubilee Family Silver", true, ct),
            ["aar"] = await manage.SavePlanAsync(null, aar, "AAR Corporate", true, ct),
        };
        var rules = new Dictionary<string, Rule[]>
        {
            ["gold"] =
            [
                new(ServiceCategory.Consultation, 100m), new(ServiceCategory.Lab, 100m), new(ServiceCategory.Medication, 90m),
                new(ServiceCategory.Procedure, 90m, Preauth: true), new(ServiceCategory.Other, 0m, Excluded: true),
            ],
            ["silver"] =
            [
                new(ServiceCategory.Consultation, 80m, Copay: 5_000m), new(ServiceCategory.Lab, 70m), new(ServiceCategory.Medication, 50m),
                new(ServiceCategory.Procedure, 50m), new(ServiceCategory.Other, 0m, Excluded: true),
            ],
            ["aar"] =
            [
                new(ServiceCategory.Consultation, 100m, Copay: 10_000m), new(ServiceCategory.Lab, 80m), new(ServiceCategory.Medication, 80m),
                new(ServiceCategory.Procedure, 80m), new(ServiceCategory.Other, 50m),
            ],
        };
        foreach (var (plan, planRules) in rules)
            foreach (var rule in planRules)
                await manage.SetRuleAsync(new CoverageRuleInput
                {
                    InsurancePlanId = plans[plan], CategoryCode = rule.Category, ValidFrom = today, PercentCovered = rule.Percent,
                    CopayAmount = rule.Copay, IsExcluded = rule.Excluded, NeedsPreauth = rule.Preauth,
                }, ct);
        await manage.SetAnnualLimitAsync(plans["gold"], today.Year, 5_000_000m, ct);
        await manage.SetAnnualLimitAsync(plans["silver"], today.Year, 1_500_000m, ct);
        await manage.SetAnnualLimitAsync(plans["aar"], today.Year, 3_000_000m, ct);

        // Insured patients (the start of the register's second hundred), recorded at the front desk.
        var patients = new PatientProcedures(runner, admin);
        var policies = new InsuranceProcedures(runner, reception);
        async Task<int> PatientAsync(int n)
        {
            var mrn = $"HMS/{n:D6}";
            return (await patients.SearchAsync(mrn, 0, 1, ct)).First(p => p.Mrn == mrn).PatientId;
        }
        (int Mrn, string Plan, string Member, string Relationship, bool Primary, int FromDaysAgo, int? ToDaysAgo)[] plannedPolicies =
        [
            (101, "gold", "JHI-G-100231", "self", true, 200, null),
            (102, "gold", "JHI-G-100231-01", "spouse", true, 200, null),
            (103, "silver", "JHI-S-204410", "self", true, 90, null),
            (104, "silver", "JHI-S-204410-02", "child", true, 90, null),
            (105, "aar", "AAR-55012", "employee", true, 300, null),
            (106, "aar", "AAR-55087", "employee", true, 300, null),
            (106, "silver", "JHI-S-209915", "spouse", false, 60, null),
            (107, "gold", "JHI-G-100877", "self", true, 400, 30),
        ];
        var policyIds = new Dictionary<int, int>();
        var patientIds = new Dictionary<int, int>();
        foreach (var p in plannedPolicies)
        {
            patientIds[p.Mrn] = await PatientAsync(p.Mrn);
            var id = await policies.SavePolicyAsync(new PatientPolicyInput
            {
                PatientId = patientIds[p.Mrn], InsurancePlanId = plans[p.Plan], MemberNumber = p.Member,
                HolderName = p.Relationship is "self" or "employee" ? "(the patient)" : "Policy holder of " + p.Member[..^3],
                Relationship = p.Relationship, ValidFrom = today.AddDays(-p.FromDaysAgo),
                ValidTo = p.ToDaysAgo is { } to ? today.AddDays(-to) : null, IsPrimary = p.Primary,
            }, ct);
            if (p.Primary)
                policyIds[p.Mrn] = id;
        }
        await policies.AddPreAuthorisationAsync(policyIds[101], ServiceCategory.Procedure, "JHI-PA-778812", today.AddDays(-2), today.AddDays(28), ct);

        // Invoices of insured patients, split when issued; their claims in every state.
        var prices = (await new BillingProcedures(runner, admin).ListServicesAsync(null, true, 0, BillingProcedures.MaxPageSize, ct))
            .ToDictionary(s => s.ServiceCode, s => s.ServiceId);
        var charges = new BillingProcedures(runner, billing);
        var invoices = new InvoiceProcedures(runner, billing);
        var payments = new PaymentProcedures(runner, billing);
        var claims = new ClaimProcedures(runner, billing);
        async Task<(int InvoiceId, ClaimDetail? Claim)> BillAsync(int mrn, params string[] codes)
        {
            ServiceChargeResult? last = null;
            foreach (var code in codes)
                last = await charges.AddServiceChargeAsync(patientIds[mrn], null, prices[code], 1m, null, ct);
            var draft = (await invoices.SearchAsync(new InvoiceSearchFilter { Status = "draft" }, 0, 100, ct)).First(d => d.PatientId == patientIds[mrn] && d.VisitId is null);
            var issued = await invoices.IssueAsync(draft.InvoiceId, ct);
            var claim = (await claims.SearchAsync(new ClaimSearchFilter { Query = issued.InvoiceNumber }, 0, 5, ct)).FirstOrDefault(c => c.InvoiceId == draft.InvoiceId);
            return (draft.InvoiceId, claim is null ? null : await claims.GetAsync(claim.ClaimId, ct));
        }

        var made = 0;
        // Draft claim: issued today, not yet submitted.
        var (_, draftClaim) = await BillAsync(102, "CONS-GP", "OTH-CERT");
        made += draftClaim is null ? 0 : 1;

        // Submitted, waiting for Jubilee.
        var (_, submitted) = await BillAsync(103, "CONS-PAED", "PROC-NEB");
        if (submitted is not null)
        {
            await claims.SubmitAsync(submitted.Claim.ClaimId, ct);
            made++;
        }

        // Accepted in full, then paid by a remittance; the patient pays the co-payment in cash.
        var (acceptedInvoice, accepted) = await BillAsync(105, "CONS-IM", "PROC-ECG");
        var (_, alsoPaid) = await BillAsync(106, "CONS-GP");
        var remitLines = new List<RemittanceAllocationInput>();
        foreach (var claim in new[] { accepted, alsoPaid })
        {
            if (claim is null)
                continue;
            await claims.SubmitAsync(claim.Claim.ClaimId, ct);
            await claims.RecordOutcomeAsync(claim.Claim.ClaimId, claim.Lines.Select(l => new ClaimLineOutcome(l.ClaimLineId, l.ClaimedAmount, null)).ToList(), ct);
            remitLines.AddRange(claim.Lines.Select(l => new RemittanceAllocationInput(l.ClaimLineId, l.ClaimedAmount)));
            made++;
        }
        if (remitLines.Count > 0)
        {
            var remittance = await claims.AddRemittanceAsync(aar, $"AAR-EFT-{today:yyMMdd}-01", remitLines.Sum(l => l.Amount), today, ct);
            await claims.AllocateAsync(remittance, remitLines, ct);
        }
        var acceptedHeader = (await invoices.GetAsync(acceptedInvoice, ct))?.Header;
        if (acceptedHeader is { PatientShare: > 0 })
            await payments.TakeAsync(acceptedInvoice, new PaymentInput { Method = "cash", Amount = acceptedHeader.PatientShare, Tendered = acceptedHeader.PatientShare }, ct);

        // Partially accepted: the dressing was refused; the clerk moves the refused amount to the patient.
        var (_, partial) = await BillAsync(101, "CONS-GP", "PROC-SUTURE", "PROC-DRESS");
        if (partial is not null && partial.Lines.Count > 0)
        {
            await claims.SubmitAsync(partial.Claim.ClaimId, ct);
            var refused = partial.Lines[^1];
            await claims.RecordOutcomeAsync(partial.Claim.ClaimId, partial.Lines.Select(l => l.ClaimLineId == refused.ClaimLineId
                ? new ClaimLineOutcome(l.ClaimLineId, 0m, "Dressing included in the suturing fee")
                : new ClaimLineOutcome(l.ClaimLineId, l.ClaimedAmount, null)).ToList(), ct);
            await claims.MoveToPatientAsync(refused.ClaimLineId, ct);
            made++;
        }

        // Rejected: the member's dependant was not yet registered with the insurer.
        var (_, rejected) = await BillAsync(104, "CONS-PAED");
        if (rejected is not null)
        {
            await claims.SubmitAsync(rejected.Claim.ClaimId, ct);
            await claims.RecordOutcomeAsync(rejected.Claim.ClaimId,
                rejected.Lines.Select(l => new ClaimLineOutcome(l.ClaimLineId, 0m, "Dependant not registered on the policy")).ToList(), ct);
            made++;
        }

        logger.LogInformation("Demo insurance: 2 payers, {Plans} plans, {Policies} policies, {Claims} claims in {Seconds:0.0} s",
            plans.Count, plannedPolicies.Length, made, watch.Elapsed.TotalSeconds);
        return new DemoInsuranceSummary(false, 2, plans.Count, plannedPolicies.Length, made, watch.Elapsed);
    }
}
