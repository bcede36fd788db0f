using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>A payer (payer_list): an insurer or an employer scheme.</summary>
public sealed record PayerRow
{
    public int PayerId { get; init; }
    public string Name { get; init; } = "";
    /// <summary>insurer or employer.</summary>
    public string PayerType { get; init; } = "";
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public bool IsActive { get; init; }
    public int PlanCount { get; init; }
}

/// <summary>What the administrator enters for a payer (payer_save); null id = a new payer.</summary>
public sealed record PayerInput
{
    public int? PayerId { get; init; }
    public string? Name { get; init; }
    public string? PayerType { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public bool IsActive { get; init; } = true;
}

/// <summary>A plan (insurance_plan_list), with this year's annual limit per member when one is set.</summary>
public sealed record InsurancePlanRow
{
    public int InsurancePlanId { get; init; }
    public int PayerId { get; init; }
    public string PayerName { get; init; } = "";
    public string Name { get; init; } = "";
    public bool IsActive { get; init; }
    public decimal? AnnualLimit { get; init; }
    public int PolicyCount { get; init; }
}

/// <summary>A coverage rule (coverage_rule_list): one per plan, service category and valid-from date.</summary>
public sealed record CoverageRuleRow
{
    public int CoverageRuleId { get; init; }
    public int InsurancePlanId { get; init; }
    public string CategoryCode { get; init; } = "";
    public string CategoryName { get; init; } = "";
    public DateTime ValidFrom { get; init; }
    public decimal PercentCovered { get; init; }
    public decimal CopayAmount { get; init; }
    public bool IsExcluded { get; init; }
    public bool NeedsPreauth { get; init; }
    /// <summary>1 for the rule that applies today to its category.</summary>
    public bool IsCurrent { get; init; }
}

/// <summary>What the administrator enters for a coverage rule (coverage_rule_set).</summary>
public sealed record CoverageRuleInput
{
    public int InsurancePlanId { get; init; }
    public string? CategoryCode { get; init; }
    public DateTime? ValidFrom { get; init; }
    public decimal? PercentCovered { get; init; }
    public decimal? CopayAmount { get; init; }
    public bool IsExcluded { get; init; }
    public bool NeedsPreauth { get; init; }
}

/// <summary>A patient's policy (patient_policy_list).</summary>
public sealed record PatientPolicyRow
{
    public int PatientPolicyId { get; init; }
    public int PatientId { get; init; }
    public int InsurancePlanId { get; init; }
    public string PlanName { get; init; } = "";
    public int PayerId { get; init; }
    public string PayerName { get; init; } = "";
    public string MemberNumber { get; init; } = "";
    public string HolderName { get; init; } = "";
    /// <summary>self, spouse, child, dependant or employee.</summary>
    public string Relationship { get; init; } = "";
    public DateTime ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public bool IsPrimary { get; init; }
    /// <summary>Valid today.</summary>
    public bool IsValid { get; init; }
    public decimal? AnnualLimit { get; init; }
    /// <summary>Used of the annual limit this year.</summary>
    public decimal UsedThisYear { get; init; }
    public bool CanEdit { get; init; }
}

/// <summary>What the receptionist or clerk enters for a policy (patient_policy_save); null id = new.</summary>
public sealed record PatientPolicyInput
{
    public int? PatientPolicyId { get; init; }
    public int PatientId { get; init; }
    public int? InsurancePlanId { get; init; }
    public string? MemberNumber { get; init; }
    public string? HolderName { get; init; }
    public string? Relationship { get; init; }
    public DateTime? ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public bool IsPrimary { get; init; }
}

/// <summary>A pre-authorisation of a policy (pre_authorisation_list).</summary>
public sealed record PreAuthorisationRow
{
    public int PreAuthorisationId { get; init; }
    public int PatientPolicyId { get; init; }
    public string CategoryCode { get; init; } = "";
    public string CategoryName { get; init; } = "";
    public string AuthorisationNumber { get; init; } = "";
    public DateTime ValidFrom { get; init; }
    public DateTime ValidTo { get; init; }
}

/// <summary>The policy an issued invoice was split with, and its claim (the sixth result set of invoice_get).</summary>
public sealed record InvoiceInsuranceRow
{
    public int PatientPolicyId { get; init; }
    public string PayerName { get; init; } = "";
    public string PlanName { get; init; } = "";
    public string MemberNumber { get; init; } = "";
    public int? ClaimId { get; init; }
    public string? ClaimNumber { get; init; }
    public string? ClaimStatus { get; init; }
    public decimal? ClaimedAmount { get; init; }
    public decimal? AcceptedAmount { get; init; }
    public decimal? ClaimPaidAmount { get; init; }
}

/// <summary>
/// Payers, plans, coverage rules, annual limits, patients' policies and pre-authorisations
/// (db/procedures/payer_*.sql, insurance_plan_*.sql, coverage_rule_*.sql, plan_annual_limit_set.sql,
/// patient_policy_*.sql, pre_authorisation_*.sql). The split of an invoice happens in invoice_issue.
/// </summary>
public sealed class InsuranceProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public Task<IReadOnlyList<PayerRow>> ListPayersAsync(bool includeInactive = false, CancellationToken ct = default) =>
        runner.QueryAsync<PayerRow>("payer_list", session, new { p_include_inactive = includeInactive ? 1 : 0 }, ct);

