using System.Text.RegularExpressions;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>The reception scheduling screens: calendar, booking with the free-slot picker, details, cancel, export.</summary>
public sealed class SchedulingTests : BrowserTest
{
    private ILocator Dialog => Page.Locator(".mud-dialog").Last;
    private ILocator Snackbar => Page.Locator(".mud-snackbar");

    private Task ExpectSnackbarAsync(string text) =>
        Expect(Snackbar.Filter(new LocatorFilterOptions { HasText = text }).First).ToBeVisibleAsync();

    /// <summary>Letters only, unique per run (names are searched by word prefix).</summary>
    private static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N").Take(7).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>A Monday two weeks ahead: never today, whatever day the tests run.</summary>
    private static DateTime FutureMonday()
    {
        var today = DateTime.Today;
        return today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 14);
    }

    private sealed record Seed(int DoctorId, string DoctorGiven, string DoctorFamily, string RoomName, (int Id, string Mrn, string Given, string Family)[] Patients);

    /// <summary>A doctor (20-minute specialisation, 08:00-12:00 every day), a room and patients, made through the procedures as the demo admin.</summary>
    private static Task<Seed> SeedAsync(int patients) => ClinicApp.AsAdminAsync(async (runner, actor) =>
    {
        var facilities = new FacilityProcedures(runner, actor);
        var tag = UniqueName("");
        var department = await facilities.CreateDepartmentAsync("Outpatients " + tag);
        var specialisation = await facilities.CreateSpecialisationAsync("General practice " + tag, 20);
        var roomName = "Consult " + tag;
        await facilities.CreateRoomAsync(roomName, "consultation", department);
        var doctorFamily = UniqueName("Okot");
        var doctorId = await new StaffProcedures(runner, actor).CreateAsync(new StaffInput
        {
            GivenName = "Daniel", FamilyName = doctorFamily, StaffRole = "doctor", DepartmentId = department, SpecialisationId = specialisation,
            ConsultationFee = 50_000m,
        });
        var hours = new WorkingHoursProcedures(runner, actor);
        for (var weekday = 1; weekday <= 7; weekday++)
            await hours.AddBlockAsync(doctorId, weekday, TimeSpan.FromHours(8), TimeSpan.FromHours(12));
        var registry = new PatientProcedures(runner, actor);
        var made = new List<(int, string, string, string)>();
        for (var i = 0; i < patients; i++)
        {
            var family = UniqueName("Apio");
            var given = i == 0 ? "Ruth" : "Esther";
            var patient = await registry.RegisterAsync(new PatientInput
            {
                GivenName = given, FamilyName = family, Sex = "female", DateOfBirth = new DateTime(1985, 3, 2).AddDays(i),
            }, confirmDuplicate: true);
            made.Add((patient.PatientId, patient.Mrn, given, family));
        }
        return new Seed(doctorId, "Daniel", doctorFamily, roomName, made.ToArray());
    });

    private async Task PickAsync(ILocator input, string typed, string itemText)
    {
        await input.ClickAsync();
        await TypeAsync(input, typed);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = itemText }).First);
    }

    /// <summary>Books through the dialog: patient, doctor, room, reason, then the slot at <paramref name="slotIndex"/> of the picker.</summary>
    private async Task<string> BookThroughDialogAsync(Seed seed, int patient, int slotIndex, string reason, bool screenshot = false)
    {
        await TestId("new-appointment").ClickAsync();
        await Expect(Dialog.GetByTestId("book-submit")).ToBeDisabledAsync();
        var (_, mrn, given, family) = seed.Patients[patient];
        await PickAsync(Dialog.GetByTestId("book-patient"), family, mrn);
        var doctor = Dialog.GetByTestId("book-doctor");
        if (await doctor.InputValueAsync() == "")
            await PickAsync(doctor, seed.DoctorFamily, seed.DoctorFamily);
        await SelectAsync(Dialog, "Room", seed.RoomName);
        await FillAndLeaveAsync(Dialog.GetByTestId("book-reason"), reason);

        var slots = Dialog.GetByTestId("slot");
        await Expect(slots.First).ToBeVisibleAsync();
        var slot = slots.Nth(slotIndex);
        var startsAt = (await slot.GetAttributeAsync("data-starts-at"))!;
        await slot.ClickAsync();
        await Expect(slot).ToHaveAttributeAsync("data-selected", "true");
        await Expect(Dialog.GetByTestId("book-summary")).ToContainTextAsync($"{given} {family}");
        await Expect(Dialog.GetByTestId("book-summary")).ToContainTextAsync($"Daniel {seed.DoctorFamily}");
        if (screenshot)
            await ScreenshotAsync("appointments-book-dialog");
        await Dialog.GetByTestId("book-submit").ClickAsync();
        await ExpectSnackbarAsync($"Appointment booked for {given} {family} with Daniel {seed.DoctorFamily}");
        await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        return startsAt;
    }

    private ILocator Card(string mrn) =>
        TestId("appointment-card").Filter(new LocatorFilterOptions { Has = Page.GetByTestId("appointment-mrn").GetByText(mrn, new LocatorGetByTextOptions { Exact = true }) });

    [Test]
    public async Task Reception_books_with_the_slot_picker_sees_the_calendar_cancels_with_a_reason_and_exports()
    {
        var seed = await SeedAsync(patients: 2);
        var monday = FutureMonday();
        await SignInAsync("reception", "reception123");
        await TestId("nav-appointments").ClickAsync();
        await Expect(TestId("calendar-title")).ToContainTextAsync("All doctors");
        // The doctor box lists at most ten doctors (the run's other tests add doctors of their own: then it says there are more).
        await TestId("calendar-doctor").ClickAsync();
        var listed = Page.Locator(".mud-popover-open .mud-list-item");
        await Expect(listed.First).ToBeVisibleAsync();
        Assert.That(await listed.CountAsync(), Is.InRange(1, 10));
        await ScreenshotAsync("appointments-doctor-list");
        await listed.Last.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("appointments-doctor-list-end");
        await Page.Keyboard.PressAsync("Escape");
        await GotoInteractiveAsync($"/appointments?date={monday:yyyy-MM-dd}&staffId={seed.DoctorId}");
        await Expect(TestId("calendar-title")).ToHaveTextAsync($"Daniel {seed.DoctorFamily} · {monday:dddd yyyy-MM-dd}");
        await Expect(TestId("calendar-empty")).ToContainTextAsync($"No appointments on this day for Daniel {seed.DoctorFamily}.");
        await ScreenshotAsync("appointments-empty");

        // Book two appointments through the dialog's free-slot picker: 08:00 and 08:20 (the grid of a 20-minute specialisation).
        var first = await BookThroughDialogAsync(seed, patient: 0, slotIndex: 0, reason: "Blood pressure follow-up", screenshot: true);
        Assert.That(first, Is.EqualTo($"{monday:yyyy-MM-dd}T08:00"));
        var second = await BookThroughDialogAsync(seed, patient: 1, slotIndex: 0, reason: "Cough for a week");
        Assert.That(second, Is.EqualTo($"{monday:yyyy-MM-dd}T08:20"), "the first slot is taken, so the picker offers the next one");

        var ruth = Card(seed.Patients[0].Mrn);
        var esther = Card(seed.Patients[1].Mrn);
        await Expect(ruth).ToContainTextAsync("08:00–08:20");
        await Expect(ruth).ToContainTextAsync($"Ruth {seed.Patients[0].Family}");
        await Expect(ruth).ToContainTextAsync("Blood pressure follow-up");
        await Expect(ruth).ToContainTextAsync(seed.RoomName);
        await Expect(ruth.GetByTestId("status-chip")).ToHaveTextAsync("Booked");
        await Expect(esther).ToContainTextAsync("08:20–08:40");
        await Expect(TestId("calendar-count")).ToHaveTextAsync("2 appointments");
        await ScreenshotAsync("appointments-day");

        // Cancel Esther's with a reason.
        await esther.ClickAsync();
        await Expect(Dialog.GetByTestId("appointment-patient")).ToContainTextAsync(seed.Patients[1].Mrn);
        await Dialog.GetByTestId("appt-cancel").ClickAsync();
        await Expect(Dialog.GetByTestId("cancel-confirm")).ToBeDisabledAsync();
        await Dialog.GetByTestId("cancel-reason").FillAsync("Patient phoned: travelling");
        await ScreenshotAsync("appointments-cancel");
        await Dialog.GetByTestId("cancel-confirm").ClickAsync();
        await ExpectSnackbarAsync("Appointment cancelled.");
        await Expect(Dialog.GetByTestId("status-chip")).ToHaveTextAsync("Cancelled");
        await Expect(Dialog.GetByTestId("appointment-cancelled")).ToContainTextAsync("Patient phoned: travelling");
        await Expect(Dialog.GetByTestId("appt-cancel")).ToHaveCountAsync(0);
        await Dialog.GetByTestId("appt-close").ClickAsync();
        await Expect(esther.GetByTestId("status-chip")).ToHaveTextAsync("Cancelled");
        await Expect(ruth.GetByTestId("status-chip")).ToHaveTextAsync("Booked");

        // Check Ruth in.
        await ruth.ClickAsync();
        await Dialog.GetByTestId("appt-check-in").ClickAsync();
        await ExpectSnackbarAsync("Checked in.");
        await Expect(Dialog.GetByTestId("status-chip")).ToHaveTextAsync("Checked in");
        await ScreenshotAsync("appointments-details");
        await Dialog.GetByTestId("appt-close").ClickAsync();
        await Expect(ruth.GetByTestId("status-chip")).ToHaveTextAsync("Checked in");

        // The week view has the same two, on Monday.
        await TestId("calendar-view").GetByText("Week").ClickAsync();
        await Expect(TestId("calendar-title")).ToContainTextAsync($"Week of {monday:yyyy-MM-dd} to {monday.AddDays(6):yyyy-MM-dd}");
        await Expect(TestId("calendar-column")).ToHaveCountAsync(7);
        await Expect(TestId("calendar-column").First.GetByTestId("appointment-card")).ToHaveCountAsync(2);
        await ScreenshotAsync("appointments-week");

        // By room: the same two appointments, now naming the doctor.
        await TestId("calendar-by").GetByText("By room").ClickAsync();
        await Expect(TestId("calendar-title")).ToContainTextAsync("All rooms · Week of");
        await SelectAsync(TestId("calendar-toolbar"), "Room", seed.RoomName);
        await Expect(TestId("calendar-title")).ToContainTextAsync($"{seed.RoomName} · Week of");
        await Expect(TestId("appointment-card")).ToHaveCountAsync(2);
        await Expect(ruth).ToContainTextAsync($"Daniel {seed.DoctorFamily}");
        await TestId("calendar-view").GetByText("Day").ClickAsync();
        await Expect(TestId("calendar-title")).ToHaveTextAsync($"{seed.RoomName} · {monday:dddd yyyy-MM-dd}");
        await Expect(TestId("appointment-card")).ToHaveCountAsync(2);
        await ScreenshotAsync("appointments-day-room");
        await TestId("calendar-by").GetByText("By doctor").ClickAsync();
        await Expect(TestId("calendar-title")).ToContainTextAsync("All doctors");
        await Expect(TestId("calendar-column").Filter(new LocatorFilterOptions { HasText = $"Daniel {seed.DoctorFamily}" }).GetByTestId("appointment-card"))
            .ToHaveCountAsync(2);
        await ScreenshotAsync("appointments-all-doctors");
        await TestId("calendar-view").GetByText("Week").ClickAsync();
        await PickAsync(TestId("calendar-doctor"), seed.DoctorFamily, seed.DoctorFamily);
        await Expect(TestId("calendar-title")).ToContainTextAsync($"Daniel {seed.DoctorFamily} · Week of");

        // The export button downloads what the calendar shows, as CSV.
        var href = await TestId("export-csv").GetAttributeAsync("href");
        Assert.That(href, Does.Contain($"from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}&staffId={seed.DoctorId}"));
        var response = await Context.APIRequest.GetAsync(href!);
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Headers["content-type"], Does.StartWith("text/csv"));
        Assert.That(response.Headers["content-disposition"], Does.Contain($"appointments-{monday:yyyy-MM-dd}-to-{monday.AddDays(6):yyyy-MM-dd}.csv"));
        var lines = (await response.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.StartWith("appointment_id,date,starts_at,ends_at,status,mrn"));
        Assert.That(lines[1], Does.Contain($",{monday:yyyy-MM-dd},08:00,08:20,checked_in,{seed.Patients[0].Mrn},Ruth,{seed.Patients[0].Family},Daniel {seed.DoctorFamily},{seed.RoomName},Blood pressure follow-up,,"));
        Assert.That(lines[2], Does.Contain($",08:20,08:40,cancelled,{seed.Patients[1].Mrn},").And.Contain("Patient phoned: travelling"));
    }

    [Test]
    public async Task A_slot_taken_meanwhile_shows_the_message_and_the_picker_offers_what_is_free_now()
    {
        var seed = await SeedAsync(patients: 2);
        var monday = FutureMonday().AddDays(1);
        await SignInAsync("reception", "reception123");
        await GotoInteractiveAsync($"/appointments?date={monday:yyyy-MM-dd}&staffId={seed.DoctorId}");
        await Expect(TestId("calendar-empty")).ToBeVisibleAsync();

        await TestId("new-appointment").ClickAsync();
        var (_, mrn, _, family) = seed.Patients[0];
        await PickAsync(Dialog.GetByTestId("book-patient"), family, mrn);
        await Expect(Dialog.GetByTestId("book-doctor")).ToHaveValueAsync(new Regex($"^Daniel {seed.DoctorFamily} · "));
        var eight = Dialog.Locator($"[data-testid=slot][data-starts-at='{monday:yyyy-MM-dd}T08:00']");
        await eight.ClickAsync();

        // Someone else books 08:00 for another patient before we confirm.
        await ClinicApp.AsAdminAsync((runner, actor) => new AppointmentProcedures(runner, actor)
            .BookAsync(new AppointmentInput { PatientId = seed.Patients[1].Id, StaffId = seed.DoctorId, StartsAt = monday.AddHours(8) }));
        await Dialog.GetByTestId("book-submit").ClickAsync();

        await ExpectSnackbarAsync("That slot is taken");
        await Expect(Dialog.GetByTestId("book-error")).ToContainTextAsync("That slot is taken");
        await Expect(eight).ToHaveCountAsync(0);
        await Expect(Dialog.GetByTestId("slot").First).ToHaveAttributeAsync("data-starts-at", $"{monday:yyyy-MM-dd}T08:20");
        await Expect(Dialog.GetByTestId("book-submit")).ToBeDisabledAsync();
        await ScreenshotAsync("appointments-slot-taken");
    }

    [Test]
    public async Task The_export_needs_a_signed_in_front_desk_role_and_valid_dates()
    {
        var anonymous = await Context.APIRequest.GetAsync("/export/appointments.csv?from=2026-12-07&to=2026-12-13",
            new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.That(anonymous.Status, Is.EqualTo(302));
        Assert.That(anonymous.Headers["location"], Does.Contain("/account/sign-in"));

        await SignInAsync("pharmacist", "pharmacist123");
        var pharmacist = await Context.APIRequest.GetAsync("/export/appointments.csv?from=2026-12-07&to=2026-12-13",
            new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.That(pharmacist.Status, Is.EqualTo(302));
        Assert.That(pharmacist.Headers["location"], Does.Contain("/account/not-allowed"));

        await using var nurseContext = await NewContextAsync();
        var nurse = await nurseContext.NewPageAsync();
        await SubmitSignInAsync(nurse, "nurse", "nurse123");
        await Expect(nurse.GetByTestId("user-display-name")).ToBeVisibleAsync();
        var badDates = await nurseContext.APIRequest.GetAsync("/export/appointments.csv?from=2026-12-13&to=2026-12-07");
        Assert.That(badDates.Status, Is.EqualTo(400));
        Assert.That(await badDates.TextAsync(), Does.Contain("The last day must be on or after the first"));
        var empty = await nurseContext.APIRequest.GetAsync("/export/appointments.csv?from=2001-01-01&to=2001-01-31");
        Assert.That(empty.Status, Is.EqualTo(200));
        Assert.That((await empty.TextAsync()).TrimStart('\uFEFF'), Is.EqualTo(
            "appointment_id,date,starts_at,ends_at,status,mrn,patient_given_name,patient_family_name,doctor,room,reason,cancel_reason,series_id\r\n"));
    }

    [Test]
    public async Task Booking_from_the_patient_profile_then_rescheduling_from_the_calendar()
    {
        var seed = await SeedAsync(patients: 1);
        var (patientId, mrn, given, family) = seed.Patients[0];
        await SignInAsync("reception", "reception123");
        await GotoInteractiveAsync($"/patients/{patientId}");
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(mrn);

        await TestId("book-appointment").ClickAsync();
        await Expect(Dialog.GetByTestId("book-patient-fixed")).ToContainTextAsync($"{given} {family}");
        await PickAsync(Dialog.GetByTestId("book-doctor"), seed.DoctorFamily, seed.DoctorFamily);
        var from = Dialog.GetByTestId("book-from");
        var day = FutureMonday().AddDays(2);
        await from.FillAsync(day.ToString("yyyy-MM-dd"));
        await from.PressAsync("Tab");
        var slot = Dialog.Locator($"[data-testid=slot][data-starts-at='{day:yyyy-MM-dd}T09:00']");
        await slot.ClickAsync();
        await ScreenshotAsync("appointments-book-from-profile");
        await Dialog.GetByTestId("book-submit").ClickAsync();
        await ExpectSnackbarAsync($"Appointment booked for {given} {family} with Daniel {seed.DoctorFamily} on {day:yyyy-MM-dd} 09:00.");
        await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await GotoInteractiveAsync($"/appointments?date={day:yyyy-MM-dd}&staffId={seed.DoctorId}");
        var card = Card(mrn);
        await Expect(card).ToContainTextAsync("09:00–09:20");
        await card.ClickAsync();
        await Dialog.GetByTestId("appt-reschedule").ClickAsync();
        await Expect(Dialog.GetByTestId("reschedule-current")).ToContainTextAsync($"{day:yyyy-MM-dd} at 09:00 (20 min)");
        await Dialog.Locator($"[data-testid=slot][data-starts-at='{day:yyyy-MM-dd}T10:40']").ClickAsync();
        await ScreenshotAsync("appointments-reschedule");
        await Dialog.GetByTestId("reschedule-submit").ClickAsync();
        await ExpectSnackbarAsync($"Appointment moved to {day:yyyy-MM-dd} 10:40.");
        await Expect(Dialog.GetByTestId("appointment-when")).ToContainTextAsync("10:40–11:00");
        await Dialog.GetByTestId("appt-close").ClickAsync();
        await Expect(card).ToContainTextAsync("10:40–11:00");
    }
}
