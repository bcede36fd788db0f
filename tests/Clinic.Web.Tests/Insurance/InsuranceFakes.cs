using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Insurance;

/// <summary>Answers like the insurance procedures over in-memory rows and records every change. FailWith makes the next change throw; Gate holds the reads.</summary>
public sealed class FakeInsuranceAdmin : IInsuranceAdmin
{
    public List<PayerRow> Payers { get; set; } = [];
    public List<InsurancePlanRow> Plans { get; set; } = [];
    public List<CoverageRuleRow> Rules { get; set; } = [];
    public List<PatientPolicyRow> Policies { get; set; } = [];
    public List<PreAuthorisationRow> PreAuths { get; set; } = [];
    public List<ServiceCategoryOption> Categories { get; set; } =
        [new("consultation", "Consultation"), new("procedure", "Procedure"), new("lab", "Laboratory"), new("medication", "Medication")];
    public List<object> Saved { get; } = [];
    public List<string> Calls { get; } = [];
    public Exception? FailWith { get; set; }
    public TaskCompletionSource? Gate { get; set; }

    private async Task Wait()
    {
        if (Gate is not null)
            await Gate.Task;
    }

    private void Fail()
    {
        if (FailWith is { } failure)
        {
            FailWith = null;
            throw failure;
        }
    }

    public async Task<IReadOnlyList<PayerRow>> PayersAsync(bool includeInactive, CancellationToken ct = default)
    {
        Calls.Add($"payers {includeInactive}");
        await Wait();
        return Payers.Where(p => includeInactive || p.IsActive).ToList();
    }

    public Task<int> SavePayerAsync(PayerInput input, CancellationToken ct = default)
    {
        Saved.Add(input);
        Fail();
        var id = input.PayerId ?? 100 + Payers.Count;
        Payers.RemoveAll(p => p.PayerId == id);
        Payers.Add(new PayerRow { PayerId = id, Name = input.Name!, PayerType = input.PayerType!, Phone = input.Phone, Email = input.Email, IsActive = input.IsActive });
        return Task.FromResult(id);
    }

    public async Task<IReadOnlyList<InsurancePlanRow>> PlansAsync(int? payerId, bool includeInactive, CancellationToken ct = default)
    {
        Calls.Add($"plans {payerId} {includeInactive}");
        await Wait();
        return Plans.Where(p => (payerId is null || p.PayerId == payerId) && (includeInactive || p.IsActive)).ToList();
    }

