using Clinic.Data.Common;

namespace Clinic.Data.Pharmacy;

/// <summary>A delivery of one medication (stock_lot_receive).</summary>
public sealed record StockLotReceiveInput
{
    public int MedicationId { get; init; }
    /// <summary>Unique per medication, at most 50 characters.</summary>
    public string BatchNumber { get; init; } = "";
    /// <summary>Must be after today.</summary>
    public DateTime ExpiryDate { get; init; }
    /// <summary>1 to 10,000,000 units.</summary>
    public int Quantity { get; init; }
    public decimal UnitCost { get; init; }
    /// <summary>Not in the future; null: today.</summary>
    public DateTime? ReceivedDate { get; init; }
    public string? Supplier { get; init; }
}

public static class StockAdjustmentReason
{
    /// <summary>Taken off only (negative change).</summary>
    public const string Damaged = "damaged";
    /// <summary>Taken off only (negative change).</summary>
    public const string Expired = "expired";
    /// <summary>Either way; a note is required.</summary>
    public const string CountCorrection = "count_correction";
    public static readonly IReadOnlyList<string> All = [Damaged, Expired, CountCorrection];
}

public sealed record StockAdjustmentResult
{
    public int StockAdjustmentId { get; init; }
    /// <summary>The lot's quantity on hand after the change.</summary>
    public int QuantityOnHand { get; init; }
}

/// <summary>A lot in FEFO order (stock_lot_list).</summary>
public sealed record StockLotRow
{
    public int StockLotId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public string BatchNumber { get; init; } = "";
    public DateTime ExpiryDate { get; init; }
    public int QuantityReceived { get; init; }
    public int QuantityOnHand { get; init; }
    public decimal UnitCost { get; init; }
    public DateTime ReceivedDate { get; init; }
    public string? Supplier { get; init; }
    public int ReceivedBy { get; init; }
    public string ReceivedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    /// <summary>Expired before today: never dispensed.</summary>
    public bool IsExpired { get; init; }
    /// <summary>Unexpired and expiring within setting pharmacy.expiry_alert_days.</summary>
    public bool IsExpiringSoon { get; init; }
    public int DaysToExpiry { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>v_stock_below_reorder: an active medication whose unexpired stock is below its reorder level.</summary>
public sealed record StockBelowReorderRow
{
    public int MedicationId { get; init; }
    public string Name { get; init; } = "";
    public string GenericSubstance { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public int ReorderLevel { get; init; }
    public long OnHand { get; init; }
}

/// <summary>v_lot_expiring: a lot with stock expiring within the alert window, or already expired.</summary>
public sealed record LotExpiringRow
{
    public int StockLotId { get; init; }
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Form { get; init; } = "";
    public string Strength { get; init; } = "";
    public string BatchNumber { get; init; } = "";
    public DateTime ExpiryDate { get; init; }
    public int QuantityOnHand { get; init; }
    public bool IsExpired { get; init; }
    public int DaysToExpiry { get; init; }
}

/// <summary>Error codes of stock lots and adjustments (db/ERRORS.md).</summary>
public static class StockCodes
{
    public const int BatchMissing = 51011;
    public const int DuplicateBatch = 51012;
    public const int ExpiryNotInFuture = 51013;
    public const int BadQuantity = 51014;
    public const int NegativeCost = 51015;
    public const int ReceivedInFuture = 51016;
    public const int InactiveMedication = 51017;
    public const int SupplierTooLong = 51018;
    public const int ExpiryMissing = 51019;
    public const int UnknownLot = 51021;
    public const int BadReason = 51022;
    public const int NoteRequired = 51023;
    public const int BelowZero = 51024;
    public const int ZeroChange = 51025;
    public const int OnlyTakeOff = 51026;
    public const int NoteTooLong = 51027;
}

/// <summary>
/// Lot-tracked stock (db/procedures/stock_*.sql and the views v_stock_below_reorder, v_lot_expiring).
/// Pharmacists and administrators only.
/// </summary>
public sealed class StockProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Adds a lot; returns stock_lot_id.</summary>
    public async Task<int> ReceiveAsync(StockLotReceiveInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("stock_lot_receive", session, new
        {
            p_medication_id = input.MedicationId, p_batch_number = input.BatchNumber, p_expiry_date = input.ExpiryDate.Date,
            p_quantity = input.Quantity, p_unit_cost = input.UnitCost, p_received_date = input.ReceivedDate?.Date,
            p_supplier = input.Supplier,
        }, ct);

    /// <summary>
    /// An administrator records opening stock already on the shelf (moving from paper): like <see cref="ReceiveAsync"/>,
    /// but the expiry may be past (such a lot is listed as expired and never dispensed) and the received date is required.
    /// </summary>
    public async Task<int> RecordOpeningAsync(StockLotReceiveInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("stock_lot_record_opening", session, new
        {
            p_medication_id = input.MedicationId, p_batch_number = input.BatchNumber, p_expiry_date = input.ExpiryDate.Date,
            p_quantity = input.Quantity, p_unit_cost = input.UnitCost, p_received_date = input.ReceivedDate?.Date,
            p_supplier = input.Supplier,
        }, ct);

    /// <summary>Changes a lot's quantity by <paramref name="quantityChange"/> (signed) with a <see cref="StockAdjustmentReason"/>.</summary>
    public async Task<StockAdjustmentResult> AdjustAsync(int stockLotId, int quantityChange, string reason, string? note = null,
        CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<StockAdjustmentResult>("stock_adjust", session, new
        {
            p_stock_lot_id = stockLotId, p_quantity_change = quantityChange, p_reason = reason, p_note = note,
        }, ct))!;

    /// <summary>
    /// Lots in first-expiry-first-out order, of one medication or (null) of all by medication name;
    /// without empty lots unless <paramref name="includeEmpty"/>. Paged (at most 500).
    /// </summary>
    public async Task<IReadOnlyList<StockLotRow>> ListLotsAsync(int? medicationId, bool includeEmpty = false, int offset = 0,
        int limit = 100, CancellationToken ct = default) =>
        await runner.QueryAsync<StockLotRow>("stock_lot_list", session, new
        {
            p_medication_id = medicationId, p_include_empty = includeEmpty, p_offset = offset, p_limit = limit,
        }, ct);

    /// <summary>Alert: active medications below their reorder level, least stock first.</summary>
    public Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default) =>
        runner.QueryAsync<StockBelowReorderRow>("stock_below_reorder_list", session, null, ct);

    /// <summary>Alert: lots with stock that expired already or expire within the alert window, soonest first.</summary>
    public Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default) =>
        runner.QueryAsync<LotExpiringRow>("lot_expiring_list", session, null, ct);
}
