using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Dapper;
using static Clinic.Database.Tests.Integration.AppointmentTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The no-overlap rule under concurrency: 32 connections race through the data layer (each call on
/// its own pooled connection) and exactly one booking wins; the others get the clear error, never a
/// deadlock (appointment_book locks the doctor, room and patient rows in a fixed order).
/// </summary>
public class AppointmentRaceTests
{
    private const int Racers = 32;

    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<(int Successes, List<int> Codes)> RaceAsync(Func<int, Task<int>> book)
    {
        // Warm the pool so that every racer has an open connection, then release them all at once:
        // without this, opening connections staggers the racers and hides a missing lock.
        var warm = Db.AppointmentsAs(await Db.AdminIdAsync());
        await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => warm.GetAsync(0))));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await book(i);
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        var outcomes = await Task.WhenAll(racers);
        return (outcomes.Count(c => c == 0), outcomes.Where(c => c != 0).ToList());
    }

    private static async Task<long> ActiveOverlapsAsync(string column, int id) =>
        await Db.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM appointment AS a JOIN appointment AS b ON b.{column} = a.{column} AND b.appointment_id > a.appointment_id " +
            "AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at " +
            "WHERE a.{column} = @id AND a.status IN ('booked', 'checked_in', 'in_progress') AND b.status IN ('booked', 'checked_in', 'in_progress')".Replace("{column}", column),
            new { id });

    [Test]
    public async Task Thirty_two_connections_booking_the_same_slot_make_exactly_one_booking()
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctor = await Db.NewDoctorAsync();
        var patients = new int[Racers];
        for (var i = 0; i < Racers; i++)
            patients[i] = await Db.NewPatientAsync();
        var slot = Day(5).AddHours(10);

        var (successes, codes) = await RaceAsync(i => appointments.BookAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctor, StartsAt = slot, Minutes = 30 }));

        Assert.That(successes, Is.EqualTo(1));
        Assert.That(codes, Has.Count.EqualTo(Racers - 1).And.All.EqualTo(AppointmentProcedures.SlotTaken));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor AND starts_at = @slot AND status = 'booked'", new { doctor, slot }), Is.EqualTo(1));
    }

    [Test]
    public async Task Racing_overlapping_but_different_slots_for_one_doctor_leaves_one_booking()
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctor = await Db.NewDoctorAsync();
        var patients = new int[Racers];
        for (var i = 0; i < Racers; i++)
            patients[i] = await Db.NewPatientAsync();
        var start = Day(5).AddHours(13);

        // Starts a minute apart, 40 minutes long: every pair overlaps.
        var (successes, codes) = await RaceAsync(i => appointments.BookAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctor, StartsAt = start.AddMinutes(i), Minutes = 40 }));

        Assert.That(successes, Is.EqualTo(1));
        Assert.That(codes, Is.All.EqualTo(AppointmentProcedures.SlotTaken));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor", new { doctor }), Is.EqualTo(1));
        Assert.That(await ActiveOverlapsAsync("staff_id", doctor), Is.EqualTo(0));
    }

    [Test]
    public async Task Thirty_two_doctors_racing_for_one_room_make_exactly_one_booking()
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var room = await Db.NewRoomAsync();
        var doctors = new int[Racers];
        var patients = new int[Racers];
        for (var i = 0; i < Racers; i++)
        {
            doctors[i] = await Db.NewDoctorAsync();
            patients[i] = await Db.NewPatientAsync();
        }
        var slot = Day(6).AddHours(9);

        var (successes, codes) = await RaceAsync(i => appointments.BookAsync(new AppointmentInput
        {
            PatientId = patients[i], StaffId = doctors[i], RoomId = room, StartsAt = slot.AddMinutes(i % 5), Minutes = 30,
        }));

        Assert.That(successes, Is.EqualTo(1));
        Assert.That(codes, Has.Count.EqualTo(Racers - 1).And.All.EqualTo(AppointmentProcedures.RoomTaken));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE room_id = @room", new { room }), Is.EqualTo(1));
    }

    [Test]
    public async Task Bookings_reschedules_and_a_series_racing_for_one_slot_leave_one_active_appointment()
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctor = await Db.NewDoctorAsync();
        var patients = new int[Racers];
        var existing = new int[Racers];
        for (var i = 0; i < Racers; i++)
        {
            patients[i] = await Db.NewPatientAsync();
            if (i % 2 == 1)
                existing[i] = await appointments.BookAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctor, StartsAt = Day(8).AddHours(8).AddMinutes(15 * i), Minutes = 15 });
        }
        var slot = Day(9).AddHours(16);

        // Even racers book (racer 0 books a weekly series starting at the slot), odd racers move their appointment there.
        var (successes, codes) = await RaceAsync(async i =>
        {
            if (i == 0)
                return await appointments.BookSeriesAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctor, StartsAt = slot, Minutes = 30 }, 1, 3);
            if (i % 2 == 0)
                return await appointments.BookAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctor, StartsAt = slot.AddMinutes(5), Minutes = 30 });
            await appointments.RescheduleAsync(existing[i], slot.AddMinutes(10), 30, null);
            return existing[i];
        });

        Assert.That(successes, Is.EqualTo(1));
        Assert.That(codes, Is.All.AnyOf(AppointmentProcedures.SlotTaken, AppointmentProcedures.SeriesDatesNotFree));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor AND starts_at >= @slot AND starts_at < @end AND status = 'booked'",
            new { doctor, slot, end = slot.AddHours(1) }), Is.EqualTo(1));
        Assert.That(await ActiveOverlapsAsync("staff_id", doctor), Is.EqualTo(0));
    }

    [Test]
    public async Task Bookings_for_different_doctors_all_succeed_in_parallel()
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctors = new int[8];
        var patients = new int[8];
        for (var i = 0; i < 8; i++)
        {
            doctors[i] = await Db.NewDoctorAsync();
            patients[i] = await Db.NewPatientAsync();
        }
        var slot = Day(6).AddHours(14);
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            appointments.BookAsync(new AppointmentInput { PatientId = patients[i], StaffId = doctors[i], StartsAt = slot, Minutes = 30 }))));
        Assert.That(ids, Is.Unique.And.All.GreaterThan(0));
    }

    /// <summary>
    /// The locking design, step by step and without timing luck: while another transaction holds the
    /// doctor's, the room's or the patient's row, a booking that needs it waits; when that
    /// transaction commits an overlapping appointment, the booking sees it and is refused.
    /// </summary>
    [TestCase("staff", AppointmentProcedures.SlotTaken)]
    [TestCase("room", AppointmentProcedures.RoomTaken)]
    [TestCase("patient", AppointmentProcedures.PatientBusy)]
    public async Task A_booking_waits_for_a_locked_doctor_room_or_patient_and_then_sees_the_committed_booking(string party, int expected)
    {
        var appointments = Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctor = await Db.NewDoctorAsync();
        var otherDoctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var otherPatient = await Db.NewPatientAsync();
        var room = await Db.NewRoomAsync();
        var slot = Day(7).AddHours(11);

        await using var owner = await Db.OpenAsync(Db.Migrator);
        await owner.ExecuteAsync("START TRANSACTION");
        var (lockSql, conflict) = party switch
        {
            "staff" => ("SELECT staff_id FROM staff WHERE staff_id = @doctor FOR UPDATE", (Patient: otherPatient, Doctor: doctor, Room: (int?)null)),
            "room" => ("SELECT room_id FROM room WHERE room_id = @room FOR UPDATE", (Patient: otherPatient, Doctor: otherDoctor, Room: (int?)room)),
            _ => ("SELECT patient_id FROM patient WHERE patient_id = @patient FOR UPDATE", (Patient: patient, Doctor: otherDoctor, Room: (int?)null)),
        };
        await owner.ExecuteAsync(lockSql, new { doctor, room, patient });

        var booking = Task.Run(() => appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, RoomId = room, StartsAt = slot, Minutes = 30 }));
        await Task.Delay(700);
        Assert.That(booking.IsCompleted, Is.False, $"the booking must wait for the {party} row lock");

        await owner.ExecuteAsync(
            "INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at) VALUES (@p, @d, @r, @s, @e)",
            new { p = conflict.Patient, d = conflict.Doctor, r = conflict.Room, s = slot.AddMinutes(10), e = slot.AddMinutes(40) });
        await owner.ExecuteAsync("COMMIT");

        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => booking))!.Code, Is.EqualTo(expected));
    }
}
