using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Appointments;

/// <summary>An in-memory IAppointmentBook that records every call, with answers the test sets up.</summary>
internal sealed class FakeAppointmentBook : IAppointmentBook
{
    public List<AppointmentInput> BookCalls { get; } = [];
    public List<(AppointmentInput First, int EveryWeeks, int Occurrences)> SeriesCalls { get; } = [];
    public List<(int? StaffId, int? SpecialisationId, DateTime From, int Count, int? Minutes, int? RoomId)> FreeSlotCalls { get; } = [];
    public List<(DateTime From, DateTime To, int? StaffId, int? RoomId, string? Status, int Offset, int Limit)> ListCalls { get; } = [];
    public List<string> Actions { get; } = [];

    /// <summary>Answers to successive free-slot searches; the last one repeats.</summary>
    public Queue<IReadOnlyList<FreeSlotRow>> SlotAnswers { get; } = new();
    private IReadOnlyList<FreeSlotRow> lastSlots = [];

    /// <summary>Thrown by the next booking (then cleared).</summary>
    public Exception? BookFailure { get; set; }

    /// <summary>Thrown by the next status change (then cleared).</summary>
    public Exception? ActionFailure { get; set; }

    public List<AppointmentListRow> Appointments { get; set; } = [];
    public Exception? ListFailure { get; set; }
    public Dictionary<int, AppointmentRow> Rows { get; } = [];
    public List<DoctorRow> Doctors { get; set; } = [];
    public List<SpecialisationRow> Specialisations { get; set; } = [];
    public List<RoomRow> Rooms { get; set; } = [];

    public Task<int> BookAsync(AppointmentInput input, CancellationToken ct = default)
    {
        BookCalls.Add(input);
        if (BookFailure is { } failure)
        {
            BookFailure = null;
            throw failure;
        }
        return Task.FromResult(900 + BookCalls.Count);
    }

    public Task<int> BookSeriesAsync(AppointmentInput first, int everyWeeks, int occurrences, CancellationToken ct = default)
    {
        SeriesCalls.Add((first, everyWeeks, occurrences));
        if (BookFailure is { } failure)
        {
            BookFailure = null;
            throw failure;
        }
        return Task.FromResult(70);
    }