    public Task<int> SavePlanAsync(int? insurancePlanId, int payerId, string? name, bool isActive, CancellationToken ct = default)
    {
        Saved.Add((insurancePlanId, payerId, name, isActive));
        Fail();
        var id = insurancePlanId ?? 200 + Plans.Count;
        Plans.RemoveAll(p => p.InsurancePlanId == id);
        Plans.Add(new InsurancePlanRow { InsurancePlanId = id, PayerId = payerId, Name = name!, IsActive = isActive });
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<CoverageRuleRow>> RulesAsync(int insurancePlanId, CancellationToken ct = default)
    {
        Calls.Add($"rules {insurancePlanId}");
        return Task.FromResult<IReadOnlyList<CoverageRuleRow>>(Rules.Where(r => r.InsurancePlanId == insurancePlanId).ToList());
    }

    public Task<int> SetRuleAsync(CoverageRuleInput input, CancellationToken ct = default)
    {
        Saved.Add(input);
        Fail();
        Rules.Add(new CoverageRuleRow
        {
            CoverageRuleId = 300 + Rules.Count, InsurancePlanId = input.InsurancePlanId, CategoryCode = input.CategoryCode!,
            CategoryName = Categories.Single(c => c.Code == input.CategoryCode).Name, ValidFrom = input.ValidFrom!.Value,
            PercentCovered = input.PercentCovered ?? 0, CopayAmount = input.CopayAmount ?? 0, IsExcluded = input.IsExcluded, NeedsPreauth = input.NeedsPreauth,
        });
        return Task.FromResult(300 + Rules.Count);
    }

    public Task SetAnnualLimitAsync(int insurancePlanId, int year, decimal? amount, CancellationToken ct = default)
    {
        Saved.Add((insurancePlanId, year, amount));
        Fail();
        var i = Plans.FindIndex(p => p.InsurancePlanId == insurancePlanId);
        Plans[i] = Plans[i] with { AnnualLimit = amount };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServiceCategoryOption>> CategoriesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ServiceCategoryOption>>(Categories);

    public async Task<IReadOnlyList<PatientPolicyRow>> PoliciesAsync(int patientId, CancellationToken ct = default)
    {
        Calls.Add($"policies {patientId}");
        await Wait();
        Fail();
        return Policies.Where(p => p.PatientId == patientId).ToList();
    }

    public Task<int> SavePolicyAsync(PatientPolicyInput input, CancellationToken ct = default)
    {
        Saved.Add(input);
        Fail();
        var plan = Plans.Single(p => p.InsurancePlanId == input.InsurancePlanId);
        var id = input.PatientPolicyId ?? 400 + Policies.Count;
        Policies.RemoveAll(p => p.PatientPolicyId == id);
        Policies.Add(new PatientPolicyRow
        {
            PatientPolicyId = id, PatientId = input.PatientId, InsurancePlanId = plan.InsurancePlanId, PlanName = plan.Name, PayerName = plan.PayerName,
            MemberNumber = input.MemberNumber!, HolderName = input.HolderName!, Relationship = input.Relationship!, ValidFrom = input.ValidFrom!.Value,
            ValidTo = input.ValidTo, IsPrimary = input.IsPrimary, IsValid = true, CanEdit = true,
        });
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<PreAuthorisationRow>> PreAuthorisationsAsync(int patientPolicyId, CancellationToken ct = default)
    {
        Calls.Add($"preauths {patientPolicyId}");
        return Task.FromResult<IReadOnlyList<PreAuthorisationRow>>(PreAuths.Where(p => p.PatientPolicyId == patientPolicyId).ToList());
    }

    public Task<int> AddPreAuthorisationAsync(int patientPolicyId, string? categoryCode, string? authorisationNumber, DateTime? validFrom,
        DateTime? validTo, CancellationToken ct = default)
    {
        Saved.Add((patientPolicyId, categoryCode, authorisationNumber, validFrom, validTo));
        Fail();
        PreAuths.Add(new PreAuthorisationRow
        {
            PreAuthorisationId = 500 + PreAuths.Count, PatientPolicyId = patientPolicyId, CategoryCode = categoryCode!,
            CategoryName = Categories.Single(c => c.Code == categoryCode).Name, AuthorisationNumber = authorisationNumber!,
            ValidFrom = validFrom!.Value, ValidTo = validTo!.Value,
        });
        return Task.FromResult(500 + PreAuths.Count);
    }
}

/// <summary>Answers like the claim procedures over in-memory rows. The flags and statuses are whatever a test puts in the rows: the fake computes none.</summary>
public sealed class FakeClaimsDesk : IClaimsDesk
{
    public List<PayerRow> Payers { get; set; } = [];
    public List<ClaimRow> Claims { get; set; } = [];
    public Dictionary<int, List<ClaimLineRow>> Lines { get; set; } = [];
    public List<RemittanceRow> Remittances { get; set; } = [];
    public List<ClaimSearchFilter> Searches { get; } = [];
    public List<string> Calls { get; } = [];
    public List<IReadOnlyList<ClaimLineOutcome>> Outcomes { get; } = [];
    public List<(int RemittanceId, IReadOnlyList<RemittanceAllocationInput> Allocations)> Allocations { get; } = [];
    public List<(int PayerId, string? Reference, decimal? Amount, DateTime? ReceivedOn)> AddedRemittances { get; } = [];
    public Exception? FailWith { get; set; }
    public TaskCompletionSource? Gate { get; set; }
    /// <summary>What the database answers after a change: a test replaces the claim's rows to show the new state.</summary>
    public Action<string>? AfterChange { get; set; }

    private void Change(string call)
    {
        Calls.Add(call);
        if (FailWith is { } failure)
        {
            FailWith = null;
            throw failure;
        }
        AfterChange?.Invoke(call);
    }

    public Task<IReadOnlyList<PayerRow>> PayersAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<PayerRow>>(Payers);

    public async Task<IReadOnlyList<ClaimRow>> SearchAsync(ClaimSearchFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        Searches.Add(filter);
        if (Gate is not null)
            await Gate.Task;
        if (FailWith is { } failure)
        {
            FailWith = null;
            throw failure;
        }
        var rows = Claims.Where(c => (filter.Status is null || c.Status == filter.Status) && (filter.PayerId is null || c.PayerId == filter.PayerId)
                                     && (filter.Query is null || c.ClaimNumber.Contains(filter.Query, StringComparison.OrdinalIgnoreCase)
                                         || c.PatientName.Contains(filter.Query, StringComparison.OrdinalIgnoreCase))).ToList();
        return rows.Skip(offset).Take(limit).Select(r => r with { TotalCount = rows.Count }).ToList();
    }

    public async Task<ClaimDetail?> GetAsync(int claimId, CancellationToken ct = default)
    {
        Calls.Add($"get {claimId}");
        if (Gate is not null)
            await Gate.Task;
        var claim = Claims.SingleOrDefault(c => c.ClaimId == claimId);
        return claim is null ? null : new ClaimDetail(claim, Lines.GetValueOrDefault(claimId) ?? []);
    }

    private ClaimStateResult State(int claimId) => Claims.Single(c => c.ClaimId == claimId) is var c
        ? new ClaimStateResult { ClaimId = claimId, Status = c.Status, ClaimedAmount = c.ClaimedAmount, AcceptedAmount = c.AcceptedAmount, PaidAmount = c.PaidAmount }
        : null!;

    public Task<ClaimStateResult> SubmitAsync(int claimId, CancellationToken ct = default)
    {
        Change($"submit {claimId}");
        return Task.FromResult(State(claimId));
    }

    public Task<ClaimStateResult> RecordOutcomeAsync(int claimId, IReadOnlyList<ClaimLineOutcome> lines, CancellationToken ct = default)
    {
        Outcomes.Add(lines);
        Change($"outcome {claimId}");
        return Task.FromResult(State(claimId));
    }

    public Task<ClaimStateResult> MoveToPatientAsync(int claimLineId, CancellationToken ct = default)
    {
        Change($"move {claimLineId}");
        var claimId = Lines.Single(kv => kv.Value.Any(l => l.ClaimLineId == claimLineId)).Key;
        return Task.FromResult(State(claimId));
    }

    public async Task<IReadOnlyList<RemittanceRow>> RemittancesAsync(int? payerId, bool unallocatedOnly, int offset, int limit, CancellationToken ct = default)
    {
        Calls.Add($"remittances {payerId} {unallocatedOnly} {offset}");
        if (Gate is not null)
            await Gate.Task;
        var rows = Remittances.Where(r => (payerId is null || r.PayerId == payerId) && (!unallocatedOnly || r.Unallocated > 0)).ToList();
        return rows.Skip(offset).Take(limit).Select(r => r with { TotalCount = rows.Count }).ToList();
    }

    public Task<int> AddRemittanceAsync(int payerId, string? reference, decimal? amount, DateTime? receivedOn, CancellationToken ct = default)
    {
        AddedRemittances.Add((payerId, reference, amount, receivedOn));
        Change($"add remittance {payerId}");
        var id = 700 + Remittances.Count;
        Remittances.Add(new RemittanceRow
        {
            RemittanceId = id, PayerId = payerId, PayerName = Payers.FirstOrDefault(p => p.PayerId == payerId)?.Name ?? "", Reference = reference!,
            Amount = amount!.Value, Unallocated = amount.Value, ReceivedOn = receivedOn!.Value,
        });
        return Task.FromResult(id);
    }

    public Task AllocateAsync(int remittanceId, IReadOnlyList<RemittanceAllocationInput> allocations, CancellationToken ct = default)
    {
        Allocations.Add((remittanceId, allocations));
        Change($"allocate {remittanceId}");
        return Task.CompletedTask;
    }
}
