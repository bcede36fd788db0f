using Clinic.Web.Components.Shared;
using System.Globalization;
using Clinic.Data.Lab;
using MudBlazor;

namespace Clinic.Web.Components.Lab;

/// <summary>Labels, colours and number formats for the lab screens. Presentation only: statuses, transitions, ranges and flags come from the database.</summary>
public static class LabDisplay
{
    public static string Status(string? code) => code switch
    {
        LabOrderStatus.Ordered => "Ordered",
        LabOrderStatus.SpecimenCollected => "Specimen collected",
        LabOrderStatus.Resulted => "Resulted",
        LabOrderStatus.Verified => "Verified",
        LabOrderStatus.Cancelled => "Cancelled",
        LabOrderStatus.PendingFilter => "Pending",
        LabOrderStatus.AllFilter => "All",
        _ => code ?? "",
    };

    public static Color StatusColor(string? code) => code switch
    {
        LabOrderStatus.Ordered => Color.Info,
        LabOrderStatus.SpecimenCollected => Color.Primary,
        LabOrderStatus.Resulted => Color.Warning,
        LabOrderStatus.Verified => Color.Success,
        _ => Color.Default,
    };

    public static string RangeSex(string? code) => code switch
    {
        LabRangeSex.Any => "Any",
        LabRangeSex.Female => "Female",
        LabRangeSex.Male => "Male",
        _ => code ?? "",
    };

    /// <summary>12.5000 -> "12.5"; null -> "".</summary>
    public static string Number(decimal? value) =>
        Format.Quantity(value);

    /// <summary>"12–16", "< 5", "> 13", or "" without a range; with the unit when given.</summary>
    public static string Range(decimal? low, decimal? high, string? unit = null)
    {
        var text = (low, high) switch
        {
            (not null, not null) => $"{Number(low)}–{Number(high)}",
            (null, not null) => $"< {Number(high)}",
            (not null, null) => $"> {Number(low)}",
            _ => "",
        };
        return text.Length == 0 || string.IsNullOrWhiteSpace(unit) ? text : $"{text} {unit}";
    }

    /// <summary>"0–12 y", "18 y and over" for a band [min, max).</summary>
    public static string AgeBand(int min, int max) =>
        max >= 150 ? (min == 0 ? "All ages" : $"{min} y and over") : $"{min}–{max} y";

    /// <summary>"High" or "Low" for an abnormal flag, else null.</summary>
    public static string? Flag(string? flag) => flag switch
    {
        LabAbnormalFlag.High => "High",
        LabAbnormalFlag.Low => "Low",
        _ => null,
    };

    /// <summary>Whole Uganda shillings with grouping: "8,000".</summary>
    public static string Price(decimal price) => Format.Count(price);

    public static string Sex(string? sex) => sex switch
    {
        "female" => "F",
        "male" => "M",
        _ => "–",
    };
}
