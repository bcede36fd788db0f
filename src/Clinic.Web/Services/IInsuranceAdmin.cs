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

    /// <summary>
    /// There is no procedure that lists table service_category, so the categories are the distinct ones of the price list
    /// (service_list, with the database's names, in its order), then those of migration 0057 the price list does not show
    /// (lab tests and medication are priced in their own catalogues; a consultation may be charged at the doctor's fee with no
    /// service). Replace with a category list procedure when there is one.
    /// </summary>
    public async Task<IReadOnlyList<ServiceCategoryOption>> CategoriesAsync(CancellationToken ct = default)
    {
        var (services, _) = await Paging.ReadAllAsync((offset, limit, c) => billing.ListServicesAsync(null, null, offset, limit, c),
            s => s.TotalCount, BillingProcedures.MaxPageSize, maxRows: 2_000, ct);
        return services.Select(s => new ServiceCategoryOption(s.CategoryCode, s.CategoryName))
            .Concat(MigrationCategories)
            .DistinctBy(c => c.Code).ToList();
    }

    /// <summary>The rows of table service_category as migration 0057 inserts them.</summary>
    private static readonly ServiceCategoryOption[] MigrationCategories =
    [
        new(ServiceCategory.Consultation, "Consultation"), new(ServiceCategory.Lab, "Laboratory"), new(ServiceCategory.Medication, "Medication"),
        new(ServiceCategory.Procedure, "Procedure"), new(ServiceCategory.Other, "Other services"),
    ];

    public Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default) =>
        insurance.ListPoliciesAsync(patientId, ct);

    public Task<int> SavePolicyAsync(PatientPolicyInput input, CancellationToken ct = default) => insurance.SavePolicyAsync(input, ct);

    public Task<IReadOnlyList<PreAuthorisationRow>> PreAuthorisationsAsync(int patientPolicyId, CancellationToken ct = default) =>
        insurance.ListPreAuthorisationsAsync(patientPolicyId, ct);

    public Task<int> AddPreAuthorisationAsync(int patientPolicyId, string? categoryCode, string? authorisationNumber, DateTime? validFrom,
        DateTime? validTo, CancellationToken ct = default) =>
        insurance.AddPreAuthorisationAsync(patientPolicyId, categoryCode, authorisationNumber, validFrom, validTo, ct);
}
