using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Web.Components.Appointments;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Appointments;

public sealed class AppointmentDetailsDialogTests : BunitTest
{
    private FakeAppointmentBook book = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    private static AppointmentRow Row(string status, DateTime startsAt, int? seriesId = null) => new()
    {
        AppointmentId = 42, PatientId = 12, Mrn = "HMS/000012", PatientGivenName = "Mary", PatientFamilyName = "Nakato", StaffId = 5,
        DoctorGivenName = "Daniel", DoctorFamilyName = "Okot", StartsAt = startsAt, EndsAt = startsAt.AddMinutes(20), Status = status,
        Reason = "Check-up", SeriesId = seriesId,
    };

    /// <summary>What appointment_action_refusal allows each role on top of the status (db/migrations/0054_permission.sql).</summary>
    private static Func<AppointmentRow, AppointmentRow> FlagsOf(string role) => role switch
    {
        "receptionist" => r => FakeAppointmentBook.StatusFlags(r) with { CanStart = false, CanComplete = false },
        "nurse" => r => FakeAppointmentBook.StatusFlags(r) with { CanComplete = false, CanReschedule = false, CanCancel = false, CanMarkNoShow = false, CanStart = false },
        "doctor" => r => FakeAppointmentBook.StatusFlags(r) with { CanCheckIn = false, CanMarkNoShow = false },
        _ => FakeAppointmentBook.StatusFlags,
    };

    private void Open(string role, AppointmentRow row) => Open(row, FlagsOf(role));

    private void Open(AppointmentRow row, Func<AppointmentRow, AppointmentRow> flags)
    {
        book = new FakeAppointmentBook { Flags = flags };
        book.Rows[row.AppointmentId] = row;
        Context.Services.AddSingleton<IAppointmentBook>(book);
        SignInWith(Clinic.Web.Auth.Permissions.AppointmentRead);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        var service = Context.Services.GetRequiredService<IDialogService>();
        dialogs.InvokeAsync(() => service.ShowAsync<AppointmentDetailsDialog>("Appointment",
            new DialogParameters<AppointmentDetailsDialog> { { d => d.AppointmentId, row.AppointmentId } }));
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=appointment-patient]"), Has.Count.EqualTo(1)));
    }

    private string[] Buttons() =>
        dialogs.FindAll("[data-testid=appointment-actions] button").Select(b => b.GetAttribute("data-testid")!).ToArray();

    [Test]
    public void A_button_shows_when_its_flag_is_true_and_hides_when_false(
        [Values("appt-check-in", "appt-start", "appt-complete", "appt-reschedule", "appt-no-show", "appt-cancel")] string button, [Values] bool on)
    {
        // Whatever the status: only the flag counts (the database computed it from the status, the permissions and its clock).
        AppointmentRow Flag(AppointmentRow r) => r with
        {
            CanCheckIn = on && button == "appt-check-in", CanStart = on && button == "appt-start", CanComplete = on && button == "appt-complete",
            CanReschedule = on && button == "appt-reschedule", CanMarkNoShow = on && button == "appt-no-show", CanCancel = on && button == "appt-cancel",
        };
        Open(Row("booked", DateTime.Today.AddDays(3).AddHours(9)), Flag);

        Assert.That(Buttons(), Is.EqualTo(on ? new[] { button } : Array.Empty<string>()));
    }

    [TestCase("receptionist", new[] { "appt-check-in", "appt-reschedule", "appt-cancel" })]
    [TestCase("nurse", new[] { "appt-check-in" })]
    [TestCase("doctor", new[] { "appt-reschedule", "appt-cancel" })]
    public void A_future_booked_appointment_offers_what_the_role_may_do(string role, string[] expected)
    {
        Open(role, Row("booked", DateTime.Today.AddDays(3).AddHours(9)));

        Assert.That(Buttons(), Is.EqualTo(expected));
        Assert.That(dialogs.Find("[data-testid=status-chip]").TextContent.Trim(), Is.EqualTo("Booked"));
        Assert.That(dialogs.Find("[data-testid=appointment-doctor]").TextContent, Is.EqualTo("Daniel Okot"));
        Assert.That(dialogs.Find("[data-testid=appointment-reason]").TextContent, Is.EqualTo("Check-up"));
    }

    [Test]
    public void Check_in_then_start_then_complete_follow_the_status()
    {
        Open("admin", Row("booked", DateTime.Today.AddHours(-1)));
        Assert.That(Buttons(), Is.EqualTo(new[] { "appt-check-in", "appt-reschedule", "appt-no-show", "appt-cancel" }), "past start: no-show is possible");

        dialogs.Find("button[data-testid=appt-check-in]").Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=status-chip]").TextContent.Trim(), Is.EqualTo("Checked in")));
        Assert.That(Buttons(), Is.EqualTo(new[] { "appt-start", "appt-reschedule", "appt-cancel" }));

        dialogs.Find("button[data-testid=appt-start]").Click();
        dialogs.WaitForAssertion(() => Assert.That(Buttons(), Is.EqualTo(new[] { "appt-complete" })));

        dialogs.Find("button[data-testid=appt-complete]").Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=status-chip]").TextContent.Trim(), Is.EqualTo("Completed")));
        Assert.That(Buttons(), Is.Empty);
        Assert.That(book.Actions, Is.EqualTo(new[] { "check-in 42", "start 42", "complete 42" }));
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Appointment completed.")));
    }

    [Test]
    public void A_refusal_from_the_database_shows_its_message()
    {
        Open("receptionist", Row("booked", DateTime.Today.AddDays(1).AddHours(9)));
        book.ActionFailure = new ClinicRuleException(50513, "Only a booked appointment can be checked in.");

        dialogs.Find("button[data-testid=appt-check-in]").Click();

        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Only a booked appointment can be checked in.")));
        Assert.That(dialogs.FindAll("[data-testid=appointment-dialog]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Cancelling_needs_a_reason()
    {
        Open("receptionist", Row("booked", DateTime.Today.AddDays(1).AddHours(9)));

        dialogs.Find("button[data-testid=appt-cancel]").Click();
        Assert.That(dialogs.FindAll("[data-testid=cancel-scope]"), Is.Empty, "not part of a series");
        Assert.That(dialogs.Find("button[data-testid=cancel-confirm]").HasAttribute("disabled"), Is.True);
        dialogs.Find("input[data-testid=cancel-reason]").Input("Patient travelling");
        dialogs.Find("button[data-testid=cancel-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=appointment-cancelled]").TextContent, Does.Contain("Patient travelling")));
        Assert.That(book.Actions, Is.EqualTo(new[] { "cancel 'Patient travelling' 42" }));
    }

    [Test]
    public void Cancelling_a_series_occurrence_can_take_the_later_ones_too()
    {
        Open("receptionist", Row("booked", DateTime.Today.AddDays(1).AddHours(9), seriesId: 7));
        Assert.That(dialogs.Find("[data-testid=appointment-series]").TextContent, Is.EqualTo("Part of a recurring series"));

        dialogs.Find("button[data-testid=appt-cancel]").Click();
        dialogs.Find("input[data-testid=cancel-scope-future]").Click();
        dialogs.Find("input[data-testid=cancel-reason]").Input("Course finished");
        dialogs.Find("button[data-testid=cancel-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.That(book.Actions, Is.EqualTo(new[] { "cancel-series future 'Course finished' 42" })));
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("3 appointments cancelled.")));
    }
}
