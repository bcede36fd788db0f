using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Data.Common;

namespace Clinic.Data.Pharmacy;

public static class PrescriptionStatus
{
    public const string Issued = "issued";
    public const string PartiallyDispensed = "partially_dispensed";
    public const string Dispensed = "dispensed";
    public const string Cancelled = "cancelled";
    /// <summary>A list filter only (prescription_list): issued and partially dispensed, oldest first.</summary>
    public const string Pending = "pending";
    public static readonly IReadOnlyList<string> All = [Issued, PartiallyDispensed, Dispensed, Cancelled];
}

/// <summary>The routes CHECK ck_prescription_item_route allows, in the order a picker shows them.</summary>
public static class PrescriptionRoute
{
    public const string Oral = "oral";
    public const string Sublingual = "sublingual";
    public const string Topical = "topical";
    public const string Inhaled = "inhaled";
    public const string Nasal = "nasal";
    public const string Ophthalmic = "ophthalmic";
    public const string Otic = "otic";
    public const string Rectal = "rectal";
    public const string Vaginal = "vaginal";
    public const string Subcutaneous = "subcutaneous";
    public const string Intramuscular = "intramuscular";
    public const string Intravenous = "intravenous";
    public static readonly IReadOnlyList<string> All =
        [Oral, Sublingual, Topical, Inhaled, Nasal, Ophthalmic, Otic, Rectal, Vaginal, Subcutaneous, Intramuscular, Intravenous];
}

/// <summary>Error codes of prescriptions (db/ERRORS.md). The UI turns the two checks into dialogs.</summary>
public static class PrescriptionCodes
{
    public const int NoDoctorRecord = 50901;
    public const int UnknownVisit = 50902;
    public const int NotTreatingDoctor = 50903;
    public const int VisitClosed = 50904;
    public const int ItemsMalformed = 50905;
    public const int ItemCount = 50906;
    public const int UnknownMedication = 50907;
    public const int InactiveMedication = 50908;
    public const int MedicationTwice = 50909;
    public const int DoseOrFrequency = 50910;
    public const int BadRoute = 50911;
    public const int BadDuration = 50912;
    public const int BadQuantity = 50913;
    public const int BadStartDate = 50914;
    public const int BadEndDate = 50915;
    public const int TextTooLong = 50916;
    public const int NotesTooLong = 50917;

    /// <summary>
    /// An item's generic substance matches an active allergy of the patient. The message names the
    /// medication and the allergy; resubmit with <see cref="PrescriptionItemInput.AllergyOverrideReason"/> on that item.
    /// </summary>
    public const int AllergyConflict = 50920;

    /// <summary>
    /// The patient already has an active prescription with the same medication or substance. The message
    /// names both; resubmit with <see cref="PrescriptionItemInput.DuplicateConfirmed"/> on that item.
    /// </summary>
    public const int DuplicateTherapy = 50921;

    public const int UnknownPrescription = 50930;
    public const int CancelReasonRequired = 50931;
    public const int NotIssuingDoctor = 50932;
    public const int NotCancellable = 50933;
    public const int Final = 50934;
    public const int FixedFields = 50935;
    public const int StatusChangeNotAllowed = 50936;
    public const int StatusMismatch = 50937;
    public const int ItemFixed = 50938;
}

/// <summary>One line the doctor prescribes (an element of prescription_issue's p_items_json).</summary>
public sealed record PrescriptionItemInput
{
    public int MedicationId { get; init; }
    /// <summary>e.g. "500 mg", "2 tablets" (at most 50 characters).</summary>
    public string Dose { get; init; } = "";
    /// <summary>One of <see cref="PrescriptionRoute.All"/>.</summary>
    public string Route { get; init; } = PrescriptionRoute.Oral;
    /// <summary>e.g. "three times a day" (at most 50).</summary>
    public string Frequency { get; init; } = "";
    /// <summary>1 to 365.</summary>
    public int DurationDays { get; init; }
    /// <summary>Units to dispense, 1 to 100,000.</summary>
    public int Quantity { get; init; }
    public string? Instructions { get; init; }
    /// <summary>Today up to a year ahead (the date part is used).</summary>
    public DateTime StartDate { get; init; }
    /// <summary>Null: start + duration - 1.</summary>
    public DateTime? EndDate { get; init; }
    /// <summary>Set after an <see cref="PrescriptionCodes.AllergyConflict"/> dialog; stored and audited.</summary>
    public string? AllergyOverrideReason { get; init; }
    /// <summary>Set after a <see cref="PrescriptionCodes.DuplicateTherapy"/> dialog.</summary>
    public bool DuplicateConfirmed { get; init; }
}

