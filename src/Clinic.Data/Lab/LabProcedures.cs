using Clinic.Data.Common;

namespace Clinic.Data.Lab;

/// <summary>The statuses of a lab order (lab_order_status_guard owns the transitions).</summary>
public static class LabOrderStatus
{
    public const string Ordered = "ordered";
    public const string SpecimenCollected = "specimen_collected";
    public const string Resulted = "resulted";
    public const string Verified = "verified";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Ordered, SpecimenCollected, Resulted, Verified, Cancelled];

    /// <summary>The work still to do: no specimen yet, no result yet, or a result awaiting verification.</summary>
    public static readonly IReadOnlyList<string> Pending = [Ordered, SpecimenCollected, Resulted];

    /// <summary>lab_worklist's status filter for the pending orders (its default).</summary>
    public const string PendingFilter = "pending";

    /// <summary>lab_worklist's status filter for every status.</summary>
    public const string AllFilter = "all";

    public static bool IsFinal(string status) => status is Verified or Cancelled;
}

/// <summary>lab_order.abnormal_flag: a numeric result against the reference range copied onto the order.</summary>
public static class LabAbnormalFlag
{
    public const string Low = "low";
    public const string High = "high";
    public const string Normal = "normal";
}

/// <summary>Whom a reference range band is for.</summary>
public static class LabRangeSex
{
    public const string Any = "any";
    public const string Female = "female";
    public const string Male = "male";
    public static readonly IReadOnlyList<string> All = [Any, Female, Male];
}

public sealed record LabTestInput
{
    /// <summary>A short code such as HB or FBG (stored upper case, unique).</summary>
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Blood, Urine, Stool, ...</summary>
    public string Specimen { get; init; } = "";
    /// <summary>g/dL, mmol/L, ...; none for a text result (e.g. a malaria RDT).</summary>
    public string? Unit { get; init; }
    public decimal Price { get; init; }
}