    /// <summary>Creates or updates a payer; returns its id.</summary>
    public async Task<int> SavePayerAsync(PayerInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("payer_save", session, new
        {
            p_payer_id = input.PayerId, p_name = input.Name, p_payer_type = input.PayerType, p_phone = input.Phone,
            p_email = input.Email, p_is_active = input.IsActive ? 1 : 0,
        }, ct);

    /// <summary>Plans of a payer (null = every payer).</summary>
    public Task<IReadOnlyList<InsurancePlanRow>> ListPlansAsync(int? payerId = null, bool includeInactive = false, CancellationToken ct = default) =>
        runner.QueryAsync<InsurancePlanRow>("insurance_plan_list", session,
            new { p_payer_id = payerId, p_include_inactive = includeInactive ? 1 : 0 }, ct);

    /// <summary>Creates or updates a plan; returns its id.</summary>
    public async Task<int> SavePlanAsync(int? insurancePlanId, int payerId, string? name, bool isActive = true, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("insurance_plan_save", session, new
        {
            p_insurance_plan_id = insurancePlanId, p_payer_id = payerId, p_name = name, p_is_active = isActive ? 1 : 0,
        }, ct);

    public Task<IReadOnlyList<CoverageRuleRow>> ListRulesAsync(int insurancePlanId, CancellationToken ct = default) =>
        runner.QueryAsync<CoverageRuleRow>("coverage_rule_list", session, new { p_insurance_plan_id = insurancePlanId }, ct);

    /// <summary>Sets the rule of a plan and category from a date (today or later); returns its id.</summary>
    public async Task<int> SetRuleAsync(CoverageRuleInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("coverage_rule_set", session, new
        {
            p_insurance_plan_id = input.InsurancePlanId, p_category_code = input.CategoryCode, p_valid_from = input.ValidFrom?.Date,
            p_percent_covered = input.PercentCovered, p_copay_amount = input.CopayAmount,
            p_is_excluded = input.IsExcluded ? 1 : 0, p_needs_preauth = input.NeedsPreauth ? 1 : 0,
        }, ct);

    /// <summary>Sets a plan's limit per member for a calendar year.</summary>
    public Task SetAnnualLimitAsync(int insurancePlanId, int year, decimal? amount, CancellationToken ct = default) =>
        runner.ExecuteAsync("plan_annual_limit_set", session,
            new { p_insurance_plan_id = insurancePlanId, p_limit_year = year, p_limit_amount = amount }, ct);

    public Task<IReadOnlyList<PatientPolicyRow>> ListPoliciesAsync(int patientId, CancellationToken ct = default) =>
        runner.QueryAsync<PatientPolicyRow>("patient_policy_list", session, new { p_patient_id = patientId }, ct);

    /// <summary>Creates or updates a policy; making it primary makes the patient's other policy secondary. Returns its id.</summary>
    public async Task<int> SavePolicyAsync(PatientPolicyInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("patient_policy_save", session, new
        {
            p_patient_policy_id = input.PatientPolicyId, p_patient_id = input.PatientId, p_insurance_plan_id = input.InsurancePlanId,
            p_member_number = input.MemberNumber, p_holder_name = input.HolderName, p_relationship = input.Relationship,
            p_valid_from = input.ValidFrom?.Date, p_valid_to = input.ValidTo?.Date, p_is_primary = input.IsPrimary ? 1 : 0,
        }, ct);

    public Task<IReadOnlyList<PreAuthorisationRow>> ListPreAuthorisationsAsync(int patientPolicyId, CancellationToken ct = default) =>
        runner.QueryAsync<PreAuthorisationRow>("pre_authorisation_list", session, new { p_patient_policy_id = patientPolicyId }, ct);

    /// <summary>Records an authorisation number for a category and dates; returns its id.</summary>
    public async Task<int> AddPreAuthorisationAsync(int patientPolicyId, string? categoryCode, string? authorisationNumber,
        DateTime? validFrom, DateTime? validTo, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("pre_authorisation_add", session, new
        {
            p_patient_policy_id = patientPolicyId, p_category_code = categoryCode, p_authorisation_number = authorisationNumber,
            p_valid_from = validFrom?.Date, p_valid_to = validTo?.Date,
        }, ct);
}
