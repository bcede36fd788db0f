using Clinic.Data.Clinical;

namespace Clinic.Web.Services;

/// <summary>
/// What the visit worklist and the visit workspace call: visits, the SOAP note and addenda, vitals,
/// ICD-10 diagnoses, allergies and problems. A seam so that component tests need no database; every
/// rule (who may write, closed visits, impossible vitals, one primary diagnosis) stays in the procedures.
/// </summary>
public interface IVisitRecord
{
    /// <summary>The worklist: the doctor's own visits, the nurse's department's, all for an administrator; newest first.</summary>
    Task<IReadOnlyList<VisitListRow>> ListAsync(DateTime? day, string? status, int offset, int limit, CancellationToken ct = default);
    /// <summary>Which visits <see cref="ListAsync"/> holds: own, department, all or none (visit_list_scope).</summary>
    Task<string> ListScopeAsync(CancellationToken ct = default);
    Task<VisitHeader?> GetAsync(int visitId, CancellationToken ct = default);
    Task CloseAsync(int visitId, CancellationToken ct = default);

    Task<VisitNoteView> NoteAsync(int visitId, CancellationToken ct = default);
    Task<VisitNoteRow> SaveNoteAsync(int visitId, SoapNoteInput note, CancellationToken ct = default);
    Task<int> AddAddendumAsync(int visitId, string body, CancellationToken ct = default);

    Task<IReadOnlyList<VitalSignRow>> VitalsAsync(int visitId, CancellationToken ct = default);
    Task<int> RecordVitalsAsync(int visitId, VitalSignInput input, CancellationToken ct = default);

    Task<IReadOnlyList<Icd10Row>> SearchIcd10Async(string query, CancellationToken ct = default);
    Task<IReadOnlyList<VisitDiagnosisRow>> DiagnosesAsync(int visitId, CancellationToken ct = default);
    Task<int> AddDiagnosisAsync(int visitId, string icd10Code, bool isPrimary, string? note, CancellationToken ct = default);
    Task RemoveDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default);
    Task SetPrimaryDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default);

    Task<IReadOnlyList<AllergyRow>> AllergiesAsync(int patientId, bool includeInactive, CancellationToken ct = default);
    Task<int> AddAllergyAsync(int patientId, AllergyInput input, CancellationToken ct = default);
    Task DeactivateAllergyAsync(int allergyId, string reason, CancellationToken ct = default);

    Task<IReadOnlyList<ProblemRow>> ProblemsAsync(int patientId, CancellationToken ct = default);
    Task<int> AddProblemAsync(int patientId, ProblemInput input, CancellationToken ct = default);
    Task ResolveProblemAsync(int problemId, DateTime? resolvedDate, CancellationToken ct = default);
}

public sealed class VisitRecord(VisitProcedures visits, ClinicalRecordProcedures record) : IVisitRecord
{
    public Task<IReadOnlyList<VisitListRow>> ListAsync(DateTime? day, string? status, int offset, int limit, CancellationToken ct = default) =>
        visits.ListAsync(day, status, offset, limit, ct);

    public Task<string> ListScopeAsync(CancellationToken ct = default) => visits.ListScopeAsync(ct);

    public Task<VisitHeader?> GetAsync(int visitId, CancellationToken ct = default) => visits.GetAsync(visitId, ct);
    public Task CloseAsync(int visitId, CancellationToken ct = default) => visits.CloseAsync(visitId, ct);

    public Task<VisitNoteView> NoteAsync(int visitId, CancellationToken ct = default) => visits.GetNoteAsync(visitId, ct);
    public Task<VisitNoteRow> SaveNoteAsync(int visitId, SoapNoteInput note, CancellationToken ct = default) => visits.SaveNoteAsync(visitId, note, ct);
    public Task<int> AddAddendumAsync(int visitId, string body, CancellationToken ct = default) => visits.AddAddendumAsync(visitId, body, ct);

    public Task<IReadOnlyList<VitalSignRow>> VitalsAsync(int visitId, CancellationToken ct = default) => visits.VitalsForVisitAsync(visitId, ct);
    public Task<int> RecordVitalsAsync(int visitId, VitalSignInput input, CancellationToken ct = default) => visits.RecordVitalsAsync(visitId, input, ct);

    public Task<IReadOnlyList<Icd10Row>> SearchIcd10Async(string query, CancellationToken ct = default) => visits.SearchIcd10Async(query, 20, ct);
    public Task<IReadOnlyList<VisitDiagnosisRow>> DiagnosesAsync(int visitId, CancellationToken ct = default) => visits.DiagnosesAsync(visitId, ct);
    public Task<int> AddDiagnosisAsync(int visitId, string icd10Code, bool isPrimary, string? note, CancellationToken ct = default) =>
        visits.AddDiagnosisAsync(visitId, icd10Code, isPrimary, note, ct);
    public Task RemoveDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) => visits.RemoveDiagnosisAsync(visitDiagnosisId, ct);
    public Task SetPrimaryDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) => visits.SetPrimaryDiagnosisAsync(visitDiagnosisId, ct);

    public Task<IReadOnlyList<AllergyRow>> AllergiesAsync(int patientId, bool includeInactive, CancellationToken ct = default) =>
        record.AllergiesAsync(patientId, includeInactive, ct);
    public Task<int> AddAllergyAsync(int patientId, AllergyInput input, CancellationToken ct = default) => record.AddAllergyAsync(patientId, input, ct);
    public Task DeactivateAllergyAsync(int allergyId, string reason, CancellationToken ct = default) => record.DeactivateAllergyAsync(allergyId, reason, ct);

    public Task<IReadOnlyList<ProblemRow>> ProblemsAsync(int patientId, CancellationToken ct = default) => record.ProblemsAsync(patientId, ct);
    public Task<int> AddProblemAsync(int patientId, ProblemInput input, CancellationToken ct = default) => record.AddProblemAsync(patientId, input, ct);
    public Task ResolveProblemAsync(int problemId, DateTime? resolvedDate, CancellationToken ct = default) => record.ResolveProblemAsync(problemId, resolvedDate, ct);
}