    public Task<IReadOnlyList<FreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime from, int count, int? minutes, int? roomId,
        CancellationToken ct = default)
    {
        FreeSlotCalls.Add((staffId, specialisationId, from, count, minutes, roomId));
        if (SlotAnswers.Count > 0)
            lastSlots = SlotAnswers.Dequeue();
        return Task.FromResult(lastSlots);
    }

    public Task<IReadOnlyList<AppointmentListRow>> ListAsync(DateTime from, DateTime to, int? staffId, int? roomId, string? status, int offset, int limit,
        CancellationToken ct = default, bool forExport = false)
    {
        ListCalls.Add((from, to, staffId, roomId, status, offset, limit));
        if (ListFailure is not null)
            throw ListFailure;
        var matching = Appointments
            .Where(a => a.StartsAt >= from && a.StartsAt < to && (staffId is null || a.StaffId == staffId) && (roomId is null || a.RoomId == roomId)
                        && (status is null || a.Status == status))
            .OrderBy(a => a.StartsAt).ThenBy(a => a.AppointmentId).ToList();
        IReadOnlyList<AppointmentListRow> page = matching.Skip(offset).Take(Math.Min(limit, 100)).Select(a => a with { TotalCount = matching.Count }).ToList();
        return Task.FromResult(page);
    }

    public Task<AppointmentRow?> GetAsync(int appointmentId, CancellationToken ct = default) =>
        Task.FromResult(Rows.TryGetValue(appointmentId, out var row) ? Flags(row) : null);

    /// <summary>
    /// The can_* flags the fake database answers appointment_get with (appointment_action_refusal): by default every
    /// step the status allows, as for an administrator; a test narrows them to what a role may do.
    /// </summary>
    public Func<AppointmentRow, AppointmentRow> Flags { get; set; } = StatusFlags;

    public static AppointmentRow StatusFlags(AppointmentRow r) => r with
    {
        CanCheckIn = r.Status == "booked", CanStart = r.Status == "checked_in", CanComplete = r.Status == "in_progress",
        CanMarkNoShow = r.Status == "booked" && r.StartsAt <= DateTime.Now, CanReschedule = r.Status is "booked" or "checked_in",
        CanCancel = r.Status is "booked" or "checked_in",
    };

    private Task Act(string what, int appointmentId, string? status = null, Func<AppointmentRow, AppointmentRow>? change = null)
    {
        Actions.Add($"{what} {appointmentId}");
        if (ActionFailure is { } failure)
        {
            ActionFailure = null;
            throw failure;
        }
        if (Rows.TryGetValue(appointmentId, out var row))
            Rows[appointmentId] = change?.Invoke(row) ?? row with { Status = status ?? row.Status };
        return Task.CompletedTask;
    }

    public Task CheckInAsync(int appointmentId, CancellationToken ct = default) => Act("check-in", appointmentId, "checked_in");
    public Task StartAsync(int appointmentId, CancellationToken ct = default) => Act("start", appointmentId, "in_progress");
    public async Task<int> CompleteAsync(int appointmentId, CancellationToken ct = default) { await Act("complete", appointmentId, "completed"); return 5; }
    public Task MarkNoShowAsync(int appointmentId, CancellationToken ct = default) => Act("no-show", appointmentId, "no_show");

    public Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) =>
        Act($"cancel '{reason}'", appointmentId, change: r => r with { Status = "cancelled", CancelReason = reason, CancelledAt = DateTime.Now });

    public async Task<int> CancelSeriesAsync(int appointmentId, string scope, string reason, CancellationToken ct = default)
    {
        await Act($"cancel-series {scope} '{reason}'", appointmentId, change: r => r with { Status = "cancelled", CancelReason = reason, CancelledAt = DateTime.Now });
        return scope == "future" ? 3 : 1;
    }

    public Task RescheduleAsync(int appointmentId, DateTime startsAt, int? minutes, int? roomId, CancellationToken ct = default) =>
        Act($"reschedule {startsAt:yyyy-MM-dd HH:mm} room {roomId?.ToString() ?? "none"}", appointmentId,
            change: r => r with { StartsAt = startsAt, EndsAt = startsAt + (r.EndsAt - r.StartsAt), RoomId = roomId });

    /// <summary>How many times the doctors and the rooms were asked for.</summary>
    public int DoctorQueries { get; private set; }
    /// <summary>The limit of each doctors' search, in order.</summary>
    public List<int> DoctorLimits { get; } = [];
    public int RoomQueries { get; private set; }

    public Task<IReadOnlyList<DoctorRow>> DoctorsAsync(string? search, int? specialisationId, int limit, CancellationToken ct = default)
    {
        DoctorQueries++;
        DoctorLimits.Add(limit);
        return Task.FromResult<IReadOnlyList<DoctorRow>>(Doctors
            .Where(d => search is null || d.FamilyName.StartsWith(search, StringComparison.OrdinalIgnoreCase) || d.GivenName.StartsWith(search, StringComparison.OrdinalIgnoreCase))
            .Where(d => specialisationId is null || d.SpecialisationId == specialisationId).Take(limit).ToList());
    }

    /// <summary>How many times the specialisations were asked for.</summary>
    public int SpecialisationQueries { get; private set; }

    public Task<IReadOnlyList<SpecialisationRow>> SpecialisationsAsync(CancellationToken ct = default)
    {
        SpecialisationQueries++;
        return Task.FromResult<IReadOnlyList<SpecialisationRow>>(Specialisations);
    }

    public Task<IReadOnlyList<RoomRow>> RoomsAsync(CancellationToken ct = default)
    {
        RoomQueries++;
        return Task.FromResult<IReadOnlyList<RoomRow>>(Rooms);
    }

    /// <summary>A free slot of a doctor.</summary>
    public static FreeSlotRow Slot(int staffId, string given, string family, DateTime startsAt, int minutes = 20) => new()
    {
        StaffId = staffId, GivenName = given, FamilyName = family, DoctorName = $"{given} {family}", StartsAt = startsAt, EndsAt = startsAt.AddMinutes(minutes),
    };

    /// <summary>An appointment as appointment_list returns it.</summary>
    public static AppointmentListRow Appointment(int id, DateTime startsAt, string status, int staffId = 5, string patientGiven = "Mary",
        string patientFamily = "Nakato", string mrn = "HMS/000012", string? reason = "Check-up", int? roomId = null, string? roomName = null,
        string doctorGiven = "Daniel", string doctorFamily = "Okot", int? seriesId = null) => new()
    {
        AppointmentId = id, PatientId = 12, Mrn = mrn, PatientGivenName = patientGiven, PatientFamilyName = patientFamily, StaffId = staffId,
        DoctorGivenName = doctorGiven, DoctorFamilyName = doctorFamily, RoomId = roomId, RoomName = roomName, StartsAt = startsAt,
        EndsAt = startsAt.AddMinutes(20), Status = status, Reason = reason, SeriesId = seriesId,
    };
}
