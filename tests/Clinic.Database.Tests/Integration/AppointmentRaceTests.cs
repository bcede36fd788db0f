using Clinic.Data.Common;
using Clinic.Data.Scheduling;
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
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            try
            {
                await book(i);
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        })));
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
}
