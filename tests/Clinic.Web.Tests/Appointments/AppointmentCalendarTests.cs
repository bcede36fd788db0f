using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Auth;
using Clinic.Web.Components.Appointments;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Appointments;

public sealed class AppointmentCalendarTests : BunitTest
{
    private static readonly DateTime Day = new(2026, 11, 30); // a Monday

    private FakeAppointmentBook book = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        book = new FakeAppointmentBook
        {
            Doctors =
            [
                new DoctorRow { StaffId = 5, GivenName = "Daniel", FamilyName = "Okot", SpecialisationId = 2, SpecialisationName = "Paediatrics" },
                new DoctorRow { StaffId = 8, GivenName = "Grace", FamilyName = "Auma", SpecialisationId = 2, SpecialisationName = "Paediatrics" },
            ],
            Rooms = [new RoomRow { RoomId = 3, Name = "Room 3", RoomType = "consultation", IsActive = true }],
        };
        Context.Services.AddSingleton<IAppointmentBook>(book);
        SignInWith(Permissions.AppointmentRead, Permissions.AppointmentBook);
        RenderInteractively();
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<AppointmentCalendar> RenderAt(string query)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/appointments?" + query);
        return Context.Render<AppointmentCalendar>();
    }

    [Test]
    public void The_prerender_shows_the_calendar_loading_and_reads_nothing_that_the_circuit_reads_again()
    {
        book.Appointments = [FakeAppointmentBook.Appointment(100, Day.AddHours(9), "booked")];
        Context.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var calendar = RenderAt($"date={Day:yyyy-MM-dd}&view=day&by=doctor&staffId=5");

        Assert.That(calendar.FindAll("[data-testid=calendar-loading]"), Has.Count.EqualTo(1));
        Assert.That(calendar.FindAll("[data-testid=appointment-card]"), Is.Empty);
        Assert.That((book.ListCalls.Count, book.DoctorQueries, book.RoomQueries), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void A_doctors_day_shows_time_patient_mrn_reason_and_a_coloured_chip_per_status()
    {
        var statuses = new[] { "booked", "checked_in", "in_progress", "completed", "cancelled", "no_show" };
        book.Appointments = statuses.Select((status, i) => FakeAppointmentBook.Appointment(100 + i, Day.AddHours(8 + i), status,
            patientFamily: $"Family{i}", mrn: $"HMS/00010{i}", reason: $"Reason {i}", roomId: 3, roomName: "Room 3")).ToList();
        book.Appointments.Add(FakeAppointmentBook.Appointment(200, Day.AddHours(9), "booked", staffId: 8, doctorGiven: "Grace", doctorFamily: "Auma"));
        book.Appointments.Add(FakeAppointmentBook.Appointment(201, Day.AddDays(1).AddHours(9), "booked"));

        var calendar = RenderAt($"date={Day:yyyy-MM-dd}&staffId=5");

        calendar.WaitForAssertion(() => Assert.That(calendar.FindAll("[data-testid=appointment-card]"), Has.Count.EqualTo(6)));
        Assert.That(calendar.Find("[data-testid=calendar-title]").TextContent, Is.EqualTo("Daniel Okot · Monday 2026-11-30"));
        Assert.That(book.ListCalls.Single(), Is.EqualTo((Day, Day.AddDays(1), (int?)5, (int?)null, (string?)null, 0, 100)));
        var cards = calendar.FindAll("[data-testid=appointment-card]");
        Assert.That(cards[0].QuerySelector("[data-testid=appointment-time]")!.TextContent, Is.EqualTo("08:00–08:20"));
        Assert.That(cards[0].QuerySelector("[data-testid=appointment-patient-name]")!.TextContent, Is.EqualTo("Mary Family0"));
        Assert.That(cards[0].QuerySelector("[data-testid=appointment-mrn]")!.TextContent, Is.EqualTo("HMS/000100"));
        Assert.That(cards[0].QuerySelector("[data-testid=appointment-reason]")!.TextContent, Is.EqualTo("Reason 0"));
        Assert.That(cards[0].TextContent, Does.Contain("Room 3").And.Not.Contain("Okot"), "one doctor's column names the room, not the doctor");

        var chips = calendar.FindAll("[data-testid=status-chip]");
        Assert.That(chips.Select(c => c.TextContent.Trim()), Is.EqualTo(new[] { "Booked", "Checked in", "In progress", "Completed", "Cancelled", "No-show" }));
        Assert.That(chips.Select(c => c.GetAttribute("data-status")), Is.EqualTo(statuses));
        var colours = new[] { "info", "warning", "secondary", "success", "default", "error" };
        for (var i = 0; i < statuses.Length; i++)
            Assert.That(chips[i].ClassList, Does.Contain($"mud-chip-color-{colours[i]}"), statuses[i]);
        Assert.That(cards[4].ClassList, Does.Contain("status-cancelled"));
        Assert.That(calendar.Find("[data-testid=calendar-count]").TextContent, Is.EqualTo("6 appointments"));
    }

    [Test]
    public void All_doctors_day_view_has_one_column_per_doctor()
    {
        book.Appointments =
        [
            FakeAppointmentBook.Appointment(1, Day.AddHours(9), "booked", staffId: 5),
            FakeAppointmentBook.Appointment(2, Day.AddHours(10), "checked_in", staffId: 8, doctorGiven: "Grace", doctorFamily: "Auma"),
            FakeAppointmentBook.Appointment(3, Day.AddHours(8), "booked", staffId: 5, patientFamily: "Apio"),
        ];

        var calendar = RenderAt($"date={Day:yyyy-MM-dd}");

        calendar.WaitForAssertion(() => Assert.That(calendar.FindAll("[data-testid=calendar-column]"), Has.Count.EqualTo(2)));
        var columns = calendar.FindAll("[data-testid=calendar-column]");
        Assert.That(columns.Select(c => c.QuerySelector(".calendar-column-title")!.TextContent), Is.EqualTo(new[] { "Grace Auma", "Daniel Okot" }), "by family name");
        Assert.That(columns[1].QuerySelectorAll("[data-testid=appointment-patient-name]").Select(p => p.TextContent), Is.EqualTo(new[] { "Mary Apio", "Mary Nakato" }), "by time");
        Assert.That(calendar.Find("[data-testid=calendar-title]").TextContent, Is.EqualTo("All doctors · Monday 2026-11-30"));
        Assert.That(book.ListCalls.Single().StaffId, Is.Null);
    }

    [Test]
    public void Week_view_shows_seven_days_and_reads_every_page()
    {
        // 230 appointments in the week: three pages of appointment_list.
        book.Appointments = Enumerable.Range(0, 230)
            .Select(i => FakeAppointmentBook.Appointment(1000 + i, Day.AddDays(i % 7).AddHours(8).AddMinutes(i / 7 * 5), "booked"))
            .ToList();

        var calendar = RenderAt($"date={Day.AddDays(3):yyyy-MM-dd}&view=week&staffId=5");

        calendar.WaitForAssertion(() => Assert.That(calendar.FindAll("[data-testid=appointment-card]"), Has.Count.EqualTo(230)));
        Assert.That(book.ListCalls.Select(c => c.Offset), Is.EqualTo(new[] { 0, 100, 200 }));
        Assert.That(book.ListCalls.All(c => c.From == Day && c.To == Day.AddDays(7)), Is.True, "Monday to Monday");
        var columns = calendar.FindAll("[data-testid=calendar-column]");
        Assert.That(columns.Select(c => c.GetAttribute("data-key")), Is.EqualTo(Enumerable.Range(0, 7).Select(i => $"{Day.AddDays(i):yyyy-MM-dd}")));
        Assert.That(columns.Select(c => c.QuerySelector(".calendar-column-title")!.TextContent + " " + c.QuerySelector(".calendar-column-subtitle")!.TextContent),
            Is.EqualTo(new[] { "Mon 30 Nov", "Tue 1 Dec", "Wed 2 Dec", "Thu 3 Dec", "Fri 4 Dec", "Sat 5 Dec", "Sun 6 Dec" }));
        Assert.That(calendar.FindAll("[data-testid=calendar-truncated]"), Is.Empty);
        Assert.That(calendar.Find("[data-testid=calendar-title]").TextContent, Is.EqualTo("Daniel Okot · Week of 2026-11-30 to 2026-12-06"));
    }

    [Test]
    public void More_than_ten_pages_are_cut_with_a_warning()
    {
        book.Appointments = Enumerable.Range(0, 1005)
            .Select(i => FakeAppointmentBook.Appointment(i + 1, Day.AddMinutes(i), "booked", staffId: 5 + i % 2))
            .ToList();

        var calendar = RenderAt($"date={Day:yyyy-MM-dd}");

        calendar.WaitForAssertion(() => Assert.That(calendar.FindAll("[data-testid=calendar-truncated]"), Has.Count.EqualTo(1)));
        Assert.That(book.ListCalls, Has.Count.EqualTo(10));
        Assert.That(calendar.Find("[data-testid=calendar-truncated]").TextContent, Does.Contain("Only the first 1000 of 1005 appointments are shown."));
    }

    [Test]
    public void An_empty_day_says_so_and_a_refusal_shows_its_message_instead_of_an_error_page()
    {
        var calendar = RenderAt($"date={Day:yyyy-MM-dd}&staffId=5");
        calendar.WaitForAssertion(() => Assert.That(calendar.Find("[data-testid=calendar-empty]").TextContent.Trim(),
            Is.EqualTo("No appointments on this day for Daniel Okot.")));

        book.ListFailure = new ClinicRuleException(50102, "Your role is not allowed to do this.");
        var refused = RenderAt($"date={Day:yyyy-MM-dd}");

        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Your role is not allowed to do this.")));
        refused.WaitForAssertion(() => Assert.That(refused.FindAll("[data-testid=calendar-error]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void The_export_button_carries_the_current_range_doctor_and_status()
    {
        var calendar = RenderAt($"date={Day.AddDays(2):yyyy-MM-dd}&view=week&staffId=5&status=cancelled");

        calendar.WaitForAssertion(() => Assert.That(book.ListCalls, Has.Count.EqualTo(1)));
        var href = calendar.Find("[data-testid=export-csv]").GetAttribute("href");
        Assert.That(href, Does.EndWith("/export/appointments.csv?from=2026-11-30&to=2026-12-06&staffId=5&status=cancelled"));
        Assert.That(book.ListCalls[0].Status, Is.EqualTo("cancelled"));
    }

    [Test]
    public void Clicking_an_appointment_opens_its_details()
    {
        var row = FakeAppointmentBook.Appointment(42, Day.AddHours(9), "booked");
        book.Appointments = [row];
        book.Rows[42] = new AppointmentRow
        {
            AppointmentId = 42, PatientId = 12, Mrn = row.Mrn, PatientGivenName = "Mary", PatientFamilyName = "Nakato", StaffId = 5,
            DoctorGivenName = "Daniel", DoctorFamilyName = "Okot", StartsAt = row.StartsAt, EndsAt = row.EndsAt, Status = "booked", Reason = "Check-up",
        };
        var calendar = RenderAt($"date={Day:yyyy-MM-dd}&staffId=5");
        calendar.WaitForAssertion(() => Assert.That(calendar.FindAll("[data-testid=appointment-card]"), Has.Count.EqualTo(1)));

        calendar.Find("[data-testid=appointment-card]").Click();

        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=appointment-patient]").TextContent, Does.Contain("Mary Nakato").And.Contain("HMS/000012")));
    }
}
