using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Components.Appointments;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Appointments;

public sealed class RescheduleDialogTests : BunitTest
{
    private static readonly DateTime Day = DateTime.Today.AddDays(10);

    private FakeAppointmentBook book = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    private static readonly AppointmentRow Appointment = new()
    {
        AppointmentId = 42, PatientId = 12, Mrn = "HMS/000012", PatientGivenName = "Mary", PatientFamilyName = "Nakato", StaffId = 5,
        DoctorGivenName = "Daniel", DoctorFamilyName = "Okot", RoomId = 3, RoomName = "Room 3", StartsAt = Day.AddHours(9), EndsAt = Day.AddHours(9).AddMinutes(30),
        Status = "booked",
    };

    public override void Setup()
    {
        base.Setup();
        book = new FakeAppointmentBook { Rooms = [new RoomRow { RoomId = 3, Name = "Room 3", RoomType = "consultation", IsActive = true }] };
        book.Rows[42] = Appointment;
        Context.Services.AddSingleton<IAppointmentBook>(book);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private async Task<IDialogReference> OpenAsync()
    {
        var service = Context.Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await service.ShowAsync<RescheduleDialog>("Reschedule",
            new DialogParameters<RescheduleDialog> { { d => d.Appointment, Appointment } }));
        return reference!;
    }

    [Test]
    public async Task Slots_of_the_same_doctor_room_and_length_and_the_chosen_one_moves_the_appointment()
    {
        book.SlotAnswers.Enqueue([FakeAppointmentBook.Slot(5, "Daniel", "Okot", Day.AddHours(11), 30), FakeAppointmentBook.Slot(5, "Daniel", "Okot", Day.AddDays(1).AddHours(8), 30)]);
        var reference = await OpenAsync();

        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=slot]"), Has.Count.EqualTo(2)));
        Assert.That(dialogs.Find("[data-testid=reschedule-current]").TextContent, Does.Contain("Mary Nakato").And.Contain($"{Day:yyyy-MM-dd} at 09:00 (30 min)"));
        var search = book.FreeSlotCalls.Single();
        Assert.That((search.StaffId, search.SpecialisationId, search.Minutes, search.RoomId, search.From), Is.EqualTo(((int?)5, (int?)null, (int?)30, (int?)3, Day)));

        dialogs.Find($"[data-testid=slot][data-starts-at='{Day.AddDays(1):yyyy-MM-dd}T08:00']").Click();
        dialogs.Find("button[data-testid=reschedule-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.That(book.Actions, Is.EqualTo(new[] { $"reschedule {Day.AddDays(1):yyyy-MM-dd} 08:00 room 3 42" })));
        Assert.That((await reference.Result)!.Canceled, Is.False);
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain($"Appointment moved to {Day.AddDays(1):yyyy-MM-dd} 08:00.")));
    }

    [Test]
    public async Task A_slot_taken_meanwhile_reloads_the_slots_and_keeps_the_dialog_open()
    {
        book.SlotAnswers.Enqueue([FakeAppointmentBook.Slot(5, "Daniel", "Okot", Day.AddHours(11), 30)]);
        book.SlotAnswers.Enqueue([FakeAppointmentBook.Slot(5, "Daniel", "Okot", Day.AddHours(12), 30)]);
        book.ActionFailure = new ClinicRuleException(AppointmentProcedures.SlotTaken, "That slot is taken: the doctor already has an appointment at that time.");
        await OpenAsync();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=slot]"), Has.Count.EqualTo(1)));

        dialogs.Find("[data-testid=slot]").Click();
        dialogs.Find("button[data-testid=reschedule-submit]").Click();

        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("That slot is taken")));
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=slot]").GetAttribute("data-starts-at"), Is.EqualTo($"{Day:yyyy-MM-dd}T12:00")));
        Assert.That(dialogs.Find("button[data-testid=reschedule-submit]").HasAttribute("disabled"), Is.True);
        Assert.That(dialogs.FindAll("[data-testid=reschedule-dialog]"), Has.Count.EqualTo(1));
    }
}
