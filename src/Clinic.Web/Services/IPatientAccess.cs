using Clinic.Data.Patients;

namespace Clinic.Web.Services;

/// <summary>
/// Read access to patients' records: breaking the glass (patient_break_glass) and, for administrators, the
/// access log (patient_access_list) and every break-glass opening (break_glass_list). A seam so that component
/// tests need no database; who may open what, the reason's minimum and the logging are the database's.
/// </summary>
public interface IPatientAccess
{
    /// <summary>Opens the patient's record for the rest of the sign-in session, with the stated reason (logged).</summary>
    Task BreakGlassAsync(int patientId, string reason, CancellationToken ct = default);

    /// <summary>Who read this patient's record and when, newest first; <paramref name="to"/> is exclusive.</summary>
    Task<IReadOnlyList<PatientAccessRow>> AccessLogAsync(int patientId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);

    /// <summary>Every break-glass opening (optionally of one patient), newest first; <paramref name="to"/> is exclusive.</summary>
    Task<IReadOnlyList<BreakGlassRow>> BreakGlassListAsync(int? patientId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);
}

public sealed class PatientAccess(PatientProcedures patients) : IPatientAccess
{
    public Task BreakGlassAsync(int patientId, string reason, CancellationToken ct = default) => patients.BreakGlassAsync(patientId, reason, ct);

    public Task<IReadOnlyList<PatientAccessRow>> AccessLogAsync(int patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        patients.AccessLogAsync(patientId, from, to, offset, limit, ct);

    public Task<IReadOnlyList<BreakGlassRow>> BreakGlassListAsync(int? patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        patients.BreakGlassListAsync(patientId, from, to, offset, limit, ct);
}
