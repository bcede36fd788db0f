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
        // Fresh names each run: failures count per username and computer, and would add up over repeated runs on one database.
        var (_, username) = await ClinicApp.CreateAccountAsync("wrong", "doctor", "the-password-1");
        await SubmitSignInAsync(Page, username, "not-the-password");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);

        await SubmitSignInAsync(Page, ClinicApp.UniqueUsername("nobody"), "whatever123");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);
    }

    [Test]
    public async Task Five_wrong_passwords_block_this_computer_until_an_administrator_unlocks_the_account()
    {
        const string Blocked = "Too many failed sign-ins from this computer. Try again in 15 minutes or ask an administrator.";
        var (_, username) = await ClinicApp.CreateAccountAsync("lock", "nurse", "right-password-1");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SubmitSignInAsync(Page, username, "wrong-password");
            await Expect(TestId("sign-in-error")).ToHaveTextAsync(GenericMessage);
        }
        await SubmitSignInAsync(Page, username, "wrong-password");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(Blocked);

        // Blocked means blocked: the right password is not even compared.
        await SubmitSignInAsync(Page, username, "right-password-1");
        await Expect(TestId("sign-in-error")).ToHaveTextAsync(Blocked);
        await ScreenshotAsync("sign-in-locked");

        await using var adminContext = await NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SubmitSignInAsync(admin, "admin", "admin123");
        await admin.GotoAsync("/admin/users");
        await admin.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await admin.GetByTestId("user-search").FillAsync(username);
        var row = admin.Locator("tbody tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Locked");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("users-locked"), Animations = ScreenshotAnimations.Disabled });
        await admin.GetByTestId($"unlock-{username}").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"{username} can sign in again.");
        await Expect(row).Not.ToContainTextAsync("Locked");
        await Expect(admin.GetByTestId($"unlock-{username}")).ToHaveCountAsync(0);

        await SubmitSignInAsync(Page, username, "right-password-1");
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(TestId("greeting")).ToHaveTextAsync($"Welcome, E2E lock");
    }

    [Test]
    public async Task Admin_creates_and_deactivates_an_account_which_then_cannot_sign_in()
    {
        var username = ClinicApp.UniqueUsername("made");
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/users");
        await Expect(Page.Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await ScreenshotAsync("users");

        var dialog = Page.Locator(".mud-dialog");
        await OpenAsync(Page, TestId("create-account"), dialog.GetByTestId("new-username"), "create-account-dialog");
        await dialog.GetByTestId("new-username").FillAsync(username);
        await dialog.GetByTestId("new-display-name").FillAsync("Ruth Achieng");
        await PickAsync(dialog.Locator(".mud-select").First, Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Nurse" }),
            "new-account-role");
        await FillAndLeaveAsync(dialog.GetByTestId("new-password"), "temporary-pass-1");
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
        // A deactivated account gets the same sentence as a wrong password: nothing tells a guesser that it exists.
        await SubmitSignInAsync(page, username, "temporary-pass-1");
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync(GenericMessage);
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
    public async Task Changing_a_role_is_refused_for_a_staff_member_and_signs_anyone_else_out()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("role", "receptionist", "role-password-1");
        await using var userContext = await NewContextAsync();
        var user = await userContext.NewPageAsync();
        await SubmitSignInAsync(user, username, "role-password-1");
        await Expect(user.GetByTestId("user-role")).ToHaveTextAsync("Receptionist");

        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/users");
        var dialog = Page.Locator(".mud-dialog");

        // The demo nurse has a staff record: the database refuses, the dialog stays open with the choice.
        await TestId("user-search").FillAsync("nurse");
        // The search runs after a pause in typing: wait for the filtered table before clicking in it.
        await Expect(Page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await TestId("role-nurse").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Nurse Peter Mugisha (nurse) is now Nurse.");
        await ChooseRoleAsync("Doctor");
        await TestId("change-role-submit").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("This account belongs to a staff member. Change the role on the staff record.");
        await Expect(dialog).ToBeVisibleAsync();
        await ScreenshotAsync("users-change-role-refused");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator("tbody tr.mud-table-row").Filter(new LocatorFilterOptions { Has = TestId("role-nurse") })).ToContainTextAsync("Nurse");

        await TestId("user-search").FillAsync(username);
        var row = Page.Locator("tbody tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await TestId($"role-{username}").ClickAsync();
        await ChooseRoleAsync("Nurse");
        await ScreenshotAsync("users-change-role");
        await TestId("change-role-submit").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = $"{username} is now Nurse." })).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Nurse");
        await ScreenshotAsync("users-actions");

        // The person's open page is signed out with the reason, and the new role applies from the next sign-in.
        await Expect(user).ToHaveURLAsync(new Regex("/account/sign-in\\?"), new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await Expect(user.GetByTestId("sign-in-notice")).ToHaveTextAsync("You were signed out because your role was changed. Please sign in again.");
        await SubmitSignInAsync(user, username, "role-password-1");
        await Expect(user.GetByTestId("user-role")).ToHaveTextAsync("Nurse");
    }

    private async Task ChooseRoleAsync(string role)
    {
        await PickAsync(Page.Locator(".mud-dialog .mud-select").First,
            Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^{role}$") }), "change-role");
    }

    [Test]
    public async Task Too_short_new_password_shows_the_database_policy()
    {
        await SignInAsync("pharmacist", "pharmacist123");
        await GotoInteractiveAsync("/account/password");
        await TestId("current-password").FillAsync("pharmacist123");
        await TestId("new-password").FillAsync("short");
        await TestId("confirm-password").FillAsync("short");
        await SubmitUntilShownAsync(Page, TestId("change-password"), TestId("password-error"), "password-too-short");
        await Expect(TestId("password-error")).ToHaveTextAsync(new Regex("at least \\d+ characters"));
        await Expect(TestId("change-password")).ToBeEnabledAsync();
        await ScreenshotAsync("password-policy");
    }
}
