using Clinic.Data.Common;

namespace Clinic.Data.Portal;

/// <summary>One of the patient's own appointments (portal_appointment_list), with whether it may be cancelled online now.</summary>
public sealed record PortalAppointmentRow
{
    public int AppointmentId { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string Status { get; init; } = "";
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string? SpecialisationName { get; init; }
    public string? RoomName { get; init; }
    public string? Reason { get; init; }
    public string? CancelReason { get; init; }
    public bool IsUpcoming { get; init; }
    public bool CanCancel { get; init; }
    /// <summary>0, or the code portal_appointment_cancel would refuse with (51423 too late, 51425 no longer booked).</summary>
    public int CancelRefusal { get; init; }
    public DateTime CancelUntil { get; init; }
}

/// <summary>The portal's booking limits for the signed-in patient (portal_booking_rules).</summary>
public sealed record PortalBookingRules
{
    public int BookingWindowDays { get; init; }
    public DateTime LastBookableDay { get; init; }
    public int MaxFutureBookings { get; init; }
    public int FutureBookings { get; init; }
    public bool CanBook { get; init; }
    public int CancelHours { get; init; }
}

/// <summary>A doctor a patient may book (portal_doctor_list).</summary>
public sealed record PortalDoctorRow
{
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public int? SpecialisationId { get; init; }
    public string? SpecialisationName { get; init; }
}

/// <summary>A free slot inside the portal's booking window (portal_free_slots).</summary>
public sealed record PortalFreeSlotRow
{
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
}

/// <summary>
/// The signed-in patient's appointments in the portal (db/procedures/portal_appointment_*.sql, portal_free_slots.sql,
/// portal_booking_rules.sql, portal_doctor_list.sql). The patient is always the session's: no patient id is passed.
/// </summary>
public sealed class PortalAppointmentProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int OutsideBookingWindow = 51421;
    public const int TooManyFutureBookings = 51422;
    public const int TooLateToCancel = 51423;
    public const int AppointmentNotFound = 51424;

    public async Task<IReadOnlyList<PortalAppointmentRow>> ListAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<PortalAppointmentRow>("portal_appointment_list", session, null, ct);

    public async Task<PortalBookingRules> RulesAsync(CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<PortalBookingRules>("portal_booking_rules", session, null, ct))!;

    public async Task<IReadOnlyList<PortalDoctorRow>> DoctorsAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<PortalDoctorRow>("portal_doctor_list", session, null, ct);

    /// <summary>The next free slots of one doctor or of every doctor of a specialisation, inside the booking window.</summary>
    public async Task<IReadOnlyList<PortalFreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime? from, int count = 10,
        CancellationToken ct = default) =>
        await runner.QueryAsync<PortalFreeSlotRow>("portal_free_slots", session,
            new { p_staff_id = staffId, p_specialisation_id = specialisationId, p_from = from, p_count = count }, ct);

    /// <summary>Books the signed-in patient in a free slot of the doctor; returns appointment_id.</summary>
    public async Task<int> BookAsync(int staffId, DateTime startsAt, string? reason, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("portal_appointment_book", session,
            new { p_staff_id = staffId, p_starts_at = startsAt, p_reason = reason }, ct);

    public async Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("portal_appointment_cancel", session, new { p_appointment_id = appointmentId, p_reason = reason }, ct);
}
