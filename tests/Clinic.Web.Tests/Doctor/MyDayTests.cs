using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Auth;
using Clinic.Web.Components.Doctor;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Doctor;

public sealed class MyDayTests : BunitTest
{
    private sealed class FakeDay : IDoctorDay
    {
        public CurrentStaffRow? Me { get; set; } = new() { StaffId = 7, GivenName = "Sarah", FamilyName = "Okello", StaffRole = "doctor", IsActive = true, SeesPatients = true };
        public List<AppointmentListRow> Appointments { get; } = [];
        public List<QueueListRow> Queue { get; } = [];
        public List<string> Calls { get; } = [];
        public Exception? FailStart { get; set; }
        /// <summary>False: every row comes back with no action allowed (the can_* flags all false).</summary>
        public bool Flagged { get; set; } = true;

        public Task<CurrentStaffRow?> CurrentStaffAsync(CancellationToken ct = default) => Task.FromResult(Me);
        public Task<IReadOnlyList<AppointmentListRow>> AppointmentsAsync(int staffId, DateTime day, CancellationToken ct = default)
        {
            Calls.Add($"appointments {staffId} {day:yyyy-MM-dd}");
            return Task.FromResult<IReadOnlyList<AppointmentListRow>>(Appointments.Select(a => Flagged ? a with
            {
                // As appointment_list answers the doctor of these appointments.
                CanStart = a.Status == "checked_in", CanComplete = a.Status == "in_progress",
            } : a).ToList());
        }
        public Task<IReadOnlyList<QueueListRow>> QueueAsync(int staffId, CancellationToken ct = default)
        {
            Calls.Add($"queue {staffId}");
            return Task.FromResult<IReadOnlyList<QueueListRow>>(Queue.Select(q => Flagged ? q with
            {
                // As queue_list answers doctor 7: their own or unassigned waiting patients, their own consultations.
                CanStart = q.Status == "waiting" && (q.StaffId is null || q.StaffId == 7) && q.PatientId is not null,
                CanComplete = q.Status == "with_doctor" && q.StaffId == 7,
            } : q).ToList());
        }
        public Task StartAppointmentAsync(int appointmentId, CancellationToken ct = default)
        {
            Calls.Add($"start appointment {appointmentId}");
            var i = Appointments.FindIndex(a => a.AppointmentId == appointmentId);
            Appointments[i] = Appointments[i] with { Status = "in_progress" };
            return Task.CompletedTask;
        }
        public Task<int> CompleteAppointmentAsync(int appointmentId, CancellationToken ct = default)
        {
            Calls.Add($"complete appointment {appointmentId}");
            return Task.FromResult(99);
        }
        public Task<int> StartQueueAsync(int queueEntryId, CancellationToken ct = default)
        {
            Calls.Add($"start queue {queueEntryId}");
            if (FailStart is not null)
                throw FailStart;
            return Task.FromResult(55);
        }
        public Task CompleteQueueAsync(int queueEntryId, CancellationToken ct = default)
        {
            Calls.Add($"complete queue {queueEntryId}");
            return Task.CompletedTask;
        }
    }

    private FakeDay day = default!;

    [SetUp]
    public void Arrange()
    {
        day = new FakeDay();
        Context.Services.AddSingleton<IDoctorDay>(day);
        SignInWith(Permissions.MyDay);
    }

    private IRenderedComponent<MudSnackbarProvider> Snackbars() => Context.Render<MudSnackbarProvider>();

    private static AppointmentListRow Appointment(int id, string status, int hour) => new()
    {
        AppointmentId = id, PatientId = 100 + id, Mrn = $"HMS/00{id}", PatientGivenName = "Pat", PatientFamilyName = $"Number{id}", StaffId = 7,
        StartsAt = DateTime.Today.AddHours(hour), EndsAt = DateTime.Today.AddHours(hour).AddMinutes(20), Status = status, Reason = "Review",
    };

    private static QueueListRow Entry(int id, int number, string status, int? staffId, string priority = "normal") => new()
    {
        QueueEntryId = id, QueueNumber = number, PatientId = 200 + id, PatientName = $"Walker {id}", Mrn = $"HMS/1{id}", Status = status,
        StaffId = staffId, Priority = priority, WaitMinutes = 12, QueuePosition = status == "waiting" ? number : null,
    };

