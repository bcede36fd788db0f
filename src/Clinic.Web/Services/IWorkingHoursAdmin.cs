using Clinic.Data.Scheduling;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>What the working-hours screen calls. A seam so that component tests need no database; every rule stays in the procedures.</summary>
public interface IWorkingHoursAdmin
{
    /// <summary>Active doctors (the first 200), for the picker.</summary>
    Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<WorkingHoursRow>> BlocksAsync(int staffId, CancellationToken ct = default);
    Task<int> AddBlockAsync(int staffId, int weekday, TimeSpan startsAt, TimeSpan endsAt, CancellationToken ct = default);
    Task RemoveBlockAsync(int doctorWorkingHoursId, CancellationToken ct = default);
    Task<IReadOnlyList<ScheduleExceptionRow>> ExceptionsAsync(int staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);
    Task<int> AddExceptionAsync(int staffId, string kind, DateTime startsAt, DateTime endsAt, string? reason, CancellationToken ct = default);
    Task RemoveExceptionAsync(int doctorScheduleExceptionId, CancellationToken ct = default);
}

public sealed class WorkingHoursAdmin(WorkingHoursProcedures hours, StaffProcedures staff) : IWorkingHoursAdmin
{
    public async Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default)
    {
        var first = await staff.ListDoctorsAsync(true, 0, 100, ct);
        return first.Count < 100 ? first : [.. first, .. await staff.ListDoctorsAsync(true, 100, 100, ct)];
    }

    public Task<IReadOnlyList<WorkingHoursRow>> BlocksAsync(int staffId, CancellationToken ct = default) => hours.ListAsync(staffId, ct);

    public Task<int> AddBlockAsync(int staffId, int weekday, TimeSpan startsAt, TimeSpan endsAt, CancellationToken ct = default) =>
        hours.AddBlockAsync(staffId, weekday, startsAt, endsAt, ct);

    public Task RemoveBlockAsync(int doctorWorkingHoursId, CancellationToken ct = default) => hours.RemoveBlockAsync(doctorWorkingHoursId, ct);

    public Task<IReadOnlyList<ScheduleExceptionRow>> ExceptionsAsync(int staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        hours.ListExceptionsAsync(staffId, from, to, offset, limit, ct);

    public Task<int> AddExceptionAsync(int staffId, string kind, DateTime startsAt, DateTime endsAt, string? reason, CancellationToken ct = default) =>
        hours.AddExceptionAsync(staffId, kind, startsAt, endsAt, reason, ct);

    public Task RemoveExceptionAsync(int doctorScheduleExceptionId, CancellationToken ct = default) => hours.RemoveExceptionAsync(doctorScheduleExceptionId, ct);
}
