using Clinic.Web.Components.Shared;
using Clinic.Data.Clinical;
using MudBlazor;

namespace Clinic.Web.Components.Visits;

/// <summary>How the clinical record looks on screen. Presentation only: values, flags and rules come from the database.</summary>
public static class VisitDisplay
{
    public static Color SeverityColor(string severity) => severity switch
    {
        AllergySeverity.LifeThreatening or AllergySeverity.Severe => Color.Error,
        AllergySeverity.Moderate => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>"High" or "Low" for a flag from v_vital_sign ('high' / 'low'), for tooltips and screen readers.</summary>
    public static string FlagLabel(string? flag) => flag switch
    {
        "high" => "High: possible but unusual, check again",
        "low" => "Low: possible but unusual, check again",
        _ => "",
    };

    public static string FlagArrow(string? flag) => flag switch { "high" => "▲", "low" => "▼", _ => "" };

    public static string Number(decimal? value) => Format.Measure(value);

    public static string BloodPressure(VitalSignRow row) =>
        row.SystolicMmhg is { } s && row.DiastolicMmhg is { } d ? $"{s}/{d}" : "";
}
