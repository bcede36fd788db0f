using System.Text.RegularExpressions;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>The working-hours screen, and the demo clinic that demo mode loads (the app under test runs in demo mode).</summary>
public sealed class WorkingHoursTests : BrowserTest
{
    private ILocator Snackbar => Page.Locator(".mud-snackbar");

    private Task ExpectSnackbarAsync(string text) =>
        Expect(Snackbar.Filter(new LocatorFilterOptions { HasText = text })).ToBeVisibleAsync();

    /// <summary>A doctor of its own (no hours yet), so the test never changes the demo doctors.</summary>
    private static Task<int> NewDoctorAsync(string familyName) => ClinicApp.AsAdminAsync(async (runner, actor) =>
    {
        var facilities = new FacilityProcedures(runner, actor);
        var department = (await facilities.ListDepartmentsAsync()).First(d => d.Name == DemoClinic.MarkerDepartment);
        var specialisation = (await facilities.ListSpecialisationsAsync()).First(s => s.Name == "General Practice");
        return await new StaffProcedures(runner, actor).CreateAsync(new StaffInput
        {
            GivenName = "Irene", FamilyName = familyName, StaffRole = "doctor", DepartmentId = department.DepartmentId,
            SpecialisationId = specialisation.SpecialisationId, ConsultationFee = 25_000m,
        });
    });

    [Test]
    public async Task Admin_adds_a_block_and_a_leave_period_and_sees_them()
    {
        var family = "Hours" + string.Concat(Guid.NewGuid().ToString("N").Take(6).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        await NewDoctorAsync(family);
        await SignInAsync("admin", "admin123");

        await TestId("nav-working-hours").ClickAsync();
        await Expect(TestId("wh-choose-doctor")).ToBeVisibleAsync();
        await SelectAsync(Page.Locator(".mud-main-content"), "Doctor", $"Dr. Irene {family}", exact: false);
        await Expect(TestId("wh-empty")).ToContainTextAsync("No weekly hours yet");
        await Expect(TestId("wh-exceptions-empty")).ToBeVisibleAsync();
        await ScreenshotAsync("admin-working-hours-empty");

        // A Tuesday evening block that runs to midnight.
        await SelectAsync(TestId("wh-block-form"), "Weekday", "Tuesday", exact: false);
        await TestId("wh-start").FillAsync("14:00");
        await TestId("wh-end").FillAsync("24:00");
        await TestId("wh-add-block").ClickAsync();
        await ExpectSnackbarAsync("Added Tuesday 14:00–24:00.");
        await Expect(TestId("wh-day-2")).ToContainTextAsync("14:00–24:00");
        await Expect(TestId("wh-empty")).ToHaveCountAsync(0);
        await Expect(TestId("wh-total")).ToHaveTextAsync("10 h a week on 1 day");

        // The database refuses an overlapping block; the message shows as it is.
        await TestId("wh-start").FillAsync("20:00");
        await TestId("wh-end").FillAsync("22:00");
        await TestId("wh-add-block").ClickAsync();
        await ExpectSnackbarAsync("These hours overlap another block of the same doctor on that day.");
        await Expect(TestId("wh-day-2").Locator(".wh-block")).ToHaveCountAsync(1);

        // Leave for three whole days next month.
        var from = DateTime.Today.AddDays(30);
        var form = TestId("wh-exception-form");
        await FillDateAsync(TestId("wh-from-date"), from);
        await FillDateAsync(TestId("wh-until-date"), from.AddDays(2));
        await TestId("wh-reason").FillAsync("Annual leave");
        await TestId("wh-add-exception").ClickAsync();
        await ExpectSnackbarAsync("Leave added");
        var row = TestId("wh-exceptions").Locator("tbody tr.mud-table-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Leave");
        await Expect(row).ToContainTextAsync($"{from:yyyy-MM-dd} 00:00");
        await Expect(row).ToContainTextAsync($"{from.AddDays(2):yyyy-MM-dd} 24:00");
        await Expect(row).ToContainTextAsync("Annual leave");
        await Expect(form).ToBeVisibleAsync();
        await ScreenshotAsync("admin-working-hours");

        // Removing the block asks first, then the day is free again.
        await TestId("wh-day-2").Locator("button").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove" }).ClickAsync();
        await ExpectSnackbarAsync("Removed Tuesday 14:00–24:00.");
        await Expect(TestId("wh-empty")).ToBeVisibleAsync();
    }

    private async Task FillDateAsync(ILocator picker, DateTime date)
    {
        var input = picker.Locator("input");
        await input.FillAsync(date.ToString("yyyy-MM-dd"));
        await input.PressAsync("Enter");
        await Page.Keyboard.PressAsync("Escape");
    }

    [Test]
    public async Task Demo_mode_loaded_a_clinic_whose_doctor_login_has_hours_and_a_diary()
    {
        ClinicApp.RequireDatabase();
        var (doctorStaffId, statuses, upcoming) = await ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var doctor = (await new StaffProcedures(runner, actor).ListAsync("doctor", null, true, 0, 100)).Single(s => s.Username == "doctor");
            var appointments = new AppointmentProcedures(runner, actor);
            var from = DateTime.Today.AddDays(-22);
            var to = DateTime.Today.AddDays(23);
            var counts = new Dictionary<string, long>();
            foreach (var status in new[] { "booked", "checked_in", "in_progress", "completed", "cancelled", "no_show" })
                counts[status] = (await appointments.ListAsync(from, to, null, null, status, 0, 1)).FirstOrDefault()?.TotalCount ?? 0;
            var mine = (await appointments.ListAsync(DateTime.Today, to, doctor.StaffId, null, null, 0, 1)).FirstOrDefault()?.TotalCount ?? 0;
            return (doctor.StaffId, counts, mine);
        });
        Assert.That(statuses.Where(s => s.Value == 0).Select(s => s.Key), Is.Empty, "every status is in the demo calendar");
        Assert.That(upcoming, Is.GreaterThan(20), "the demo doctor's diary from today on");

