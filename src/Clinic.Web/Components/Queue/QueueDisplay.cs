using Clinic.Data.Queue;
using Clinic.Data.Staff;
using MudBlazor;

namespace Clinic.Web.Components.Queue;

/// <summary>Labels and colours for the queue's codes. Presentation only: the allowed values and transitions are checked in the database.</summary>
public static class QueueDisplay
{
    public static string Priority(string? code) => code switch
    {
        QueuePriority.Emergency => "Emergency",
        QueuePriority.Urgent => "Urgent",
        QueuePriority.Normal => "Normal",
        _ => code ?? "",
    };

    public static Color PriorityColor(string? code) => code switch
    {
        QueuePriority.Emergency => Color.Error,
        QueuePriority.Urgent => Color.Warning,
        _ => Color.Default,
    };

    public static string Status(string? code) => code switch
    {
        QueueStatus.Waiting => "Waiting",
        QueueStatus.WithDoctor => "With doctor",
        QueueStatus.Completed => "Completed",
        QueueStatus.Cancelled => "Cancelled",
        _ => code ?? "",
    };

    public static Color StatusColor(string? code) => code switch
    {
        QueueStatus.Waiting => Color.Info,
        QueueStatus.WithDoctor => Color.Primary,
        QueueStatus.Completed => Color.Success,
        _ => Color.Default,
    };

    /// <summary>"12 min", "1 h 05 min".</summary>
    public static string Minutes(long minutes) =>
        minutes < 60 ? $"{Math.Max(minutes, 0)} min" : $"{minutes / 60} h {minutes % 60:00} min";

    public static string DoctorName(StaffRow doctor) => $"Dr {doctor.GivenName} {doctor.FamilyName}";
}
