using Clinic.Data.Pharmacy;
using Clinic.Data.Staff;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Pharmacy;

/// <summary>Answers like the pharmacy procedures over in-memory rows, and records what the screens asked for.</summary>
internal sealed class FakePharmacyDesk : IPharmacyDesk
{
    public PharmacyCounts Counts { get; set; } = new();
    public List<PrescriptionListRow> Pending { get; set; } = [];
    public List<StockBelowReorderRow> BelowReorder { get; set; } = [];
    public List<LotExpiringRow> Expiring { get; set; } = [];
    public Dictionary<int, PrescriptionDetail> Prescriptions { get; } = [];
    /// <summary>What prescription_dispense_preview answers for a prescription and the quantities sent (null: none sent).</summary>
    public Dictionary<int, Func<IReadOnlyList<DispenseItemInput>?, DispensePreview>> Previews { get; } = [];
    public List<(int PrescriptionId, IReadOnlyList<DispenseItemInput>? Quantities)> PreviewCalls { get; } = [];
    /// <summary>A refusal prescription_dispense_preview answers with (once).</summary>
    public Exception? PreviewFailure { get; set; }
    public Dictionary<int, DispensingReceipt> Receipts { get; } = [];
    public List<DispensingHistoryRow> History { get; set; } = [];
    public List<StaffRow> Doctors { get; set; } = [];
    public List<MedicationRow> Medications { get; set; } = [];

    public List<(int PrescriptionId, IReadOnlyList<DispenseItemInput> Items)> Dispensed { get; } = [];
    public List<(DispensingHistoryFilter Filter, int Offset, int Limit)> HistoryCalls { get; } = [];
    public List<(int Offset, int Limit)> PendingCalls { get; } = [];
    public DispenseResult DispenseAnswer { get; set; } = new() { DispensingId = 77, ReceiptNumber = "RX-000077", TotalAmount = 12.50m, Status = PrescriptionStatus.Dispensed };
    public Exception? DispenseFailure { get; set; }
    public Exception? LoadFailure { get; set; }
    public TaskCompletionSource? Gate { get; set; }
    /// <summary>Run after a successful dispensing, e.g. to move the prescription on.</summary>
    public Action<int>? AfterDispense { get; set; }

    private async Task<T> Answer<T>(Func<T> value)
    {
        if (Gate is not null)
            await Gate.Task;
        if (LoadFailure is not null)
            throw LoadFailure;
        return value();
    }

    public Task<PharmacyCounts> CountsAsync(CancellationToken ct = default) => Answer(() => Counts);

    public Task<IReadOnlyList<PrescriptionListRow>> PendingAsync(int offset, int limit, CancellationToken ct = default)
    {
        PendingCalls.Add((offset, limit));
        Assert.That(limit, Is.InRange(1, 100), "prescription_list serves at most 100 rows a call");
        return Answer<IReadOnlyList<PrescriptionListRow>>(() =>
            Pending.Skip(offset).Take(limit).Select(r => r with { TotalCount = Pending.Count }).ToList());
    }

    public Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default) =>
        Answer<IReadOnlyList<StockBelowReorderRow>>(() => BelowReorder);

    public Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default) =>
        Answer<IReadOnlyList<LotExpiringRow>>(() => Expiring);

    public Task<PrescriptionDetail?> PrescriptionAsync(int prescriptionId, CancellationToken ct = default) =>
        Answer(() => Prescriptions.GetValueOrDefault(prescriptionId));

    public Task<DispensePreview> PreviewAsync(int prescriptionId, IReadOnlyList<DispenseItemInput>? quantities, CancellationToken ct = default)
    {
        PreviewCalls.Add((prescriptionId, quantities));
        if (PreviewFailure is { } failure)
        {
            PreviewFailure = null;
            return Task.FromException<DispensePreview>(failure);
        }
        return Answer(() => Previews.TryGetValue(prescriptionId, out var answer) ? answer(quantities) : new DispensePreview());
    }

    public Task<DispenseResult> DispenseAsync(int prescriptionId, IReadOnlyList<DispenseItemInput> items, CancellationToken ct = default)
    {
        Dispensed.Add((prescriptionId, items));
        if (DispenseFailure is not null)
            return Task.FromException<DispenseResult>(DispenseFailure);
        AfterDispense?.Invoke(prescriptionId);
        return Task.FromResult(DispenseAnswer);
    }

    public Task<DispensingReceipt?> ReceiptAsync(int dispensingId, CancellationToken ct = default) =>
        Answer(() => Receipts.GetValueOrDefault(dispensingId));

    public Task<IReadOnlyList<DispensingHistoryRow>> HistoryAsync(DispensingHistoryFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        HistoryCalls.Add((filter, offset, limit));
        Assert.That(limit, Is.InRange(1, 100), "dispensing_history serves at most 100 rows a call");
        var matching = History.Where(h =>
            (filter.StaffId is null || h.StaffId == filter.StaffId) &&
            (filter.Patient is null || h.Mrn == filter.Patient || h.PatientName.Contains(filter.Patient, StringComparison.OrdinalIgnoreCase)) &&
            (filter.From is null || h.DispensedAt.Date >= filter.From) && (filter.To is null || h.DispensedAt.Date <= filter.To)).ToList();
        return Answer<IReadOnlyList<DispensingHistoryRow>>(() =>
            matching.Skip(offset).Take(limit).Select(r => r with { TotalCount = matching.Count }).ToList());
    }

    public Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<StaffRow>>(Doctors);

    public Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<MedicationRow>>(Medications
            .Where(m => string.IsNullOrWhiteSpace(search) || m.Name.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList());
}

