using static Microsoft.Playwright.Assertions;
using System.Net;

namespace Clinic.E2E.Tests;

public sealed class HealthTests : BrowserTest
{
    [Test]
    public async Task Health_tells_anonymous_callers_only_ok()
    {
        ClinicApp.RequireDatabase();
        using var http = new HttpClient { BaseAddress = new Uri(ClinicApp.BaseUrl) };

        using var response = await http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo("ok"), "no migration list, no versions for anonymous callers");
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task An_administrator_sees_the_applied_migrations_on_the_system_status_page()
    {
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/system");
        await Expect(Page.GetByTestId("schema-state")).ToContainTextAsync("up to date");
        await Expect(Page.GetByTestId("migration-table")).ToContainTextAsync("migrations/0001_audit_log.sql");
        await ScreenshotAsync("admin-system-status");
    }
}
