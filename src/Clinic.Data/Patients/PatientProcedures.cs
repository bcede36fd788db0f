using Clinic.Data.Common;

namespace Clinic.Data.Patients;

/// <summary>What a receptionist types when registering or editing a patient.</summary>
public sealed record PatientInput
{
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string? Sex { get; init; }
    public DateTime? DateOfBirth { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? EmergencyContactName { get; init; }
    public string? EmergencyContactPhone { get; init; }
    public string? BloodGroup { get; init; }
    public string? MedicalHistory { get; init; }
}

public sealed record RegisteredPatient
{
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
}

public sealed record PatientRow
{
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    public int AgeYears { get; init; }
    public string? Phone { get; init; }
    public string? PhoneLocal { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? EmergencyContactName { get; init; }
    public string? EmergencyContactPhone { get; init; }
    public string? EmergencyContactPhoneLocal { get; init; }
    public string? BloodGroup { get; init; }
    public string? MedicalHistory { get; init; }
    /// <summary>Whether this reader may see (and edit) the free-text medical history: clinical roles only.</summary>
    public bool CanSeeMedicalHistory { get; init; }
    public string Status { get; init; } = "";
    public int? MergedIntoPatientId { get; init; }
    public string? MergedIntoMrn { get; init; }
    public string? MergeReason { get; init; }
    public DateTime? MergedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The columns patient_search and patient_duplicate_candidates share.</summary>
public abstract record PatientSummary
{
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    public string? Phone { get; init; }
    public string? PhoneLocal { get; init; }
    public string? Email { get; init; }
}

public sealed record PatientSearchRow : PatientSummary
{
    public long TotalCount { get; init; }
    /// <summary>False for a broad name search, where TotalCount only says that more rows exist (offset + rows + 1).</summary>
    public bool TotalIsExact { get; init; } = true;
}

public sealed record DuplicateCandidateRow : PatientSummary
{
    public bool SamePhone { get; init; }
    public bool SimilarName { get; init; }
}

/// <summary>Patients (db/procedures/patient_*.sql).</summary>
public sealed class PatientProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Error code of the possible-duplicate warning: show <see cref="DuplicateCandidatesAsync"/> and ask to confirm.</summary>
    public const int PossibleDuplicate = 50208;

    /// <summary>
    /// Error code of "You are not part of this patient's care" (internal/clinical_read_require): a doctor or nurse
    /// outside the patient's care may open the record only by breaking the glass (<see cref="BreakGlassAsync"/>).
    /// </summary>
    public const int NotInCare = 50790;

    /// <summary>Error code of a break-glass reason that is missing or shorter than the database's minimum.</summary>
    public const int BreakGlassReasonMissing = 50791;

    public async Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate = false, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<RegisteredPatient>("patient_register", session,
            new
            {
                p_given_name = input.GivenName, p_family_name = input.FamilyName, p_sex = input.Sex,
                p_date_of_birth = input.DateOfBirth?.Date, p_phone = input.Phone, p_email = input.Email,
                p_address = input.Address, p_emergency_contact_name = input.EmergencyContactName,
                p_emergency_contact_phone = input.EmergencyContactPhone, p_blood_group = input.BloodGroup,
                p_medical_history = input.MedicalHistory, p_confirm_duplicate = confirmDuplicate,
            }, ct))!;

    public async Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) =>
        await runner.ExecuteAsync("patient_update", session,
            new
            {
                p_patient_id = patientId,
                p_given_name = input.GivenName, p_family_name = input.FamilyName, p_sex = input.Sex,
                p_date_of_birth = input.DateOfBirth?.Date, p_phone = input.Phone, p_email = input.Email,
                p_address = input.Address, p_emergency_contact_name = input.EmergencyContactName,
                p_emergency_contact_phone = input.EmergencyContactPhone, p_blood_group = input.BloodGroup,
                p_medical_history = input.MedicalHistory,
            }, ct);

    public async Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<PatientRow>("patient_get", session,
            new { p_patient_id = patientId }, ct);

    public async Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<PatientSearchRow>("patient_search", session,
            new { p_query = query, p_offset = offset, p_limit = limit }, ct);

    public async Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(
        string givenName, string familyName, DateTime? dateOfBirth, string? phone, CancellationToken ct = default) =>
        await runner.QueryAsync<DuplicateCandidateRow>("patient_duplicate_candidates", session,
            new { p_given_name = givenName, p_family_name = familyName, p_date_of_birth = dateOfBirth?.Date, p_phone = phone }, ct);

    public async Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("patient_merge", session,
            new { p_surviving_patient_id = survivingPatientId, p_merged_patient_id = mergedPatientId, p_reason = reason }, ct);

    /// <summary>
    /// Break the glass: a doctor or nurse outside the patient's care opens the record for the rest of the
    /// session, stating why (at least 10 characters). Logged and listed for administrators.
    /// </summary>
    public async Task BreakGlassAsync(int patientId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("patient_break_glass", session, new { p_patient_id = patientId, p_reason = reason }, ct);

    /// <summary>Administrators: who read this patient's record, and when (newest first, at most 100 a page).</summary>
    public async Task<IReadOnlyList<PatientAccessRow>> AccessLogAsync(int patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        await runner.QueryAsync<PatientAccessRow>("patient_access_list", session,
            new { p_patient_id = patientId, p_from = from, p_to = to, p_offset = offset, p_limit = limit }, ct);

    /// <summary>Administrators: every break-glass opening (optionally of one patient), newest first.</summary>
    public async Task<IReadOnlyList<BreakGlassRow>> BreakGlassListAsync(int? patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        await runner.QueryAsync<BreakGlassRow>("break_glass_list", session,
            new { p_patient_id = patientId, p_from = from, p_to = to, p_offset = offset, p_limit = limit }, ct);

    /// <summary>The patient's appointments, queue visits and visits, newest first, paged (at most 100).</summary>
    public async Task<IReadOnlyList<PatientTimelineRow>> TimelineAsync(int patientId, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<PatientTimelineRow>("patient_timeline", session,
            new { p_patient_id = patientId, p_offset = offset, p_limit = limit }, ct);
}

/// <summary>One line of the patient timeline: <see cref="Kind"/> is appointment, queue or visit.</summary>
public sealed record PatientTimelineRow
{
    public string Kind { get; init; } = "";
    public int ItemId { get; init; }
    public DateTime OccurredAt { get; init; }
    public string Status { get; init; } = "";
    public string? Detail { get; init; }
    public string? DoctorName { get; init; }
    public int? VisitId { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>One read of a patient's record (patient_access_list): who, in which session, read what, and when.</summary>
public sealed record PatientAccessRow
{
    public long PatientAccessLogId { get; init; }
    public DateTime AccessedAt { get; init; }
    public int? UserAccountId { get; init; }
    public string? Username { get; init; }
    public string? DisplayName { get; init; }
    public string? RoleCode { get; init; }
    /// <summary>The role's display name (table role).</summary>
    public string? RoleName { get; init; }
    public long? UserSessionId { get; init; }
    /// <summary>profile, medical_history, clinical_summary, vitals_trend, visit, lab_result, prescription, receipt, export or break_glass.</summary>
    public string AccessKind { get; init; } = "";
    public long? ObjectId { get; init; }
    public string? Reason { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>One break-glass opening (break_glass_list).</summary>
public sealed record BreakGlassRow
{
    public long BreakGlassAccessId { get; init; }
    public DateTime OpenedAt { get; init; }
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string RoleCode { get; init; } = "";
    /// <summary>The role's display name (table role).</summary>
    public string RoleName { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string Reason { get; init; } = "";
    public long TotalCount { get; init; }
}
