using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// Issue 3's first journey, across two roles and two browsers: a receptionist registers a patient,
/// books with the free-slot picker and checks the patient in; the doctor starts and completes the
/// consultation from "My day"; the visit exists and shows on the patient's timeline.
/// </summary>
public sealed class FrontDeskJourneyTests : BrowserTest
{
    private ILocator Dialog => Page.Locator(".mud-dialog").Last;

    [Test]
    public async Task Register_book_with_the_slot_picker_check_in_then_the_doctor_starts_and_completes_and_the_visit_exists()
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Journey" + Guid.NewGuid().ToString("N")[..5]);
        var (_, receptionist) = await ClinicApp.CreateAccountAsync("rec", "receptionist", "reception-pass-1");
        var family = "Jx" + Guid.NewGuid().ToString("N")[..8];

        // 1. The receptionist registers the patient.
        await SignInAsync(receptionist, "reception-pass-1");
        await GotoInteractiveAsync("/patients/new");
        await TestId("given-name").FillAsync("Joan");
        await TestId("family-name").FillAsync(family);
        await SelectAsync(Page.Locator(".mud-main-content"), "Sex", "Female");
        var dob = TestId("date-of-birth").Locator("input");
        await FillDateAsync(dob, "1991-07-02");
        await TestId("phone").FillAsync("0703" + Random.Shared.Next(100_000, 999_999));
        await TestId("save-patient").ClickAsync();
        await Expect(TestId("patient-name")).ToHaveTextAsync($"Joan {family}");
        var mrn = await TestId("patient-mrn").TextContentAsync();
        var patientId = int.Parse(Regex.Match(Page.Url, @"/patients/(\d+)").Groups[1].Value);

        // 2. ... books from the profile with the free-slot picker: the doctor, then the first free slot.
        await TestId("book-appointment").ClickAsync();
        await Expect(Dialog.GetByTestId("book-patient-fixed")).ToContainTextAsync($"Joan {family}");
        var doctorInput = Dialog.GetByTestId("book-doctor");
        await doctorInput.ClickAsync();
        await TypeAsync(doctorInput, doctor.FamilyName);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = doctor.FamilyName }).First);
        await FillAndLeaveAsync(Dialog.GetByTestId("book-reason"), "Persistent cough");
        var slot = Dialog.GetByTestId("slot").First;
        await Expect(slot).ToBeVisibleAsync();
        var startsAt = DateTime.Parse((await slot.GetAttributeAsync("data-starts-at"))!);
        Assume.That(startsAt.Date, Is.EqualTo(DateTime.Today), "the first free slot is today unless the test runs in the last minutes before midnight");
        await slot.ClickAsync();
        await Expect(slot).ToHaveAttributeAsync("data-selected", "true");
        await ScreenshotAsync("journey-1-book");
        await Dialog.GetByTestId("book-submit").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // The profile's timeline shows the new booking at once.
        await Expect(Page.Locator("[data-testid=timeline-item][data-kind=appointment]")).ToContainTextAsync("Persistent cough");

        // 3. ... and checks the patient in from the calendar when they arrive.
        await GotoInteractiveAsync($"/appointments?date={startsAt:yyyy-MM-dd}&view=day&by=doctor&staffId={doctor.StaffId}");
        var card = TestId("appointment-card").Filter(new LocatorFilterOptions { HasText = mrn! });
        await Expect(card).ToHaveAttributeAsync("data-status", "booked");
        await card.ClickAsync();
        await Dialog.GetByTestId("appt-check-in").ClickAsync();
        await Expect(Dialog.GetByTestId("status-chip")).ToHaveTextAsync("Checked in");
        await Dialog.GetByTestId("appt-close").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "checked_in");
        var appointmentId = int.Parse((await card.GetAttributeAsync("data-appointment-id"))!);
        await ScreenshotAsync("journey-1-checked-in");

        // 4. The doctor, in another browser, starts and completes the consultation from "My day".
        await using var doctorContext = await NewContextAsync();
        var doctorPage = await doctorContext.NewPageAsync();
        await SubmitSignInAsync(doctorPage, doctor.Username, doctor.Password);
        await doctorPage.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        await doctorPage.GetByTestId("nav-my-day").ClickAsync();
        var row = doctorPage.Locator($"[data-testid=my-appointment][data-appointment-id='{appointmentId}']");
        await Expect(row).ToContainTextAsync($"Joan {family}");
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Checked in");
        await row.GetByTestId("start-appointment").ClickAsync();
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("In progress");
        await row.GetByTestId("complete-appointment").ClickAsync();
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Completed");
        await Expect(doctorPage.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(@"Visit #\d+ recorded") })).ToHaveCountAsync(1);
        await doctorPage.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("journey-1-doctor-completed"), Animations = ScreenshotAnimations.Disabled });

        // 5. The visit exists, and the receptionist sees it on the patient's timeline.
        var appointment = await FrontDeskData.AppointmentAsync(appointmentId);
        Assert.That(appointment!.Status, Is.EqualTo("completed"));
        Assert.That(appointment.PatientId, Is.EqualTo(patientId));
        Assert.That(appointment.VisitId, Is.Not.Null, "completing the appointment created the visit");
        await GotoInteractiveAsync($"/patients/{patientId}");
        await Expect(Page.Locator("[data-testid=timeline-item][data-kind=visit]")).ToContainTextAsync("From an appointment");
        await Expect(Page.Locator("[data-testid=timeline-item][data-kind=appointment]")).ToContainTextAsync($"visit #{appointment.VisitId}");
        await ScreenshotAsync("journey-1-timeline");
    }
}
