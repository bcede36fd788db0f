using Clinic.Data.Scheduling;
using MudBlazor;

namespace Clinic.Web.Components.Pages.Appointments;

/// <summary>
/// Labels, colours and which buttons to offer for an appointment status. Presentation only: the
/// database's state machine (trigger appointment_status_guard) decides what is allowed, and its
/// refusals are shown as they are.
/// </summary>
public static class AppointmentStatus
{
    public const string Booked = "booked";
    public const string CheckedIn = "checked_in";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no_show";

    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        (Booked, "Booked"), (CheckedIn, "Checked in"), (InProgress, "In progress"), (Completed, "Completed"),
        (Cancelled, "Cancelled"), (NoShow, "No-show"),
    ];

    public static string Label(string? code) => All.FirstOrDefault(s => s.Code == code).Label ?? code ?? "";

    public static Color Colour(string? code) => code switch
    {
        Booked => Color.Info,
        CheckedIn => Color.Warning,
        InProgress => Color.Secondary,
        Completed => Color.Success,
        Cancelled => Color.Default,
        NoShow => Color.Error,
        _ => Color.Dark,
    };

    /// <summary>Booked and checked-in appointments can still be moved or cancelled.</summary>
    public static bool IsOpen(string? code) => code is Booked or CheckedIn;

    // Who may do what, as the procedures check it (actor_require in appointment_*.sql).
    public const string CheckInRoles = "admin,receptionist,nurse";
    public const string StartRoles = "admin,doctor,nurse";
    public const string CompleteRoles = "admin,doctor";
    public const string NoShowRoles = "admin,receptionist";

    public static bool CanCheckIn(AppointmentSummary a) => a.Status == Booked;
    public static bool CanStart(AppointmentSummary a) => a.Status == CheckedIn;
    public static bool CanComplete(AppointmentSummary a) => a.Status == InProgress;
    /// <summary>Only a booked appointment whose start time has passed (50518 otherwise).</summary>
    public static bool CanMarkNoShow(AppointmentSummary a, DateTime now) => a.Status == Booked && a.StartsAt <= now;
    public static bool CanReschedule(AppointmentSummary a) => IsOpen(a.Status);
    public static bool CanCancel(AppointmentSummary a) => IsOpen(a.Status);
}
