using Clinic.Data.Common;

namespace Clinic.Data.Pharmacy;

/// <summary>A catalogue entry as the pharmacist types it (medication_create / medication_update).</summary>
public sealed record MedicationInput
{
    /// <summary>Unique, at most 150 characters, e.g. "Amoxicillin 500 mg capsules".</summary>
    public string Name { get; init; } = "";
    /// <summary>Matched against the patient's allergies when prescribing, e.g. "amoxicillin" or "artemether/lumefantrine".</summary>
    public string GenericSubstance { get; init; } = "";
    /// <summary>tablet, capsule, syrup, ... (free text, at most 30).</summary>
    public string Form { get; init; } = "";
    /// <summary>e.g. "500 mg" (at most 50).</summary>
    public string Strength { get; init; } = "";
    public decimal UnitPrice { get; init; }
    public int ReorderLevel { get; init; }
}

/// <summary>A catalogue entry with its stock (medication_list, medication_get).</summary>
public sealed record MedicationRow
{
    public int MedicationId { get; init; }
    public string Name { get; init; } = "";
    public string GenericSubstance { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public decimal UnitPrice { get; init; }
    public int ReorderLevel { get; init; }
    public bool IsActive { get; init; }
    /// <summary>Units in unexpired lots (expiry today or later): what can be dispensed.</summary>
    public long OnHand { get; init; }
    /// <summary>Units still held in expired lots (never dispensed; write them off with reason expired).</summary>
    public long ExpiredOnHand { get; init; }
    /// <summary>Earliest expiry of an unexpired lot with stock.</summary>
    public DateTime? NextExpiry { get; init; }
    /// <summary><see cref="OnHand"/> is below <see cref="ReorderLevel"/>.</summary>
    public bool BelowReorder { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    /// <summary>All matching rows (list only; 0 from medication_get).</summary>
    public long TotalCount { get; init; }
}

/// <summary>Error codes of the medication catalogue (db/ERRORS.md).</summary>
public static class MedicationCodes
{
    public const int NameMissing = 51001;
    public const int NameTaken = 51002;
    public const int SubstanceMissing = 51003;
    public const int FormOrStrengthMissing = 51004;
    public const int NegativePrice = 51005;
    public const int BadReorderLevel = 51006;
    public const int UnknownMedication = 51007;
}

/// <summary>
/// The medication catalogue (db/procedures/medication_*.sql). Pharmacists and administrators
/// manage it; doctors may list and get (to prescribe). Every rule is in the procedures.
/// </summary>
public sealed class MedicationProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Adds an active catalogue entry; returns medication_id.</summary>
    public async Task<int> CreateAsync(MedicationInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("medication_create", session, Args(input), ct);

    public async Task UpdateAsync(int medicationId, MedicationInput input, CancellationToken ct = default) =>
        await runner.ExecuteAsync("medication_update", session, new
        {
            p_medication_id = medicationId, p_name = input.Name, p_generic_substance = input.GenericSubstance, p_form = input.Form,
            p_strength = input.Strength, p_unit_price = input.UnitPrice, p_reorder_level = input.ReorderLevel,
        }, ct);

    /// <summary>An inactive medication cannot be prescribed or receive stock; prescribed units can still be dispensed.</summary>
    public async Task SetActiveAsync(int medicationId, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("medication_set_active", session,
            new { p_medication_id = medicationId, p_is_active = active }, ct);

    /// <summary>
    /// The catalogue by name. <paramref name="search"/> matches a part of the name or the generic substance;
    /// <paramref name="active"/>: null all, true active only, false inactive only. Paged (at most 200).
    /// </summary>
    public async Task<IReadOnlyList<MedicationRow>> ListAsync(string? search = null, bool? active = null, int offset = 0, int limit = 50,
        CancellationToken ct = default) =>
        await runner.QueryAsync<MedicationRow>("medication_list", session,
            new { p_search = search, p_active = active, p_offset = offset, p_limit = limit }, ct);

    public async Task<MedicationRow?> GetAsync(int medicationId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<MedicationRow>("medication_get", session,
            new { p_medication_id = medicationId }, ct);

    private static object Args(MedicationInput input) => new
    {
        p_name = input.Name, p_generic_substance = input.GenericSubstance, p_form = input.Form, p_strength = input.Strength,
        p_unit_price = input.UnitPrice, p_reorder_level = input.ReorderLevel,
    };
}