/// <summary>prescription_get, first result set: the header of the print view and the dispense screen.</summary>
public sealed record PrescriptionHeader
{
    public int PrescriptionId { get; init; }
    public string Status { get; init; } = "";
    public int VisitId { get; init; }
    public DateTime VisitStartedAt { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    /// <summary>The patient's age today (the database's age_years).</summary>
    public int AgeYears { get; init; }
    /// <summary>The patient's age on the day the prescription was issued (age_years), for the printed prescription.</summary>
    public int AgeAtIssueYears { get; init; }
    /// <summary>The patient's active allergies, e.g. "penicillin (severe), sulfa (mild)"; null when none.</summary>
    public string? PatientAllergies { get; init; }
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string? Notes { get; init; }
    public int IssuedBy { get; init; }
    public string IssuedByName { get; init; } = "";
    public DateTime IssuedAt { get; init; }
    public DateTime? DispensedAt { get; init; }
    public int? CancelledBy { get; init; }
    public string? CancelledByName { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public string ClinicName { get; init; } = "";
    public string ClinicAddress { get; init; } = "";
    public string ClinicPhone { get; init; } = "";

    // What the signed-in user may do with the prescription now, as the database decides it (prescription_action_refusal):
    // a button shows exactly when its procedure would accept the call.
    /// <summary>The issuing doctor, or an administrator, while issued or partially dispensed.</summary>
    public bool CanCancel { get; init; }
    /// <summary>Pharmacy staff, while something remains to dispense (stock may still run short: 51047).</summary>
    public bool CanDispense { get; init; }
}

/// <summary>A prescription item with its dispensing progress (prescription_get, second result set).</summary>
public sealed record PrescriptionItemRow
{
    public int PrescriptionItemId { get; init; }
    public int PrescriptionId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string GenericSubstance { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public decimal UnitPrice { get; init; }
    public string Dose { get; init; } = "";
    public string Route { get; init; } = "";
    public string Frequency { get; init; } = "";
    public int DurationDays { get; init; }
    public int Quantity { get; init; }
    public int QuantityDispensed { get; init; }
    public int QuantityRemaining { get; init; }
    public string? Instructions { get; init; }
    public DateTime StartDate { get; init; }
    public DateTime EndDate { get; init; }
    public string? AllergyOverrideReason { get; init; }
    public bool DuplicateConfirmed { get; init; }
}

public sealed record PrescriptionDetail(PrescriptionHeader Header, IReadOnlyList<PrescriptionItemRow> Items);

/// <summary>A frequency the prescribing form offers (prescription_frequency_list), with the doses a day it means (0: as needed).</summary>
public sealed record PrescriptionFrequency
{
    public string Frequency { get; init; } = "";
    public int DosesPerDay { get; init; }
}

/// <summary>Filters of prescription_list; all optional.</summary>
public sealed record PrescriptionListFilter
{
    /// <summary>A <see cref="PrescriptionStatus"/> value, or <see cref="PrescriptionStatus.Pending"/> (oldest first).</summary>
    public string? Status { get; init; }
    public int? PatientId { get; init; }
    /// <summary>The prescribing doctor's staff id.</summary>
    public int? StaffId { get; init; }
    /// <summary>Issue date from (inclusive).</summary>
    public DateTime? From { get; init; }
    /// <summary>Issue date to (inclusive).</summary>
    public DateTime? To { get; init; }
}

public sealed record PrescriptionListRow
{
    public int PrescriptionId { get; init; }
    public string Status { get; init; } = "";
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public DateTime IssuedAt { get; init; }
    public DateTime? DispensedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public long ItemCount { get; init; }
    /// <summary>Medication names, comma separated.</summary>
    public string? Items { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>One prescription of a visit with its items (prescription_list_for_visit, grouped).</summary>
public sealed record VisitPrescription
{
    public int PrescriptionId { get; init; }
    public string Status { get; init; } = "";
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string? Notes { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime? DispensedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public IReadOnlyList<PrescriptionItemRow> Items { get; init; } = [];

    // What the signed-in user may do with the prescription now, as the database decides it (prescription_action_refusal):
    // a button shows exactly when its procedure would accept the call.
    /// <summary>The issuing doctor, or an administrator, while issued or partially dispensed.</summary>
    public bool CanCancel { get; init; }
    /// <summary>Pharmacy staff, while something remains to dispense (stock may still run short: 51047).</summary>
    public bool CanDispense { get; init; }
}

/// <summary>
/// Prescribing (db/procedures/prescription_*.sql). Only the visit's treating doctor issues, from an
/// open visit; the allergy and duplicate-therapy checks are in the database and come back as
/// <see cref="ClinicRuleException"/> with <see cref="PrescriptionCodes.AllergyConflict"/> or
/// <see cref="PrescriptionCodes.DuplicateTherapy"/>, each about one item.
/// </summary>
public sealed class PrescriptionProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Issues a prescription (all items or none); returns prescription_id.</summary>
    public async Task<int> IssueAsync(int visitId, IReadOnlyList<PrescriptionItemInput> items, string? notes = null,
        CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("prescription_issue", session, new
        {
            p_visit_id = visitId, p_items_json = ItemsJson(items), p_notes = notes,
        }, ct);

    /// <summary>The issuing doctor or an administrator cancels an issued or partially dispensed prescription.</summary>
    public async Task CancelAsync(int prescriptionId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("prescription_cancel", session,
            new { p_prescription_id = prescriptionId, p_reason = reason }, ct);

    /// <summary>Header and items, for the print view and the dispense screen; null when it does not exist.</summary>
    public async Task<PrescriptionDetail?> GetAsync(int prescriptionId, CancellationToken ct = default) =>
        await runner.QueryMultipleAsync("prescription_get", session, new { p_prescription_id = prescriptionId },
            async grid =>
            {
                var header = await grid.ReadSingleOrDefaultAsync<PrescriptionHeader>();
                var items = (await grid.ReadAsync<PrescriptionItemRow>()).ToList();
                return header is null ? null : new PrescriptionDetail(header, items);
            }, ct);

    /// <summary>
    /// The quantity to suggest for an item while the doctor types it: frequency x days x dose, by the database's
    /// prescription_quantity_for (the form of <paramref name="medicationId"/> tells whether a bare "2" counts units).
    /// Null when there is no suggestion ("as needed", a dose such as "500 mg").
    /// </summary>
    public async Task<int?> QuantitySuggestAsync(string? frequency, int durationDays, string? dose, int? medicationId,
        CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int?>("prescription_quantity_suggest", session, new
        {
            p_frequency = frequency, p_duration_days = durationDays, p_dose = dose, p_medication_id = medicationId,
        }, ct);

    /// <summary>The frequencies the prescribing form offers, in order.</summary>
    public async Task<IReadOnlyList<PrescriptionFrequency>> FrequenciesAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<PrescriptionFrequency>("prescription_frequency_list", session, null, ct);

    /// <summary>Prescriptions by filter; pending ones oldest first, others newest first. Paged (at most 100).</summary>
    public async Task<IReadOnlyList<PrescriptionListRow>> ListAsync(PrescriptionListFilter filter, int offset = 0, int limit = 50,
        CancellationToken ct = default) =>
        await runner.QueryAsync<PrescriptionListRow>("prescription_list", session, new
        {
            p_status = filter.Status, p_patient_id = filter.PatientId, p_staff_id = filter.StaffId,
            p_from = filter.From?.Date, p_to = filter.To?.Date, p_offset = offset, p_limit = limit,
        }, ct);

    /// <summary>A visit's prescriptions with their items, newest first.</summary>
    public async Task<IReadOnlyList<VisitPrescription>> ListForVisitAsync(int visitId, CancellationToken ct = default)
    {
        var rows = await runner.QueryAsync<VisitPrescriptionFlatRow>("prescription_list_for_visit", session,
            new { p_visit_id = visitId }, ct);
        return rows.GroupBy(r => r.PrescriptionId).Select(g =>
        {
            var first = g.First();
            return new VisitPrescription
            {
                PrescriptionId = first.PrescriptionId, Status = first.Status, VisitId = first.VisitId, PatientId = first.PatientId,
                StaffId = first.StaffId, DoctorName = first.DoctorName, Notes = first.Notes, IssuedAt = first.IssuedAt,
                DispensedAt = first.DispensedAt, CancelledAt = first.CancelledAt, CancelReason = first.CancelReason,
                CanCancel = first.CanCancel, CanDispense = first.CanDispense,
                Items = g.Select(r => new PrescriptionItemRow
                {
                    PrescriptionItemId = r.PrescriptionItemId, PrescriptionId = r.PrescriptionId, MedicationId = r.MedicationId,
                    MedicationName = r.MedicationName, GenericSubstance = r.GenericSubstance, Form = r.Form, Strength = r.Strength,
                    Dose = r.Dose, Route = r.Route, Frequency = r.Frequency, DurationDays = r.DurationDays, Quantity = r.Quantity,
                    QuantityDispensed = r.QuantityDispensed, QuantityRemaining = r.QuantityRemaining, Instructions = r.Instructions,
                    StartDate = r.StartDate, EndDate = r.EndDate, AllergyOverrideReason = r.AllergyOverrideReason,
                    DuplicateConfirmed = r.DuplicateConfirmed,
                }).ToList(),
            };
        }).ToList();
    }

    /// <summary>The p_items_json of prescription_issue, serialised from typed records (dates as yyyy-MM-dd).</summary>
    public static string ItemsJson(IEnumerable<PrescriptionItemInput> items) =>
        JsonSerializer.Serialize(items.Select(i => new ItemWire(
            i.MedicationId, i.Dose, i.Route, i.Frequency, i.DurationDays, i.Quantity, i.Instructions,
            DateOnly.FromDateTime(i.StartDate), i.EndDate is { } end ? DateOnly.FromDateTime(end) : null,
            i.AllergyOverrideReason, i.DuplicateConfirmed)).ToList());

    private sealed record ItemWire(
        [property: JsonPropertyName("medication_id")] int MedicationId,
        [property: JsonPropertyName("dose")] string Dose,
        [property: JsonPropertyName("route")] string Route,
        [property: JsonPropertyName("frequency")] string Frequency,
        [property: JsonPropertyName("duration_days")] int DurationDays,
        [property: JsonPropertyName("quantity")] int Quantity,
        [property: JsonPropertyName("instructions")] string? Instructions,
        [property: JsonPropertyName("start_date")] DateOnly StartDate,
        [property: JsonPropertyName("end_date")] DateOnly? EndDate,
        [property: JsonPropertyName("allergy_override_reason")] string? AllergyOverrideReason,
        [property: JsonPropertyName("duplicate_confirmed")] bool DuplicateConfirmed);
}

/// <summary>One row of prescription_list_for_visit (a prescription header repeated per item).</summary>
internal sealed record VisitPrescriptionFlatRow
{
    public int PrescriptionId { get; init; }
    public string Status { get; init; } = "";
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string? Notes { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime? DispensedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public int PrescriptionItemId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string GenericSubstance { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public string Dose { get; init; } = "";
    public string Route { get; init; } = "";
    public string Frequency { get; init; } = "";
    public int DurationDays { get; init; }
    public int Quantity { get; init; }
    public int QuantityDispensed { get; init; }
    public int QuantityRemaining { get; init; }
    public string? Instructions { get; init; }
    public DateTime StartDate { get; init; }
    public DateTime EndDate { get; init; }
    public string? AllergyOverrideReason { get; init; }
    public bool DuplicateConfirmed { get; init; }
    public bool CanCancel { get; init; }
    public bool CanDispense { get; init; }
}
