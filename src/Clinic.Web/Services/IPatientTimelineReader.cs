using Clinic.Data.Patients;

namespace Clinic.Web.Services;

/// <summary>The patient profile's timeline (patient_timeline): appointments, queue visits and visits, newest first, paged.</summary>
public interface IPatientTimelineReader
{
    Task<IReadOnlyList<PatientTimelineRow>> PageAsync(int patientId, int offset, int limit, CancellationToken ct = default);
}

public sealed class PatientTimelineReader(PatientProcedures patients) : IPatientTimelineReader
{
    public Task<IReadOnlyList<PatientTimelineRow>> PageAsync(int patientId, int offset, int limit, CancellationToken ct = default) =>
        patients.TimelineAsync(patientId, offset, limit, ct);
}