internal sealed class FakePharmacyInventory : IPharmacyInventory
{
    public List<MedicationRow> Medications { get; set; } = [];
    public Dictionary<int, List<StockLotRow>> Lots { get; } = [];
    public List<StockBelowReorderRow> BelowReorder { get; set; } = [];
    public List<LotExpiringRow> Expiring { get; set; } = [];
    public List<(string? Search, bool? Active, int Offset, int Limit)> ListCalls { get; } = [];
    public List<StockLotReceiveInput> Received { get; } = [];
    public List<(int LotId, int Change, string Reason, string? Note)> Adjusted { get; } = [];
    public List<(int MedicationId, bool Active)> ActiveChanges { get; } = [];
    public List<MedicationInput> Created { get; } = [];
    public List<(int MedicationId, MedicationInput Input)> Updated { get; } = [];
    public Exception? Failure { get; set; }

    public Task<IReadOnlyList<MedicationRow>> MedicationsAsync(string? search, bool? active, int offset, int limit, CancellationToken ct = default)
    {
        ListCalls.Add((search, active, offset, limit));
        var matching = Medications.Where(m => (active is null || m.IsActive == active) &&
            (string.IsNullOrWhiteSpace(search) || m.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
             || m.GenericSubstance.Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
        return Task.FromResult<IReadOnlyList<MedicationRow>>(matching.Skip(offset).Take(limit).Select(m => m with { TotalCount = matching.Count }).ToList());
    }

    public Task<MedicationRow?> MedicationAsync(int medicationId, CancellationToken ct = default) =>
        Task.FromResult(Medications.FirstOrDefault(m => m.MedicationId == medicationId));

    public Task<int> CreateMedicationAsync(MedicationInput input, CancellationToken ct = default)
    {
        Created.Add(input);
        return Failure is null ? Task.FromResult(500) : Task.FromException<int>(Failure);
    }

    public Task UpdateMedicationAsync(int medicationId, MedicationInput input, CancellationToken ct = default)
    {
        Updated.Add((medicationId, input));
        return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
    }

    public Task SetMedicationActiveAsync(int medicationId, bool active, CancellationToken ct = default)
    {
        ActiveChanges.Add((medicationId, active));
        var index = Medications.FindIndex(m => m.MedicationId == medicationId);
        Medications[index] = Medications[index] with { IsActive = active };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StockLotRow>> LotsAsync(int medicationId, bool includeEmpty, int offset, int limit, CancellationToken ct = default)
    {
        var lots = (Lots.GetValueOrDefault(medicationId) ?? []).Where(l => includeEmpty || l.QuantityOnHand > 0).ToList();
        return Task.FromResult<IReadOnlyList<StockLotRow>>(lots.Select(l => l with { TotalCount = lots.Count }).ToList());
    }

    public Task<int> ReceiveAsync(StockLotReceiveInput input, CancellationToken ct = default)
    {
        Received.Add(input);
        if (Failure is not null)
            return Task.FromException<int>(Failure);
        var lots = Lots.TryGetValue(input.MedicationId, out var existing) ? existing : Lots[input.MedicationId] = [];
        lots.Add(new StockLotRow
        {
            StockLotId = 900 + lots.Count, MedicationId = input.MedicationId, BatchNumber = input.BatchNumber, ExpiryDate = input.ExpiryDate,
            QuantityReceived = input.Quantity, QuantityOnHand = input.Quantity, UnitCost = input.UnitCost, ReceivedDate = input.ReceivedDate ?? DateTime.Today,
            Supplier = input.Supplier, DaysToExpiry = (input.ExpiryDate - DateTime.Today).Days,
        });
        return Task.FromResult(900 + lots.Count - 1);
    }

    public Task<StockAdjustmentResult> AdjustAsync(int stockLotId, int quantityChange, string reason, string? note, CancellationToken ct = default)
    {
        Adjusted.Add((stockLotId, quantityChange, reason, note));
        if (Failure is not null)
            return Task.FromException<StockAdjustmentResult>(Failure);
        foreach (var lots in Lots.Values)
        {
            var index = lots.FindIndex(l => l.StockLotId == stockLotId);
            if (index >= 0)
            {
                lots[index] = lots[index] with { QuantityOnHand = lots[index].QuantityOnHand + quantityChange };
                return Task.FromResult(new StockAdjustmentResult { StockAdjustmentId = 1, QuantityOnHand = lots[index].QuantityOnHand });
            }
        }
        throw new InvalidOperationException("no such lot");
    }

    public Task<IReadOnlyList<StockBelowReorderRow>> BelowReorderAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StockBelowReorderRow>>(BelowReorder);

    public Task<IReadOnlyList<LotExpiringRow>> ExpiringLotsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LotExpiringRow>>(Expiring);
}

internal sealed class FakePrescribing : IPrescribing
{
    public List<MedicationRow> Medications { get; set; } = [];
    public List<VisitPrescription> ForVisit { get; set; } = [];
    public Dictionary<int, PrescriptionDetail> Details { get; } = [];
    /// <summary>Refusals prescription_issue answers with, one a call, before it issues.</summary>
    public Queue<Exception> IssueRefusals { get; } = new();
    public List<(int VisitId, IReadOnlyList<PrescriptionItemInput> Items, string? Notes)> IssueCalls { get; } = [];
    public List<(int PrescriptionId, string Reason)> Cancelled { get; } = [];
    public int NextId { get; set; } = 41;
    public Exception? GetFailure { get; set; }

    public Task<IReadOnlyList<MedicationRow>> SearchMedicationsAsync(string? search, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<MedicationRow>>(Medications
            .Where(m => string.IsNullOrWhiteSpace(search) || m.Name.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList());

    public Task<int> IssueAsync(int visitId, IReadOnlyList<PrescriptionItemInput> items, string? notes, CancellationToken ct = default)
    {
        IssueCalls.Add((visitId, items, notes));
        if (IssueRefusals.TryDequeue(out var refusal))
            return Task.FromException<int>(refusal);
        return Task.FromResult(NextId);
    }

    public Task<IReadOnlyList<VisitPrescription>> ForVisitAsync(int visitId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<VisitPrescription>>(ForVisit.Where(p => p.VisitId == visitId).ToList());

    public Task CancelAsync(int prescriptionId, string reason, CancellationToken ct = default)
    {
        Cancelled.Add((prescriptionId, reason));
        var index = ForVisit.FindIndex(p => p.PrescriptionId == prescriptionId);
        if (index >= 0)
            ForVisit[index] = ForVisit[index] with { Status = PrescriptionStatus.Cancelled, CancelReason = reason, CanCancel = false, CanDispense = false };
        return Task.CompletedTask;
    }

    public Task<PrescriptionDetail?> GetAsync(int prescriptionId, CancellationToken ct = default) =>
        GetFailure is null ? Task.FromResult(Details.GetValueOrDefault(prescriptionId)) : Task.FromException<PrescriptionDetail?>(GetFailure);

    /// <summary>What prescription_quantity_suggest answers, by (frequency, days, dose, medication id); no entry: no suggestion.</summary>
    public Dictionary<(string? Frequency, int Days, string? Dose, int? MedicationId), int> Suggestions { get; } = [];
    public List<(string? Frequency, int Days, string? Dose, int? MedicationId)> SuggestCalls { get; } = [];
    public List<PrescriptionFrequency> Frequencies { get; set; } =
    [
        new() { Frequency = "once a day", DosesPerDay = 1 }, new() { Frequency = "twice a day", DosesPerDay = 2 },
        new() { Frequency = "three times a day", DosesPerDay = 3 }, new() { Frequency = "four times a day", DosesPerDay = 4 },
        new() { Frequency = "as needed", DosesPerDay = 0 },
    ];

    /// <summary>When set, the next suggestion answers only when the test completes it (a slow database), then it is cleared.</summary>
    public TaskCompletionSource<int?>? SuggestionGate { get; set; }

    public Task<int?> SuggestQuantityAsync(string? frequency, int durationDays, string? dose, int? medicationId, CancellationToken ct = default)
    {
        SuggestCalls.Add((frequency, durationDays, dose, medicationId));
        if (SuggestionGate is { } gate)
        {
            SuggestionGate = null;
            return gate.Task;
        }
        if (Suggestions.TryGetValue((frequency, durationDays, dose, medicationId), out var q))
            return Task.FromResult<int?>(q);
        // Otherwise as the database answers for countable forms: doses a day x days x the units a dose ("2 tablets").
        var perDay = Frequencies.FirstOrDefault(f => f.Frequency == frequency?.Trim())?.DosesPerDay ?? 0;
        var units = dose?.Trim().Split(' ')[0] is { } first && int.TryParse(first, out var n) ? n : 0;
        return Task.FromResult(perDay > 0 && units > 0 && medicationId is not null ? perDay * durationDays * units : (int?)null);
    }

    public Task<IReadOnlyList<PrescriptionFrequency>> FrequenciesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PrescriptionFrequency>>(Frequencies);
}

/// <summary>Rows as the procedures return them.</summary>
internal static class PharmacyData
{
    public static MedicationRow Medication(int id, string name, string substance, long onHand = 100, string form = "tablet", string strength = "500 mg",
        int reorder = 20, bool active = true) => new()
    {
        MedicationId = id, Name = name, GenericSubstance = substance, Form = form, Strength = strength, UnitPrice = 0.5m, ReorderLevel = reorder,
        IsActive = active, OnHand = onHand, BelowReorder = onHand < reorder,
    };

    public static PrescriptionHeader Header(int id, string status = PrescriptionStatus.Issued) => new()
    {
        PrescriptionId = id, Status = status, VisitId = 5, PatientId = 12, Mrn = "HMS/000012", PatientName = "Mary Nakato", Sex = "female",
        DateOfBirth = new DateTime(1990, 5, 14), StaffId = 3, DoctorName = "Sarah Okello", IssuedAt = new DateTime(2026, 5, 4, 9, 30, 0),
        IssuedByName = "Dr Sarah Okello", ClinicName = "Hope Medical Centre", ClinicAddress = "Plot 12, Kampala Road", ClinicPhone = "+256 414 000000",
        PatientAllergies = "penicillin (severe)", AgeYears = 36, AgeAtIssueYears = 35,
    };

    public static PrescriptionItemRow Item(int id, string name, int quantity, int dispensed = 0, decimal price = 0.5m) => new()
    {
        PrescriptionItemId = id, PrescriptionId = 30, MedicationId = id * 10, MedicationName = name, GenericSubstance = name.ToLowerInvariant(),
        Form = "tablet", Strength = "500 mg", UnitPrice = price, Dose = "1 tablet", Route = PrescriptionRoute.Oral, Frequency = "three times a day",
        DurationDays = 5, Quantity = quantity, QuantityDispensed = dispensed, QuantityRemaining = quantity - dispensed, Instructions = "after meals",
        StartDate = new DateTime(2026, 5, 4), EndDate = new DateTime(2026, 5, 8),
    };

    public static DispensePreviewLot Lot(int id, string batch, DateTime expiry, int onHand, int take) => new()
    {
        StockLotId = id, BatchNumber = batch, ExpiryDate = expiry, QuantityOnHand = onHand, TakeQuantity = take,
    };

    /// <summary>A preview item as the procedure returns it: every number is given, none is computed here.</summary>
    public static DispensePreviewItem Preview(PrescriptionItemRow item, long quantityNow, long available, long shortfall, long shortfallNow,
        decimal amountNow, params DispensePreviewLot[] lots) => new()
    {
        PrescriptionItemId = item.PrescriptionItemId, MedicationId = item.MedicationId, MedicationName = item.MedicationName, Form = item.Form,
        Strength = item.Strength, UnitPrice = item.UnitPrice, Quantity = item.Quantity, QuantityDispensed = item.QuantityDispensed,
        QuantityRemaining = item.QuantityRemaining, QuantityNow = quantityNow, Available = available, Shortfall = shortfall,
        ShortfallNow = shortfallNow, AmountNow = amountNow, Lots = lots,
    };
}
