using Clinic.Data.Pharmacy;

namespace Clinic.Web.Services;

/// <summary>What the inventory screen calls: the catalogue, lots, receiving, adjustments and alerts. Every rule stays in the procedures.</summary>
public interface IPharmacyInventory
{
    /// <summary>The catalogue by name; <paramref name="active"/> null all. At most 200 a call.</summary>
    Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, bool? active, int offset, int limit, CancellationToken ct = default);
    /// <summary>One catalogue entry with its stock; null when it does not exist.</summary>
    Task<MedicationRow?> MedicationAsync(int medicationId, CancellationToken ct = default);
    Task<int> CreateMedicationAsync(MedicationInput input, CancellationToken ct = default);
    Task UpdateMedicationAsync(int medicationId, MedicationInput input, CancellationToken ct = default);
    Task SetMedicationActiveAsync(int medicationId, bool active, CancellationToken ct = default);

    /// <summary>A medication's lots in first-expiry-first-out order. At most 500 a call.</summary>
    Task<IReadOnlyList<StockLotRow>> LotsAsync(int medicationId, bool includeEmpty, int offset, int limit, CancellationToken ct = default);
    Task<int> ReceiveAsync(StockLotReceiveInput input, CancellationToken ct = default);
    Task<StockAdjustmentResult> AdjustAsync(int stockLotId, int quantityChange, string reason, string? note, CancellationToken ct = default);

    Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default);
    Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default);
}

public sealed class PharmacyInventory(MedicationProcedures medications, StockProcedures stock) : IPharmacyInventory
{
    public Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, bool? active, int offset, int limit, CancellationToken ct = default) =>
        medications.ListAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), active, offset, limit, ct);

    public Task<MedicationRow?> MedicationAsync(int medicationId, CancellationToken ct = default) => medications.GetAsync(medicationId, ct);

    public Task<int> CreateMedicationAsync(MedicationInput input, CancellationToken ct = default) => medications.CreateAsync(input, ct);

    public Task UpdateMedicationAsync(int medicationId, MedicationInput input, CancellationToken ct = default) =>
        medications.UpdateAsync(medicationId, input, ct);

    public Task SetMedicationActiveAsync(int medicationId, bool active, CancellationToken ct = default) =>
        medications.SetActiveAsync(medicationId, active, ct);

    public Task<IReadOnlyList<StockLotRow>> LotsAsync(int medicationId, bool includeEmpty, int offset, int limit, CancellationToken ct = default) =>
        stock.ListLotsAsync(medicationId, includeEmpty, offset, limit, ct);

    public Task<int> ReceiveAsync(StockLotReceiveInput input, CancellationToken ct = default) => stock.ReceiveAsync(input, ct);

    public Task<StockAdjustmentResult> AdjustAsync(int stockLotId, int quantityChange, string reason, string? note, CancellationToken ct = default) =>
        stock.AdjustAsync(stockLotId, quantityChange, reason, note, ct);

    public Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default) => stock.BelowReorderAsync(ct);

    public Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default) => stock.ExpiringLotsAsync(ct);
}
