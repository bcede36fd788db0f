using Clinic.Data.Common;

namespace Clinic.Data.Scheduling;

/// <summary>What a receptionist chooses in the booking dialog.</summary>
public sealed record AppointmentInput
{
    public int PatientId { get; init; }
    public int StaffId { get; init; }
    public int? RoomId { get; init; }
    public DateTime StartsAt { get; init; }
    /// <summary>NULL: the default length of the doctor's specialisation.</summary>
    public int? Minutes { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The columns appointment_get and appointment_list share.</summary>
public abstract record AppointmentSummary
{
    public int AppointmentId { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string PatientGivenName { get; init; } = "";
    public string PatientFamilyName { get; init; } = "";
    public int StaffId { get; init; }
    public string DoctorGivenName { get; init; } = "";
    public string DoctorFamilyName { get; init; } = "";
    public int? RoomId { get; init; }
    public string? RoomName { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? CancelReason { get; init; }
    public int? SeriesId { get; init; }

    // What the signed-in user may do with the appointment now, as the database decides it (appointment_action_refusal,
    // on the database's clock): the screens show a button exactly when its procedure would accept the call.
    public bool CanCheckIn { get; init; }
    public bool CanStart { get; init; }
    public bool CanComplete { get; init; }
    public bool CanMarkNoShow { get; init; }
    public bool CanCancel { get; init; }
    public bool CanReschedule { get; init; }
}

public sealed record AppointmentRow : AppointmentSummary
{
    public int? CreatedBy { get; init; }
    public DateTime? CheckedInAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int? VisitId { get; init; }
}

/// <summary>
/// A historical appointment for appointment_record_past (moving from paper or an old system): it has
/// ended, and its <see cref="Status"/> is final: completed, cancelled (with <see cref="CancelReason"/>)
/// or no_show. Times left NULL follow the schedule.
/// </summary>
public sealed record PastAppointmentInput
{
    public int PatientId { get; init; }
    public int StaffId { get; init; }
    public int? RoomId { get; init; }
    public DateTime StartsAt { get; init; }
    /// <summary>NULL: the default length of the doctor's specialisation.</summary>
    public int? Minutes { get; init; }
    public string? Reason { get; init; }
    public string Status { get; init; } = "completed";
    public string? CancelReason { get; init; }
    public DateTime? CheckedInAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
}

public sealed record AppointmentListRow : AppointmentSummary
{
    /// <summary>The visit opened when the consultation started (NULL before that).</summary>
    public int? VisitId { get; init; }
    public long TotalCount { get; init; }
}

public sealed record FreeSlotRow
{
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
}

/// <summary>An active doctor as the booking and calendar pickers show them (doctor_list).</summary>
public sealed record DoctorRow
{
    public int StaffId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public int SpecialisationId { get; init; }
    public string SpecialisationName { get; init; } = "";
    public int DefaultAppointmentMinutes { get; init; }
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
}

/// <summary>Appointments, recurring series and free-slot search (db/procedures/appointment_*.sql).</summary>
public sealed class AppointmentProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>The doctor already has an appointment at that time: the loser of a booking race gets this.</summary>
    public const int SlotTaken = 50506;
    public const int RoomTaken = 50507;
    public const int PatientBusy = 50508;
    /// <summary>A series was refused; the message lists the dates that are not free.</summary>
    public const int SeriesDatesNotFree = 50521;

    public async Task<int> BookAsync(AppointmentInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_book", session,
            new
            {
                p_patient_id = input.PatientId, p_staff_id = input.StaffId, p_room_id = input.RoomId,
                p_starts_at = input.StartsAt, p_minutes = input.Minutes, p_reason = input.Reason,
            }, ct);

    /// <summary>
    /// Records an appointment that already happened, with its final status (admin only); a completed one
    /// gets its visit. Checks overlaps like booking, not working hours. Returns appointment_id.
    /// </summary>
    public async Task<int> RecordPastAsync(PastAppointmentInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_record_past", session,
            new
            {
                p_patient_id = input.PatientId, p_staff_id = input.StaffId, p_room_id = input.RoomId,
                p_starts_at = input.StartsAt, p_minutes = input.Minutes, p_reason = input.Reason,
                p_status = input.Status, p_cancel_reason = input.CancelReason,
                p_checked_in_at = input.CheckedInAt, p_started_at = input.StartedAt,
                p_completed_at = input.CompletedAt, p_cancelled_at = input.CancelledAt,
            }, ct);

    /// <summary>Moves a booked or checked-in appointment; <paramref name="minutes"/> NULL keeps its length; <paramref name="roomId"/> NULL means no room.</summary>
    public async Task RescheduleAsync(int appointmentId, DateTime startsAt, int? minutes, int? roomId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("appointment_reschedule", session,
            new { p_appointment_id = appointmentId, p_starts_at = startsAt, p_minutes = minutes, p_room_id = roomId }, ct);

    public async Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("appointment_cancel", session, new { p_appointment_id = appointmentId, p_reason = reason }, ct);

    public async Task CheckInAsync(int appointmentId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("appointment_check_in", session, new { p_appointment_id = appointmentId }, ct);

    /// <summary>Starts the consultation and opens its visit in the same transaction; returns visit_id.</summary>
    public async Task<int> StartAsync(int appointmentId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_start", session, new { p_appointment_id = appointmentId }, ct);

    /// <summary>Completes the appointment; returns the visit opened at the start (created here for an appointment started without one).</summary>
    public async Task<int> CompleteAsync(int appointmentId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_complete", session, new { p_appointment_id = appointmentId }, ct);

    public async Task MarkNoShowAsync(int appointmentId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("appointment_mark_no_show", session, new { p_appointment_id = appointmentId }, ct);

    public async Task<AppointmentRow?> GetAsync(int appointmentId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<AppointmentRow>("appointment_get", session, new { p_appointment_id = appointmentId }, ct);

    /// <summary>
    /// Appointments starting in [from, to), paged (limit at most 100); for the calendar and the CSV export
    /// (<paramref name="forExport"/>: the database logs the export of each patient's row).
    /// </summary>
    public async Task<IReadOnlyList<AppointmentListRow>> ListAsync(DateTime? from, DateTime? to, int? staffId, int? roomId, string? status,
        int offset, int limit, CancellationToken ct = default, bool forExport = false) =>
        await runner.QueryAsync<AppointmentListRow>("appointment_list", session,
            new
            {
                p_from = from, p_to = to, p_staff_id = staffId, p_room_id = roomId, p_status = status, p_offset = offset, p_limit = limit,
                p_for_export = forExport,
            }, ct);

    /// <summary>The next <paramref name="count"/> free slots for a doctor, or for any doctor of a specialisation.</summary>
    public async Task<IReadOnlyList<FreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime from, int count,
        int? minutes = null, int? roomId = null, CancellationToken ct = default) =>
        await runner.QueryAsync<FreeSlotRow>("appointment_free_slots", session,
            new
            {
                p_staff_id = staffId, p_specialisation_id = specialisationId, p_from = from, p_count = count,
                p_minutes = minutes, p_room_id = roomId,
            }, ct);

    /// <summary>Books <paramref name="occurrences"/> appointments every <paramref name="everyWeeks"/> weeks, all or nothing; returns series_id.</summary>
    public async Task<int> BookSeriesAsync(AppointmentInput first, int everyWeeks, int occurrences, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_book_series", session,
            new
            {
                p_patient_id = first.PatientId, p_staff_id = first.StaffId, p_room_id = first.RoomId,
                p_starts_at = first.StartsAt, p_minutes = first.Minutes, p_every_weeks = everyWeeks,
                p_occurrences = occurrences, p_reason = first.Reason,
            }, ct);

    /// <summary>Cancels one occurrence (<paramref name="scope"/> "this") or it and all later ones ("future"); returns how many were cancelled.</summary>
    public async Task<int> CancelSeriesAsync(int appointmentId, string scope, string reason, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("appointment_cancel_series", session,
            new { p_appointment_id = appointmentId, p_scope = scope, p_reason = reason }, ct);

    /// <summary>Active doctors whose name starts with <paramref name="search"/> (all when empty), optionally of one specialisation; at most <paramref name="limit"/> (≤ 100).</summary>
    public async Task<IReadOnlyList<DoctorRow>> ListDoctorsAsync(string? search, int? specialisationId, int limit = 50, CancellationToken ct = default) =>
        await runner.QueryAsync<DoctorRow>("doctor_list", session,
            new { p_search = search, p_specialisation_id = specialisationId, p_limit = limit }, ct);
}
