using MudBlazor;

namespace Clinic.Web.Components.Notifications;

/// <summary>
/// Readable labels for the codes of reminders and notifications (message_template, outbox_message). Presentation only:
/// the events, channels and statuses are the database's (table checks of db/migrations/0075_outbox.sql).
/// </summary>
public static class MessageDisplay
{
    public static string Event(string code) => code switch
    {
        "appointment_booked" => "Appointment booked",
        "appointment_rescheduled" => "Appointment moved",
        "appointment_cancelled" => "Appointment cancelled",
        "appointment_reminder" => "Appointment reminder",
        "lab_result_ready" => "Lab result ready",
        "prescription_ready" => "Prescription ready",
        _ => code,
    };

    public static string Channel(string code) => code switch
    {
        "email" => "Email",
        "sms" => "SMS",
        _ => code,
    };

    /// <summary>The outbox statuses a filter offers, as outbox_message_list accepts them.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Statuses =
        [("pending", "Waiting"), ("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed")];

    public static string Status(string code) => Statuses.FirstOrDefault(s => s.Code == code).Label ?? code;

    public static Color StatusColour(string code) => code switch
    {
        "sent" => Color.Success,
        "failed" => Color.Error,
        "sending" => Color.Info,
        _ => Color.Default,
    };
}
