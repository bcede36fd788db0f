using Clinic.Data.Patients;

namespace Clinic.Web.Services;

/// <summary>What the patient screens call. A seam so that component tests need no database; every rule stays in the procedures.</summary>
public interface IPatientDirectory
{
    Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default);
    Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default);
    Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default);
    Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default);
    Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default);
    Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default);
}

public sealed class PatientDirectory(PatientProcedures patients) : IPatientDirectory
{
    public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) =>
        patients.RegisterAsync(input, confirmDuplicate, ct);

    public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => patients.UpdateAsync(patientId, input, ct);

    public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => patients.GetAsync(patientId, ct);

    public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) =>
        patients.SearchAsync(query, offset, limit, ct);

    public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) =>
        patients.DuplicateCandidatesAsync(input.GivenName, input.FamilyName, input.DateOfBirth, input.Phone, ct);

    public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) =>
        patients.MergeAsync(survivingPatientId, mergedPatientId, reason, ct);
}
