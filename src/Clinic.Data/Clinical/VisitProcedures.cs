using Clinic.Data.Common;

namespace Clinic.Data.Clinical;

public static class VisitStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>The header of the visit workspace (visit_get), with what the acting user may do.</summary>
public sealed record VisitHeader
{
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public string PatientName { get; init; } = "";
    public string Mrn { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    public long AgeYears { get; init; }
    public int? StaffId { get; init; }
    public string? DoctorName { get; init; }
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public string Status { get; init; } = "";
    public DateTime StartedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public int? ClosedBy { get; init; }
    public string? ClosedByName { get; init; }
    public int? AppointmentId { get; init; }
    public int? QueueEntryId { get; init; }
    /// <summary>The acting user may write in this visit: the note and vitals while open, addenda once closed.</summary>
    public bool CanWrite { get; init; }
    /// <summary>The visit is open and the acting user is its treating doctor or an administrator.</summary>
    public bool CanClose { get; init; }
    /// <summary>Whether the clinical notes are for this reader (doctors and nurses; not administrators).</summary>
    public bool CanReadNotes { get; init; }
    public bool IsOpen => Status == VisitStatus.Open;
}

/// <summary>One row of the visit worklist (visit_list).</summary>
public sealed record VisitListRow
{
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public string PatientName { get; init; } = "";
    public string Mrn { get; init; } = "";
    public string Sex { get; init; } = "";
    public long AgeYears { get; init; }
    public int? StaffId { get; init; }
    public string? DoctorName { get; init; }
    public string? DepartmentName { get; init; }
    public string Status { get; init; } = "";
    public DateTime StartedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public int? AppointmentId { get; init; }
    public int? QueueEntryId { get; init; }
    public long VitalCount { get; init; }
    public DateTime? LastVitalsAt { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>The SOAP note as the clinician types it; blank sections are stored as NULL.</summary>
public sealed record SoapNoteInput
{
    public string? Subjective { get; init; }
    public string? Objective { get; init; }
    public string? Assessment { get; init; }
    public string? Plan { get; init; }
    /// <summary>The note's updated_at when the editor loaded it (NULL for a new note or to skip the check): a later save by someone else is refused (50708).</summary>
    public DateTime? ExpectedUpdatedAt { get; init; }
}

public sealed record VisitNoteRow
{
    public int VisitId { get; init; }
    public string? Subjective { get; init; }
    public string? Objective { get; init; }
    public string? Assessment { get; init; }
    public string? Plan { get; init; }
    public int UpdatedBy { get; init; }
    public string? UpdatedByName { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record VisitAddendumRow
{
    public int VisitAddendumId { get; init; }
    public int VisitId { get; init; }
    public string Body { get; init; } = "";
    public int SignedBy { get; init; }
    public string SignedName { get; init; } = "";
    public DateTime SignedAt { get; init; }
}

/// <summary>A visit's note (NULL while nobody has written one) and its signed addenda, oldest first.</summary>
public sealed record VisitNoteView(VisitNoteRow? Note, IReadOnlyList<VisitAddendumRow> Addenda);

/// <summary>One set of measurements; every field is optional but at least one is needed, and blood pressure comes in pairs.</summary>
public sealed record VitalSignInput
{
    public int? SystolicMmhg { get; init; }
    public int? DiastolicMmhg { get; init; }
    public int? PulseBpm { get; init; }
    public decimal? TemperatureC { get; init; }
    public int? RespiratoryRate { get; init; }
    public int? Spo2Pct { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? HeightCm { get; init; }
    /// <summary>When the measurements were taken (NULL: now); never in the future nor before the visit started.</summary>
    public DateTime? RecordedAt { get; init; }
}

/// <summary>
/// A row of v_vital_sign: the measurements, BMI (computed, never stored) and a flag per value that is
/// possible but implausible ('low' or 'high'; NULL when unremarkable). Thresholds: see db/views/v_vital_sign.sql.
/// </summary>
public sealed record VitalSignRow
{
    public int VitalSignId { get; init; }
    public int VisitId { get; init; }
    public int PatientId { get; init; }
    public DateTime RecordedAt { get; init; }
    public int RecordedBy { get; init; }
    public string? RecordedByName { get; init; }
    public int? SystolicMmhg { get; init; }
    public int? DiastolicMmhg { get; init; }
    public int? PulseBpm { get; init; }
    public decimal? TemperatureC { get; init; }
    public int? RespiratoryRate { get; init; }
    public int? Spo2Pct { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? HeightCm { get; init; }
    public decimal? Bmi { get; init; }
    public string? BloodPressureFlag { get; init; }
    public string? PulseFlag { get; init; }
    public string? TemperatureFlag { get; init; }
    public string? RespiratoryFlag { get; init; }
    public string? Spo2Flag { get; init; }
    public string? BmiFlag { get; init; }
    public bool IsFlagged { get; init; }
}

public sealed record Icd10Row
{
    public string Icd10Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Chapter { get; init; }
}

public sealed record VisitDiagnosisRow
{
    public int VisitDiagnosisId { get; init; }
    public int VisitId { get; init; }
    public string Icd10Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Chapter { get; init; }
    public bool IsPrimary { get; init; }
    public string? Note { get; init; }
    public int RecordedBy { get; init; }
    public string? RecordedByName { get; init; }
    public DateTime RecordedAt { get; init; }
}

/// <summary>A visit that already happened, recorded from paper by an administrator (visit_record_past).</summary>
public sealed record PastVisitInput
{
    public int PatientId { get; init; }
    public int DoctorStaffId { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime ClosedAt { get; init; }
    public SoapNoteInput Note { get; init; } = new();
    public VitalSignInput? Vitals { get; init; }
    public string? PrimaryCode { get; init; }
    public string? SecondaryCode { get; init; }
}

/// <summary>
/// Visits and what is written in them (db/procedures/visit_*.sql, vital_sign_*.sql, icd10_search.sql):
/// the worklist and header, closing, the SOAP note and signed addenda, vitals, ICD-10 coded diagnoses.
/// Every rule (who may write, closed visits, impossible values, one primary diagnosis) is in the database.
/// </summary>
public sealed class VisitProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int NotAWriter = 50705;
    public const int VisitClosed = 50706;
    public const int NoteChangedMeanwhile = 50708;

    public async Task<VisitHeader?> GetAsync(int visitId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<VisitHeader>("visit_get", session, new { p_visit_id = visitId }, ct);

    /// <summary>The worklist: a doctor's own visits, a nurse's department's, all for an administrator; newest first, at most 100 a page.</summary>
    public async Task<IReadOnlyList<VisitListRow>> ListAsync(DateTime? day, string? status, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<VisitListRow>("visit_list", session,
            new { p_day = day?.Date, p_status = status, p_offset = offset, p_limit = limit }, ct);

    /// <summary>
    /// Which visits <see cref="ListAsync"/> holds for the signed-in account: <c>own</c> (a doctor's), <c>department</c>
    /// (a nurse's department's), <c>all</c> (an administrator's) or <c>none</c> (visit_list_scope).
    /// </summary>
    public async Task<string> ListScopeAsync(CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<string>("visit_list_scope", session, null, ct) ?? "none";

    /// <summary>Records a past visit with its note, vitals and diagnoses, closed at <see cref="PastVisitInput.ClosedAt"/> (administrator only); returns visit_id.</summary>
    public async Task<int> RecordPastAsync(PastVisitInput input, CancellationToken ct = default)
    {
        var v = input.Vitals ?? new VitalSignInput();
        return (await runner.QuerySingleOrDefaultAsync<int>("visit_record_past", session, new
        {
            p_patient_id = input.PatientId, p_staff_id = input.DoctorStaffId, p_started_at = input.StartedAt, p_closed_at = input.ClosedAt,
            p_subjective = input.Note.Subjective, p_objective = input.Note.Objective, p_assessment = input.Note.Assessment, p_plan = input.Note.Plan,
            p_systolic_mmhg = v.SystolicMmhg, p_diastolic_mmhg = v.DiastolicMmhg, p_pulse_bpm = v.PulseBpm, p_temperature_c = v.TemperatureC,
            p_respiratory_rate = v.RespiratoryRate, p_spo2_pct = v.Spo2Pct, p_weight_kg = v.WeightKg, p_height_cm = v.HeightCm,
            p_primary_code = input.PrimaryCode, p_secondary_code = input.SecondaryCode,
        }, ct));
    }

    /// <summary>Signs the visit off (treating doctor or administrator); the note is final from then on.</summary>
    public async Task CloseAsync(int visitId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("visit_close", session, new { p_visit_id = visitId }, ct);

    /// <summary>Creates or replaces the open visit's SOAP note; returns the saved note.</summary>
    public async Task<VisitNoteRow> SaveNoteAsync(int visitId, SoapNoteInput note, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<VisitNoteRow>("visit_note_save", session,
            new
            {
                p_visit_id = visitId, p_subjective = note.Subjective, p_objective = note.Objective, p_assessment = note.Assessment,
                p_plan = note.Plan, p_expected_updated_at = note.ExpectedUpdatedAt,
            }, ct))!;

    public async Task<VisitNoteView> GetNoteAsync(int visitId, CancellationToken ct = default) =>
        await runner.QueryMultipleAsync("visit_note_get", session, new { p_visit_id = visitId }, async grid =>
        {
            var note = await grid.ReadSingleOrDefaultAsync<VisitNoteRow>();
            var addenda = (await grid.ReadAsync<VisitAddendumRow>()).ToList();
            return new VisitNoteView(note, addenda);
        }, ct);

    /// <summary>Adds a signed addendum to a closed visit; returns visit_addendum_id.</summary>
    public async Task<int> AddAddendumAsync(int visitId, string body, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("visit_addendum_add", session, new { p_visit_id = visitId, p_body = body }, ct);

    /// <summary>Records a set of vitals on an open visit; returns vital_sign_id. Impossible values are refused with a sentence naming the value.</summary>
    public async Task<int> RecordVitalsAsync(int visitId, VitalSignInput v, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("vital_sign_record", session,
            new
            {
                p_visit_id = visitId, p_systolic_mmhg = v.SystolicMmhg, p_diastolic_mmhg = v.DiastolicMmhg, p_pulse_bpm = v.PulseBpm,
                p_temperature_c = v.TemperatureC, p_respiratory_rate = v.RespiratoryRate, p_spo2_pct = v.Spo2Pct,
                p_weight_kg = v.WeightKg, p_height_cm = v.HeightCm, p_recorded_at = v.RecordedAt,
            }, ct);

    /// <summary>A visit's vitals, newest first.</summary>
    public async Task<IReadOnlyList<VitalSignRow>> VitalsForVisitAsync(int visitId, CancellationToken ct = default) =>
        await runner.QueryAsync<VitalSignRow>("vital_sign_list", session,
            new { p_visit_id = visitId, p_patient_id = (int?)null, p_limit = 100 }, ct);

    /// <summary>A patient's latest vitals across visits, newest first (at most <paramref name="limit"/>, capped at 100).</summary>
    public async Task<IReadOnlyList<VitalSignRow>> VitalsForPatientAsync(int patientId, int limit = 20, CancellationToken ct = default) =>
        await runner.QueryAsync<VitalSignRow>("vital_sign_list", session,
            new { p_visit_id = (int?)null, p_patient_id = patientId, p_limit = limit }, ct);

    /// <summary>Active ICD-10 codes by code prefix ("B50", "e11.9") or words of the title ("typh fev").</summary>
    public async Task<IReadOnlyList<Icd10Row>> SearchIcd10Async(string query, int limit = 20, CancellationToken ct = default) =>
        await runner.QueryAsync<Icd10Row>("icd10_search", session, new { p_query = query, p_limit = limit }, ct);

    /// <summary>Adds a coded diagnosis to an open visit (at most one primary); returns visit_diagnosis_id.</summary>
    public async Task<int> AddDiagnosisAsync(int visitId, string icd10Code, bool isPrimary, string? note = null, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("visit_diagnosis_add", session,
            new { p_visit_id = visitId, p_icd10_code = icd10Code, p_is_primary = isPrimary, p_note = note }, ct);

    public async Task RemoveDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("visit_diagnosis_remove", session, new { p_visit_diagnosis_id = visitDiagnosisId }, ct);

    /// <summary>Makes this diagnosis the visit's primary one; the former primary becomes secondary in the same transaction.</summary>
    public async Task SetPrimaryDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("visit_diagnosis_set_primary", session, new { p_visit_diagnosis_id = visitDiagnosisId }, ct);

    /// <summary>A visit's diagnoses, the primary first.</summary>
    public async Task<IReadOnlyList<VisitDiagnosisRow>> DiagnosesAsync(int visitId, CancellationToken ct = default) =>
        await runner.QueryAsync<VisitDiagnosisRow>("visit_diagnosis_list", session, new { p_visit_id = visitId }, ct);
}
