using static Microsoft.Playwright.Assertions;
using System.Net;

namespace Clinic.E2E.Tests;

public sealed class HealthTests : BrowserTest
{
    [Test]
    public async Task Health_tells_anonymous_callers_only_ok()
    {
        ClinicApp.RequireDatabase();
        using var http = SignInForm.Client(ClinicApp.BaseUrl);

        using var response = await http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo("ok"), "no migration list, no versions for anonymous callers");
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task A_fingerprinted_stylesheet_or_script_is_cached_for_good_and_the_page_that_names_it_is_not()
    {
        // Run from the build output, as here and in scripts/run.sh, the static assets were all served "no-cache": every
        // page load fetched MudBlazor's stylesheet again (Program.cs, EnableStaticAssetsDevelopmentCaching).
        ClinicApp.RequireDatabase();
        using var http = SignInForm.Client(ClinicApp.BaseUrl);
        using var page = await http.GetAsync("/account/sign-in");
        var html = await page.Content.ReadAsStringAsync();
        var assets = System.Text.RegularExpressions.Regex.Matches(html, @"(?:href|src)=""([^""]*/(?:MudBlazor\.min|blazor\.web)\.[a-z0-9]+\.(?:css|js))""")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(assets, Has.Count.EqualTo(3), "MudBlazor's stylesheet and script and Blazor's script, by fingerprinted names: " + string.Join(", ", assets));
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
            Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromDays(365)), asset);
            Assert.That(response.Headers.CacheControl?.Extensions.Select(e => e.Name), Does.Contain("immutable"), asset);
        }
        Assert.That(page.Headers.CacheControl?.MaxAge ?? TimeSpan.Zero, Is.EqualTo(TimeSpan.Zero), "the page itself is asked for each time");
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
