using Clinic.Data.Pharmacy;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>
/// What the pharmacy dashboard, the dispense screen, the dispensing history and the printable receipt call.
/// A seam so that component tests need no database; every rule (FEFO, never below zero, statuses) stays in the procedures.
/// </summary>
public interface IPharmacyDesk
{
    /// <summary>v_pharmacy_count: pending prescriptions, dispensed today, low stock, expiring and expired lots.</summary>
    Task<PharmacyCounts> CountsAsync(CancellationToken ct = default);

    /// <summary>Prescriptions waiting to be dispensed (issued or partially dispensed), oldest first; at most 100 a call.</summary>
    Task<IReadOnlyList<PrescriptionListRow>> PendingAsync(int offset, int limit, CancellationToken ct = default);

    /// <summary>Alert: active medications below their reorder level.</summary>
    Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default);

    /// <summary>Alert: lots with stock expiring within the alert window, or already expired.</summary>
    Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default);

    /// <summary>The prescription and its items with what was dispensed and what remains; null when it does not exist.</summary>
    Task<PrescriptionDetail?> PrescriptionAsync(int prescriptionId, CancellationToken ct = default);

    /// <summary>
    /// The lots first-expiry-first-out would take for <paramref name="quantities"/> (null: what remains, no more than
    /// unexpired stock covers), any shortfall, and the units and estimated total, all computed by prescription_dispense_preview.
    /// </summary>
    Task<DispensePreview> PreviewAsync(int prescriptionId, IReadOnlyList<DispenseItemInput>? quantities, CancellationToken ct = default);

    /// <summary>Dispenses the given quantities (each 1 to what remains) in one transaction; returns the receipt.</summary>
    Task<DispenseResult> DispenseAsync(int prescriptionId, IReadOnlyList<DispenseItemInput> items, CancellationToken ct = default);

    /// <summary>A dispensing's receipt; null when it does not exist.</summary>
    Task<DispensingReceipt?> ReceiptAsync(int dispensingId, CancellationToken ct = default);

    /// <summary>Dispensings newest first by filter; at most 100 a call.</summary>
    Task<IReadOnlyList<DispensingHistoryRow>> HistoryAsync(DispensingHistoryFilter filter, int offset, int limit, CancellationToken ct = default);

    /// <summary>The doctors for the history's filter (active and former), by name.</summary>
    Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default);

    /// <summary>Catalogue entries (active or not) whose name or substance contains <paramref name="search"/>, for the history's filter.</summary>
    Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, CancellationToken ct = default);
}

public sealed class PharmacyDesk(DispensingProcedures dispensing, PrescriptionProcedures prescriptions, StockProcedures stock,
    MedicationProcedures medications, StaffProcedures staff) : IPharmacyDesk
{
    private const int StaffPageSize = 100;

    public Task<PharmacyCounts> CountsAsync(CancellationToken ct = default) => dispensing.CountsAsync(ct);

    public Task<IReadOnlyList<PrescriptionListRow>> PendingAsync(int offset, int limit, CancellationToken ct = default) =>
        prescriptions.ListAsync(new PrescriptionListFilter { Status = PrescriptionStatus.Pending }, offset, limit, ct);

    public Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default) => stock.BelowReorderAsync(ct);

    public Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default) => stock.ExpiringLotsAsync(ct);

    public Task<PrescriptionDetail?> PrescriptionAsync(int prescriptionId, CancellationToken ct = default) =>
        prescriptions.GetAsync(prescriptionId, ct);

    public Task<DispensePreview> PreviewAsync(int prescriptionId, IReadOnlyList<DispenseItemInput>? quantities,
        CancellationToken ct = default) =>
        dispensing.PreviewAsync(prescriptionId, quantities, ct);

    public Task<DispenseResult> DispenseAsync(int prescriptionId, IReadOnlyList<DispenseItemInput> items, CancellationToken ct = default)
    {
        // An empty list means "everything that remains" to prescription_dispense: the screen always names the items it means.
        if (items.Count == 0)
            throw new ArgumentException("Name at least one item to dispense.", nameof(items));
        return dispensing.DispenseAsync(prescriptionId, items, ct);
    }

    public Task<DispensingReceipt?> ReceiptAsync(int dispensingId, CancellationToken ct = default) => dispensing.GetAsync(dispensingId, ct);

    public Task<IReadOnlyList<DispensingHistoryRow>> HistoryAsync(DispensingHistoryFilter filter, int offset, int limit,
        CancellationToken ct = default) =>
        dispensing.HistoryAsync(filter, offset, limit, ct);

    public async Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default)
    {
        var doctors = new List<StaffRow>();
        // Former doctors too: their prescriptions stay in the history. The cap only guards against a runaway loop.
        for (var page = 0; page < 20; page++)
        {
            var rows = await staff.ListDoctorsAsync(null, page * StaffPageSize, StaffPageSize, ct);
            doctors.AddRange(rows);
            if (rows.Count < StaffPageSize || doctors.Count >= rows[0].TotalCount)
                break;
        }
        return doctors.OrderBy(d => d.FamilyName).ThenBy(d => d.GivenName).ToList();
    }

    public Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, CancellationToken ct = default) =>
        medications.ListAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), null, 0, 20, ct);
}
