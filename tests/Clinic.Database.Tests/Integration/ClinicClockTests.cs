using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Settings;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// One clinic clock (clinic.time_zone, internal/clinic_time_zone_apply, clinic_clock_now): the rules' "today" and "now"
/// are the clinic's, not the database server's. The test servers run in UTC; the server's clock cannot be moved, so each
/// test sets the clinic's zone to an offset that puts the clinic on another date than UTC right now (+13:00 from 11:00
/// UTC, -12:00 before noon UTC: the two overlap at 11:xx, so a test running across the hour still holds) and checks
/// that the rules use the clinic's date. Its own database: the setting is clinic-wide and other tests expect SYSTEM.
/// </summary>
[NonParallelizable]
public class ClinicClockTests
{
    private static TestDatabase _db = null!;
    private static TestDatabase Db => _db;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _db = await DatabaseFixture.CreateDatabaseAsync();

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    private static ClinicClockProcedures ClockAs(int actorId) => new(Db.Runner, Db.SessionOf(actorId));

    /// <summary>The server's UTC wall clock (not the test machine's).</summary>
    private static Task<DateTime> UtcNowAsync() => Db.ScalarAsync<DateTime>("SELECT UTC_TIMESTAMP()");

    /// <summary>Sets clinic.time_zone to an offset whose date differs from UTC's now; returns the offset.</summary>
    private static async Task<TimeSpan> ClinicOnAnotherDateAsync()
    {
        var utc = await UtcNowAsync();
        var offset = utc.Hour >= 11 ? TimeSpan.FromHours(13) : TimeSpan.FromHours(-12);
        await SetZoneAsync(offset > TimeSpan.Zero ? "+13:00" : "-12:00");
        return offset;
    }

    private static async Task SetZoneAsync(string zone) =>
        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("clinic.time_zone", zone);

    [TearDown]
    public async Task BackToTheServersZoneAsync() => await SetZoneAsync("SYSTEM");

    [Test]
    public async Task The_clock_answers_the_clinics_date_and_time_not_the_servers()
    {
        var offset = await ClinicOnAnotherDateAsync();
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var before = await UtcNowAsync();
        var clock = await ClockAs(receptionist).NowAsync();
        var after = await UtcNowAsync();

        Assert.That(clock.TimeZone, Is.EqualTo(offset > TimeSpan.Zero ? "+13:00" : "-12:00"));
        Assert.That(clock.ZoneApplied, Is.True);
        Assert.That(clock.UtcOffsetMinutes, Is.EqualTo((int)offset.TotalMinutes));
        Assert.That(clock.Now, Is.InRange(before + offset, after + offset));
        Assert.That(clock.Today, Is.EqualTo(clock.Now.Date));
        Assert.That(clock.Today, Is.Not.EqualTo(before.Date), "the clinic is on another date than UTC");
    }

    [Test]
    public async Task A_named_zone_and_a_fixed_offset_are_accepted_and_SYSTEM_is_the_servers_zone()
    {
        var (nurse, _) = await Db.NewAccountAsync("nurse");
        await SetZoneAsync("Africa/Kampala");
        var kampala = await ClockAs(nurse).NowAsync();
        Assert.That((kampala.TimeZone, kampala.UtcOffsetMinutes, kampala.ZoneApplied), Is.EqualTo(("Africa/Kampala", 180, true)));
        Assert.That(kampala.Today, Is.EqualTo((await UtcNowAsync()).AddHours(3).Date).Or.EqualTo(kampala.Now.Date));

        await SetZoneAsync("+03:00");
        Assert.That((await ClockAs(nurse).NowAsync()).UtcOffsetMinutes, Is.EqualTo(180));

        await SetZoneAsync("system");
        var system = await ClockAs(nurse).NowAsync();
        Assert.That(system.TimeZone, Is.EqualTo("SYSTEM"), "stored in capitals");
        var serverOffset = await Db.ScalarAsync<int>("SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW())");
        Assert.That(system.UtcOffsetMinutes, Is.EqualTo(serverOffset));
    }

    [TestCase("Mars/Olympus_Mons")]
    [TestCase("Africa/Kampala; SET time_zone = 1")]
    [TestCase("+25:00")]
    [TestCase("3")]
    [TestCase("")]
    public async Task An_unknown_zone_is_refused_and_the_setting_keeps_its_value(string zone)
    {
        await SetZoneAsync("+03:00");
        Assert.That(await CodeOf(() => SetZoneAsync(zone)), Is.EqualTo(ClinicClockProcedures.UnknownTimeZone));
        Assert.That(await Db.ScalarAsync<string>("SELECT setting_value FROM clinic_setting WHERE setting_key = 'clinic.time_zone'"),
            Is.EqualTo("+03:00"));
    }

    [Test]
    public async Task A_change_of_zone_is_audited_and_keeps_the_live_sessions_alive()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var clock = ClockAs(receptionist);
        await clock.NowAsync(); // opens the session on the server's clock
        var auditBefore = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        await SetZoneAsync("+13:00");
        Assert.That((await clock.NowAsync()).UtcOffsetMinutes, Is.EqualTo(780), "not signed out as idle for 13 hours");
        await SetZoneAsync("-12:00");
        Assert.That((await clock.NowAsync()).UtcOffsetMinutes, Is.EqualTo(-720), "not kept alive 25 hours longer either");
        var lastUsed = await Db.ScalarAsync<DateTime>(
            "SELECT MAX(last_used_at) FROM user_session WHERE user_account_id = @receptionist AND ended_at IS NULL", new { receptionist });
        Assert.That(lastUsed, Is.EqualTo((await UtcNowAsync()).AddHours(-12)).Within(TimeSpan.FromMinutes(2)), "on the clinic's clock");

