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

    // TO REMOVE: Frequencies and SuggestQuantity copy the database's rule (v_prescription_frequency,
    // prescription_quantity_for). They stay only until PrescriptionsPanel calls IPrescribing.FrequenciesAsync and
    // IPrescribing.SuggestQuantityAsync (prescription_frequency_list, prescription_quantity_suggest); then delete both.

    /// <summary>Common frequencies offered when prescribing, with the doses a day they mean (for the suggested quantity).</summary>
    public static readonly IReadOnlyList<(string Text, int PerDay)> Frequencies =
    [
        ("once a day", 1), ("twice a day", 2), ("three times a day", 3), ("four times a day", 4),
        ("every 6 hours", 4), ("every 8 hours", 3), ("every 12 hours", 2), ("at night", 1), ("as needed", 0),
    ];

    /// <summary>
    /// A suggested quantity to dispense: doses a day x days x units a dose, when the frequency is one of
    /// <see cref="Frequencies"/> and the dose starts with a count of units ("2 tablets", "1"); otherwise null.
    /// Only a suggestion: the doctor sees and may change it, and prescription_issue checks it.
    /// </summary>
    public static int? SuggestQuantity(string? frequency, int durationDays, string? dose, string? form)
    {
        var perDay = Frequencies.FirstOrDefault(f => string.Equals(f.Text, frequency?.Trim(), StringComparison.OrdinalIgnoreCase)).PerDay;
        if (perDay <= 0 || durationDays <= 0)
            return null;
        var units = UnitsPerDose(dose, form);
        return units is null ? null : (int)Math.Ceiling(perDay * durationDays * units.Value);
    }

    private static readonly string[] CountableUnits = ["tablet", "tab", "capsule", "cap", "sachet", "suppository", "pessary", "puff", "drop", "unit", "dose", "patch"];

    private static decimal? UnitsPerDose(string? dose, string? form)
    {
        if (string.IsNullOrWhiteSpace(dose))
            return null;
        var text = dose.Trim();
        var end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] == '.'))
            end++;
        if (end == 0 || !decimal.TryParse(text[..end], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count <= 0)
            return null;
        var unit = text[end..].Trim().ToLowerInvariant();
        // "2" alone counts units of the form (tablets of a tablet); "500 mg" is an amount, not a count.
        if (unit.Length == 0)
            return string.IsNullOrWhiteSpace(form) || CountableUnits.Any(u => form.Contains(u, StringComparison.OrdinalIgnoreCase)) ? count : null;
        return CountableUnits.Any(u => unit.StartsWith(u, StringComparison.Ordinal)) ? count : null;
    }
}
