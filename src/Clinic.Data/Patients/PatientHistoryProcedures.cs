using Clinic.Data.Common;

namespace Clinic.Data.Patients;

/// <summary>The kinds of event in a patient's medical history (patient_history's <c>kind</c> column and <c>p_kinds</c> filter).</summary>
public static class HistoryKind
{
    public const string Visit = "visit";
    public const string Diagnosis = "diagnosis";
    public const string Vitals = "vitals";
    public const string Allergy = "allergy";
    public const string Problem = "problem";
    public const string Prescription = "prescription";
    public const string LabResult = "lab_result";

    public static readonly IReadOnlyList<string> All = [Visit, Diagnosis, Vitals, Allergy, Problem, Prescription, LabResult];
}

/// <summary>
/// One event of the medical history. <see cref="ItemId"/> is the source row (visit, visit_diagnosis,
/// vital_sign, allergy, problem, prescription or lab_order id). A lab result's <see cref="Status"/> is
/// "final" only once verified, otherwise "preliminary".
/// </summary>
public sealed record PatientHistoryRow
{
    public string Kind { get; init; } = "";
    public int ItemId { get; init; }
    public DateTime OccurredAt { get; init; }
    public string Title { get; init; } = "";
    public string? Detail { get; init; }
    public string? Status { get; init; }
    /// <summary>Lab result low/high/normal, allergy severity, diagnosis primary/secondary.</summary>
    public string? Flag { get; init; }
    /// <summary>A lab result outside its reference range.</summary>
    public bool IsAbnormal { get; init; }
    public int? VisitId { get; init; }
    public string? ClinicianName { get; init; }
    /// <summary>More events follow this page.</summary>
    public bool HasMore { get; init; }
}

/// <summary>One set of vital signs for the trend chart; BMI is computed by the database, never stored.</summary>
public sealed record VitalsPoint
{
    public int VitalSignId { get; init; }
    public int VisitId { get; init; }
    public DateTime RecordedAt { get; init; }
    public int? SystolicMmhg { get; init; }
    public int? DiastolicMmhg { get; init; }
    public int? PulseBpm { get; init; }
    public decimal? TemperatureC { get; init; }
    public int? RespiratoryRate { get; init; }
    public int? Spo2Pct { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? HeightCm { get; init; }
    public decimal? Bmi { get; init; }
}

/// <summary>
/// One line of the profile's clinical header: <see cref="ItemKind"/> is "allergy" (active, most severe
/// first; <see cref="Flag"/> is the severity), "problem" (active) or "vitals" (the latest set).
/// </summary>
public sealed record ClinicalSummaryItem
{
    public string ItemKind { get; init; } = "";
    public int ItemId { get; init; }
    public string Label { get; init; } = "";
    public string? Detail { get; init; }
    public string? Flag { get; init; }
    public DateTime RecordedAt { get; init; }
    public int? VisitId { get; init; }
}

/// <summary>A patient's medical history, vitals trend and clinical summary (db/procedures/patient_history.sql and friends).</summary>
public sealed class PatientHistoryProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Error code for a kind outside <see cref="HistoryKind.All"/>.</summary>
    public const int UnknownKind = 50781;

    /// <summary>
    /// A page of the history, newest first (at most 100). <paramref name="kinds"/> null or empty: every
    /// kind; otherwise only those.
    /// </summary>
    public async Task<IReadOnlyList<PatientHistoryRow>> PageAsync(int patientId, IEnumerable<string>? kinds, int offset, int limit,
        CancellationToken ct = default) =>
        await runner.QueryAsync<PatientHistoryRow>("patient_history", session,
            new { p_patient_id = patientId, p_kinds = kinds is null ? null : string.Join(",", kinds), p_offset = offset, p_limit = limit }, ct);

    /// <summary>The latest <paramref name="limit"/> sets of vital signs (at most 200), oldest first.</summary>
    public async Task<IReadOnlyList<VitalsPoint>> VitalsTrendAsync(int patientId, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<VitalsPoint>("patient_vitals_trend", session,
            new { p_patient_id = patientId, p_limit = limit }, ct);

    /// <summary>Active allergies, active problems and the latest vital signs.</summary>
    public async Task<IReadOnlyList<ClinicalSummaryItem>> SummaryAsync(int patientId, CancellationToken ct = default) =>
        await runner.QueryAsync<ClinicalSummaryItem>("patient_clinical_summary", session,
            new { p_patient_id = patientId }, ct);
}