        var changes = await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @auditBefore AND table_name = 'clinic_setting' AND action = 'UPDATE'",
            new { auditBefore });
        Assert.That(changes, Is.EqualTo(2));
    }

    [Test]
    public async Task The_queue_day_is_the_clinics_date()
    {
        var offset = await ClinicOnAnotherDateAsync();
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var queue = Db.QueueAs(receptionist);
        var patient = await Db.NewPatientAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = patient });
        var clinicToday = (await UtcNowAsync() + offset).Date;

        var entry = await queue.GetAsync(ticket.QueueEntryId);
        Assert.That(entry!.ClinicDay, Is.EqualTo(clinicToday));
        Assert.That((await queue.ListAsync(null, null, true, null, 0, 100)).Select(r => r.QueueEntryId), Does.Contain(ticket.QueueEntryId),
            "today's board is the clinic's day");
        Assert.That((await queue.ListAsync((await UtcNowAsync()).Date, null, true, null, 0, 100)).Select(r => r.QueueEntryId),
            Does.Not.Contain(ticket.QueueEntryId), "not the UTC date's");
    }

    [Test]
    public async Task A_lot_expiring_on_the_clinics_today_is_refused_and_received_today_is_not_the_future()
    {
        var offset = await ClinicOnAnotherDateAsync();
        var medication = await Db.NewMedicationAsync();
        var stock = Db.StockAs(await Db.AdminIdAsync());
        var clinicToday = (await UtcNowAsync() + offset).Date;
        StockLotReceiveInput Lot(DateTime expiry) => new()
        {
            MedicationId = medication, BatchNumber = "TZ" + Guid.NewGuid().ToString("N")[..8], ExpiryDate = expiry, Quantity = 10,
            UnitCost = 100m, ReceivedDate = clinicToday,
        };

        Assert.That(await CodeOf(() => stock.ReceiveAsync(Lot(clinicToday))), Is.EqualTo(51013), "expires today at the clinic");
        var lot = await stock.ReceiveAsync(Lot(clinicToday.AddDays(1)));
        Assert.That(await Db.ScalarAsync<DateTime>("SELECT received_date FROM stock_lot WHERE stock_lot_id = @lot", new { lot }),
            Is.EqualTo(clinicToday));
        Assert.That(await CodeOf(() => stock.ReceiveAsync(Lot(clinicToday.AddDays(1)) with { ReceivedDate = clinicToday.AddDays(1) })),
            Is.EqualTo(51016), "received tomorrow at the clinic");
    }

    [Test]
    public async Task Booking_and_no_show_follow_the_clinics_now()
    {
        var offset = await ClinicOnAnotherDateAsync();
        var doctor = await Db.NewDoctorAsync(hours: (TimeSpan.Zero, new TimeSpan(23, 59, 0)));
        var patient = await Db.NewPatientAsync();
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var appointments = Db.AppointmentsAs(receptionist);
        var clinicNow = await UtcNowAsync() + offset;
        var minute = new DateTime(clinicNow.Year, clinicNow.Month, clinicNow.Day, clinicNow.Hour, clinicNow.Minute, 0);
        AppointmentInput At(DateTime startsAt) => new() { PatientId = patient, StaffId = doctor, StartsAt = startsAt, Minutes = 15 };

        // Half an hour ago at the clinic is the past (for a clinic ahead of UTC it is the server's future).
        Assert.That(await CodeOf(() => appointments.BookAsync(At(minute.AddMinutes(-30)))), Is.EqualTo(50503));
        // Half an hour from now at the clinic is today's slot (for a clinic behind UTC it is the server's past).
        // The clinic's hour is 0-12 (+13:00) or 12-22 (-12:00): the slot ends before midnight.
        var booked = await appointments.BookAsync(At(minute.AddMinutes(30)));
        Assert.That((await appointments.GetAsync(booked))!.StartsAt.Date, Is.EqualTo(clinicNow.Date));
        Assert.That(await CodeOf(() => appointments.MarkNoShowAsync(booked)), Is.EqualTo(50518), "it has not started at the clinic");

        // An appointment that started an hour ago at the clinic (for a clinic ahead of UTC, 12 hours ahead of the server).
        int started;
        await using (var migrator = await Db.OpenAsync(Db.Migrator))
        {
            started = await migrator.ExecuteScalarAsync<int>(
                "INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status) VALUES (@patient, @doctor, @starts, @ends, 'booked'); " +
                "SELECT LAST_INSERT_ID();",
                new { patient = await Db.NewPatientAsync(), doctor, starts = minute.AddMinutes(-60), ends = minute.AddMinutes(-45) });
        }
        Assert.That((await appointments.GetAsync(started))!.CanMarkNoShow, Is.True, "may be marked as a no-show");
        await appointments.MarkNoShowAsync(started);
        Assert.That((await appointments.GetAsync(started))!.Status, Is.EqualTo("no_show"));
    }
}
