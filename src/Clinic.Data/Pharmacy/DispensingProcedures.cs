using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Data.Common;

namespace Clinic.Data.Pharmacy;

/// <summary>Units of one prescription item to dispense now (an element of prescription_dispense's p_items_json).</summary>
public sealed record DispenseItemInput(int PrescriptionItemId, int Quantity);

/// <summary>What prescription_dispense returns.</summary>
public sealed record DispenseResult
{
    public int DispensingId { get; init; }
    /// <summary>e.g. RX-000123.</summary>
    public string ReceiptNumber { get; init; } = "";
    public decimal TotalAmount { get; init; }
    /// <summary>The prescription's status afterwards: partially_dispensed or dispensed.</summary>
    public string Status { get; init; } = "";
}

/// <summary>A lot FEFO would take units from (prescription_dispense_preview).</summary>
public sealed record DispensePreviewLot
{
    public int StockLotId { get; init; }
    public string BatchNumber { get; init; } = "";
    public DateTime ExpiryDate { get; init; }
    public int QuantityOnHand { get; init; }
    public int TakeQuantity { get; init; }
}

/// <summary>An item that remains to be dispensed, with the lots FEFO takes for the quantity chosen now and any shortfall.</summary>
public sealed record DispensePreviewItem
{
    public int PrescriptionItemId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public decimal UnitPrice { get; init; }
    public int Quantity { get; init; }
    public int QuantityDispensed { get; init; }
    public int QuantityRemaining { get; init; }
    /// <summary>
    /// The units the preview is for: the chosen quantity, or (no quantities given) what remains but no more
    /// than unexpired stock covers. <see cref="Lots"/> take exactly this many when there is enough stock.
    /// </summary>
    public long QuantityNow { get; init; }
    /// <summary>Units in unexpired lots of the medication.</summary>
    public long Available { get; init; }
    /// <summary>Units in expired lots (never dispensed).</summary>
    public long ExpiredOnHand { get; init; }
    /// <summary>QuantityRemaining - Available when positive: what unexpired stock cannot cover now.</summary>
    public long Shortfall { get; init; }
    /// <summary>QuantityNow - Available when positive: prescription_dispense would refuse the dispensing.</summary>
    public long ShortfallNow { get; init; }
    /// <summary>QuantityNow x the unit price, as prescription_dispense charges it.</summary>
    public decimal AmountNow { get; init; }
    public IReadOnlyList<DispensePreviewLot> Lots { get; init; } = [];
}

/// <summary>prescription_dispense_preview: the remaining items, and the units and estimated total of the quantities chosen now.</summary>
public sealed record DispensePreview
{
    public IReadOnlyList<DispensePreviewItem> Items { get; init; } = [];
    /// <summary>The units chosen now over every item.</summary>
    public long UnitsNow { get; init; }
    /// <summary>What the chosen quantities cost at the current unit prices.</summary>
    public decimal EstimatedTotal { get; init; }

    public DispensePreviewItem? For(int prescriptionItemId) => Items.FirstOrDefault(i => i.PrescriptionItemId == prescriptionItemId);
}

