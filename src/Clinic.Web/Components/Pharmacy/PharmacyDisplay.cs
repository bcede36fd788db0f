using Clinic.Web.Components.Shared;
using Clinic.Data.Pharmacy;
using MudBlazor;

namespace Clinic.Web.Components.Pharmacy;

/// <summary>Labels and colours for the pharmacy's codes. Presentation only: the allowed values and transitions are checked in the database.</summary>
public static class PharmacyDisplay
{
    public static string Status(string? code) => code switch
    {
        PrescriptionStatus.Issued => "Issued",
        PrescriptionStatus.PartiallyDispensed => "Partially dispensed",
        PrescriptionStatus.Dispensed => "Dispensed",
        PrescriptionStatus.Cancelled => "Cancelled",
        _ => code ?? "",
    };

    public static Color StatusColor(string? code) => code switch
    {
        PrescriptionStatus.Issued => Color.Info,
        PrescriptionStatus.PartiallyDispensed => Color.Warning,
        PrescriptionStatus.Dispensed => Color.Success,
        _ => Color.Default,
    };

    public static bool IsPending(string? status) => status is PrescriptionStatus.Issued or PrescriptionStatus.PartiallyDispensed;

    public static string Route(string? code) => code switch
    {
        null or "" => "",
        _ => char.ToUpperInvariant(code[0]) + code[1..],
    };

    public static readonly IReadOnlyList<(string Code, string Label)> AdjustmentReasons =
    [
        (StockAdjustmentReason.Damaged, "Damaged"),
        (StockAdjustmentReason.Expired, "Expired"),
        (StockAdjustmentReason.CountCorrection, "Count correction"),
    ];

    public static string AdjustmentReason(string? code) => AdjustmentReasons.FirstOrDefault(r => r.Code == code).Label ?? code ?? "";

    /// <summary>"Amoxicillin 500 mg capsules · capsule 500 mg".</summary>
    public static string Medication(string name, string form, string strength) =>
        string.IsNullOrWhiteSpace(form) && string.IsNullOrWhiteSpace(strength) ? name : $"{name} · {form} {strength}".TrimEnd();

    public static string Money(decimal amount) => Format.Money(amount);

    public static string Date(DateTime date) => Format.Date(date);

    public static string DateTimeText(DateTime at) => Format.DateTime(at);

    /// <summary>"in 12 days", "today", "3 days ago".</summary>
    public static string ExpiryIn(int days) => days switch
    {
        0 => "expires today",
        1 => "in 1 day",
        > 1 => $"in {days} days",
        -1 => "expired 1 day ago",
        _ => $"expired {-days} days ago",
    };
}
