using Clinic.Data.Pharmacy;

namespace Clinic.Web.Services;

/// <summary>
/// What the prescriptions panel of the visit workspace and the printable prescription call. The allergy and
/// duplicate-therapy checks are in prescription_issue; they come back as ClinicRuleException with
/// <see cref="PrescriptionCodes.AllergyConflict"/> or <see cref="PrescriptionCodes.DuplicateTherapy"/>.
/// </summary>
public interface IPrescribing
{
    /// <summary>Active catalogue entries whose name or substance contains <paramref name="search"/>, with their stock.</summary>
    Task<IReadOnlyList<MedicationRow>> SearchMedicationsAsync(string? search, CancellationToken ct = default);

    /// <summary>Issues a prescription (all items or none); returns prescription_id.</summary>
    Task<int> IssueAsync(int visitId, IReadOnlyList<PrescriptionItemInput> items, string? notes, CancellationToken ct = default);

    /// <summary>The visit's prescriptions with their items, newest first.</summary>
    Task<IReadOnlyList<VisitPrescription>> ForVisitAsync(int visitId, CancellationToken ct = default);

    Task CancelAsync(int prescriptionId, string reason, CancellationToken ct = default);

    /// <summary>The prescription for its print view; null when it does not exist.</summary>
    Task<PrescriptionDetail?> GetAsync(int prescriptionId, CancellationToken ct = default);

    /// <summary>
    /// The quantity to suggest for an item (frequency x days x dose, prescription_quantity_suggest); null when there is none.
    /// <paramref name="medicationId"/> is the chosen medication (its form tells whether a bare "2" counts units), or null.
    /// </summary>
    Task<int?> SuggestQuantityAsync(string? frequency, int durationDays, string? dose, int? medicationId, CancellationToken ct = default);

    /// <summary>The frequencies the form offers, in order, with the doses a day each means (prescription_frequency_list).</summary>
    Task<IReadOnlyList<PrescriptionFrequency>> FrequenciesAsync(CancellationToken ct = default);
}

public sealed class Prescribing(PrescriptionProcedures prescriptions, MedicationProcedures medications)
    : IPrescribing
{
    public Task<IReadOnlyList<MedicationRow>> SearchMedicationsAsync(string? search, CancellationToken ct = default) =>
        medications.ListAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), true, 0, 20, ct);

    public Task<int> IssueAsync(int visitId, IReadOnlyList<PrescriptionItemInput> items, string? notes, CancellationToken ct = default) =>
        prescriptions.IssueAsync(visitId, items, notes, ct);

    public Task<IReadOnlyList<VisitPrescription>> ForVisitAsync(int visitId, CancellationToken ct = default) =>
        prescriptions.ListForVisitAsync(visitId, ct);

    public Task CancelAsync(int prescriptionId, string reason, CancellationToken ct = default) =>
        prescriptions.CancelAsync(prescriptionId, reason, ct);

    public Task<PrescriptionDetail?> GetAsync(int prescriptionId, CancellationToken ct = default) => prescriptions.GetAsync(prescriptionId, ct);

    public Task<int?> SuggestQuantityAsync(string? frequency, int durationDays, string? dose, int? medicationId, CancellationToken ct = default) =>
        prescriptions.QuantitySuggestAsync(frequency, durationDays, dose, medicationId, ct);

    public Task<IReadOnlyList<PrescriptionFrequency>> FrequenciesAsync(CancellationToken ct = default) => prescriptions.FrequenciesAsync(ct);
}
