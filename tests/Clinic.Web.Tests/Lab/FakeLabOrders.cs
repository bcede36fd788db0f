using Clinic.Data.Lab;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Lab;

/// <summary>Answers like the lab procedures over in-memory rows (kept in the order given) and records every call. FailWith makes the next change throw.</summary>
public sealed class FakeLabOrders : ILabOrders
{
    public List<LabOrderRow> Rows { get; set; } = [];
    public List<LabTestRow> Tests { get; set; } = [];
    public List<string> Calls { get; } = [];
    public List<(LabWorklistFilter Filter, int Offset, int Limit)> WorklistCalls { get; } = [];
    public Exception? FailWith { get; set; }
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>
    /// The can_* flags the fake database answers with (lab_order_action_refusal): by default every step the status
    /// allows, as for a doctor who did not enter the result; <see cref="NoFlags"/> for a session that may do nothing.
    /// </summary>
    public Func<LabOrderRow, LabOrderRow> Flags { get; set; } = StatusFlags;

    public static LabOrderRow StatusFlags(LabOrderRow r) => r with
    {
        CanCollect = r.Status == LabOrderStatus.Ordered,
        CanResult = r.Status is LabOrderStatus.SpecimenCollected or LabOrderStatus.Resulted,
        CanVerify = r.Status == LabOrderStatus.Resulted,
        CanCancel = r.Status is LabOrderStatus.Ordered or LabOrderStatus.SpecimenCollected,
    };

    public static LabOrderRow NoFlags(LabOrderRow r) => r with { CanCollect = false, CanResult = false, CanVerify = false, CanCancel = false };

    public async Task<IReadOnlyList<LabOrderRow>> WorklistAsync(LabWorklistFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        lock (WorklistCalls)
            WorklistCalls.Add((filter, offset, limit));
        if (Gate is not null)
            await Gate.Task;
        var matching = Rows.Where(r => filter.Status switch
        {
            null or LabOrderStatus.PendingFilter => LabOrderStatus.Pending.Contains(r.Status),
            LabOrderStatus.AllFilter => true,
            var one => r.Status == one,
        } && (filter.Mrn is null || r.Mrn.EndsWith(filter.Mrn, StringComparison.Ordinal))).ToList();
        return matching.Skip(offset).Take(limit).Select(r => Flags(r with { TotalCount = matching.Count })).ToList();
    }

    public Task<IReadOnlyList<LabOrderRow>> ForVisitAsync(int visitId, CancellationToken ct = default)
    {
        Calls.Add($"visit {visitId}");
        return Task.FromResult<IReadOnlyList<LabOrderRow>>(Rows.Where(r => r.VisitId == visitId).Select(Flags).ToList());
    }

    public Task<IReadOnlyList<LabTestRow>> OrderableTestsAsync(string? query, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LabTestRow>>(Tests
            .Where(t => query is null || t.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || t.Code.Contains(query, StringComparison.OrdinalIgnoreCase))
            .ToList());

    public Task<int> PlaceAsync(int visitId, int labTestId, string? clinicalNote, CancellationToken ct = default)
    {
        Calls.Add($"place {visitId} {labTestId} {clinicalNote}");
        Fail();
        var test = Tests.Single(t => t.LabTestId == labTestId);
        var id = 1000 + Rows.Count;
        Rows.Add(Order(id, LabOrderStatus.Ordered, visitId: visitId, test: test.Name));
        return Task.FromResult(id);
    }

    public Task CollectAsync(int labOrderId, CancellationToken ct = default) => Step($"collect {labOrderId}", labOrderId, LabOrderStatus.SpecimenCollected);

    public Task ResultAsync(int labOrderId, decimal? value, string? text, CancellationToken ct = default) =>
        Step($"result {labOrderId} {value} {text}", labOrderId, LabOrderStatus.Resulted);

    public Task VerifyAsync(int labOrderId, CancellationToken ct = default) => Step($"verify {labOrderId}", labOrderId, LabOrderStatus.Verified);

    public Task CancelAsync(int labOrderId, string reason, CancellationToken ct = default) => Step($"cancel {labOrderId} {reason}", labOrderId, LabOrderStatus.Cancelled);

    private Task Step(string call, int labOrderId, string status)
    {
        Calls.Add(call);
        Fail();
        var i = Rows.FindIndex(r => r.LabOrderId == labOrderId);
        Rows[i] = Rows[i] with { Status = status };
        return Task.CompletedTask;
    }

    private void Fail()
    {
        if (FailWith is { } failure)
        {
            FailWith = null;
            throw failure;
        }
    }

    public static LabOrderRow Order(int id, string status, decimal? value = null, string? flag = null, string? text = null, int visitId = 7,
        string test = "Haemoglobin", string? unit = "g/dL") => new()
    {
        LabOrderId = id, VisitId = visitId, PatientId = 100 + id, Mrn = $"HMS/{100 + id:000000}", PatientName = $"Patient {id}", Sex = "female",
        AgeYears = 34, LabTestId = 3, TestCode = "HB", TestName = test, Specimen = "Blood", Unit = unit, Status = status, ResultValue = value,
        ResultText = text, AbnormalFlag = flag, ReferenceLow = 12m, ReferenceHigh = 16m, OrderedBy = 2, OrderedByName = "Dr. Sarah Okello",
        OrderedAt = new DateTime(2026, 3, 2, 8, 0, 0).AddMinutes(id), CollectedByName = "Nurse Peter Mugisha", ResultedByName = "Nurse Peter Mugisha",
        CollectedAt = new DateTime(2026, 3, 2, 9, 0, 0), ResultedAt = new DateTime(2026, 3, 2, 10, 0, 0),
    };
}
