using System.Globalization;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// The one place that decides how the screens write dates, times and numbers. Pages call these instead of
/// writing format strings inline, so a clinic that wants another date style changes it here only.
/// Presentation only: nothing here computes a business value.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>2026-12-03</summary>
    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", Culture);
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", Culture);
    public static string Date(DateTime? value) => value is null ? "" : Date(value.Value);
    public static string Date(DateOnly? value) => value is null ? "" : Date(value.Value);

    /// <summary>2026-12-03 14:05</summary>
    public static string DateTime(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", Culture);
    public static string DateTime(DateTime? value) => value is null ? "" : DateTime(value.Value);

    /// <summary>2026-12-03 14:05:09 (audit and session times, where seconds matter)</summary>
    public static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", Culture);
    public static string Timestamp(DateTime? value) => value is null ? "" : Timestamp(value.Value);

    /// <summary>14:05</summary>
    public static string Time(DateTime value) => value.ToString("HH:mm", Culture);
    public static string Time(TimeOnly value) => value.ToString("HH:mm", Culture);
    public static string Time(TimeSpan value) => new System.DateTime(2000, 1, 1).Add(value).ToString("HH:mm", Culture);
    public static string Time(DateTime? value) => value is null ? "" : Time(value.Value);

    /// <summary>2026-12-03T14:05 (machine-readable attributes, e.g. a slot's start)</summary>
    public static string LocalMinute(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm", Culture);

    /// <summary>12-03 (chart axis labels)</summary>
    public static string MonthDay(DateTime value) => value.ToString("MM-dd", Culture);

    /// <summary>14:05:09</summary>
    public static string TimeWithSeconds(DateTime value) => value.ToString("HH:mm:ss", Culture);

    /// <summary>Thursday 2026-12-03</summary>
    public static string DayLong(DateTime value) => value.ToString("dddd yyyy-MM-dd", Culture);
    public static string DayLong(DateOnly value) => value.ToString("dddd yyyy-MM-dd", Culture);

    /// <summary>Thu (calendar column headings)</summary>
    public static string WeekdayShort(DateTime value) => value.ToString("ddd", Culture);

    /// <summary>3 Dec (calendar column headings)</summary>
    public static string DayMonth(DateTime value) => value.ToString("d MMM", Culture);

    /// <summary>Thu 2026-12-03</summary>
    public static string DayShort(DateTime value) => value.ToString("ddd yyyy-MM-dd", Culture);
    public static string DayShort(DateOnly value) => value.ToString("ddd yyyy-MM-dd", Culture);

    /// <summary>Thu 2026-12-03 14:05</summary>
    public static string DayShortTime(DateTime value) => value.ToString("ddd yyyy-MM-dd HH:mm", Culture);

    /// <summary>Thursday 2026-12-03 at 14:05</summary>
    public static string DayLongAt(DateTime value) => value.ToString("dddd yyyy-MM-dd 'at' HH:mm", Culture);

    /// <summary>Thursday 3 December 2026 (page headings)</summary>
    public static string Heading(DateTime value) => value.ToString("dddd d MMMM yyyy", Culture);
    public static string Heading(DateOnly value) => value.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>1,234 (counts and quantities)</summary>
    public static string Count(int value) => value.ToString("N0", Culture);
    public static string Count(long value) => value.ToString("N0", Culture);
    public static string Count(decimal value) => value.ToString("N0", Culture);

    /// <summary>1,234.50 (money and prices, as the database rounds them)</summary>
    public static string Money(decimal value) => value.ToString("N2", Culture);
    public static string Money(decimal? value) => value is null ? "" : Money(value.Value);

    /// <summary>
    /// UGX 12,000 / KES 1,250.50: an amount in the currency the data names (billing.currency_code on the invoice), with
    /// that currency's minor units (ISO 4217, from the platform's culture data: none for UGX; 2 when unknown). The
    /// database has already rounded the amount (money_round); this only writes it.
    /// </summary>
    public static string Money(decimal value, string? currencyCode) =>
        string.IsNullOrWhiteSpace(currencyCode)
            ? Money(value)
            : currencyCode + " " + value.ToString("N" + MinorUnits(currencyCode), Culture);

    public static string Money(decimal? value, string? currencyCode) => value is null ? "" : Money(value.Value, currencyCode);

    /// <summary>
    /// 20000 / 1250.5: an amount in an input box, with only the decimals it has (a DECIMAL(14,2) balance of 20000.00 shows as
    /// 20000), so that what was typed is shown as it is and the database alone says whether it fits the currency.
    /// </summary>
    public const string AmountInput = "0.##";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> CurrencyDigits = new(StringComparer.OrdinalIgnoreCase);

    private static int MinorUnits(string currencyCode) => CurrencyDigits.GetOrAdd(currencyCode, code =>
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                if (string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, code, StringComparison.OrdinalIgnoreCase))
                    return culture.NumberFormat.CurrencyDecimalDigits;
            }
            catch (ArgumentException)
            {
                // A culture without a region.
            }
        }
        return 2;
    });

    /// <summary>12.5% (a rate the database computed as a fraction, e.g. 0.125; empty when there is none)</summary>
    public static string Percent(decimal? rate) => rate is null ? "" : (rate.Value * 100m).ToString("0.#", Culture) + "%";

    /// <summary>Dec 2026 (a month, e.g. a chart label of a monthly series)</summary>
    public static string Month(DateTime value) => value.ToString("MMM yyyy", Culture);

    /// <summary>36.6 (one decimal: measurements such as temperature, BMI)</summary>
    public static string OneDecimal(decimal value) => value.ToString("0.0", Culture);
    public static string OneDecimal(decimal? value) => value is null ? "" : OneDecimal(value.Value);

    /// <summary>36.75 / 120 (a measurement with at most two decimals; empty when there is none)</summary>
    public static string Measure(decimal? value) => value is null ? "" : value.Value.ToString("0.##", Culture);

    /// <summary>12.5 / 0.25 (a quantity or dose with only the decimals it needs)</summary>
    public static string Quantity(decimal value) => value.ToString("0.####", Culture);
    public static string Quantity(decimal? value) => value is null ? "" : Quantity(value.Value);
}