public sealed record LabTestRow
{
    public int LabTestId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Specimen { get; init; } = "";
    public string? Unit { get; init; }
    public decimal Price { get; init; }
    public bool IsActive { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long RangeCount { get; init; }
    public long TotalCount { get; init; }
}

public sealed record LabReferenceRangeInput
{
    /// <summary>The band to edit; null adds a band (or replaces the one of the same test, sex and starting age).</summary>
    public int? LabReferenceRangeId { get; init; }
    public int LabTestId { get; init; }
    /// <summary>any, female or male (<see cref="LabRangeSex"/>).</summary>
    public string Sex { get; init; } = LabRangeSex.Any;
    /// <summary>The band is [AgeMinYears, AgeMaxYears) in whole years.</summary>
    public int AgeMinYears { get; init; }
    public int AgeMaxYears { get; init; } = 150;
    public decimal? LowValue { get; init; }
    public decimal? HighValue { get; init; }
}

public sealed record LabReferenceRangeRow
{
    public int LabReferenceRangeId { get; init; }
    public int LabTestId { get; init; }
    public string Sex { get; init; } = "";
    public int AgeMinYears { get; init; }
    public int AgeMaxYears { get; init; }
    public decimal? LowValue { get; init; }
    public decimal? HighValue { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A historical lab order (lab_order_record_past): administrators only, e.g. moving from paper, and demo mode.</summary>
public sealed record LabPastOrderInput
{
    public int VisitId { get; init; }
    public int LabTestId { get; init; }
    /// <summary>During the visit and not in the future; the later steps follow it (collected +15 min, resulted +2 h, verified +4 h, cancelled +30 min).</summary>
    public DateTime OrderedAt { get; init; }
    /// <summary>Any <see cref="LabOrderStatus"/>; the order is taken there step by step through the state machine.</summary>
    public string Status { get; init; } = LabOrderStatus.Verified;
    public decimal? Value { get; init; }
    public string? Text { get; init; }
    public string? CancelReason { get; init; }
    /// <summary>A doctor's or administrator's account other than the recording administrator; null: the visit's treating doctor.</summary>
    public int? VerifiedBy { get; init; }
}

/// <summary>What lab_worklist filters on; every part is optional.</summary>
public sealed record LabWorklistFilter
{
    /// <summary>null or "pending": ordered, collected and resulted awaiting verification; "all"; or one <see cref="LabOrderStatus"/>.</summary>
    public string? Status { get; init; }
    /// <summary>First and last day of ordering (inclusive).</summary>
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    /// <summary>The patient's MRN: digits find it exactly (123 -> HMS/000123), anything else is a prefix.</summary>
    public string? Mrn { get; init; }
}

/// <summary>One lab order as lab_worklist, lab_order_list_for_visit and lab_order_get return it (db/procedures/lab_order_rows.sql).</summary>
public sealed record LabOrderRow
{
    public int LabOrderId { get; init; }
    public int VisitId { get; init; }
    public string? VisitStatus { get; init; }
    public string? DoctorName { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    /// <summary>Whole years on the day of collection (or of ordering before that).</summary>
    public long? AgeYears { get; init; }
    public int LabTestId { get; init; }
    public string TestCode { get; init; } = "";
    public string TestName { get; init; } = "";
    public string Specimen { get; init; } = "";
    /// <summary>The unit copied with the result; before a result, the test's unit.</summary>
    public string? Unit { get; init; }
    public string Status { get; init; } = "";
    public string? ClinicalNote { get; init; }
    public decimal? ResultValue { get; init; }
    public string? ResultText { get; init; }
    /// <summary>The range copied with the result; before a result, the range that applies now; none once cancelled.</summary>
    public decimal? ReferenceLow { get; init; }
    public decimal? ReferenceHigh { get; init; }
    /// <summary>low, high or normal (<see cref="LabAbnormalFlag"/>); null without a numeric value or a range.</summary>
    public string? AbnormalFlag { get; init; }
    public int OrderedBy { get; init; }
    public string? OrderedByName { get; init; }
    public DateTime OrderedAt { get; init; }
    public int? CollectedBy { get; init; }
    public string? CollectedByName { get; init; }
    public DateTime? CollectedAt { get; init; }
    public int? ResultedBy { get; init; }
    public string? ResultedByName { get; init; }
    public DateTime? ResultedAt { get; init; }
    public int? VerifiedBy { get; init; }
    public string? VerifiedByName { get; init; }
    public DateTime? VerifiedAt { get; init; }
    public int? CancelledBy { get; init; }
    public string? CancelledByName { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public long TotalCount { get; init; }

    // What the signed-in user may do with the order now, as the database decides it (lab_order_action_refusal): a
    // button shows exactly when its procedure would accept the call.
    public bool CanCollect { get; init; }
    /// <summary>Enter the result (specimen collected) or correct it (resulted, not yet verified).</summary>
    public bool CanResult { get; init; }
    /// <summary>Never for the person who entered the result (four eyes).</summary>
    public bool CanVerify { get; init; }
    public bool CanCancel { get; init; }

    public bool IsAbnormal => AbnormalFlag is LabAbnormalFlag.Low or LabAbnormalFlag.High;
}

/// <summary>
/// The lab catalogue, orders and results (db/procedures/lab_*.sql). Every rule is in the procedures and in the
/// lab_order triggers: the state machine, four-eyes verification, reference ranges and the abnormal flag.
/// There is no lab role: nurses, doctors and administrators do the lab work, and a doctor (or administrator) verifies.
/// </summary>
public sealed class LabProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int TestNotFound = 50806;
    public const int RangeOverlaps = 50810;
    public const int VisitClosed = 50821;
    public const int NotTreatingDoctor = 50822;
    public const int AlreadyPending = 50824;
    public const int SameResulter = 50827;
    public const int ReasonRequired = 50828;
    public const int Final = 50834;

    /// <summary>lab_test_list and lab_worklist serve at most this many rows a call.</summary>
    public const int MaxPageSize = 100;

    // Catalogue (administrator).

    public async Task<int> CreateTestAsync(LabTestInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("lab_test_create", session,
            new { p_code = input.Code, p_name = input.Name, p_specimen = input.Specimen, p_unit = input.Unit, p_price = input.Price }, ct);

    public async Task UpdateTestAsync(int labTestId, LabTestInput input, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_test_update", session,
            new
            {
                p_lab_test_id = labTestId, p_code = input.Code, p_name = input.Name, p_specimen = input.Specimen, p_unit = input.Unit,
                p_price = input.Price,
            }, ct);

    public async Task SetTestActiveAsync(int labTestId, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_test_set_active", session, new { p_lab_test_id = labTestId, p_is_active = active }, ct);

    /// <summary>The catalogue by name; <paramref name="active"/> true: active only, false: inactive only, null: all. At most 100 a page.</summary>
    public async Task<IReadOnlyList<LabTestRow>> ListTestsAsync(string? query, bool? active, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<LabTestRow>("lab_test_list", session,
            new { p_query = query, p_is_active = active, p_offset = offset, p_limit = limit }, ct);

    /// <summary>Adds or replaces a band (see <see cref="LabReferenceRangeInput"/>); returns lab_reference_range_id.</summary>
    public async Task<int> SetRangeAsync(LabReferenceRangeInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("lab_reference_range_set", session,
            new
            {
                p_lab_reference_range_id = input.LabReferenceRangeId, p_lab_test_id = input.LabTestId, p_sex = input.Sex,
                p_age_min_years = input.AgeMinYears, p_age_max_years = input.AgeMaxYears, p_low_value = input.LowValue, p_high_value = input.HighValue,
            }, ct);

    public async Task RemoveRangeAsync(int labReferenceRangeId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_reference_range_remove", session, new { p_lab_reference_range_id = labReferenceRangeId }, ct);

    public async Task<IReadOnlyList<LabReferenceRangeRow>> ListRangesAsync(int labTestId, CancellationToken ct = default) =>
        await runner.QueryAsync<LabReferenceRangeRow>("lab_reference_range_list", session, new { p_lab_test_id = labTestId }, ct);

    // Orders and results.

    /// <summary>The treating doctor (or an administrator) orders a test on an open visit; returns lab_order_id.</summary>
    public async Task<int> PlaceAsync(int visitId, int labTestId, string? clinicalNote, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("lab_order_place", session,
            new { p_visit_id = visitId, p_lab_test_id = labTestId, p_clinical_note = clinicalNote }, ct);

    public async Task CollectAsync(int labOrderId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_order_collect", session, new { p_lab_order_id = labOrderId }, ct);

    /// <summary>Enters (or, before verification, corrects) a result: a numeric value, a text, or both.</summary>
    public async Task ResultAsync(int labOrderId, decimal? value, string? text, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_order_result", session, new { p_lab_order_id = labOrderId, p_value = value, p_text = text }, ct);

    /// <summary>A doctor other than the one who entered the result makes it final.</summary>
    public async Task VerifyAsync(int labOrderId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_order_verify", session, new { p_lab_order_id = labOrderId }, ct);

    public async Task CancelAsync(int labOrderId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("lab_order_cancel", session, new { p_lab_order_id = labOrderId, p_reason = reason }, ct);

    /// <summary>Records a historical order on any visit, open or closed (administrator); returns lab_order_id.</summary>
    public async Task<int> RecordPastAsync(LabPastOrderInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("lab_order_record_past", session,
            new
            {
                p_visit_id = input.VisitId, p_lab_test_id = input.LabTestId, p_ordered_at = input.OrderedAt, p_status = input.Status,
                p_value = input.Value, p_text = input.Text, p_cancel_reason = input.CancelReason, p_verified_by = input.VerifiedBy,
            }, ct);

    // Reading.

    /// <summary>The worklist, oldest order first, at most 100 a page; the default filter is the pending orders.</summary>
    public async Task<IReadOnlyList<LabOrderRow>> WorklistAsync(LabWorklistFilter filter, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<LabOrderRow>("lab_worklist", session,
            new { p_status = filter.Status, p_from = filter.From?.Date, p_to = filter.To?.Date, p_mrn = filter.Mrn, p_offset = offset, p_limit = limit }, ct);

    public async Task<IReadOnlyList<LabOrderRow>> ListForVisitAsync(int visitId, CancellationToken ct = default) =>
        await runner.QueryAsync<LabOrderRow>("lab_order_list_for_visit", session, new { p_visit_id = visitId }, ct);

    public async Task<LabOrderRow?> GetAsync(int labOrderId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<LabOrderRow>("lab_order_get", session, new { p_lab_order_id = labOrderId }, ct);
}
