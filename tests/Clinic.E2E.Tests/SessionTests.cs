using System.Text.RegularExpressions;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// A session that ends anywhere (an administrator's revocation, a password reset, sign-out) reaches the
/// person at the screen: their open page lands on sign-in with the database's sentence, and a copy of
/// the cookie is worth nothing. <see cref="BrowserTest.Page"/> is the user's browser; the administrator
/// works in a second browser context.
/// </summary>
public sealed class SessionTests : BrowserTest
{
    private const string RevokedNotice = "An administrator ended your session. Please sign in again.";
    private const string ResetNotice = "You were signed out because an administrator reset your password. Please sign in again.";
    private const string SignedOutNotice = "You signed out. Please sign in again.";

    private static readonly Regex SignInUrl = new("/account/sign-in\\?");
    private static readonly Regex RequiredPasswordUrl = new("/account/password\\?required=true");

    private static ILocator Rows(IPage page) => page.Locator("tbody tr.mud-table-row");

    private static async Task SignInOnAsync(IPage page, string username, string password)
    {
        await SubmitSignInAsync(page, username, password);
        await WaitForInteractiveAsync(page);
    }

    private static Task WaitForInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    private static async Task<IPage> AdminPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await SignInOnAsync(page, "admin", "admin123");
        return page;
    }

    /// <summary>The user's working page: the patient search, with results, so that the next search is an action that calls a procedure.</summary>
    private async Task OpenPatientSearchAsync()
    {
        await GotoInteractiveAsync("/patients");
        await TestId("patient-search").FillAsync("Nakato");
        await Expect(Rows(Page).First).ToContainTextAsync("Nakato");
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled });

    [Test]
    public async Task An_administrator_revokes_a_session_and_the_users_next_action_lands_on_sign_in_with_the_reason()
    {
        // The open page's periodic check must not get there first: this proves the user's own action does.
        using var _ = ClinicApp.SessionChecksEvery(600);
        var (id, username) = await ClinicApp.CreateAccountAsync("revoked", "receptionist", "revoked-password-1");
        await SignInAsync(username, "revoked-password-1");
        await OpenPatientSearchAsync();

        await using var adminContext = await NewContextAsync();
        var admin = await AdminPageAsync(adminContext);
        await admin.GotoAsync("/admin/sessions");
        await WaitForInteractiveAsync(admin);
        await Expect(admin.GetByTestId("session-current")).ToHaveCountAsync(1);
        await Expect(Rows(admin).Filter(new LocatorFilterOptions { Has = admin.GetByTestId("session-current") })).ToContainTextAsync("Clinic Administrator");
        await ShotAsync(admin, "sessions");

        // From the users page, the account's own sessions.
        await admin.GotoAsync("/admin/users");
        await WaitForInteractiveAsync(admin);
        await admin.GetByTestId("user-search").FillAsync(username);
        await Expect(Rows(admin)).ToHaveCountAsync(1);
        await admin.GetByTestId($"sessions-{username}").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex($"/admin/sessions\\?account={id}$"));
        var row = Rows(admin);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(username);
        await Expect(row).ToContainTextAsync("Receptionist");
        await Expect(row).ToContainTextAsync("Headless Chrome");
        await Expect(admin.GetByTestId("sessions-account")).ToHaveValueAsync($"E2E revoked ({username})");

        var dialog = admin.Locator(".mud-dialog");
        await OpenAsync(admin, row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Revoke the session of {username}" }), dialog,
            "revoke-session-dialog");
        await Expect(dialog).ToContainTextAsync($"E2E revoked ({username}) will be signed out of Headless Chrome");
        await ShotAsync(admin, "sessions-revoke-confirm");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Revoke" }).ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"The session of {username} has ended.");
        await Expect(admin.GetByTestId("sessions-empty")).ToHaveTextAsync("This account has no live sessions.");
        Assert.That((await ClinicApp.SessionEndReasonsAsync(id))[0], Is.EqualTo("revoked"));

        // The user's next search calls a procedure, which refuses the ended session.
        await TestId("patient-search").FillAsync("Okello");
        await Expect(Page).ToHaveURLAsync(SignInUrl);
        await Expect(TestId("sign-in-notice")).ToHaveTextAsync(RevokedNotice);
        await ScreenshotAsync("sign-in-notice");

        // Signing in again goes back to the page the user was on.
        await SubmitSignInAsync(Page, username, "revoked-password-1");
        await Expect(Page).ToHaveURLAsync(new Regex("/patients$"));
    }

    [Test]
    public async Task An_open_page_without_any_action_notices_the_revocation_by_itself()
    {
        var (id, username) = await ClinicApp.CreateAccountAsync("idle", "nurse", "idle-password-1");
        await SignInAsync(username, "idle-password-1");
        await Expect(TestId("greeting")).ToBeVisibleAsync();

        await ClinicApp.AsAdminAsync(async (runner, admin) =>
        {
            var accounts = new UserAccountProcedures(runner, admin, ClinicApp.Services.GetRequiredService<ClinicPasswordHasher>());
            var sessions = await accounts.ListSessionsAsync(id, 0, 10);
            Assert.That(sessions, Has.Count.EqualTo(1));
            await accounts.RevokeSessionAsync(sessions[0].UserSessionId);
            return 0;
        });

        // The page re-checks its session every second in these tests (30 s by default).
        await Expect(Page).ToHaveURLAsync(SignInUrl, new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await Expect(TestId("sign-in-notice")).ToHaveTextAsync(RevokedNotice);
    }

    [Test]
    public async Task A_password_reset_ends_the_open_session_and_the_temporary_password_must_be_changed_before_anything_else()
    {
        using var _ = ClinicApp.SessionChecksEvery(600);
        var (id, username) = await ClinicApp.CreateAccountAsync("reset", "receptionist", "first-password-1");
        await SignInAsync(username, "first-password-1");
        await OpenPatientSearchAsync();

        await using var adminContext = await NewContextAsync();
        var admin = await AdminPageAsync(adminContext);
        await admin.GotoAsync("/admin/users");
        await WaitForInteractiveAsync(admin);
        await admin.GetByTestId("user-search").FillAsync(username);
        await Expect(Rows(admin)).ToHaveCountAsync(1);
        var dialog = admin.Locator(".mud-dialog");
        await OpenAsync(admin, admin.GetByTestId($"reset-{username}"), dialog.GetByTestId("reset-password-temporary"), "reset-password-dialog");
        await Expect(dialog.GetByTestId("reset-password-temporary")).ToContainTextAsync("This password is temporary");
        await Expect(dialog.GetByTestId("reset-password-temporary")).ToContainTextAsync("must choose their own password");
        await dialog.GetByTestId("reset-password").FillAsync("temporary-pass-2");
        await ShotAsync(admin, "users-reset-dialog");
        await admin.GetByTestId("reset-password-submit").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"Temporary password set for {username}");
        await Expect(Rows(admin)).ToContainTextAsync("Temporary password");
        Assert.That((await ClinicApp.SessionEndReasonsAsync(id))[0], Is.EqualTo("password_reset"));

        // The user's next action lands on sign-in with the reason.
        await TestId("patient-search").FillAsync("Okello");
        await Expect(Page).ToHaveURLAsync(SignInUrl);
        await Expect(TestId("sign-in-notice")).ToHaveTextAsync(ResetNotice);
        await ScreenshotAsync("sign-in-notice-reset");

        // The old password is gone; the temporary one only opens the change-password page.
        await SubmitSignInAsync(Page, username, "first-password-1");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync("The username or password is incorrect.");
        await SubmitSignInAsync(Page, username, "temporary-pass-2");
        await ChangeTemporaryPasswordAsync("temporary-pass-2", "my-own-password-3");
        await Expect(Page).ToHaveURLAsync(new Regex("/patients$"));
        await SearchWorksAsync();
    }

    [Test]
    public async Task A_new_account_chooses_its_own_password_at_first_sign_in()
    {
        var username = ClinicApp.UniqueUsername("first");
        await using var adminContext = await NewContextAsync();
        var admin = await AdminPageAsync(adminContext);
        await admin.GotoAsync("/admin/users");
        await WaitForInteractiveAsync(admin);
        var dialog = admin.Locator(".mud-dialog");
        await OpenAsync(admin, admin.GetByTestId("create-account"), dialog.GetByTestId("new-username"), "create-account-dialog");
        await dialog.GetByTestId("new-username").FillAsync(username);
        await dialog.GetByTestId("new-display-name").FillAsync("Agnes Nabirye");
        await PickAsync(dialog.Locator(".mud-select").First,
            admin.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Receptionist" }), "change-role-session");
        await FillAndLeaveAsync(dialog.GetByTestId("new-password"), "temporary-pass-4");
        await Expect(dialog.GetByTestId("create-account-temporary")).ToContainTextAsync("at their first sign-in they must choose their own password");
        await ShotAsync(admin, "users-create-dialog");
        await admin.GetByTestId("create-account-submit").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"Account {username} created");

        await SubmitSignInAsync(Page, username, "temporary-pass-4");
        await ChangeTemporaryPasswordAsync("temporary-pass-4", "agnes-own-password-5");
        await Expect(Page).ToHaveURLAsync(new Regex("/patients$"));
        await SearchWorksAsync();
        await GotoInteractiveAsync("/");
        await Expect(TestId("greeting")).ToHaveTextAsync("Welcome, Agnes Nabirye");
    }

    /// <summary>
    /// On the forced change-password page: other pages send the user back to it; then the change lets them
    /// through to where they were going.
    /// </summary>
    private async Task ChangeTemporaryPasswordAsync(string temporary, string own)
    {
        await Expect(Page).ToHaveURLAsync(RequiredPasswordUrl);
        await WaitForInteractiveAsync();
        await Expect(TestId("password-required")).ToBeVisibleAsync();

        await Page.GotoAsync("/patients");
        await Expect(Page).ToHaveURLAsync(RequiredPasswordUrl);
        await WaitForInteractiveAsync();
        await Expect(TestId("password-required")).ToBeVisibleAsync();
        await ScreenshotAsync("password-required");

        await TestId("current-password").FillAsync(temporary);
        await TestId("new-password").FillAsync(own);
        await TestId("confirm-password").FillAsync(own);
        await TestId("change-password").ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(RequiredPasswordUrl);
    }

    private async Task SearchWorksAsync()
    {
        await WaitForInteractiveAsync();
        await TestId("patient-search").FillAsync("Nakato");
        await Expect(Rows(Page).First).ToContainTextAsync("Nakato");
        await Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Signing_out_ends_the_session_so_a_copy_of_the_cookie_gets_nowhere()
    {
        var (id, username) = await ClinicApp.CreateAccountAsync("replay", "receptionist", "replay-password-1");
        await SignInAsync(username, "replay-password-1");
        var cookies = (await Context.CookiesAsync()).Where(c => c.Name == "clinic.auth").Select(Copy).ToList();
        Assert.That(cookies, Has.Count.EqualTo(1), "the sign-in cookie");

        // The copy works while the session is live: the replay is real.
        await using (var before = await NewContextAsync())
        {
            await before.AddCookiesAsync(cookies);
            var page = await before.NewPageAsync();
            await page.GotoAsync("/patients");
            await Expect(page).ToHaveURLAsync(new Regex("/patients$"));
            await Expect(page.GetByTestId("patient-search")).ToBeVisibleAsync();
        }

        await TestId("sign-out").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/account/sign-in"));
        Assert.That((await ClinicApp.SessionEndReasonsAsync(id))[0], Is.EqualTo("sign_out"));

        await using var after = await NewContextAsync();
        await after.AddCookiesAsync(cookies);
        var replay = await after.NewPageAsync();
        await replay.GotoAsync("/patients");
        await Expect(replay).ToHaveURLAsync(new Regex("/account/sign-in\\?.*returnUrl=%2Fpatients"));
        await Expect(replay.GetByTestId("sign-in-notice")).ToHaveTextAsync(SignedOutNotice);
        await Expect(replay.GetByTestId("patient-search")).ToHaveCountAsync(0);
    }

    private static Cookie Copy(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure,
        SameSite = c.SameSite,
    };
}
