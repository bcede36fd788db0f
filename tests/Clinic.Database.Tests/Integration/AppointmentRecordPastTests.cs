using System.Text.Json;
using Clinic.Data.Scheduling;
using Dapper;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.AppointmentTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Recording historical appointments (db/procedures/appointment_record_past.sql) and the insert guard
/// that keeps every other new appointment 'booked' (db/triggers/appointment_insert_guard.sql).
/// </summary>
public class AppointmentRecordPastTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>Ten days ago (plus <paramref name="days"/>) at midnight: always in the past, whatever the time now.</summary>
    private static DateTime PastDay(int days = 0) => DateTime.Today.AddDays(-10 + days);

    private static async Task<AppointmentProcedures> AdminAsync() => Db.AppointmentsAs(await Db.AdminIdAsync());

    private static PastAppointmentInput Past(int patient, int doctor, DateTime startsAt, string status = "completed", int? room = null, int minutes = 30) =>
        new() { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = startsAt, Minutes = minutes, Status = status, Reason = "Review" };

    [Test]
    public async Task A_completed_record_keeps_the_scheduled_times_gets_a_closed_visit_and_is_audited_with_the_actor()
    {
        var adminId = await Db.AdminIdAsync();
        var appointments = Db.AppointmentsAs(adminId);
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var nine = PastDay().AddHours(9);
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        var id = await appointments.RecordPastAsync(Past(patient, doctor, nine, room: room));

        var row = (await appointments.GetAsync(id))!;
        Assert.That((row.Status, row.StartsAt, row.EndsAt, row.RoomId, row.CreatedBy), Is.EqualTo(("completed", nine, nine.AddMinutes(30), (int?)room, (int?)adminId)));
        Assert.That((row.CheckedInAt, row.StartedAt, row.CompletedAt, row.CancelledAt), Is.EqualTo(((DateTime?)nine, (DateTime?)nine, (DateTime?)nine.AddMinutes(30), (DateTime?)null)),
            "the times of the record, not the time it was entered");
        Assert.That(row.VisitId, Is.Not.Null);
        var visit = (await Db.QueryAsync<(int PatientId, int StaffId, DateTime StartedAt, string Status)>(
            "SELECT patient_id, staff_id, started_at, status FROM visit WHERE appointment_id = @id", new { id })).Single();
        Assert.That(visit, Is.EqualTo((patient, doctor, nine, "closed")));

        var audit = await Db.QueryAsync<(string Table, string Action, int? Actor, string NewRow)>(
            "SELECT table_name, action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name IN ('appointment', 'visit') ORDER BY audit_log_id",
            new { before });
        Assert.That(audit.Select(a => (a.Table, a.Action, a.Actor)), Is.EqualTo(new[] { ("appointment", "INSERT", (int?)adminId), ("visit", "INSERT", (int?)adminId) }));
        using var json = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("completed"));

        // Given times are kept; a final record cannot change any more.
        var later = await appointments.RecordPastAsync(Past(patient, doctor, nine.AddHours(1)) with
        {
            CheckedInAt = nine.AddMinutes(40), StartedAt = nine.AddMinutes(70), CompletedAt = nine.AddMinutes(95),
        });
        var laterRow = (await appointments.GetAsync(later))!;
        Assert.That((laterRow.CheckedInAt, laterRow.StartedAt, laterRow.CompletedAt), Is.EqualTo(((DateTime?)nine.AddMinutes(40), (DateTime?)nine.AddMinutes(70), (DateTime?)nine.AddMinutes(95))));
        Assert.That(await CodeOf(() => appointments.CancelAsync(later, "too late")), Is.EqualTo(50512));
    }

    [Test]
    public async Task Only_appointments_that_have_ended_can_be_recorded()
    {
        var appointments = await AdminAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();

        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, AppointmentTests.Day().AddHours(9)))), Is.EqualTo(50530), "future start");
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, DateTime.Now.AddMinutes(-10), minutes: 60))), Is.EqualTo(50530), "not over yet");
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, DateTime.Now.AddMinutes(-10), "no_show", minutes: 60))), Is.EqualTo(50530));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, PastDay().AddHours(9)) with { CompletedAt = DateTime.Now.AddHours(1) })), Is.EqualTo(50533),
            "a completion time in the future");
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, PastDay().AddHours(9)) with { CheckedInAt = PastDay().AddHours(9).AddMinutes(5), StartedAt = PastDay().AddHours(9) })),
            Is.EqualTo(50533), "started before checked in");
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, PastDay().AddHours(9), minutes: 4))), Is.EqualTo(50509));
        await appointments.RecordPastAsync(Past(patient, doctor, DateTime.Now.AddMinutes(-40), minutes: 30));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor", new { doctor }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_status_must_be_final_and_a_cancellation_needs_a_reason()
    {
        var appointments = await AdminAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var nine = PastDay(1).AddHours(9);

        foreach (var status in new[] { "booked", "checked_in", "in_progress", "done", "" })
            Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, nine, status))), Is.EqualTo(50531), status);
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, nine, "cancelled"))), Is.EqualTo(50511));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, doctor, nine, "cancelled") with { CancelReason = "  " })), Is.EqualTo(50511));

        var cancelled = await appointments.RecordPastAsync(Past(patient, doctor, nine, "cancelled") with { CancelReason = "Patient travelled" });
        var noShow = await appointments.RecordPastAsync(Past(patient, doctor, nine.AddHours(1), "no_show"));
        var c = (await appointments.GetAsync(cancelled))!;
        Assert.That((c.Status, c.CancelReason, c.CancelledAt, c.CheckedInAt, c.VisitId), Is.EqualTo(("cancelled", "Patient travelled", (DateTime?)nine, (DateTime?)null, (int?)null)));
        var n = (await appointments.GetAsync(noShow))!;
        Assert.That((n.Status, n.CheckedInAt, n.StartedAt, n.CompletedAt, n.CancelledAt, n.VisitId),
            Is.EqualTo(("no_show", (DateTime?)null, (DateTime?)null, (DateTime?)null, (DateTime?)null, (int?)null)));
        Assert.That(await CodeOf(() => appointments.CheckInAsync(noShow)), Is.EqualTo(50512));
    }

    [TestCase("receptionist")]
    [TestCase("doctor")]
    [TestCase("nurse")]
    public async Task Only_an_administrator_may_record_history(string role)
    {
        var (accountId, _) = await Db.NewAccountAsync(role);
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();

        Assert.That(await CodeOf(() => Db.AppointmentsAs(accountId).RecordPastAsync(Past(patient, doctor, PastDay().AddHours(9)))), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor", new { doctor }), Is.Zero);
    }

    [Test]
    public async Task Records_may_not_overlap_the_doctor_room_or_patient_unless_cancelled()
    {
        var appointments = await AdminAsync();
        var doctor = await Db.NewDoctorAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var otherPatient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var nine = PastDay(2).AddHours(9);
        await appointments.RecordPastAsync(Past(patient, doctor, nine, room: room));
        await appointments.RecordPastAsync(Past(otherPatient, otherDoctor, nine.AddHours(2), "no_show"));

        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(otherPatient, doctor, nine.AddMinutes(15)))), Is.EqualTo(50506));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(otherPatient, doctor, nine.AddMinutes(-15), "no_show"))), Is.EqualTo(50506));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(otherPatient, otherDoctor, nine.AddMinutes(10), room: room, minutes: 10))), Is.EqualTo(50507));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, otherDoctor, nine.AddMinutes(29)))), Is.EqualTo(50508));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, otherDoctor, nine.AddHours(2).AddMinutes(10)))), Is.EqualTo(50506), "a no-show held its slot");
        // Unknown or merged parties are refused as in booking.
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(int.MaxValue, doctor, nine.AddHours(4)))), Is.EqualTo(50209));
        Assert.That(await CodeOf(() => appointments.RecordPastAsync(Past(patient, int.MaxValue, nine.AddHours(4)))), Is.EqualTo(50501));

        // Back to back is fine; a cancelled record never held its slot, and does not block one.
        await appointments.RecordPastAsync(Past(otherPatient, doctor, nine.AddMinutes(30), room: room));
        await appointments.RecordPastAsync(Past(otherPatient, doctor, nine.AddMinutes(-30), room: room));
        await appointments.RecordPastAsync(Past(otherPatient, doctor, nine.AddMinutes(10), "cancelled", room) with { CancelReason = "Clash" });
        var cancelledFirst = nine.AddHours(5);
        await appointments.RecordPastAsync(Past(patient, doctor, cancelledFirst, "cancelled", room) with { CancelReason = "Doctor away" });
        await appointments.RecordPastAsync(Past(otherPatient, doctor, cancelledFirst, room: room));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor AND status <> 'cancelled'", new { doctor }), Is.EqualTo(4));
    }

    [Test]
    public async Task The_insert_guard_keeps_every_other_new_appointment_booked_even_for_the_schema_owner()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        await using var owner = await Db.OpenAsync(Db.Migrator);

        async Task<int> Insert(string columns, string values, DateTime startsAt) => (await Assert.ThrowsAsync<MySqlException>(async () =>
            await owner.ExecuteAsync($"INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at{columns}) VALUES (@patient, @doctor, @s, @s + INTERVAL 30 MINUTE{values})",
                new { patient, doctor, s = startsAt })))!.Number;

        var past = PastDay(3).AddHours(9);
        var future = AppointmentTests.Day().AddHours(9);
        Assert.That(await Insert(", status", ", 'checked_in'", future), Is.EqualTo(50532));
        Assert.That(await Insert(", status", ", 'in_progress'", past), Is.EqualTo(50532));
        Assert.That(await Insert(", status", ", 'no_show'", future), Is.EqualTo(50530));
        Assert.That(await Insert(", status, checked_in_at, started_at, completed_at", ", 'completed', @s, @s, @s", future), Is.EqualTo(50530));
        Assert.That(await Insert(", status", ", 'completed'", past), Is.EqualTo(50533), "completed without times");
        Assert.That(await Insert(", status, cancel_reason", ", 'cancelled', 'x'", past), Is.EqualTo(50533), "cancelled without a time");
        Assert.That(await Insert(", status, cancelled_at", ", 'cancelled', @s", past), Is.EqualTo(50511));
        Assert.That(await Insert(", completed_at", ", @s", future), Is.EqualTo(50533), "a booked one with a completion time");
        Assert.That(await Insert(", status, checked_in_at", ", 'no_show', @s", past), Is.EqualTo(50533));

        // Plain bookings (as appointment_book inserts them) are untouched by the guard, whenever they are.
        await owner.ExecuteAsync("INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at) VALUES (@patient, @doctor, @s, @s + INTERVAL 30 MINUTE)",
            new { patient, doctor, s = past });
    }
}
