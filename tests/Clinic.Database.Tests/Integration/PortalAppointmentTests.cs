using Clinic.Data.Common;
using Clinic.Data.Portal;
using Clinic.Data.Scheduling;
using static Clinic.Database.Tests.Integration.AppointmentTests;
using static Clinic.Database.Tests.Integration.PortalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// A patient's appointments in the portal (issue 13): free slots and booking under reception's rules, the booking window
/// (portal.booking_window_days, 60), at most K future bookings (portal.max_future_bookings, 3), cancelling up to N hours
/// before (portal.cancel_hours, 24).
/// </summary>
public class PortalAppointmentTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    [Test]
    public async Task A_patient_books_a_free_slot_under_receptions_rules()
    {
        var me = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAppointmentsAs(me.AccountId);
        var specialisation = await Db.NewSpecialisationAsync(20);
        var doctor = await Db.NewDoctorAsync(specialisation);
        await Db.NewDoctorAsync(specialisation, hours: (TimeSpan.FromHours(14), TimeSpan.FromHours(17)));

        var doctors = await portal.DoctorsAsync();
        Assert.That(doctors.Where(d => d.SpecialisationId == specialisation).Count(), Is.EqualTo(2));
        var slots = await portal.FreeSlotsAsync(doctor, null, Day().AddHours(9), 3);
        Assert.That(slots.Select(s => (s.StaffId, s.StartsAt, s.EndsAt)), Is.EqualTo(new[]
        {
            (doctor, Day().AddHours(9), Day().AddHours(9).AddMinutes(20)),
            (doctor, Day().AddHours(9).AddMinutes(20), Day().AddHours(9).AddMinutes(40)),
            (doctor, Day().AddHours(9).AddMinutes(40), Day().AddHours(10)),
        }));
        var bySpecialisation = await portal.FreeSlotsAsync(null, specialisation, Day().AddHours(16).AddMinutes(40), 4);
        Assert.That(bySpecialisation, Has.Count.EqualTo(4), "both doctors' last slots of the day, then the next morning");
        Assert.That(await CodeOf(() => portal.FreeSlotsAsync(null, null, Day(), 3)), Is.EqualTo(50525));

        var id = await portal.BookAsync(doctor, slots[0].StartsAt, "Cough");

        var row = (await Db.AppointmentsAs(await Db.AdminIdAsync()).GetAsync(id))!;
        Assert.That((row.PatientId, row.StaffId, row.StartsAt, row.EndsAt, row.Status, row.Reason, row.CreatedBy, row.RoomId),
            Is.EqualTo((me.PatientId, doctor, Day().AddHours(9), Day().AddHours(9).AddMinutes(20), "booked", (string?)"Cough", (int?)me.AccountId, (int?)null)));
        Assert.That((await portal.FreeSlotsAsync(doctor, null, Day().AddHours(9), 1))[0].StartsAt, Is.EqualTo(Day().AddHours(9).AddMinutes(20)));

        // The same rules as reception: the slot is taken, outside hours, in the past, the patient busy elsewhere.
        var other = await Db.NewPortalPatientAsync();
        var otherPortal = Db.PortalAppointmentsAs(other.AccountId);
        Assert.That(await CodeOf(() => otherPortal.BookAsync(doctor, Day().AddHours(9).AddMinutes(10), null)), Is.EqualTo(AppointmentProcedures.SlotTaken));
        Assert.That(await CodeOf(() => otherPortal.BookAsync(doctor, Day().AddHours(20), null)), Is.EqualTo(50504));
        Assert.That(await CodeOf(() => otherPortal.BookAsync(doctor, DateTime.Now.AddHours(-2), null)), Is.EqualTo(50503));
        var secondDoctor = await Db.NewDoctorAsync(specialisation);
        Assert.That(await CodeOf(() => portal.BookAsync(secondDoctor, Day().AddHours(9).AddMinutes(10), null)), Is.EqualTo(AppointmentProcedures.PatientBusy));
        var nurse = await Db.StaffAs(await Db.AdminIdAsync()).CreateAsync(new Clinic.Data.Staff.StaffInput { GivenName = "N", FamilyName = "Urse", StaffRole = "nurse" });
        Assert.That(await CodeOf(() => portal.BookAsync(nurse, Day().AddHours(11), null)), Is.EqualTo(50501));
    }

    [Test]
    public async Task Many_patients_racing_for_one_slot_get_exactly_one_booking()
    {
        var doctor = await Db.NewDoctorAsync();
        var patients = new List<PortalPatient>();
        for (var i = 0; i < 8; i++)
            patients.Add(await Db.NewPortalPatientAsync());

        var outcomes = await Task.WhenAll(patients.Select(p => Task.Run(() =>
            OutcomeOf(() => Db.PortalAppointmentsAs(p.AccountId).BookAsync(doctor, Day(1).AddHours(10), null)))));

        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o is not null), Is.All.EqualTo(AppointmentProcedures.SlotTaken));
    }

    [Test]
    public async Task Bookings_stay_inside_the_booking_window()
    {
        var me = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAppointmentsAs(me.AccountId);
        var doctor = await Db.NewDoctorAsync();
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");

        var rules = await portal.RulesAsync();
        Assert.That((rules.BookingWindowDays, rules.LastBookableDay, rules.MaxFutureBookings, rules.FutureBookings, rules.CanBook, rules.CancelHours),
            Is.EqualTo((60, today.AddDays(60), 3, 0, true, 24)));
        var late = await portal.FreeSlotsAsync(doctor, null, today.AddDays(59), 100);
        Assert.That(late, Is.Not.Empty);
        Assert.That(late.Max(s => s.StartsAt.Date), Is.EqualTo(today.AddDays(60)), "the last day of the window, not later");
        Assert.That(await portal.FreeSlotsAsync(doctor, null, today.AddDays(61), 10), Is.Empty);
        Assert.That(await CodeOf(() => portal.BookAsync(doctor, today.AddDays(61).AddHours(9), null)), Is.EqualTo(PortalAppointmentProcedures.OutsideBookingWindow));
        await portal.BookAsync(doctor, today.AddDays(60).AddHours(9), null);

        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("portal.booking_window_days", "10");
        try
        {
            Assert.That((await portal.RulesAsync()).LastBookableDay, Is.EqualTo(today.AddDays(10)));
            Assert.That(await CodeOf(() => portal.BookAsync(doctor, today.AddDays(11).AddHours(9), null)), Is.EqualTo(51421));
            Assert.That((await portal.FreeSlotsAsync(doctor, null, today.AddDays(9), 100)).Max(s => s.StartsAt.Date), Is.EqualTo(today.AddDays(10)));
        }
        finally
        {
            await settings.SetAsync("portal.booking_window_days", "60");
        }
    }

    [Test]
    public async Task A_patient_holds_at_most_three_future_bookings_from_the_portal()
    {
        var me = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAppointmentsAs(me.AccountId);
        var doctor = await Db.NewDoctorAsync();

        var first = await portal.BookAsync(doctor, Day().AddHours(9), null);
        await portal.BookAsync(doctor, Day(1).AddHours(9), null);
        await portal.BookAsync(doctor, Day(2).AddHours(9), null);
        var rules = await portal.RulesAsync();
        Assert.That((rules.FutureBookings, rules.CanBook), Is.EqualTo((3, false)));
        var refusal = await Assert.CatchAsync<ClinicRuleException>(() => portal.BookAsync(doctor, Day(3).AddHours(9), null));
        Assert.That(refusal!.Code, Is.EqualTo(PortalAppointmentProcedures.TooManyFutureBookings));
        Assert.That(refusal.Message, Is.EqualTo("You already have 3 upcoming appointments, the most you can book online. Please call the clinic."));

        // Reception is not bound by the portal's limit; a cancellation frees a place in the portal.
        await Db.AppointmentsAs(await Db.AdminIdAsync()).BookAsync(new AppointmentInput { PatientId = me.PatientId, StaffId = doctor, StartsAt = Day(4).AddHours(9) });
        await portal.CancelAsync(first, "Feeling better");
        Assert.That(await CodeOf(() => portal.BookAsync(doctor, Day(3).AddHours(9), null)), Is.EqualTo(51422), "still 3 future ones");
        await Db.AppointmentsAs(await Db.AdminIdAsync()).CancelAsync((await portal.ListAsync()).Single(a => a.StartsAt == Day(4).AddHours(9)).AppointmentId, "moved");
        await portal.BookAsync(doctor, Day(3).AddHours(9), null);

        // Two bookings at once cannot both slip under the limit.
        var racer = await Db.NewPortalPatientAsync();
        var racing = Db.PortalAppointmentsAs(racer.AccountId);
        await racing.BookAsync(doctor, Day(5).AddHours(9), null);
        await racing.BookAsync(doctor, Day(5).AddHours(10), null);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            OutcomeOf(() => racing.BookAsync(doctor, Day(6).AddHours(9 + i), null)))));
        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o is not null), Is.All.EqualTo(51422));
    }

    [Test]
    public async Task A_patient_cancels_with_a_reason_until_24_hours_before()
    {
        var me = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAppointmentsAs(me.AccountId);
        var doctor = await Db.NewDoctorAsync();
        var now = await Db.ScalarAsync<DateTime>("SELECT NOW()");
        var soon = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0).AddHours(3);
        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(doctor, "extra_session", soon, soon.AddHours(1));
        var soonId = await Db.AppointmentsAs(await Db.AdminIdAsync()).BookAsync(new AppointmentInput { PatientId = me.PatientId, StaffId = doctor, StartsAt = soon });
        var laterId = await portal.BookAsync(doctor, Day().AddHours(9), "Check-up");

        var list = await portal.ListAsync();
        Assert.That(list.Select(a => (a.AppointmentId, a.IsUpcoming, a.CanCancel, a.CancelRefusal)), Is.EqualTo(new[]
        {
            (soonId, true, false, PortalAppointmentProcedures.TooLateToCancel),
            (laterId, true, true, 0),
        }));
        Assert.That(list[1].CancelUntil, Is.EqualTo(Day().AddHours(9).AddHours(-24)));

        Assert.That(await CodeOf(() => portal.CancelAsync(soonId, "Busy")), Is.EqualTo(51423));
        Assert.That(await CodeOf(() => portal.CancelAsync(laterId, " ")), Is.EqualTo(51426));
        await portal.CancelAsync(laterId, "Busy at work");

        var after = await portal.ListAsync();
        var cancelled = after.Single(a => a.AppointmentId == laterId);
        Assert.That((cancelled.Status, cancelled.CancelReason, cancelled.IsUpcoming, cancelled.CanCancel, cancelled.CancelRefusal),
            Is.EqualTo(("cancelled", "Busy at work", false, false, 51425)));
        Assert.That(after.Select(a => a.AppointmentId), Is.EqualTo(new[] { soonId, laterId }), "upcoming first, then the past");
        Assert.That(await CodeOf(() => portal.CancelAsync(laterId, "again")), Is.EqualTo(51425));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM appointment WHERE appointment_id = @soonId", new { soonId }), Is.EqualTo("booked"));

        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("portal.cancel_hours", "1");
        try
        {
            Assert.That((await portal.ListAsync()).Single(a => a.AppointmentId == soonId).CanCancel, Is.True);
            await portal.CancelAsync(soonId, "Cannot come");
        }
        finally
        {
            await settings.SetAsync("portal.cancel_hours", "24");
        }
    }
}
