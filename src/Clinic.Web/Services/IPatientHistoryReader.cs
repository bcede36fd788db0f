using Clinic.Data.Patients;

namespace Clinic.Web.Services;

/// <summary>
/// The patient profile's medical history (patient_history, patient_vitals_trend,
/// patient_clinical_summary): events newest first and paged, the vitals trend and the clinical header.
/// </summary>
public interface IPatientHistoryReader
{
    /// <summary>A page of events; <paramref name="kinds"/> empty or null means every kind.</summary>
    Task<IReadOnlyList<PatientHistoryRow>> PageAsync(int patientId, IReadOnlyCollection<string>? kinds, int offset, int limit, CancellationToken ct = default);
    Task<IReadOnlyList<VitalsPoint>> VitalsTrendAsync(int patientId, int limit, CancellationToken ct = default);
    Task<IReadOnlyList<ClinicalSummaryItem>> SummaryAsync(int patientId, CancellationToken ct = default);
}

public sealed class PatientHistoryReader(PatientHistoryProcedures history) : IPatientHistoryReader
{
    public Task<IReadOnlyList<PatientHistoryRow>> PageAsync(int patientId, IReadOnlyCollection<string>? kinds, int offset, int limit,
        CancellationToken ct = default) =>
        history.PageAsync(patientId, kinds, offset, limit, ct);

    public Task<IReadOnlyList<VitalsPoint>> VitalsTrendAsync(int patientId, int limit, CancellationToken ct = default) =>
        history.VitalsTrendAsync(patientId, limit, ct);

    public Task<IReadOnlyList<ClinicalSummaryItem>> SummaryAsync(int patientId, CancellationToken ct = default) =>
        history.SummaryAsync(patientId, ct);
}
