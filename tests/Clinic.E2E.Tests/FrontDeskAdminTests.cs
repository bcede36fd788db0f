using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

public sealed class FrontDeskAdminTests : BrowserTest
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private ILocator Dialog => Page.Locator(".mud-dialog");
    private ILocator Snackbar => Page.Locator(".mud-snackbar");

    private Task ExpectSnackbarAsync(string text) =>
        Expect(Snackbar.Filter(new LocatorFilterOptions { HasText = text })).ToBeVisibleAsync();

    [Test]
    public async Task Admin_creates_a_department_specialisation_room_and_doctor()
    {
        var suffix = Suffix();
        var department = $"Paediatrics {suffix}";
        var specialisation = $"Paediatrician {suffix}";
        var room = $"Paeds {suffix}";
        var family = $"Okot{suffix}";
        await SignInAsync("admin", "admin123");

        // Departments and specialisations
        await TestId("nav-departments").ClickAsync();
        await Expect(TestId("create-department")).ToBeVisibleAsync();
        await OpenAsync(Page, TestId("create-department"), Dialog.GetByTestId("department-name"), "create-department");
        await Dialog.GetByTestId("department-name").FillAsync(department);
        await Dialog.GetByTestId("department-submit").ClickAsync();
        await ExpectSnackbarAsync($"Department {department} saved.");
        await Expect(TestId("departments-table")).ToContainTextAsync(department);

        // The database refuses a second department with the same name; the dialog stays open with the input.
        await OpenAsync(Page, TestId("create-department"), Dialog.GetByTestId("department-name"), "create-department");
        await Dialog.GetByTestId("department-name").FillAsync(department);
        await Dialog.GetByTestId("department-submit").ClickAsync();
        await ExpectSnackbarAsync("A department with that name already exists.");
        await Expect(Dialog.GetByTestId("department-name")).ToHaveValueAsync(department);
        await Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Cancel" }).ClickAsync();

        await OpenAsync(Page, TestId("create-specialisation"), Dialog.GetByTestId("specialisation-name"), "create-specialisation");
        await Dialog.GetByTestId("specialisation-name").FillAsync(specialisation);
        await Dialog.GetByTestId("specialisation-minutes").FillAsync("20");
        await Dialog.GetByTestId("specialisation-submit").ClickAsync();
        await Expect(TestId("specialisations-table")).ToContainTextAsync(specialisation);
        await Expect(TestId("specialisations-table").Locator("tr").Filter(new LocatorFilterOptions { HasText = specialisation })).ToContainTextAsync("20 min");
        await ScreenshotAsync("admin-departments");

        // Rooms
        await TestId("nav-rooms").ClickAsync();
        await Expect(TestId("create-room")).ToBeVisibleAsync();
        await OpenAsync(Page, TestId("create-room"), Dialog.GetByTestId("room-name"), "create-room");
        await Dialog.GetByTestId("room-name").FillAsync(room);
        await SelectAsync(Dialog, "Type", "Consultation");
        await SelectAsync(Dialog, "Department", department);
        await Dialog.GetByTestId("room-submit").ClickAsync();
        await ExpectSnackbarAsync($"Room {room} saved.");
        var roomRow = TestId("rooms-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = room });
        await Expect(roomRow).ToContainTextAsync(department);
        await Expect(roomRow).ToContainTextAsync("Active");
        await ScreenshotAsync("admin-rooms");

        // Staff: a doctor needs a department, specialisation and fee (checked by the database).
        await TestId("nav-staff").ClickAsync();
        await Expect(TestId("create-staff")).ToBeVisibleAsync();
        await OpenAsync(Page, TestId("create-staff"), Dialog.GetByTestId("staff-given-name"), "create-staff");
        await Dialog.GetByTestId("staff-given-name").FillAsync("Daniel");
        await Dialog.GetByTestId("staff-family-name").FillAsync(family);
        await SelectAsync(Dialog, "Role", "Doctor");
        await Dialog.GetByTestId("staff-submit").ClickAsync();
        await ExpectSnackbarAsync("A doctor needs a specialisation, a department and a consultation fee.");
        await SelectAsync(Dialog, "Department", department);
        await SelectAsync(Dialog, "Specialisation", specialisation);
        await Dialog.GetByTestId("staff-fee").FillAsync("50000");
        await Dialog.GetByTestId("staff-phone").FillAsync("0772 555 010");
        await ScreenshotAsync("admin-staff-dialog");
        await Dialog.GetByTestId("staff-submit").ClickAsync();
        await ExpectSnackbarAsync($"Daniel {family} saved.");

        await SelectAsync(Page.Locator(".mud-main-content"), "Department", department);
        var rows = Page.Locator("tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync($"{family}, Daniel");
        await Expect(rows.First).ToContainTextAsync("Doctor");
        await Expect(rows.First).ToContainTextAsync(specialisation);
        await Expect(rows.First).ToContainTextAsync("50,000.00");
        await ScreenshotAsync("admin-staff");

        // Shifts: add one, then an overlapping one is refused by the database.
        await TestId("nav-shifts").ClickAsync();
        var staffPicker = TestId("shift-form").Locator(".mud-autocomplete input").First;
        await staffPicker.ClickAsync();
        await TypeAsync(staffPicker, family);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = family }));
        await Expect(TestId("shifts-empty")).ToBeVisibleAsync();
        await TestId("shift-note").FillAsync("Children's clinic");
        await TestId("shift-add").ClickAsync();
        await ExpectSnackbarAsync($"Shift added for Daniel {family}.");
        await Expect(TestId("shifts-table").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await TestId("shift-add").ClickAsync();
        await ExpectSnackbarAsync("This shift overlaps another shift of the same person.");
        await ScreenshotAsync("admin-shifts");
    }

    [Test]
    public async Task Admin_links_a_sign_in_account_and_deactivating_the_staff_member_blocks_it()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("nurse", "nurse", "nurse-password-1");
        var family = $"Akello{Suffix()}";
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/staff");

        await OpenAsync(Page, TestId("create-staff"), Dialog.GetByTestId("staff-given-name"), "create-staff");
        await Dialog.GetByTestId("staff-given-name").FillAsync("Irene");
        await Dialog.GetByTestId("staff-family-name").FillAsync(family);
        await SelectAsync(Dialog, "Role", "Nurse");
        var account = Dialog.Locator(".mud-autocomplete input").First;
        await account.ClickAsync();
        await TypeAsync(account, username);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = username }));
        await Dialog.GetByTestId("staff-submit").ClickAsync();
        await ExpectSnackbarAsync($"Irene {family} saved.");

        await SelectAsync(Page.Locator(".mud-main-content"), "Role", "Nurse");
        var row = Page.Locator("tbody tr.mud-table-row").Filter(new LocatorFilterOptions { HasText = family });
        await Expect(row).ToContainTextAsync(username);
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Deactivate" }).ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Inactive");

        await using var other = await NewContextAsync();
        var page = await other.NewPageAsync();
        // A deactivated account gets the same sentence as a wrong password: nothing tells a guesser that it exists.
        await SubmitSignInAsync(page, username, "nurse-password-1");
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("The username or password is incorrect.");
    }

    [Test]
    public async Task Admin_sees_settings_and_the_database_refuses_a_bad_value()
    {
        await SignInAsync("admin", "admin123");
        await TestId("nav-settings").ClickAsync();
        await Expect(TestId("setting-value-patient.mrn_prefix")).ToBeVisibleAsync();
        await Expect(TestId("settings-table")).ToContainTextAsync("phone.country_code");

        await OpenAsync(Page, TestId("edit-setting-patient.mrn_digits"), Dialog.GetByTestId("setting-value"), "edit-setting-patient.mrn_digits");
        await Dialog.GetByTestId("setting-value").FillAsync("99");
        await Dialog.GetByTestId("setting-submit").ClickAsync();
        await ExpectSnackbarAsync("That value is not allowed for this setting.");
        await Expect(Dialog.GetByTestId("setting-value")).ToHaveValueAsync("99");
        await ScreenshotAsync("admin-settings-error");
        await Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Cancel" }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await ScreenshotAsync("admin-settings");
    }

    [Test]
    public async Task Receptionist_cannot_open_the_admin_pages()
    {
        await SignInAsync("reception", "reception123");
        await Expect(TestId("nav-patients")).ToBeVisibleAsync();
        await Expect(TestId("nav-staff")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/staff", "/admin/departments", "/admin/rooms", "/admin/shifts", "/admin/settings" })
        {
            await GotoInteractiveAsync(path);
            await Expect(TestId("not-allowed")).ToBeVisibleAsync();
        }
    }
}
