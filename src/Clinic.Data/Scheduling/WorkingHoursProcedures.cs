using Clinic.Data.Common;

namespace Clinic.Data.Scheduling;

public sealed record WorkingHoursRow
{
    public int DoctorWorkingHoursId { get; init; }
    public int StaffId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    /// <summary>ISO weekday: Monday = 1 ... Sunday = 7.</summary>
    public int Weekday { get; init; }
    public TimeSpan StartsAt { get; init; }
    public TimeSpan EndsAt { get; init; }
}

public sealed record ScheduleExceptionRow
{
    public int DoctorScheduleExceptionId { get; init; }
    public int StaffId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    /// <summary>leave, holiday or extra_session.</summary>
    public string Kind { get; init; } = "";
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string? Reason { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>Doctors' weekly working hours, leave, holidays and extra sessions (db/procedures/working_hours_*, schedule_exception_*).</summary>
public sealed class WorkingHoursProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Adds a block on an ISO weekday (Monday = 1); <paramref name="endsAt"/> may be 24:00. Returns its id.</summary>
    public async Task<int> AddBlockAsync(int staffId, int weekday, TimeSpan startsAt, TimeSpan endsAt, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("working_hours_add", session,
            new { p_staff_id = staffId, p_weekday = weekday, p_starts_at = startsAt, p_ends_at = endsAt }, ct);

    public async Task RemoveBlockAsync(int doctorWorkingHoursId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("working_hours_remove", session,
            new { p_doctor_working_hours_id = doctorWorkingHoursId }, ct);

    public async Task<IReadOnlyList<WorkingHoursRow>> ListAsync(int? staffId, CancellationToken ct = default) =>
        await runner.QueryAsync<WorkingHoursRow>("working_hours_list", session, new { p_staff_id = staffId }, ct);

    /// <summary>Records leave, a holiday or an extra session (<paramref name="kind"/>: leave, holiday, extra_session). Returns its id.</summary>
    public async Task<int> AddExceptionAsync(int staffId, string kind, DateTime startsAt, DateTime endsAt, string? reason = null, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("schedule_exception_add", session,
            new { p_staff_id = staffId, p_kind = kind, p_starts_at = startsAt, p_ends_at = endsAt, p_reason = reason }, ct);

    public async Task RemoveExceptionAsync(int doctorScheduleExceptionId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("schedule_exception_remove", session,
            new { p_doctor_schedule_exception_id = doctorScheduleExceptionId }, ct);

    public async Task<IReadOnlyList<ScheduleExceptionRow>> ListExceptionsAsync(int? staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<ScheduleExceptionRow>("schedule_exception_list", session,
            new { p_staff_id = staffId, p_from = from, p_to = to, p_offset = offset, p_limit = limit }, ct);
}
