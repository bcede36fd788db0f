using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>Appointments: booking rules, the state machine, reschedule, series, free slots (db/procedures/appointment_*).</summary>
public class AppointmentTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>A Monday at least a week ahead (plus <paramref name="days"/>): never depends on today's weekday or time.</summary>
    internal static DateTime Day(int days = 0)
    {
        var today = DateTime.Today;
        var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(toMonday + 7 + days);
    }

    internal static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    private static async Task<AppointmentProcedures> ReceptionAsync() => Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);

    private static async Task<AppointmentProcedures> AdminAsync() => Db.AppointmentsAs(await Db.AdminIdAsync());

    [Test]
    public async Task A_booking_takes_its_length_from_the_specialisation_and_is_audited_with_the_actor()
    {
        var (receptionistId, _) = await Db.NewAccountAsync("receptionist");
        var appointments = Db.AppointmentsAs(receptionistId);
        var doctor = await Db.NewDoctorAsync(await Db.NewSpecialisationAsync(25));
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        var id = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = Day().AddHours(9), Reason = "Check-up" });

        var row = (await appointments.GetAsync(id))!;
        Assert.That(row.StartsAt, Is.EqualTo(Day().AddHours(9)));
        Assert.That(row.EndsAt, Is.EqualTo(Day().AddHours(9).AddMinutes(25)));
        Assert.That(row.Status, Is.EqualTo("booked"));
        Assert.That(row.CreatedBy, Is.EqualTo(receptionistId));
        Assert.That(row.RoomId, Is.EqualTo(room));
        var explicitLength = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(10), Minutes = 45 });
        Assert.That((await appointments.GetAsync(explicitLength))!.EndsAt, Is.EqualTo(Day().AddHours(10).AddMinutes(45)));
        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(12), Minutes = 4 })), Is.EqualTo(50509));

        var audit = await Db.QueryAsync<(string Table, string Action, int? Actor, string NewRow)>(
            "SELECT table_name, action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name = 'appointment' AND row_key = @id",
            new { before, id = id.ToString() });
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That(audit[0].Action, Is.EqualTo("INSERT"));
        Assert.That(audit[0].Actor, Is.EqualTo(receptionistId));
        using var json = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(json.RootElement.GetProperty("patient_id").GetInt32(), Is.EqualTo(patient));
    }

    [Test]
    public async Task Bookings_must_be_in_the_future_inside_working_hours_and_outside_leave()
    {
        var appointments = await ReceptionAsync();
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync(hours: (TimeSpan.FromHours(9), TimeSpan.FromHours(12)));
        var patient = await Db.NewPatientAsync();
        AppointmentInput At(DateTime start, int minutes = 30) => new() { PatientId = patient, StaffId = doctor, StartsAt = start, Minutes = minutes };

        Assert.That(await CodeOf(() => appointments.BookAsync(At(DateTime.Now.AddHours(-1)))), Is.EqualTo(50503));
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day().AddHours(8).AddMinutes(45)))), Is.EqualTo(50504), "starts before the block");
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day().AddHours(11).AddMinutes(45)))), Is.EqualTo(50504), "ends after the block");
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day().AddHours(13)))), Is.EqualTo(50504));
        await appointments.BookAsync(At(Day().AddHours(11).AddMinutes(30)));

        var hours = Db.WorkingHoursAs(adminId);
        await hours.AddExceptionAsync(doctor, "leave", Day(1).AddHours(10), Day(1).AddHours(11));
        await hours.AddExceptionAsync(doctor, "holiday", Day(2), Day(3));
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day(1).AddHours(9).AddMinutes(45)))), Is.EqualTo(50505));
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day(2).AddHours(9)))), Is.EqualTo(50505));
        await appointments.BookAsync(At(Day(1).AddHours(9).AddMinutes(30)));
        await appointments.BookAsync(At(Day(1).AddHours(11)));

        // An extra session opens time outside the weekly hours.
        Assert.That(await CodeOf(() => appointments.BookAsync(At(Day(4).AddHours(18)))), Is.EqualTo(50504));
        await hours.AddExceptionAsync(doctor, "extra_session", Day(4).AddHours(17), Day(4).AddHours(19));
        await appointments.BookAsync(At(Day(4).AddHours(18)));
    }

    [Test]
    public async Task Doctor_room_and_patient_cannot_be_double_booked_but_back_to_back_and_cancelled_are_fine()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var otherPatient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var nine = Day().AddHours(9);
        var first = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = nine, Minutes = 30 });

        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = doctor, StartsAt = nine.AddMinutes(15), Minutes = 30 })), Is.EqualTo(AppointmentProcedures.SlotTaken));
        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = doctor, StartsAt = nine.AddMinutes(-15), Minutes = 30 })), Is.EqualTo(50506));
        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = doctor, StartsAt = nine.AddMinutes(-15), Minutes = 90 })), Is.EqualTo(50506), "enclosing");
        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = otherDoctor, RoomId = room, StartsAt = nine.AddMinutes(10), Minutes = 10 })), Is.EqualTo(AppointmentProcedures.RoomTaken));
        Assert.That(await CodeOf(() => appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = otherDoctor, StartsAt = nine.AddMinutes(29), Minutes = 30 })), Is.EqualTo(AppointmentProcedures.PatientBusy));

        // Back to back: same doctor, room and patient, touching at 09:30 and 09:00.
        await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = nine.AddMinutes(30), Minutes = 30 });
        await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = nine.AddMinutes(-30), Minutes = 30 });

        // A cancelled appointment frees its slot.
        await appointments.CancelAsync(first, "Patient asked");
        await appointments.BookAsync(new AppointmentInput { PatientId = otherPatient, StaffId = doctor, RoomId = room, StartsAt = nine, Minutes = 30 });
    }

    [Test]
    public async Task Only_active_doctors_active_rooms_and_current_patients_can_be_booked()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        AppointmentInput Input() => new() { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(10) };

        await Db.FacilitiesAs(adminId).SetRoomActiveAsync(room, false);
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { RoomId = room })), Is.EqualTo(50502));
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { RoomId = int.MaxValue })), Is.EqualTo(50502));
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { PatientId = int.MaxValue })), Is.EqualTo(50209));
        var nurse = await Db.StaffAs(adminId).CreateAsync(new Clinic.Data.Staff.StaffInput { GivenName = "N", FamilyName = "Urse", StaffRole = "nurse" });
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { StaffId = nurse })), Is.EqualTo(50501));
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { StaffId = int.MaxValue })), Is.EqualTo(50501));
        var merged = await Db.NewPatientAsync();
        await Db.PatientsAs(adminId).MergeAsync(patient, merged, "duplicate");
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { PatientId = merged })), Is.EqualTo(50210));
        await appointments.BookAsync(Input());
        await Db.StaffAs(adminId).SetActiveAsync(doctor, false);
        Assert.That(await CodeOf(() => appointments.BookAsync(Input() with { StartsAt = Day().AddHours(12) })), Is.EqualTo(50501));

        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await CodeOf(() => Db.AppointmentsAs(pharmacist).BookAsync(Input())), Is.EqualTo(50102));
    }

    [Test]
    public async Task The_happy_path_ends_in_exactly_one_visit_and_final_states_are_final()
    {
        var appointments = await AdminAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var id = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(9) });

        Assert.That(await CodeOf(() => appointments.StartAsync(id)), Is.EqualTo(50514));
        Assert.That(await CodeOf(() => appointments.CompleteAsync(id)), Is.EqualTo(50515));
        await appointments.CheckInAsync(id);
        Assert.That(await CodeOf(() => appointments.CheckInAsync(id)), Is.EqualTo(50513));
        Assert.That(await CodeOf(() => appointments.MarkNoShowAsync(id)), Is.EqualTo(50517));
        Assert.That(await CodeOf(() => appointments.CompleteAsync(id)), Is.EqualTo(50515));
        await appointments.StartAsync(id);
        Assert.That(await CodeOf(() => appointments.StartAsync(id)), Is.EqualTo(50514));
        Assert.That(await CodeOf(() => appointments.CancelAsync(id, "too late")), Is.EqualTo(50516));
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(id, Day().AddHours(11), null, null)), Is.EqualTo(50520));
        var visitId = await appointments.CompleteAsync(id);

        var row = (await appointments.GetAsync(id))!;
        Assert.That(row.Status, Is.EqualTo("completed"));
        Assert.That(row.CheckedInAt, Is.Not.Null);
        Assert.That(row.StartedAt, Is.Not.Null);
        Assert.That(row.CompletedAt, Is.Not.Null);
        Assert.That(row.VisitId, Is.EqualTo(visitId));
        var visits = await Db.QueryAsync<(int VisitId, int PatientId, int StaffId, string Status)>(
            "SELECT visit_id, patient_id, staff_id, status FROM visit WHERE appointment_id = @id", new { id });
        Assert.That(visits, Is.EqualTo(new[] { (visitId, patient, doctor, "open") }));

        Assert.That(await CodeOf(() => appointments.CompleteAsync(id)), Is.EqualTo(50512));
        Assert.That(await CodeOf(() => appointments.CancelAsync(id, "changed mind")), Is.EqualTo(50512));
        Assert.That(await CodeOf(() => appointments.CheckInAsync(id)), Is.EqualTo(50512));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE appointment_id = @id", new { id }), Is.EqualTo(1));
        Assert.That(await CodeOf(() => appointments.CheckInAsync(int.MaxValue)), Is.EqualTo(50510));
    }

    [Test]
    public async Task Cancel_needs_a_reason_and_no_show_needs_the_start_time_to_have_passed()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var a = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(9) });
        Assert.That(await CodeOf(() => appointments.CancelAsync(a, " ")), Is.EqualTo(50511));
        Assert.That(await CodeOf(() => appointments.MarkNoShowAsync(a)), Is.EqualTo(50518));
        await appointments.CheckInAsync(a);
        await appointments.CancelAsync(a, "Felt better");
        var row = (await appointments.GetAsync(a))!;
        Assert.That((row.Status, row.CancelReason, row.CancelledAt.HasValue), Is.EqualTo(("cancelled", "Felt better", true)));
        Assert.That(await CodeOf(() => appointments.CancelAsync(a, "again")), Is.EqualTo(50512));
        var admin = await AdminAsync();
        Assert.That(await CodeOf(() => admin.StartAsync(a)), Is.EqualTo(50512));

        // Move one into the past behind the procedures' back (the trigger allows moving a booked one): now it can be a no-show.
        var b = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(10) });
        await using (var owner = await Db.OpenAsync(Db.Migrator))
            await owner.ExecuteAsync("UPDATE appointment SET starts_at = NOW() - INTERVAL 2 HOUR, ends_at = NOW() - INTERVAL 1 HOUR WHERE appointment_id = @b", new { b });
        await appointments.MarkNoShowAsync(b);
        Assert.That((await appointments.GetAsync(b))!.Status, Is.EqualTo("no_show"));
        Assert.That(await CodeOf(() => appointments.CheckInAsync(b)), Is.EqualTo(50512));
        Assert.That(await CodeOf(() => appointments.MarkNoShowAsync(b)), Is.EqualTo(50512));
    }

    [Test]
    public async Task The_trigger_refuses_invalid_transitions_even_for_the_schema_owner()
    {
        var appointments = await AdminAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var id = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(9) });
        await using var owner = await Db.OpenAsync(Db.Migrator);

        async Task<int> Direct(string set) => (await Assert.ThrowsAsync<MySqlException>(async () =>
            await owner.ExecuteAsync($"UPDATE appointment SET {set} WHERE appointment_id = @id", new { id })))!.Number;

        Assert.That(await Direct("status = 'completed'"), Is.EqualTo(50515));
        Assert.That(await Direct("status = 'in_progress'"), Is.EqualTo(50514));
        Assert.That(await Direct("status = 'no_show'"), Is.EqualTo(50518));
        Assert.That(await Direct("status = 'cancelled'"), Is.EqualTo(50511));
        await owner.ExecuteAsync("UPDATE appointment SET status = 'checked_in' WHERE appointment_id = @id", new { id });
        Assert.That(await Direct("status = 'booked'"), Is.EqualTo(50519));
        Assert.That(await Direct("status = 'no_show'"), Is.EqualTo(50517));
        await owner.ExecuteAsync("UPDATE appointment SET status = 'in_progress' WHERE appointment_id = @id", new { id });
        Assert.That(await Direct("status = 'cancelled', cancel_reason = 'x'"), Is.EqualTo(50516));
        Assert.That(await Direct("starts_at = starts_at + INTERVAL 1 HOUR, ends_at = ends_at + INTERVAL 1 HOUR"), Is.EqualTo(50520));
        await owner.ExecuteAsync("UPDATE appointment SET status = 'completed' WHERE appointment_id = @id", new { id });
        Assert.That(await Direct("status = 'booked'"), Is.EqualTo(50512));
        Assert.That(await Direct("status = 'cancelled', cancel_reason = 'x'"), Is.EqualTo(50512));
        var row = (await appointments.GetAsync(id))!;
        Assert.That((row.Status, row.StartedAt.HasValue, row.CompletedAt.HasValue), Is.EqualTo(("completed", true, true)));
    }

    [Test]
    public async Task Reschedule_applies_the_booking_rules_without_colliding_with_itself()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var id = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day().AddHours(9), Minutes = 30 });
        var other = await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = Day().AddHours(10), Minutes = 30 });

        await appointments.RescheduleAsync(id, Day().AddHours(9).AddMinutes(15), null, room);
        var row = (await appointments.GetAsync(id))!;
        Assert.That((row.StartsAt, row.EndsAt, row.RoomId), Is.EqualTo((Day().AddHours(9).AddMinutes(15), Day().AddHours(9).AddMinutes(45), (int?)room)));
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(id, Day().AddHours(9).AddMinutes(45), null, null)), Is.EqualTo(50506));
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(id, Day().AddHours(20), null, null)), Is.EqualTo(50504));
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(id, DateTime.Now.AddDays(-1), null, null)), Is.EqualTo(50503));
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(int.MaxValue, Day().AddHours(12), null, null)), Is.EqualTo(50510));
        await appointments.RescheduleAsync(id, Day().AddHours(9).AddMinutes(30), 30, null);
        await appointments.CancelAsync(other, "moved away");
        Assert.That(await CodeOf(() => appointments.RescheduleAsync(other, Day().AddHours(11), null, null)), Is.EqualTo(50520));
    }

    [Test]
    public async Task The_list_pages_filters_and_counts()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        for (var i = 0; i < 5; i++)
            await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = Day(2).AddHours(9 + i), Minutes = 30 });
        var page = await appointments.ListAsync(Day(2), Day(3), doctor, null, "booked", 1, 2);
        Assert.That(page.Select(r => r.StartsAt), Is.EqualTo(new[] { Day(2).AddHours(10), Day(2).AddHours(11) }));
        Assert.That(page[0].TotalCount, Is.EqualTo(5));
        Assert.That(await appointments.ListAsync(Day(2), Day(3), doctor, null, "cancelled", 0, 10), Is.Empty);
        Assert.That(await appointments.ListAsync(Day(2), Day(3), doctor, null, null, 0, 1000), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Free_slots_respect_hours_bookings_leave_rooms_and_the_count()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync(await Db.NewSpecialisationAsync(30), (TimeSpan.FromHours(9), TimeSpan.FromHours(11)));
        var day = Day(3);
        var free = await appointments.FreeSlotsAsync(doctor, null, day, 3);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[] { day.AddHours(9), day.AddHours(9.5), day.AddHours(10) }));
        Assert.That(free[0].EndsAt, Is.EqualTo(day.AddHours(9.5)));
        Assert.That(free[0].StaffId, Is.EqualTo(doctor));
        Assert.That(free[0].DoctorName, Does.StartWith("Doc "));

        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = day.AddHours(9.5), Minutes = 20 });
        await Db.WorkingHoursAs(adminId).AddExceptionAsync(doctor, "leave", day.AddDays(1), day.AddDays(2));
        free = await appointments.FreeSlotsAsync(doctor, null, day.AddHours(9), 5);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[]
        {
            day.AddHours(9), day.AddHours(9).AddMinutes(50), day.AddHours(10).AddMinutes(20), day.AddDays(2).AddHours(9), day.AddDays(2).AddHours(9.5),
        }), "skips the booking (resumes after it), the end of the block and the day of leave");

        // From inside a block: the first slot on the grid at or after the given time.
        free = await appointments.FreeSlotsAsync(doctor, null, day.AddDays(2).AddHours(9).AddMinutes(10), 1, 60);
        Assert.That(free.Single().StartsAt, Is.EqualTo(day.AddDays(2).AddHours(10)));

        // A room taken by another doctor makes the slot unavailable when that room is needed.
        var room = await Db.NewRoomAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = otherDoctor, RoomId = room, StartsAt = day.AddHours(9), Minutes = 30 });
        free = await appointments.FreeSlotsAsync(doctor, null, day, 1, null, room);
        Assert.That(free.Single().StartsAt, Is.EqualTo(day.AddHours(9).AddMinutes(50)));

        Assert.That(await CodeOf(() => appointments.FreeSlotsAsync(null, null, day, 3)), Is.EqualTo(50525));
        Assert.That(await CodeOf(() => appointments.FreeSlotsAsync(doctor, null, day, 3, null, int.MaxValue)), Is.EqualTo(50502));
    }

    [Test]
    public async Task Free_slots_jump_over_runs_of_bookings_to_the_next_gap_as_the_slot_by_slot_walk_does()
    {
        var appointments = await ReceptionAsync();
        var specialisation = await Db.NewSpecialisationAsync(30);
        var doctor = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(13)));
        var day = Day(5);
        async Task Book(int hour, int minute, int minutes) => await appointments.BookAsync(new AppointmentInput
        {
            PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = day.AddHours(hour).AddMinutes(minute), Minutes = minutes,
        });
        await Book(8, 0, 20);    // 08:00-08:20
        await Book(8, 40, 30);   // 08:40-09:10: the slot at 08:20 would overlap it
        await Book(9, 30, 30);   // 09:30-10:00: and the slot at 09:10 this one
        await Book(10, 45, 15);  // 10:45-11:00
        await Book(12, 15, 15);  // 12:15-12:30, then cancelled: frees its slot again
        var cancelled = (await appointments.ListAsync(day, day.AddDays(1), doctor, null, "booked", 0, 10)).Single(r => r.StartsAt == day.AddHours(12.25));
        await appointments.CancelAsync(cancelled.AppointmentId, "test");

        DateTime[] expected = [day.AddHours(10), day.AddHours(11), day.AddHours(11.5), day.AddHours(12), day.AddHours(12.5), day.AddDays(1).AddHours(8)];
        var free = await appointments.FreeSlotsAsync(doctor, null, day, 6);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(expected), "08:00, 08:20 and 09:10 clash; 10:30 clashes; the walk resumes at 11:00");
        Assert.That(free.Select(s => s.EndsAt), Is.EqualTo(expected.Select(t => t.AddMinutes(30))));

        // With a room that is free all day the search probes slot by slot: the same slots.
        var room = await Db.NewRoomAsync();
        Assert.That((await appointments.FreeSlotsAsync(doctor, null, day, 6, null, room)).Select(s => s.StartsAt), Is.EqualTo(expected));

        // From inside the morning: the grid of the block, then the same jumps.
        free = await appointments.FreeSlotsAsync(doctor, null, day.AddHours(8).AddMinutes(5), 2);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[] { day.AddHours(10), day.AddHours(11) }));
        free = await appointments.FreeSlotsAsync(doctor, null, day.AddHours(8).AddMinutes(5), 2, 20);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[] { day.AddHours(8).AddMinutes(20), day.AddHours(9).AddMinutes(10) }),
            "20-minute slots fit the gaps before 08:40 and 09:30");

        // By specialisation: a second doctor of it, booked solid until 12:00, adds only its later slots.
        var busy = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(13)));
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = busy, StartsAt = day.AddHours(8), Minutes = 240 });
        free = await appointments.FreeSlotsAsync(null, specialisation, day, 5);
        Assert.That(free.Select(s => (s.StaffId, s.StartsAt)), Is.EqualTo(new[]
        {
            (doctor, day.AddHours(10)), (doctor, day.AddHours(11)), (doctor, day.AddHours(11.5)), (doctor, day.AddHours(12)), (busy, day.AddHours(12)),
        }));
    }

    [Test]
    public async Task Free_slots_come_from_extra_sessions_too_and_a_doctor_without_hours_has_none()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync(await Db.NewSpecialisationAsync(30), withHours: false);
        Assert.That(await appointments.FreeSlotsAsync(doctor, null, Day(), 3), Is.Empty, "no hours in the next 60 days");

        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(doctor, "extra_session", Day(5).AddHours(18), Day(5).AddHours(19));
        var free = await appointments.FreeSlotsAsync(doctor, null, Day(), 3);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[] { Day(5).AddHours(18), Day(5).AddHours(18.5) }));
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = Day(5).AddHours(18) });
        free = await appointments.FreeSlotsAsync(doctor, null, Day(), 3);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(new[] { Day(5).AddHours(18.5) }));
    }

    [Test]
    public async Task An_extra_session_overlapping_the_hours_adds_each_slot_once_as_the_slot_by_slot_walk_does()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync(await Db.NewSpecialisationAsync(30), (TimeSpan.FromHours(8), TimeSpan.FromHours(13)));
        var day = Day(6);
        // 12:00-14:00 overlaps the block's last hour: its 12:00 and 12:30 are the block's slots too.
        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(doctor, "extra_session", day.AddHours(12), day.AddHours(14));
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = day.AddHours(8), Minutes = 240 });
        DateTime[] expected = [day.AddHours(12), day.AddHours(12.5), day.AddHours(13), day.AddHours(13.5), day.AddDays(1).AddHours(8)];
        var free = await appointments.FreeSlotsAsync(doctor, null, day, 5);
        Assert.That(free.Select(s => s.StartsAt), Is.EqualTo(expected));
        // With a room, the slot-by-slot walk: the same slots.
        var room = await Db.NewRoomAsync();
        Assert.That((await appointments.FreeSlotsAsync(doctor, null, day, 5, null, room)).Select(s => s.StartsAt), Is.EqualTo(expected));
    }

    [Test]
    public async Task Free_slots_for_a_specialisation_merge_its_doctors_in_time_order()
    {
        var appointments = await ReceptionAsync();
        var specialisation = await Db.NewSpecialisationAsync(60);
        var early = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(10)));
        var late = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(9), TimeSpan.FromHours(10)));
        await Db.NewDoctorAsync(hours: (TimeSpan.FromHours(7), TimeSpan.FromHours(8)));   // another specialisation: never offered
        var inactive = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(6), TimeSpan.FromHours(7)));
        await Db.StaffAs(await Db.AdminIdAsync()).SetActiveAsync(inactive, false);
        var day = Day(4);

        var free = await appointments.FreeSlotsAsync(null, specialisation, day, 4);
        Assert.That(free.Select(s => (s.StaffId, s.StartsAt)), Is.EqualTo(new[]
        {
            (early, day.AddHours(8)), (early, day.AddHours(9)), (late, day.AddHours(9)), (early, day.AddDays(1).AddHours(8)),
        }));
    }

    [Test]
    public async Task A_doctor_on_leave_part_of_the_day_merges_with_the_others_and_wins_a_tie_by_coming_first()
    {
        var appointments = await ReceptionAsync();
        var specialisation = await Db.NewSpecialisationAsync(60);
        var onLeave = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(11)));
        var other = await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(11)));
        Assert.That(onLeave, Is.LessThan(other));
        var day = Day(7);
        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(onLeave, "leave", day.AddHours(8), day.AddHours(9));
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = onLeave, StartsAt = day.AddHours(10) });

        // The other doctor alone has two slots by 09:00, but at 09:00 the doctor back from leave comes first.
        (int, DateTime)[] expected = [(other, day.AddHours(8)), (onLeave, day.AddHours(9))];
        var free = await appointments.FreeSlotsAsync(null, specialisation, day, 2);
        Assert.That(free.Select(s => (s.StaffId, s.StartsAt)), Is.EqualTo(expected));
        expected = [(other, day.AddHours(8)), (onLeave, day.AddHours(9)), (other, day.AddHours(9)), (other, day.AddHours(10))];
        free = await appointments.FreeSlotsAsync(null, specialisation, day, 4);
        Assert.That(free.Select(s => (s.StaffId, s.StartsAt)), Is.EqualTo(expected), "the leave and the 10:00 booking are skipped");
        // With a room every window is walked slot by slot: the same slots.
        var room = await Db.NewRoomAsync();
        free = await appointments.FreeSlotsAsync(null, specialisation, day, 4, null, room);
        Assert.That(free.Select(s => (s.StaffId, s.StartsAt)), Is.EqualTo(expected));
    }

    [Test]
    public async Task On_random_calendars_the_slots_found_at_once_are_those_of_the_slot_by_slot_walk()
    {
        var appointments = await ReceptionAsync();
        var specialisation = await Db.NewSpecialisationAsync(25);
        var doctors = new List<int>();
        for (var i = 0; i < 3; i++)
            doctors.Add(await Db.NewDoctorAsync(specialisation, (TimeSpan.FromHours(8), TimeSpan.FromHours(12))));
        var day = Day(8);
        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(doctors[1], "extra_session", day.AddHours(11), day.AddHours(13));
        var random = new Random(20261205);
        var booked = 0;
        for (var i = 0; i < 40; i++)
        {
            var input = new AppointmentInput
            {
                PatientId = await Db.NewPatientAsync(), StaffId = doctors[random.Next(doctors.Count)],
                StartsAt = day.AddHours(8).AddMinutes(5 * random.Next(60)), Minutes = 5 * random.Next(2, 13),
            };
            try
            {
                await appointments.BookAsync(input);
                booked++;
            }
            catch (ClinicRuleException)
            {
                // overlaps another booking of that doctor: the calendar stays as it is
            }
        }
        Assert.That(booked, Is.GreaterThan(10));
        var room = await Db.NewRoomAsync();   // never booked: with it every window is walked slot by slot

        foreach (var from in new[] { day, day.AddHours(9).AddMinutes(7) })
        {
            var atOnce = await appointments.FreeSlotsAsync(null, specialisation, from, 30);
            var walked = await appointments.FreeSlotsAsync(null, specialisation, from, 30, null, room);
            Assert.That(atOnce.Select(s => (s.StaffId, s.StartsAt, s.EndsAt)), Is.EqualTo(walked.Select(s => (s.StaffId, s.StartsAt, s.EndsAt))));
            Assert.That(atOnce, Has.Count.EqualTo(30));
            foreach (var doctor in doctors)
            {
                atOnce = await appointments.FreeSlotsAsync(doctor, null, from, 12, 20);
                walked = await appointments.FreeSlotsAsync(doctor, null, from, 12, 20, room);
                Assert.That(atOnce.Select(s => s.StartsAt), Is.EqualTo(walked.Select(s => s.StartsAt)), $"doctor {doctor} from {from:t}");
            }
        }
    }

    [Test]
    public async Task A_series_is_all_or_nothing_and_lists_the_dates_that_are_not_free()
    {
        var appointments = await ReceptionAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var first = Day(1).AddHours(10);
        await appointments.BookAsync(new AppointmentInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor, StartsAt = first.AddDays(14), Minutes = 30 });
        await Db.WorkingHoursAs(await Db.AdminIdAsync()).AddExceptionAsync(doctor, "holiday", first.Date.AddDays(42), first.Date.AddDays(43));

        var series = new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = first, Minutes = 30, Reason = "Physio" };
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => appointments.BookSeriesAsync(series, 2, 4));
        Assert.That(ex!.Code, Is.EqualTo(AppointmentProcedures.SeriesDatesNotFree));
        Assert.That(ex.Message, Is.EqualTo($"These dates are not free: {first.AddDays(14):yyyy-MM-dd}, {first.AddDays(42):yyyy-MM-dd}"));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE patient_id = @patient", new { patient }), Is.EqualTo(0), "nothing booked");
        Assert.That(await CodeOf(() => appointments.BookSeriesAsync(series, 1, 1)), Is.EqualTo(50522));
        Assert.That(await CodeOf(() => appointments.BookSeriesAsync(series, 0, 3)), Is.EqualTo(50522));

        // Many conflicts: the message stays within 128 characters.
        var busy = await Db.NewPatientAsync();
        for (var week = 0; week < 10; week++)
            await appointments.BookAsync(new AppointmentInput { PatientId = busy, StaffId = await Db.NewDoctorAsync(), StartsAt = first.AddDays(7 * week), Minutes = 30 });
        ex = await Assert.CatchAsync<ClinicRuleException>(() => appointments.BookSeriesAsync(series with { PatientId = busy }, 1, 10));
        Assert.That(ex!.Message, Has.Length.LessThanOrEqualTo(128).And.EndWith(" ..."));

        var seriesStart = first.AddHours(1);
        var seriesId = await appointments.BookSeriesAsync(series with { StartsAt = seriesStart }, 1, 4);
        var rows = await appointments.ListAsync(first.Date, first.Date.AddDays(30), doctor, null, null, 0, 100);
        var mine = rows.Where(r => r.PatientId == patient).ToList();
        Assert.That(mine.Select(r => r.StartsAt), Is.EqualTo(Enumerable.Range(0, 4).Select(w => seriesStart.AddDays(7 * w))));
        Assert.That(mine.Select(r => r.SeriesId), Is.All.EqualTo(seriesId));

        Assert.That(await appointments.CancelSeriesAsync(mine[0].AppointmentId, "this", "Away"), Is.EqualTo(1));
        Assert.That(await appointments.CancelSeriesAsync(mine[1].AppointmentId, "future", "Treatment ended"), Is.EqualTo(3));
        var statuses = (await appointments.ListAsync(first.Date, first.Date.AddDays(30), doctor, null, null, 0, 100)).Where(r => r.PatientId == patient).Select(r => (r.Status, r.CancelReason));
        Assert.That(statuses, Is.EqualTo(new[] { ("cancelled", "Away"), ("cancelled", "Treatment ended"), ("cancelled", "Treatment ended"), ("cancelled", "Treatment ended") }));
        Assert.That(await CodeOf(() => appointments.CancelSeriesAsync(mine[1].AppointmentId, "all", "x")), Is.EqualTo(50523));
        Assert.That(await CodeOf(() => appointments.CancelSeriesAsync(mine[1].AppointmentId, "future", "")), Is.EqualTo(50511));
        var single = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = first });
        Assert.That(await CodeOf(() => appointments.CancelSeriesAsync(single, "future", "x")), Is.EqualTo(50524));
    }
}
