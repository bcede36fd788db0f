using Clinic.Data.Queue;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>What the queue board calls. A seam so that component tests need no database; every rule stays in the procedures.</summary>
public interface IQueueBoard
{
    /// <summary>One day's queue (null: today) in board order, at most 100 rows a page.</summary>
    Task<IReadOnlyList<QueueListRow>> ListAsync(DateTime? day, int? staffId, bool includeUnassigned, string? status, int offset, int limit,
        CancellationToken ct = default);

    /// <summary>The active doctors a queue patient can be assigned to, by name.</summary>
    Task<IReadOnlyList<StaffRow>> ActiveDoctorsAsync(CancellationToken ct = default);

    /// <summary>The signed-in user's own active doctor record (staff_for_actor), or null: a doctor's board opens on their patients.</summary>
    Task<int?> OwnDoctorStaffIdAsync(CancellationToken ct = default);

    Task<QueueTicket> AddAsync(QueueAddInput input, CancellationToken ct = default);
    Task AssignAsync(int queueEntryId, int? staffId, CancellationToken ct = default);
    Task SetPriorityAsync(int queueEntryId, string priority, CancellationToken ct = default);
    Task LinkPatientAsync(int queueEntryId, int patientId, CancellationToken ct = default);
    Task<int> StartAsync(int queueEntryId, CancellationToken ct = default);
    Task CompleteAsync(int queueEntryId, CancellationToken ct = default);
    Task CancelAsync(int queueEntryId, string reason, CancellationToken ct = default);
}

/// <summary>Calls the queue procedures and tells every open board after a change succeeded.</summary>
public sealed class QueueBoardService(QueueProcedures queue, StaffProcedures staff, QueueChangeNotifier notifier) : IQueueBoard
{
    private const int StaffPageSize = 100;

    public Task<IReadOnlyList<QueueListRow>> ListAsync(DateTime? day, int? staffId, bool includeUnassigned, string? status, int offset, int limit,
        CancellationToken ct = default) =>
        queue.ListAsync(day, staffId, includeUnassigned, status, offset, limit, ct);

    public async Task<IReadOnlyList<StaffRow>> ActiveDoctorsAsync(CancellationToken ct = default)
    {
        // Paged like every list; a clinic has far fewer doctors than the cap, which only guards against a runaway loop.
        var (doctors, _) = await Paging.ReadAllAsync((offset, limit, token) => staff.ListDoctorsAsync(true, offset, limit, token),
            r => r.TotalCount, StaffPageSize, maxRows: 20 * StaffPageSize, ct);
        return doctors;
    }

    public async Task<int?> OwnDoctorStaffIdAsync(CancellationToken ct = default) =>
        await staff.CurrentAsync(ct) is { SeesPatients: true } own ? own.StaffId : null;

    public async Task<QueueTicket> AddAsync(QueueAddInput input, CancellationToken ct = default)
    {
        var ticket = await queue.AddAsync(input, ct);
        notifier.NotifyChanged();
        return ticket;
    }

    public Task AssignAsync(int queueEntryId, int? staffId, CancellationToken ct = default) =>
        Changed(queue.AssignAsync(queueEntryId, staffId, ct));

    public Task SetPriorityAsync(int queueEntryId, string priority, CancellationToken ct = default) =>
        Changed(queue.SetPriorityAsync(queueEntryId, priority, ct));

    public Task LinkPatientAsync(int queueEntryId, int patientId, CancellationToken ct = default) =>
        Changed(queue.LinkPatientAsync(queueEntryId, patientId, ct));

    public async Task<int> StartAsync(int queueEntryId, CancellationToken ct = default)
    {
        var visitId = await queue.StartAsync(queueEntryId, ct);
        notifier.NotifyChanged();
        return visitId;
    }

    public Task CompleteAsync(int queueEntryId, CancellationToken ct = default) => Changed(queue.CompleteAsync(queueEntryId, ct));

    public Task CancelAsync(int queueEntryId, string reason, CancellationToken ct = default) =>
        Changed(queue.CancelAsync(queueEntryId, reason, ct));

    private async Task Changed(Task change)
    {
        await change;
        notifier.NotifyChanged();
    }
}
