using Clinic.Web.Components.Shared;
using Dapper;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// One clinic clock on a real server: with clinic.time_zone on an offset that puts the clinic on another date than the
/// server and the browser (+13:00 from 11:00 UTC, -12:00 before), the screens show the clinic's today.
/// </summary>
[NonParallelizable]
public sealed class ClinicClockTests : BrowserTest
{
    private static async Task SetZoneAsync(string zone)
    {
        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        await connection.ExecuteAsync("UPDATE clinic_setting SET setting_value = @zone WHERE setting_key = 'clinic.time_zone'", new { zone });
    }

    [Test]
    public async Task Money_today_and_the_queue_are_on_the_clinics_date_not_the_servers()
    {
        DateTime utc;
        await using (var connection = new MySqlConnection(ClinicApp.MigratorConnectionString))
            utc = await connection.ExecuteScalarAsync<DateTime>("SELECT UTC_TIMESTAMP()");
        var offset = utc.Hour >= 11 ? TimeSpan.FromHours(13) : TimeSpan.FromHours(-12);
        var clinicToday = (utc + offset).Date;
        Assert.That(clinicToday, Is.Not.EqualTo(utc.Date));
        await SetZoneAsync(offset > TimeSpan.Zero ? "+13:00" : "-12:00");
        try
        {
            await SignInAsync("admin", "admin123");
            await GotoInteractiveAsync("/billing/today");
            await Expect(TestId("money-day")).ToContainTextAsync(Format.Heading(clinicToday));
            await Expect(Page.Locator("h4").Filter(new LocatorFilterOptions { HasText = "Money today" })).ToBeVisibleAsync();
            await ScreenshotAsync("clinic-clock-money-today");

            await GotoInteractiveAsync("/queue");
            await Expect(TestId("queue-subtitle")).ToContainTextAsync("Today's queue");
            await Expect(TestId("queue-day").Locator("input")).ToHaveValueAsync(Format.Date(clinicToday));
            await ScreenshotAsync("clinic-clock-queue");
        }
        finally
        {
            await SetZoneAsync("SYSTEM");
        }
    }
}