        // A second demo load (scripts/run.sh at the next start) adds nothing.
        var again = await ClinicApp.LoadDemoAsync();
        Assert.That(again.AlreadyLoaded, Is.True);

        await SignInAsync("doctor", "doctor123");
        await Expect(TestId("home-counts")).ToBeVisibleAsync();
        await ScreenshotAsync("demo-doctor-home");

        await using var adminContext = await NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SubmitSignInAsync(admin, "admin", "admin123");
        await admin.GotoAsync($"/admin/working-hours?doctor={doctorStaffId}");
        await Expect(admin.GetByTestId("wh-day-1")).ToContainTextAsync("08:00–13:00");
        await Expect(admin.GetByTestId("wh-day-1")).ToContainTextAsync("14:00–17:00");
        await Expect(admin.GetByTestId("wh-day-6")).ToContainTextAsync("Not working");
        await Expect(admin.GetByTestId("wh-total")).ToHaveTextAsync("40 h a week on 5 days");
        await Expect(admin.GetByTestId("wh-exceptions-empty")).ToBeVisibleAsync();

        // Dr. Kato has leave in the demo data: last week's conference and annual leave in the week after next.
        var kato = await ClinicApp.AsAdminAsync(async (runner, actor) =>
            (await new StaffProcedures(runner, actor).ListAsync("doctor", null, true, 0, 100)).Single(s => s.Username == "dr.kato").StaffId);
        await admin.GotoAsync($"/admin/working-hours?doctor={kato}");
        var leave = admin.GetByTestId("wh-exceptions").Locator("tbody tr.mud-table-row");
        await Expect(leave.Filter(new LocatorFilterOptions { HasText = "Annual leave" })).ToHaveCountAsync(1);
        await Expect(leave.Filter(new LocatorFilterOptions { HasText = "Medical conference in Mbarara" })).ToHaveCountAsync(1);
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("admin-working-hours-demo"), Animations = ScreenshotAnimations.Disabled, FullPage = true });
    }
}
