using Clinic.Data.Portal;

namespace Clinic.Web.Services;

/// <summary>
/// What the patient portal's pages call (Components/Portal): the signed-in patient's own record and appointments. The patient
/// is always the session's (the procedures take no patient id). A seam so that component tests need no database.
/// </summary>
public interface IPortal
{
    Task<PortalMyDetails> MyDetailsAsync(CancellationToken ct = default);
    Task UpdateContactAsync(PortalContactInput input, CancellationToken ct = default);
    Task<Clinic.Data.Notifications.ContactPreference> ContactPreferenceAsync(CancellationToken ct = default);
    Task SetContactPreferenceAsync(bool emailEnabled, bool smsEnabled, CancellationToken ct = default);
    Task<IReadOnlyList<PortalAppointmentRow>> AppointmentsAsync(CancellationToken ct = default);
    Task<PortalBookingRules> BookingRulesAsync(CancellationToken ct = default);
    Task<IReadOnlyList<PortalDoctorRow>> DoctorsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<PortalFreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime? from, int count, CancellationToken ct = default);
    Task<int> BookAsync(int staffId, DateTime startsAt, string? reason, CancellationToken ct = default);
    Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default);
    Task<IReadOnlyList<PortalPrescriptionRow>> PrescriptionsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<PortalLabResultRow>> LabResultsAsync(CancellationToken ct = default);
    Task<PortalVisits> VisitsAsync(CancellationToken ct = default);
    Task<PortalBills> BillsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<PortalAccessRow>> AccessLogAsync(int offset, int limit, CancellationToken ct = default);
}

public sealed class PortalService(PortalProcedures record, PortalAppointmentProcedures appointments) : IPortal
{
    public Task<PortalMyDetails> MyDetailsAsync(CancellationToken ct = default) => record.MyDetailsAsync(ct);
    public Task UpdateContactAsync(PortalContactInput input, CancellationToken ct = default) => record.UpdateContactAsync(input, ct);
    public Task<Clinic.Data.Notifications.ContactPreference> ContactPreferenceAsync(CancellationToken ct = default) => record.ContactPreferenceAsync(ct);

    public Task SetContactPreferenceAsync(bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        record.SetContactPreferenceAsync(emailEnabled, smsEnabled, ct);
    public Task<IReadOnlyList<PortalAppointmentRow>> AppointmentsAsync(CancellationToken ct = default) => appointments.ListAsync(ct);
    public Task<PortalBookingRules> BookingRulesAsync(CancellationToken ct = default) => appointments.RulesAsync(ct);
    public Task<IReadOnlyList<PortalDoctorRow>> DoctorsAsync(CancellationToken ct = default) => appointments.DoctorsAsync(ct);

    public Task<IReadOnlyList<PortalFreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime? from, int count,
        CancellationToken ct = default) => appointments.FreeSlotsAsync(staffId, specialisationId, from, count, ct);

    public Task<int> BookAsync(int staffId, DateTime startsAt, string? reason, CancellationToken ct = default) =>
        appointments.BookAsync(staffId, startsAt, reason, ct);

    public Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) => appointments.CancelAsync(appointmentId, reason, ct);
    public Task<IReadOnlyList<PortalPrescriptionRow>> PrescriptionsAsync(CancellationToken ct = default) => record.PrescriptionsAsync(ct);
    public Task<IReadOnlyList<PortalLabResultRow>> LabResultsAsync(CancellationToken ct = default) => record.LabResultsAsync(ct);
    public Task<PortalVisits> VisitsAsync(CancellationToken ct = default) => record.VisitsAsync(ct);
    public Task<PortalBills> BillsAsync(CancellationToken ct = default) => record.BillsAsync(ct);
    public Task<IReadOnlyList<PortalAccessRow>> AccessLogAsync(int offset, int limit, CancellationToken ct = default) => record.AccessLogAsync(offset, limit, ct);
}

/// <summary>
/// Reception's invitations (the profile's portal panel) and joining with one (/portal/join, without a session).
/// A seam so that component tests need no database.
/// </summary>
public interface IPortalLinks
{
    Task<PortalLinkState> GetAsync(int patientId, CancellationToken ct = default);
    Task<PortalInvitation> InviteAsync(int patientId, CancellationToken ct = default);
    Task<PortalJoinResult> JoinAsync(string code, DateTime? dateOfBirth, string username, string password, CancellationToken ct = default);
}

public sealed class PortalLinks(PortalLinkProcedures links) : IPortalLinks
{
    public Task<PortalLinkState> GetAsync(int patientId, CancellationToken ct = default) => links.GetAsync(patientId, ct);
    public Task<PortalInvitation> InviteAsync(int patientId, CancellationToken ct = default) => links.InviteAsync(patientId, ct);

    public Task<PortalJoinResult> JoinAsync(string code, DateTime? dateOfBirth, string username, string password, CancellationToken ct = default) =>
        links.JoinAsync(code, dateOfBirth, username, password, ct);
}
