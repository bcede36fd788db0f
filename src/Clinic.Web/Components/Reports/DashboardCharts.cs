using Clinic.Web.Components.Shared;
using MudBlazor;

namespace Clinic.Web.Components.Reports;

/// <summary>
/// Presentation helpers of the dashboards' charts: axis labels that stay readable on a tablet, series from the
/// database's rows. Nothing here computes a figure; the values are the rows' own.
/// </summary>
public static class DashboardCharts
{
    /// <summary>At most this many labels on an x axis; the others are left blank so that they never overlap.</summary>
    public const int MaxLabels = 8;

    /// <summary>The labels of a series, every n-th one written (the first and then evenly spaced), the rest blank.</summary>
    public static string[] Labels<T>(IReadOnlyList<T> rows, Func<T, string> label, int maxLabels = MaxLabels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(rows.Count / (double)maxLabels));
        return rows.Select((r, i) => i % step == 0 ? label(r) : "").ToArray();
    }

    /// <summary>Day labels (12-03) of a daily series.</summary>
    public static string[] DayLabels<T>(IReadOnlyList<T> rows, Func<T, DateTime> day) => Labels(rows, r => Format.MonthDay(day(r)));

    public static ChartSeries<double> Series<T>(string name, IEnumerable<T> rows, Func<T, double?> value) =>
        new() { Name = name, Data = new ChartData<double>(rows.Select(value).ToList()) };

    /// <summary>A y-axis value: 1,234 (whole numbers; the axis shows at most a few ticks).</summary>
    public static string AxisValue(double value) => Format.Count((decimal)Math.Round(value));

    /// <summary>A name cut to a length that fits under a bar (the table beside the chart has it in full).</summary>
    public static string Short(string name, int length = 14) => name.Length <= length ? name : name[..(length - 1)] + "…";
}
