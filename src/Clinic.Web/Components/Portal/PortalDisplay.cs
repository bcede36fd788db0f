using Clinic.Data.Common;
using MudBlazor;

namespace Clinic.Web.Components.Portal;

/// <summary>Words and colours for what the portal's procedures return. Presentation only: every rule is the database's.</summary>
public static class PortalDisplay
{
    /// <summary>booked → Booked, checked_in → Checked in, no_show → No show.</summary>
    public static string Status(string? code) =>
        string.IsNullOrEmpty(code) ? "" : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');

    public static Color StatusColor(string? code) => code switch
    {
        "booked" or "checked_in" or "in_progress" or "open" or "active" or "issued" => Color.Primary,
        "completed" or "closed" or "paid" or "dispensed" => Color.Success,
        "cancelled" or "no_show" or "void" or "voided" => Color.Default,
        _ => Color.Default,
    };

    /// <summary>The lab result's flag as the database computed it (abnormal_flag): High, Low, Normal or nothing.</summary>
    public static string? Flag(string? flag) => flag switch
    {
        "high" => "High",
        "low" => "Low",
        "normal" => "Normal",
        _ => null,
    };

    public static Color FlagColor(string? flag) => flag is "high" or "low" ? Color.Error : Color.Success;

    /// <summary>A number as the lab gave it, without trailing zeros (5.40 → 5.4).</summary>
    public static string Number(decimal? value) =>
        value is null ? "" : value.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text for a refusal or an outage, or null for a programming error (which then fails loudly).</summary>
    public static string? Problem(Exception ex) => ex switch
    {
        ClinicRuleException rule => rule.Message,
        ClinicDataUnavailableException down => down.Message,
        _ => null,
    };

    public static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;
}
