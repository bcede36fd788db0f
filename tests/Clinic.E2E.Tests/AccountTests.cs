using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

public sealed class AccountTests : BrowserTest
{
    private const string GenericMessage = "The username or password is incorrect.";

    [Test]
    public async Task Wrong_password_shows_the_generic_message()
    {
        await SubmitSignInAsync(Page, "doctor", "not-the-password");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);

        await SubmitSignInAsync(Page, "nobody-by-this-name", "whatever123");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("lock", "nurse", "right-password-1");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SubmitSignInAsync(Page, username, "wrong-password");
            await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);
        }
        await SubmitSignInAsync(Page, username, "wrong-password");
        await Expect(TestId("sign-in-error")).ToContainTextAsync("locked");

        await SubmitSignInAsync(Page, username, "right-password-1");
        await Expect(TestId("sign-in-error")).ToContainTextAsync("This account is locked");
        await ScreenshotAsync("sign-in-locked");
    }

    [Test]
    public async Task Admin_creates_and_deactivates_an_account_which_then_cannot_sign_in()
    {
        var username = ClinicApp.UniqueUsername("made");
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/users");
        await Expect(Page.Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await ScreenshotAsync("users");

        await TestId("create-account").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.GetByTestId("new-username").FillAsync(username);
        await dialog.GetByTestId("new-display-name").FillAsync("Ruth Achieng");
        await dialog.Locator(".mud-select").First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Nurse" }).ClickAsync();
        await dialog.GetByTestId("new-password").FillAsync("temporary-pass-1");
        await ScreenshotAsync("users-create-dialog");
        await TestId("create-account-submit").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync($"Account {username} created");

        await TestId("user-search").FillAsync(username);
        // Wait for the search to have reloaded the table: only the new account is left.
        await Expect(Page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        var row = Page.Locator("tbody tr.mud-table-row").Filter(new LocatorFilterOptions { HasText = username });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Active");

        await TestId($"deactivate-{username}").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");
        await Expect(TestId($"activate-{username}")).ToBeVisibleAsync();

        await using var other = await NewContextAsync();
        var page = await other.NewPageAsync();
        await SubmitSignInAsync(page, username, "temporary-pass-1");
        await Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("deactivated");
    }

    [Test]
    public async Task Deactivating_a_signed_in_user_ends_their_session()
    {
        var (id, username) = await ClinicApp.CreateAccountAsync("live", "receptionist", "live-password-1");
        await SignInAsync(username, "live-password-1");
        await Expect(TestId("home-counts")).ToBeVisibleAsync();

        await ClinicApp.DeactivateAsync(id);

        // The open page notices at its next check and goes to sign-in; the cookie is rejected too.
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in"), new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in\\?returnUrl="));
    }

    [Test]
    public async Task Reset_password_makes_the_user_choose_a_new_one_at_sign_in()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("reset", "doctor", "first-password-1");
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/users");
        await TestId("user-search").FillAsync(username);
        await Expect(Page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await TestId($"reset-{username}").ClickAsync();
        await Page.Locator(".mud-dialog").GetByTestId("reset-password").FillAsync("temporary-pass-2");
        await TestId("reset-password-submit").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync($"Temporary password set for {username}");
        await Expect(Page.Locator("tbody tr.mud-table-row")).ToContainTextAsync("Temporary password");

        await using var other = await NewContextAsync();
        var page = await other.NewPageAsync();
        await SubmitSignInAsync(page, username, "temporary-pass-2");
        await Expect(page).ToHaveURLAsync(new Regex("/account/password\\?required=true"));
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("password-required")).ToBeVisibleAsync();
        await page.GetByTestId("current-password").FillAsync("temporary-pass-2");
        await page.GetByTestId("new-password").FillAsync("my-own-password-3");
        await page.GetByTestId("confirm-password").FillAsync("my-own-password-3");
        await page.GetByTestId("change-password").ClickAsync();
        await Expect(page.GetByTestId("home-counts")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Too_short_new_password_shows_the_database_policy()
    {
        await SignInAsync("pharmacist", "pharmacist123");
        await GotoInteractiveAsync("/account/password");
        await TestId("current-password").FillAsync("pharmacist123");
        await TestId("new-password").FillAsync("short");
        await TestId("confirm-password").FillAsync("short");
        await TestId("change-password").ClickAsync();
        await Expect(TestId("password-error")).ToHaveTextAsync(new Regex("at least \\d+ characters"));
        await Expect(TestId("change-password")).ToBeEnabledAsync();
        await ScreenshotAsync("password-policy");
    }
}
