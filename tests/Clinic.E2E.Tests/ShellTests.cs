using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

public sealed class ShellTests : BrowserTest
{
    private static readonly object[] DemoAccounts =
    [
        new object?[] { "admin", "admin123", "Clinic Administrator", true, "count-patients" },
        new object?[] { "reception", "reception123", "Grace Namubiru", false, "count-appointments-today" },
        new object?[] { "doctor", "doctor123", "Dr. Sarah Okello", false, "count-my-appointments-today" },
        new object?[] { "nurse", "nurse123", "Nurse Peter Mugisha", false, "count-visits-without-vitals" },
        new object?[] { "pharmacist", "pharmacist123", "Joan Atim", false, "count-prescriptions-pending" },
        new object?[] { "billing", "billing123", "David Ssempala", false, "count-unpaid-invoices-today" },
    ];

    /// <summary>The database decides each role's home tiles (home_summary). Patients have the portal instead (below).</summary>
    [TestCaseSource(nameof(DemoAccounts))]
    public async Task Each_role_sees_its_own_menu_and_the_home_counts(string username, string password, string displayName, bool isAdmin, string? firstTile)
    {
        await SignInAsync(username, password);

        await Expect(TestId("user-display-name")).ToHaveTextAsync(displayName);
        await Expect(TestId("greeting")).ToHaveTextAsync($"Welcome, {displayName}");
        await Expect(TestId("home-loading")).ToHaveCountAsync(0);
        await Expect(TestId("home-error")).ToHaveCountAsync(0);
        if (firstTile is null)
            await Expect(TestId("home-counts")).ToHaveCountAsync(0);
        else
            await Expect(TestId(firstTile)).ToContainTextAsync(new Regex(@"\d"));
        await Expect(TestId("nav-home")).ToBeVisibleAsync();
        await Expect(TestId("nav-password")).ToBeVisibleAsync();
        await Expect(TestId("nav-users")).ToHaveCountAsync(isAdmin ? 1 : 0);
        await Expect(TestId("nav-audit")).ToHaveCountAsync(isAdmin ? 1 : 0);
        await Expect(TestId("nav-sessions")).ToHaveCountAsync(isAdmin ? 1 : 0);
        await ScreenshotAsync($"shell-{username}");
    }

    /// <summary>A session whose permissions are the portal's only (the demo patient) lands on the static portal, not the staff shell.</summary>
    [Test]
    public async Task The_demo_patient_lands_on_the_portal()
    {
        await SubmitSignInAsync(Page, "patient", "patient123");

        await Expect(Page).ToHaveURLAsync(new Regex("/portal$"));
        await Expect(TestId("user-display-name")).ToHaveTextAsync("Mary Nakato");
        await Expect(TestId("portal-nav")).ToBeVisibleAsync();
        await Expect(TestId("nav-home")).ToHaveCountAsync(0);
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/portal$"));
        await ScreenshotAsync("shell-patient");
    }

    [Test]
    public async Task Sign_in_page_looks_right()
    {
        await Page.GotoAsync("/account/sign-in");
        await Expect(Page.Locator("#username")).ToBeVisibleAsync();
        await Expect(TestId("sign-in")).ToBeVisibleAsync();
        await ScreenshotAsync("sign-in");
    }

    /// <summary>
    /// A user whose system asks for less motion (every test's context does: BrowserTest.ContextOptions) gets the buttons'
    /// transitions ended at once (app.css); one whose system does not keeps MudBlazor's own.
    /// </summary>
    [Test]
    public async Task Asked_for_less_motion_the_app_ends_its_transitions_at_once_and_otherwise_keeps_them()
    {
        const string longestTransitionMs = """
            () => Math.max(...getComputedStyle(document.querySelector('#sign-in')).transitionDuration.split(',')
                .map(v => parseFloat(v) * (v.trim().endsWith('ms') ? 1 : 1000)))
            """;
        await Page.GotoAsync("/account/sign-in");
        Assert.That(await Page.EvaluateAsync<double>(longestTransitionMs), Is.LessThan(1), "asked for less motion");

        var options = ContextOptions(ClinicApp.BaseUrl);
        options.ReducedMotion = ReducedMotion.NoPreference;
        await using var moving = await ClinicApp.Browser.NewContextAsync(options);
        var page = await moving.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        Assert.That(await page.EvaluateAsync<double>(longestTransitionMs), Is.GreaterThanOrEqualTo(100), "no preference");
    }

    [Test]
    public async Task Sign_out_returns_to_sign_in_and_protected_pages_redirect()
    {
        await SignInAsync("reception", "reception123");

        // A signed-in user of the wrong role gets the friendly page, not an error.
        await GotoInteractiveAsync("/admin/users");
        await Expect(TestId("not-allowed")).ToBeVisibleAsync();
        await ScreenshotAsync("not-allowed");

        await TestId("sign-out").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/account/sign-in"));
        await Expect(TestId("sign-in")).ToBeVisibleAsync();

        foreach (var path in new[] { "/", "/admin/users", "/admin/audit", "/account/password" })
        {
            await Page.GotoAsync(path);
            await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in\\?returnUrl="));
        }

        // And signing in again goes back where the user wanted to be.
        await SubmitSignInAsync(Page, "reception", "reception123");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/password$"));
    }

    [Test]
    public async Task Audit_trail_shows_changes()
    {
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/audit");
        var rows = Page.Locator("tbody tr.mud-table-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await rows.First.Locator("button").First.ClickAsync();
        await Expect(Page.Locator(".audit-json").First).ToBeVisibleAsync();
        await ScreenshotAsync("audit");
    }
}