    [Test]
    public void Without_a_doctor_staff_record_it_explains_instead_of_failing()
    {
        day.Me = null;
        var cut = Context.Render<MyDay>();
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=my-day-no-staff]"), Has.Count.EqualTo(1)));
        Assert.That(day.Calls, Is.Empty);
    }

    [Test]
    public void Shows_todays_appointments_and_queue_with_actions_by_status()
    {
        day.Appointments.AddRange([Appointment(1, "completed", 8), Appointment(2, "checked_in", 9), Appointment(3, "in_progress", 10), Appointment(4, "booked", 11)]);
        day.Queue.AddRange([Entry(11, 3, "waiting", 7, "urgent"), Entry(12, 5, "waiting", null), Entry(13, 1, "with_doctor", 7)]);

        var cut = Context.Render<MyDay>();

        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=my-appointment]"), Has.Count.EqualTo(4)));
        Assert.That(day.Calls, Does.Contain($"appointments 7 {DateTime.Today:yyyy-MM-dd}").And.Contain("queue 7"));
        Assert.That(cut.Find("[data-testid=my-day-title]").TextContent, Is.EqualTo("My day"));
        Assert.That(cut.Find("[data-appointment-id='2'] [data-testid=start-appointment]").TextContent, Does.Contain("Start"));
        Assert.That(cut.Find("[data-appointment-id='3'] [data-testid=complete-appointment]").TextContent, Does.Contain("Complete"));
        Assert.That(cut.Find("[data-appointment-id='4']").TextContent, Does.Contain("Not checked in"));
        Assert.That(cut.FindAll("[data-appointment-id='1'] button"), Is.Empty);

        var entries = cut.FindAll("[data-testid=my-queue-entry]");
        Assert.That(entries, Has.Count.EqualTo(3));
        Assert.That(cut.Find("[data-queue-entry-id='11'] [data-testid=priority-chip]").TextContent.Trim(), Is.EqualTo("Urgent"));
        Assert.That(cut.Find("[data-queue-entry-id='12']").TextContent, Does.Contain("Unassigned"));
        Assert.That(cut.FindAll("[data-queue-entry-id='12'] [data-testid=start-queue]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-queue-entry-id='13'] [data-testid=complete-queue]"), Has.Count.EqualTo(1));
        Assert.That(cut.Find("[data-testid=count-waiting]").TextContent, Does.Contain("1"));
        Assert.That(cut.Find("[data-testid=count-unassigned]").TextContent, Does.Contain("1"));
    }

    [Test]
    public void The_buttons_follow_the_rows_flags_not_the_status()
    {
        day.Flagged = false;
        day.Appointments.AddRange([Appointment(2, "checked_in", 9), Appointment(3, "in_progress", 10)]);
        day.Queue.AddRange([Entry(12, 5, "waiting", null), Entry(13, 1, "with_doctor", 7)]);

        var cut = Context.Render<MyDay>();

        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=my-appointment]"), Has.Count.EqualTo(2)));
        Assert.That(cut.FindAll("[data-testid=start-appointment]"), Is.Empty);
        Assert.That(cut.FindAll("[data-testid=complete-appointment]"), Is.Empty);
        Assert.That(cut.FindAll("[data-testid=start-queue]"), Is.Empty);
        Assert.That(cut.FindAll("[data-testid=complete-queue]"), Is.Empty);
    }

    [Test]
    public void Starting_an_appointment_calls_the_procedure_and_reloads()
    {
        day.Appointments.Add(Appointment(2, "checked_in", 9));
        var snackbars = Snackbars();
        var cut = Context.Render<MyDay>();
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=start-appointment]"), Has.Count.EqualTo(1)));

        cut.Find("[data-testid=start-appointment]").Click();

        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=complete-appointment]"), Has.Count.EqualTo(1)));
        Assert.That(day.Calls, Does.Contain("start appointment 2"));
        Assert.That(day.Calls.Count(c => c.StartsWith("appointments")), Is.EqualTo(2));
        Assert.That(snackbars.Markup, Does.Contain("Consultation with Pat Number2 started."));
    }

    [Test]
    public void A_refused_start_shows_the_database_message()
    {
        day.Queue.Add(Entry(12, 5, "waiting", null));
        day.FailStart = new ClinicRuleException(50608, "Register this walk-in as a patient and link the record before the consultation starts.");
        var snackbars = Snackbars();
        var cut = Context.Render<MyDay>();
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=start-queue]"), Has.Count.EqualTo(1)));

        cut.Find("[data-testid=start-queue]").Click();

        cut.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Register this walk-in as a patient")));
        Assert.That(day.Calls, Does.Contain("start queue 12"));
    }

    [Test]
    public void New_queue_patients_appear_without_a_reload()
    {
        var cut = Context.Render<MyDay>(p => p.Add(x => x.RefreshEvery, TimeSpan.FromMilliseconds(50)));
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=my-queue-empty]"), Has.Count.EqualTo(1)));

        day.Queue.Add(Entry(21, 9, "waiting", 7));

        // WaitForState, not WaitForAssertion: NUnit records every failed attempt of a retried assertion.
        cut.WaitForState(() => cut.FindAll("[data-testid=my-queue-entry]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(cut.Find("[data-queue-entry-id='21']").TextContent, Does.Contain("Walker 21"));
    }

    [Test]
    public void A_started_consultation_offers_to_open_its_visit()
    {
        day.Appointments.AddRange([Appointment(3, "in_progress", 10) with { VisitId = 31 }, Appointment(2, "checked_in", 9)]);
        day.Queue.AddRange([Entry(13, 1, "with_doctor", 7) with { VisitId = 44 }, Entry(14, 2, "with_doctor", 8) with { VisitId = 45 }]);

        var cut = Context.Render<MyDay>();

        cut.WaitForState(() => cut.FindAll("[data-testid=my-appointment]").Count == 2, TimeSpan.FromSeconds(5));
        Assert.That(cut.Find("[data-appointment-id='3'] [data-testid=open-visit]").GetAttribute("href"), Is.EqualTo("/visits/31"));
        Assert.That(cut.FindAll("[data-appointment-id='2'] [data-testid=open-visit]"), Is.Empty);
        Assert.That(cut.Find("[data-queue-entry-id='13'] [data-testid=open-visit]").GetAttribute("href"), Is.EqualTo("/visits/44"));
        Assert.That(cut.FindAll("[data-queue-entry-id='14'] [data-testid=open-visit]"), Is.Empty, "another doctor's consultation");
    }
}
