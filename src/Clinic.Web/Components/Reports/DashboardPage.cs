using System.Globalization;
using Clinic.Data.Common;
using Clinic.Data.Reports;
using Microsoft.AspNetCore.Components;

namespace Clinic.Web.Components.Reports;

/// <summary>What the three dashboard pages share: the period from the address, kept in the address, and a load that
/// turns the database's refusal (a period it does not accept, a permission) into its sentence.</summary>
public static class DashboardPage
{
    /// <summary>The period of ?from=&amp;to= (yyyy-MM-dd); the last 30 days up to the clinic's <paramref name="today"/> (IClinicClock) when either is missing or unreadable.</summary>
    public static DashboardPeriod PeriodFrom(string? from, string? to, DateTime today)
    {
        var fallback = DashboardPeriod.Last30Days(today);
        return new DashboardPeriod(Parse(from) ?? fallback.From, Parse(to) ?? fallback.To);
    }

    private static DateTime? Parse(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day.Date : null;

    public static void KeepInAddress(NavigationManager navigation, DashboardPeriod period) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["from"] = Shared.Format.Date(period.From),
            ["to"] = Shared.Format.Date(period.To),
        }), replace: true);

    /// <summary>The dashboard, or the database's sentence when it refused (a rule or an outage).</summary>
    public static async Task<(T? Data, string? Refusal)> LoadAsync<T>(Func<Task<T>> load) where T : class
    {
        try
        {
            return (await load(), null);
        }
        catch (Exception ex) when (Shared.UiActions.Describe(ex) is { } message)
        {
            return (null, message.Text);
        }
    }
}
