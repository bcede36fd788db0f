using MudBlazor;

namespace Clinic.Web.Components.Admin;

/// <summary>
/// Readable labels for the read-access log's kinds (patient_access_record: profile, medical_history, clinical_summary,
/// vitals_trend, visit, lab_result, prescription, receipt, export, break_glass). Presentation only: the database decides
/// what is logged and when.
/// </summary>
public static class AccessDisplay
{
    public const string BreakGlass = "break_glass";

    public static string Kind(string? kind) => kind switch
    {
        "profile" => "Profile",
        "medical_history" => "Medical history",
        "clinical_summary" => "Clinical summary",
        "vitals_trend" => "Vital signs trend",
        "visit" => "Visit",
        "lab_result" => "Lab result",
        "prescription" => "Prescription",
        "receipt" => "Dispensing receipt",
        "export" => "Export (CSV)",
        BreakGlass => "Broke the glass",
        _ => kind ?? "",
    };

    /// <summary>What the object id names, e.g. "Visit #12"; nothing for a read of the whole record.</summary>
    public static string Object(string? kind, long? objectId) => objectId is not { } id ? "" : kind switch
    {
        "visit" => $"Visit #{id}",
        "lab_result" => $"Lab order #{id}",
        "prescription" => $"Prescription #{id}",
        "receipt" => $"Dispensing #{id}",
        BreakGlass => $"Opening #{id}",
        _ => $"#{id}",
    };

    public static string Icon(string? kind) => kind switch
    {
        "profile" => Icons.Material.Outlined.Badge,
        "medical_history" or "clinical_summary" => Icons.Material.Outlined.History,
        "vitals_trend" => Icons.Material.Outlined.MonitorHeart,
        "visit" => Icons.Material.Outlined.MedicalServices,
        "lab_result" => Icons.Material.Outlined.Science,
        "prescription" => Icons.Material.Outlined.Medication,
        "receipt" => Icons.Material.Outlined.ReceiptLong,
        "export" => Icons.Material.Outlined.FileDownload,
        BreakGlass => Icons.Material.Filled.LockOpen,
        _ => Icons.Material.Outlined.Circle,
    };

    /// <summary>The reader: name and sign-in, or the database account when no clinic user was signed in.</summary>
    public static string Who(string? displayName, string? username) =>
        displayName is { Length: > 0 } name ? name : username is { Length: > 0 } user ? user : "No clinic user";
}
