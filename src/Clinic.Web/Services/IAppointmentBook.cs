using Clinic.Data.Scheduling;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>
/// What the scheduling screens and the appointment export call. A seam so that component tests need
/// no database; every rule (state machine, double booking, working hours) stays in the procedures.
/// </summary>
public interface IAppointmentBook
{
    Task<int> BookAsync(AppointmentInput input, CancellationToken ct = default);
    Task<int> BookSeriesAsync(AppointmentInput first, int everyWeeks, int occurrences, CancellationToken ct = default);
    Task RescheduleAsync(int appointmentId, DateTime startsAt, int? minutes, int? roomId, CancellationToken ct = default);
    Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default);
    /// <summary><paramref name="scope"/>: "this" or "future"; returns how many were cancelled.</summary>
    Task<int> CancelSeriesAsync(int appointmentId, string scope, string reason, CancellationToken ct = default);
    Task CheckInAsync(int appointmentId, CancellationToken ct = default);
    Task StartAsync(int appointmentId, CancellationToken ct = default);
    Task<int> CompleteAsync(int appointmentId, CancellationToken ct = default);
    Task MarkNoShowAsync(int appointmentId, CancellationToken ct = default);
    Task<AppointmentRow?> GetAsync(int appointmentId, CancellationToken ct = default);
    /// <summary>
    /// One page (at most <see cref="AppointmentPages.PageSize"/> rows) of appointments starting in [from, to);
    /// <paramref name="forExport"/> when the rows leave the clinic's screens (the database logs the export).
    /// </summary>
    Task<IReadOnlyList<AppointmentListRow>> ListAsync(DateTime from, DateTime to, int? staffId, int? roomId, string? status, int offset, int limit,
        CancellationToken ct = default, bool forExport = false);
    Task<IReadOnlyList<FreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime from, int count, int? minutes, int? roomId,
        CancellationToken ct = default);
    Task<IReadOnlyList<DoctorRow>> DoctorsAsync(string? search, int? specialisationId, int limit, CancellationToken ct = default);
    Task<IReadOnlyList<SpecialisationRow>> SpecialisationsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<RoomRow>> RoomsAsync(CancellationToken ct = default);
}

public sealed class AppointmentBook(AppointmentProcedures appointments, FacilityProcedures facilities) : IAppointmentBook
{
    public Task<int> BookAsync(AppointmentInput input, CancellationToken ct = default) => appointments.BookAsync(input, ct);

    public Task<int> BookSeriesAsync(AppointmentInput first, int everyWeeks, int occurrences, CancellationToken ct = default) =>
        appointments.BookSeriesAsync(first, everyWeeks, occurrences, ct);

    public Task RescheduleAsync(int appointmentId, DateTime startsAt, int? minutes, int? roomId, CancellationToken ct = default) =>
        appointments.RescheduleAsync(appointmentId, startsAt, minutes, roomId, ct);

    public Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) => appointments.CancelAsync(appointmentId, reason, ct);

    public Task<int> CancelSeriesAsync(int appointmentId, string scope, string reason, CancellationToken ct = default) =>
        appointments.CancelSeriesAsync(appointmentId, scope, reason, ct);

    public Task CheckInAsync(int appointmentId, CancellationToken ct = default) => appointments.CheckInAsync(appointmentId, ct);
    public Task StartAsync(int appointmentId, CancellationToken ct = default) => appointments.StartAsync(appointmentId, ct);
    public Task<int> CompleteAsync(int appointmentId, CancellationToken ct = default) => appointments.CompleteAsync(appointmentId, ct);
    public Task MarkNoShowAsync(int appointmentId, CancellationToken ct = default) => appointments.MarkNoShowAsync(appointmentId, ct);
    public Task<AppointmentRow?> GetAsync(int appointmentId, CancellationToken ct = default) => appointments.GetAsync(appointmentId, ct);

    public Task<IReadOnlyList<AppointmentListRow>> ListAsync(DateTime from, DateTime to, int? staffId, int? roomId, string? status, int offset, int limit,
        CancellationToken ct = default, bool forExport = false) =>
        appointments.ListAsync(from, to, staffId, roomId, status, offset, limit, ct, forExport);

    public Task<IReadOnlyList<FreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime from, int count, int? minutes, int? roomId,
        CancellationToken ct = default) =>
        appointments.FreeSlotsAsync(staffId, specialisationId, from, count, minutes, roomId, ct);

    public Task<IReadOnlyList<DoctorRow>> DoctorsAsync(string? search, int? specialisationId, int limit, CancellationToken ct = default) =>
        appointments.ListDoctorsAsync(search, specialisationId, limit, ct);

    public Task<IReadOnlyList<SpecialisationRow>> SpecialisationsAsync(CancellationToken ct = default) => facilities.ListSpecialisationsAsync(false, ct);

    public Task<IReadOnlyList<RoomRow>> RoomsAsync(CancellationToken ct = default) => facilities.ListRoomsAsync(null, false, ct);
}

/// <summary>Reads every page of appointment_list for a range: each query stays bounded (≤ 100 rows).</summary>
public static class AppointmentPages
{
    /// <summary>appointment_list's largest page.</summary>
    public const int PageSize = 100;

    /// <summary>
    /// The appointments starting in [from, to), page by page, at most <paramref name="maxPages"/> pages
    /// (null: until the last one). Truncated says that more rows exist than were read. A row that moves
    /// to a later page while paging (a booking before it) is returned once.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<AppointmentListRow>> PagesAsync(IAppointmentBook book, DateTime from, DateTime to,
        int? staffId, int? roomId, string? status, int? maxPages,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default, bool forExport = false)
    {
        var seen = new HashSet<int>();
        await foreach (var rows in Paging.PagesAsync((offset, limit, token) => book.ListAsync(from, to, staffId, roomId, status, offset, limit, token, forExport),
                           r => r.TotalCount, PageSize, maxPages * PageSize, ct))
        {
            var fresh = rows.Where(r => seen.Add(r.AppointmentId)).ToList();
            if (fresh.Count > 0)
                yield return fresh;
        }
    }

    /// <summary>All rows of at most <paramref name="maxPages"/> pages; Truncated when more exist.</summary>
    public static async Task<(IReadOnlyList<AppointmentListRow> Rows, bool Truncated, long Total)> ListAsync(IAppointmentBook book, DateTime from, DateTime to,
        int? staffId, int? roomId, string? status, int maxPages, CancellationToken ct = default)
    {
        var rows = new List<AppointmentListRow>();
        long total = 0;
        await foreach (var page in PagesAsync(book, from, to, staffId, roomId, status, maxPages, ct))
        {
            rows.AddRange(page);
            total = Math.Max(total, page[0].TotalCount);
        }
        return (rows, total > rows.Count, total);
    }
}
