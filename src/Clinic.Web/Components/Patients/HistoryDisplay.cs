using Clinic.Data.Patients;
using MudBlazor;

namespace Clinic.Web.Components.Patients;

/// <summary>
/// Labels, icons and colours of the medical history's kinds and statuses. Presentation only: the
/// database decides what each event is, and whether a lab result is final.
/// </summary>
public static class HistoryDisplay
{
    public static readonly IReadOnlyList<(string Kind, string Label)> Kinds =
    [
        (HistoryKind.Visit, "Visits"), (HistoryKind.Diagnosis, "Diagnoses"), (HistoryKind.Vitals, "Vitals"),
        (HistoryKind.Allergy, "Allergies"), (HistoryKind.Problem, "Problems"), (HistoryKind.Prescription, "Prescriptions"),
        (HistoryKind.LabResult, "Lab results"),
    ];

    public static string Icon(string kind) => kind switch
    {
        HistoryKind.Visit => Icons.Material.Outlined.MedicalServices,
        HistoryKind.Diagnosis => Icons.Material.Outlined.Assignment,
        HistoryKind.Vitals => Icons.Material.Outlined.MonitorHeart,
        HistoryKind.Allergy => Icons.Material.Outlined.WarningAmber,
        HistoryKind.Problem => Icons.Material.Outlined.ListAlt,
        HistoryKind.Prescription => Icons.Material.Outlined.Medication,
        HistoryKind.LabResult => Icons.Material.Outlined.Science,
        _ => Icons.Material.Outlined.Circle,
    };

    public static string StatusLabel(string status) => status switch
    {
        "final" => "Final",
        "preliminary" => "Preliminary",
        "open" => "Open",
        "closed" => "Closed",
        "active" => "Active",
        "inactive" => "Inactive",
        "resolved" => "Resolved",
        "issued" => "Issued",
        "partially_dispensed" => "Partly dispensed",
        "dispensed" => "Dispensed",
        "cancelled" => "Cancelled",
        _ => status,
    };

    public static Color StatusColour(string status) => status switch
    {
        "final" or "dispensed" => Color.Success,
        "preliminary" or "partially_dispensed" => Color.Warning,
        "open" or "issued" => Color.Primary,
        "active" => Color.Info,
        "cancelled" => Color.Error,
        _ => Color.Default,
    };

    public static string Severity(string? severity) => severity switch
    {
        "life_threatening" => "life-threatening",
        null => "",
        _ => severity,
    };
}
