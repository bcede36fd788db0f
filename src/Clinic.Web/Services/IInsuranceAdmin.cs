using Clinic.Data.Billing;

namespace Clinic.Web.Services;

/// <summary>A service category (table service_category) as the insurance screens offer it.</summary>
public sealed record ServiceCategoryOption(string Code, string Name);

/// <summary>
/// What the insurance admin screen and the patient's policy panel call: payers, plans, coverage rules, annual limits,
/// policies and pre-authorisations. A seam so that component tests need no database; every rule stays in the procedures.
/// </summary>
public interface IInsuranceAdmin
{
    Task<IReadOnlyList<PayerRow>> PayersAsync(bool includeInactive, CancellationToken ct = default);
    Task<int> SavePayerAsync(PayerInput input, CancellationToken ct = default);
    /// <summary>Plans of a payer (null: every payer).</summary>
    Task<IReadOnlyList<InsurancePlanRow>> PlansAsync(int? payerId, bool includeInactive, CancellationToken ct = default);
    Task<int> SavePlanAsync(int? insurancePlanId, int payerId, string? name, bool isActive, CancellationToken ct = default);
    Task<IReadOnlyList<CoverageRuleRow>> RulesAsync(int insurancePlanId, CancellationToken ct = default);
    Task<int> SetRuleAsync(CoverageRuleInput input, CancellationToken ct = default);
    Task SetAnnualLimitAsync(int insurancePlanId, int year, decimal? amount, CancellationToken ct = default);
    /// <summary>The service categories a coverage rule or a pre-authorisation may name.</summary>
    Task<IReadOnlyList<ServiceCategoryOption>> CategoriesAsync(CancellationToken ct = default);
    Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default);
    Task<int> SavePolicyAsync(PatientPolicyInput input, CancellationToken ct = default);
    Task<IReadOnlyList<PreAuthorisationRow>> PreAuthorisationsAsync(int patientPolicyId, CancellationToken ct = default);
    Task<int> AddPreAuthorisationAsync(int patientPolicyId, string? categoryCode, string? authorisationNumber, DateTime? validFrom,
        DateTime? validTo, CancellationToken ct = default);
}

public sealed class InsuranceAdminService(InsuranceProcedures insurance, BillingProcedures billing) : IInsuranceAdmin
{
    public Task<IReadOnlyList<PayerRow>> PayersAsync(bool includeInactive, CancellationToken ct = default) =>
        insurance.ListPayersAsync(includeInactive, ct);

    public Task<int> SavePayerAsync(PayerInput input, CancellationToken ct = default) => insurance.SavePayerAsync(input, ct);

    public Task<IReadOnlyList<InsurancePlanRow>> PlansAsync(int? payerId, bool includeInactive, CancellationToken ct = default) =>
        insurance.ListPlansAsync(payerId, includeInactive, ct);

    public Task<int> SavePlanAsync(int? insurancePlanId, int payerId, string? name, bool isActive, CancellationToken ct = default) =>
        insurance.SavePlanAsync(insurancePlanId, payerId, name, isActive, ct);

    public Task<IReadOnlyList<CoverageRuleRow>> RulesAsync(int insurancePlanId, CancellationToken ct = default) =>
        insurance.ListRulesAsync(insurancePlanId, ct);

    public Task<int> SetRuleAsync(CoverageRuleInput input, CancellationToken ct = default) => insurance.SetRuleAsync(input, ct);

    public Task SetAnnualLimitAsync(int insurancePlanId, int year, decimal? amount, CancellationToken ct = default) =>
        insurance.SetAnnualLimitAsync(insurancePlanId, year, amount, ct);

    /// <summary>The service categories, with the database's names, in its order (service_category_list).</summary>
    public async Task<IReadOnlyList<ServiceCategoryOption>> CategoriesAsync(CancellationToken ct = default) =>
        (await billing.ListCategoriesAsync(ct)).Select(c => new ServiceCategoryOption(c.CategoryCode, c.Name)).ToList();

    public Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default) =>
        insurance.ListPoliciesAsync(patientId, ct);

    public Task<int> SavePolicyAsync(PatientPolicyInput input, CancellationToken ct = default) => insurance.SavePolicyAsync(input, ct);

    public Task<IReadOnlyList<PreAuthorisationRow>> PreAuthorisationsAsync(int patientPolicyId, CancellationToken ct = default) =>
        insurance.ListPreAuthorisationsAsync(patientPolicyId, ct);

    public Task<int> AddPreAuthorisationAsync(int patientPolicyId, string? categoryCode, string? authorisationNumber, DateTime? validFrom,
        DateTime? validTo, CancellationToken ct = default) =>
        insurance.AddPreAuthorisationAsync(patientPolicyId, categoryCode, authorisationNumber, validFrom, validTo, ct);
}
