using Clinic.Data.Common;

namespace Clinic.Data.Queue;

/// <summary>Who joins the walk-in queue: a registered patient, or an anonymous walk-in with a name and phone.</summary>
public sealed record QueueAddInput
{
    public int? PatientId { get; init; }
    public string? WalkInName { get; init; }
    public string? WalkInPhone { get; init; }
    /// <summary>normal, urgent or emergency.</summary>
    public string Priority { get; init; } = QueuePriority.Normal;
    public int? StaffId { get; init; }
    public string? Reason { get; init; }
}

public static class QueuePriority
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";
    public const string Emergency = "emergency";
    public static readonly IReadOnlyList<string> All = [Normal, Urgent, Emergency];
}

public static class QueueStatus
{
    public const string Waiting = "waiting";
    public const string WithDoctor = "with_doctor";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Waiting, WithDoctor, Completed, Cancelled];
}

public sealed record QueueTicket
{
    public int QueueEntryId { get; init; }
    public int QueueNumber { get; init; }
}

/// <summary>The columns queue_list and queue_get share.</summary>
public abstract record QueueEntrySummary
{
    public int QueueEntryId { get; init; }
    public DateTime ClinicDay { get; init; }
    public int QueueNumber { get; init; }
    public int? PatientId { get; init; }
    public string? Mrn { get; init; }
    public string PatientName { get; init; } = "";
    public bool IsWalkIn { get; init; }
    public string? Phone { get; init; }
    /// <summary>The phone as the clinic dials it (0772123456), from phone_format_local.</summary>
    public string? PhoneLocal { get; init; }
    public string Priority { get; init; } = "";
    public int? StaffId { get; init; }
    public string? DoctorName { get; init; }
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? CancelReason { get; init; }
    public DateTime ArrivedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public int? VisitId { get; init; }
    public long WaitMinutes { get; init; }

    // What the signed-in user may do with the entry now, as the database decides it (queue_action_refusal): the
    // board shows a button exactly when its procedure would accept the call.
    public bool CanAssign { get; init; }
    public bool CanSetPriority { get; init; }
    /// <summary>Link an anonymous walk-in to a patient record.</summary>
    public bool CanLink { get; init; }
    /// <summary>Call the patient in (queue_start).</summary>
    public bool CanStart { get; init; }
    public bool CanComplete { get; init; }
    /// <summary>Remove from the queue (queue_cancel).</summary>
    public bool CanCancel { get; init; }
}

public sealed record QueueListRow : QueueEntrySummary
{
    /// <summary>1, 2, 3 ... for waiting patients in the order they will be seen; NULL for the others.</summary>
    public long? QueuePosition { get; init; }
    public long TotalCount { get; init; }
}

public sealed record QueueEntryRow : QueueEntrySummary
{
    public string? WalkInName { get; init; }
    public string? WalkInPhone { get; init; }
    public int? CreatedBy { get; init; }
}

/// <summary>The walk-in queue (db/procedures/queue_*.sql). Every rule is in the procedures and the queue_entry triggers.</summary>
public sealed class QueueProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int AlreadyQueued = 50603;
    public const int WalkInNotRegistered = 50608;
    public const int AnotherDoctorsPatient = 50610;

    /// <summary>Adds to today's queue; the database issues the number.</summary>
    public async Task<QueueTicket> AddAsync(QueueAddInput input, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<QueueTicket>("queue_add", session,
            new
            {
                p_patient_id = input.PatientId, p_walk_in_name = input.WalkInName, p_walk_in_phone = input.WalkInPhone,
                p_priority = input.Priority, p_staff_id = input.StaffId, p_reason = input.Reason,
            }, ct))!;

    /// <summary>Assigns or reassigns a waiting patient to a doctor; <paramref name="staffId"/> NULL unassigns.</summary>
    public async Task AssignAsync(int queueEntryId, int? staffId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("queue_assign", session, new { p_queue_entry_id = queueEntryId, p_staff_id = staffId }, ct);

    public async Task SetPriorityAsync(int queueEntryId, string priority, CancellationToken ct = default) =>
        await runner.ExecuteAsync("queue_set_priority", session, new { p_queue_entry_id = queueEntryId, p_priority = priority }, ct);

    /// <summary>Links an anonymous walk-in to a registered patient record.</summary>
    public async Task LinkPatientAsync(int queueEntryId, int patientId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("queue_link_patient", session, new { p_queue_entry_id = queueEntryId, p_patient_id = patientId }, ct);

    /// <summary>Calls the patient in (waiting -> with doctor) and creates the visit; returns visit_id.</summary>
    public async Task<int> StartAsync(int queueEntryId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("queue_start", session, new { p_queue_entry_id = queueEntryId }, ct);

    public async Task CompleteAsync(int queueEntryId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("queue_complete", session, new { p_queue_entry_id = queueEntryId }, ct);

    public async Task CancelAsync(int queueEntryId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("queue_cancel", session, new { p_queue_entry_id = queueEntryId, p_reason = reason }, ct);

    public async Task<QueueEntryRow?> GetAsync(int queueEntryId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<QueueEntryRow>("queue_get", session, new { p_queue_entry_id = queueEntryId }, ct);

    /// <summary>
    /// One day's queue (NULL: today) in board order: waiting by priority then number, then with a doctor, then the rest.
    /// With <paramref name="staffId"/>, that doctor's patients (plus the unassigned waiting ones when <paramref name="includeUnassigned"/>). Paged, at most 100.
    /// </summary>
    public async Task<IReadOnlyList<QueueListRow>> ListAsync(DateTime? day, int? staffId, bool includeUnassigned, string? status,
        int offset, int limit, CancellationToken ct = default, bool forExport = false) =>
        await runner.QueryAsync<QueueListRow>("queue_list", session,
            new
            {
                p_day = day?.Date, p_staff_id = staffId, p_include_unassigned = includeUnassigned, p_status = status,
                p_offset = offset, p_limit = limit, p_for_export = forExport,
            }, ct);
}
