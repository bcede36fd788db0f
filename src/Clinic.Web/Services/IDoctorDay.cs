using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>What a doctor's "My day" calls: their staff record, today's appointments and queue, start and complete. Every rule stays in the procedures.</summary>
public interface IDoctorDay
{
    Task<CurrentStaffRow?> CurrentStaffAsync(CancellationToken ct = default);
    /// <summary>The doctor's appointments starting on <paramref name="day"/> (all pages, at most 300).</summary>
    Task<IReadOnlyList<AppointmentListRow>> AppointmentsAsync(int staffId, DateTime day, CancellationToken ct = default);
    /// <summary>Today's queue for the doctor, with the unassigned waiting patients any doctor may take (all pages, at most 300).</summary>
    Task<IReadOnlyList<QueueListRow>> QueueAsync(int staffId, CancellationToken ct = default);
    Task StartAppointmentAsync(int appointmentId, CancellationToken ct = default);
    Task<int> CompleteAppointmentAsync(int appointmentId, CancellationToken ct = default);
    Task<int> StartQueueAsync(int queueEntryId, CancellationToken ct = default);
    Task CompleteQueueAsync(int queueEntryId, CancellationToken ct = default);
}

public sealed class DoctorDay(StaffProcedures staff, AppointmentProcedures appointments, QueueProcedures queue) : IDoctorDay
{
    private const int PageSize = 100;
    private const int MaxPages = 3;

    public Task<CurrentStaffRow?> CurrentStaffAsync(CancellationToken ct = default) => staff.CurrentAsync(ct);

    public async Task<IReadOnlyList<AppointmentListRow>> AppointmentsAsync(int staffId, DateTime day, CancellationToken ct = default)
    {
        var rows = new List<AppointmentListRow>();
        for (var page = 0; page < MaxPages; page++)
        {
            var batch = await appointments.ListAsync(day.Date, day.Date.AddDays(1), staffId, null, null, page * PageSize, PageSize, ct);
            rows.AddRange(batch);
            if (batch.Count < PageSize)
                break;
        }
        return rows;
    }

    public async Task<IReadOnlyList<QueueListRow>> QueueAsync(int staffId, CancellationToken ct = default)
    {
        var rows = new List<QueueListRow>();
        for (var page = 0; page < MaxPages; page++)
        {
            var batch = await queue.ListAsync(null, staffId, true, null, page * PageSize, PageSize, ct);
            rows.AddRange(batch);
            if (batch.Count < PageSize)
                break;
        }
        return rows;
    }

    public Task StartAppointmentAsync(int appointmentId, CancellationToken ct = default) => appointments.StartAsync(appointmentId, ct);

    public Task<int> CompleteAppointmentAsync(int appointmentId, CancellationToken ct = default) => appointments.CompleteAsync(appointmentId, ct);

    public Task<int> StartQueueAsync(int queueEntryId, CancellationToken ct = default) => queue.StartAsync(queueEntryId, ct);

    public Task CompleteQueueAsync(int queueEntryId, CancellationToken ct = default) => queue.CompleteAsync(queueEntryId, ct);
}
