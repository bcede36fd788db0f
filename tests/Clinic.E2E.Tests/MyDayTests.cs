using Clinic.Data.Queue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>A doctor's day: queue patients assigned to them, start and complete, and the visit on the patient's timeline.</summary>
public sealed class MyDayTests : BrowserTest
{
    [Test]
    public async Task A_doctor_starts_and_completes_a_queue_consultation_and_the_visit_shows_on_the_timeline()
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Mukasa" + Guid.NewGuid().ToString("N")[..4]);
        var patient = await FrontDeskData.NewPatientAsync("Queenie", "Kato" + Guid.NewGuid().ToString("N")[..5]);
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Urgent, Reason = "Chest pain",
        });

        await SignInAsync(doctor.Username, doctor.Password);
        await Page.GetByTestId("nav-my-day").ClickAsync();
        await Expect(TestId("my-day-title")).ToHaveTextAsync("My day");
        var row = Page.Locator($"[data-testid=my-queue-entry][data-queue-entry-id='{ticket.QueueEntryId}']");
        await Expect(row).ToContainTextAsync(ticket.QueueNumber.ToString());
        await Expect(row.GetByTestId("priority-chip")).ToHaveTextAsync("Urgent");
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Waiting");
        await ScreenshotAsync("my-day-waiting");

        await row.GetByTestId("start-queue").ClickAsync();
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("With doctor");
        var started = await FrontDeskData.QueueEntryAsync(ticket.QueueEntryId);
        Assert.That(started!.VisitId, Is.Not.Null, "starting the consultation creates the visit");
        await ScreenshotAsync("my-day-with-doctor");

        await row.GetByTestId("complete-queue").ClickAsync();
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Completed");
        Assert.That((await FrontDeskData.QueueEntryAsync(ticket.QueueEntryId))!.Status, Is.EqualTo(QueueStatus.Completed));

        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        var items = Page.GetByTestId("timeline-item");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-testid=timeline-item][data-kind=queue]")).ToContainTextAsync($"Queue number {ticket.QueueNumber}");
        await Expect(Page.Locator("[data-testid=timeline-item][data-kind=visit]")).ToContainTextAsync("From the walk-in queue");
        await ScreenshotAsync("patient-timeline");
    }

    [Test]
    public async Task A_doctor_without_a_staff_record_is_told_why_the_day_is_empty()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("loose", "doctor", "doctor-pass-1");
        await SignInAsync(username, "doctor-pass-1");
        await GotoInteractiveAsync("/my-day");
        await Expect(TestId("my-day-no-staff")).ToContainTextAsync("not linked to a doctor's staff record");
    }
}