/// <summary>dispensing_get, first result set: the receipt header.</summary>
public sealed record DispensingHeader
{
    public int DispensingId { get; init; }
    public string ReceiptNumber { get; init; } = "";
    public DateTime DispensedAt { get; init; }
    public decimal TotalAmount { get; init; }
    /// <summary>What was charged to the patient's bill for this dispensing (its lines' charges); null when nothing was charged.</summary>
    public decimal? BilledTotal { get; init; }
    public int PrescriptionId { get; init; }
    public string PrescriptionStatus { get; init; } = "";
    public DateTime IssuedAt { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public int DispensedBy { get; init; }
    public string PharmacistName { get; init; } = "";
    public string ClinicName { get; init; } = "";
    public string ClinicAddress { get; init; } = "";
    public string ClinicPhone { get; init; } = "";
}

/// <summary>dispensing_get, second result set: the units taken from one lot for one item.</summary>
public sealed record DispensingLineRow
{
    public int DispensingLineId { get; init; }
    public int PrescriptionItemId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public string Dose { get; init; } = "";
    public string Route { get; init; } = "";
    public string Frequency { get; init; } = "";
    public string? Instructions { get; init; }
    public int StockLotId { get; init; }
    public string BatchNumber { get; init; } = "";
    public DateTime ExpiryDate { get; init; }
    public int Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal LineTotal { get; init; }
    /// <summary>The line's charge on the invoice (rounded once by the database); null when it was not charged.</summary>
    public decimal? BilledAmount { get; init; }
}

public sealed record DispensingReceipt(DispensingHeader Header, IReadOnlyList<DispensingLineRow> Lines);

/// <summary>Filters of dispensing_history; all optional.</summary>
public sealed record DispensingHistoryFilter
{
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    /// <summary>The prescribing doctor's staff id.</summary>
    public int? StaffId { get; init; }
    /// <summary>An exact MRN or part of the patient's name.</summary>
    public string? Patient { get; init; }
    public int? MedicationId { get; init; }
}

public sealed record DispensingHistoryRow
{
    public int DispensingId { get; init; }
    public string ReceiptNumber { get; init; } = "";
    public DateTime DispensedAt { get; init; }
    public decimal TotalAmount { get; init; }
    public int PrescriptionId { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public int DispensedBy { get; init; }
    public string PharmacistName { get; init; } = "";
    public long LineCount { get; init; }
    /// <summary>Medication names, comma separated.</summary>
    public string? Medications { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>v_pharmacy_count: the pharmacy dashboard's numbers.</summary>
public sealed record PharmacyCounts
{
    public long PendingPrescriptionCount { get; init; }
    public DateTime? OldestPendingIssuedAt { get; init; }
    public long DispensedTodayCount { get; init; }
    public long LowStockCount { get; init; }
    /// <summary>Unexpired lots with stock expiring within pharmacy.expiry_alert_days.</summary>
    public long ExpiringLotCount { get; init; }
    /// <summary>Expired lots still holding stock.</summary>
    public long ExpiredLotCount { get; init; }
}

/// <summary>Error codes of dispensing (db/ERRORS.md).</summary>
public static class DispensingCodes
{
    public const int ItemsMalformed = 51041;
    public const int ItemNotOnPrescription = 51042;
    public const int ItemTwice = 51043;
    public const int BadQuantity = 51044;
    public const int Cancelled = 51045;
    public const int NothingRemains = 51046;
    /// <summary>Unexpired stock cannot cover a requested quantity; the message names the medication and what is available.</summary>
    public const int NotEnoughStock = 51047;
}

/// <summary>
/// Dispensing (db/procedures/prescription_dispense*.sql, dispensing_*.sql, view v_pharmacy_count).
/// Pharmacists and administrators. prescription_dispense is one transaction: FEFO from unexpired
/// lots, never below zero, concurrency-safe.
/// </summary>
public sealed class DispensingProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>
    /// Dispenses <paramref name="items"/> (null or empty: everything that remains) and returns the receipt.
    /// Refused as a whole (nothing written) when unexpired stock cannot cover an item.
    /// </summary>
    public async Task<DispenseResult> DispenseAsync(int prescriptionId, IReadOnlyList<DispenseItemInput>? items = null,
        CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<DispenseResult>("prescription_dispense", session, new
        {
            p_prescription_id = prescriptionId, p_items_json = items is null || items.Count == 0 ? null : ItemsJson(items),
        }, ct))!;

    /// <summary>
    /// Read only: for each remaining item, the lots FEFO would take for <paramref name="quantities"/> (an item not
    /// listed is not dispensed now; null: what remains, no more than unexpired stock covers), any shortfall, and the
    /// units and estimated total of those quantities. A quantity outside 0..remaining is refused (51044).
    /// </summary>
    public async Task<DispensePreview> PreviewAsync(int prescriptionId, IReadOnlyList<DispenseItemInput>? quantities = null,
        CancellationToken ct = default)
    {
        var rows = await runner.QueryAsync<DispensePreviewRow>("prescription_dispense_preview", session,
            new { p_prescription_id = prescriptionId, p_items_json = quantities is null ? null : ItemsJson(quantities) }, ct);
        var items = rows.GroupBy(r => r.PrescriptionItemId).Select(g =>
        {
            var first = g.First();
            return new DispensePreviewItem
            {
                PrescriptionItemId = first.PrescriptionItemId, MedicationId = first.MedicationId, MedicationName = first.MedicationName,
                Form = first.Form, Strength = first.Strength, UnitPrice = first.UnitPrice, Quantity = first.Quantity,
                QuantityDispensed = first.QuantityDispensed, QuantityRemaining = first.QuantityRemaining, QuantityNow = first.QuantityNow,
                Available = first.Available, ExpiredOnHand = first.ExpiredOnHand, Shortfall = first.Shortfall,
                ShortfallNow = first.ShortfallNow, AmountNow = first.AmountNow,
                Lots = g.Where(r => r.StockLotId is not null).Select(r => new DispensePreviewLot
                {
                    StockLotId = r.StockLotId!.Value, BatchNumber = r.BatchNumber ?? "", ExpiryDate = r.ExpiryDate!.Value,
                    QuantityOnHand = r.QuantityOnHand ?? 0, TakeQuantity = (int)r.TakeQuantity,
                }).ToList(),
            };
        }).ToList();
        return new DispensePreview
        {
            Items = items, UnitsNow = rows.FirstOrDefault()?.UnitsNow ?? 0, EstimatedTotal = rows.FirstOrDefault()?.EstimatedTotal ?? 0m,
        };
    }

    /// <summary>The receipt (header and lines); null when it does not exist.</summary>
    public async Task<DispensingReceipt?> GetAsync(int dispensingId, CancellationToken ct = default) =>
        await runner.QueryMultipleAsync("dispensing_get", session, new { p_dispensing_id = dispensingId },
            async grid =>
            {
                var header = await grid.ReadSingleOrDefaultAsync<DispensingHeader>();
                var lines = (await grid.ReadAsync<DispensingLineRow>()).ToList();
                return header is null ? null : new DispensingReceipt(header, lines);
            }, ct);

    /// <summary>Dispensings newest first by filter. Paged (at most 100).</summary>
    public async Task<IReadOnlyList<DispensingHistoryRow>> HistoryAsync(DispensingHistoryFilter filter, int offset = 0, int limit = 50,
        CancellationToken ct = default) =>
        await runner.QueryAsync<DispensingHistoryRow>("dispensing_history", session, new
        {
            p_from = filter.From?.Date, p_to = filter.To?.Date, p_staff_id = filter.StaffId, p_patient = filter.Patient,
            p_medication_id = filter.MedicationId, p_offset = offset, p_limit = limit,
        }, ct);

    /// <summary>The pharmacy dashboard's counts (pharmacy_counts).</summary>
    public async Task<PharmacyCounts> CountsAsync(CancellationToken ct = default) =>
        (await runner.QueryAsync<PharmacyCounts>("pharmacy_counts", session, null, ct)).Single();

    /// <summary>The p_items_json of prescription_dispense, serialised from typed records.</summary>
    public static string ItemsJson(IEnumerable<DispenseItemInput> items) =>
        JsonSerializer.Serialize(items.Select(i => new ItemWire(i.PrescriptionItemId, i.Quantity)).ToList());

    private sealed record ItemWire(
        [property: JsonPropertyName("prescription_item_id")] int PrescriptionItemId,
        [property: JsonPropertyName("quantity")] int Quantity);
}

/// <summary>One row of prescription_dispense_preview (an item repeated per lot).</summary>
internal sealed record DispensePreviewRow
{
    public int PrescriptionItemId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public decimal UnitPrice { get; init; }
    public int Quantity { get; init; }
    public int QuantityDispensed { get; init; }
    public int QuantityRemaining { get; init; }
    public int? StockLotId { get; init; }
    public string? BatchNumber { get; init; }
    public DateTime? ExpiryDate { get; init; }
    public int? QuantityOnHand { get; init; }
    public long TakeQuantity { get; init; }
    public long Available { get; init; }
    public long ExpiredOnHand { get; init; }
    public long Shortfall { get; init; }
    public long QuantityNow { get; init; }
    public long ShortfallNow { get; init; }
    public decimal AmountNow { get; init; }
    public long UnitsNow { get; init; }
    public decimal EstimatedTotal { get; init; }
}
