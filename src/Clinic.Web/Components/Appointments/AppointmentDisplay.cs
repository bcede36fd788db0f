using MudBlazor;

namespace Clinic.Web.Components.Appointments;

/// <summary>
/// Labels and colours of an appointment status. Display only: which actions are offered comes from the
/// row's can_* flags (appointment_action_refusal in the database), never from here.
/// </summary>
public static class AppointmentDisplay
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
}
