using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The analysts' scheduling, queue and staffing views (db/views/rpt_appointment_daily.sql,
/// rpt_department_load, rpt_doctor_utilisation, rpt_room_utilisation, rpt_queue_wait,
/// rpt_queue_wait_doctor, rpt_shift_coverage), read as the analyst account on databases of their own,
/// so every figure can be asserted exactly. The data lies in March 2025 (Monday 3 March is the first
/// day): finished appointments are recorded with appointment_record_past, leave and extra sessions with
/// schedule_exception_add, shifts with staff_shift_add. Written as the schema owner, because no
/// procedure can backdate them: appointments still open on a past day, queue entries of a past day
/// (with their arrival and start times) and the visits of those walk-ins.
/// </summary>
public class ReportSchedulingViewTests
{
    private static readonly DateTime Monday = new(2025, 3, 3);

    public sealed record AppointmentDailyRow
    {
        public DateTime AppointmentDay { get; init; }
        public int StaffId { get; init; }
        public string DoctorName { get; init; } = "";
        public string Department { get; init; } = "";
        public string? Specialisation { get; init; }
        public long Appointments { get; init; }
        public long Completed { get; init; }
        public long Cancelled { get; init; }
        public long NoShow { get; init; }
        public long StillOpen { get; init; }
        public decimal? NoShowRate { get; init; }
    }

    public sealed record DepartmentLoadRow
    {
        public DateTime BusinessDay { get; init; }
        public string Department { get; init; } = "";
        public long Appointments { get; init; }
        public long WalkIns { get; init; }
        public long Visits { get; init; }
        public decimal? ShareOfDay { get; init; }
    }

    public sealed record DoctorUtilisationRow
    {
        public DateTime WorkDay { get; init; }
        public int StaffId { get; init; }
        public string DoctorName { get; init; } = "";
        public string Department { get; init; } = "";
        public long WorkingMinutes { get; init; }
        public long BookedMinutes { get; init; }
        public decimal? Utilisation { get; init; }
    }

    public sealed record RoomUtilisationRow
    {
        public DateTime WorkDay { get; init; }
        public int RoomId { get; init; }
        public string RoomName { get; init; } = "";
        public string RoomType { get; init; } = "";
        public string Department { get; init; } = "";
        public long Appointments { get; init; }
        public long BookedMinutes { get; init; }
        public long AvailableMinutes { get; init; }
        public decimal? Utilisation { get; init; }
    }

    public sealed record QueueWaitRow
    {
        public DateTime ClinicDay { get; init; }
        public string Priority { get; init; } = "";
        public long Arrivals { get; init; }
        public long Seen { get; init; }
        public long Cancelled { get; init; }
        public decimal? MedianWaitMinutes { get; init; }
        public decimal? P90WaitMinutes { get; init; }
        public decimal? MaxWaitMinutes { get; init; }
    }

    public sealed record QueueWaitDoctorRow
    {
        public DateTime ClinicDay { get; init; }
        public int StaffId { get; init; }
        public string DoctorName { get; init; } = "";
        public long Seen { get; init; }
        public decimal? MedianWaitMinutes { get; init; }
        public decimal? P90WaitMinutes { get; init; }
    }

    public sealed record ShiftCoverageRow
    {
        public DateTime ShiftDay { get; init; }
        public string Department { get; init; } = "";
        public string StaffRole { get; init; } = "";
        public long StaffOnShift { get; init; }
        public long ShiftMinutes { get; init; }
    }

    private sealed record DoctorFacts(string Name, string Department, string Specialisation);

    private static async Task<IReadOnlyList<T>> AsAnalystAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Analyst);
        return (await connection.QueryAsync<T>(sql, args)).AsList();
    }

    private static async Task<DoctorFacts> FactsOfAsync(TestDatabase db, int staffId) =>
        (await db.QueryAsync<DoctorFacts>(
            """
            SELECT CONCAT(s.given_name, ' ', s.family_name) AS name, d.name AS department, sp.name AS specialisation
              FROM staff s JOIN department d ON d.department_id = s.department_id
              JOIN specialisation sp ON sp.specialisation_id = s.specialisation_id
             WHERE s.staff_id = @staffId
            """, new { staffId })).Single();

    /// <summary>A finished appointment recorded through appointment_record_past (a completed one gets its visit).</summary>
    private static async Task<int> PastAsync(TestDatabase db, int doctor, DateTime startsAt, int minutes, string status,
        int? room = null, int? patient = null) =>
        await db.AppointmentsAs(await db.AdminIdAsync()).RecordPastAsync(new PastAppointmentInput
        {
            PatientId = patient ?? await db.NewPatientAsync(), StaffId = doctor, RoomId = room, StartsAt = startsAt,
            Minutes = minutes, Status = status, CancelReason = status == "cancelled" ? "Patient travelled" : null,
        });

    /// <summary>An appointment still open on a past day (booked, then moved on to <paramref name="status"/>): no procedure books the past.</summary>
    private static async Task OpenPastAsync(TestDatabase db, int doctor, DateTime startsAt, int minutes, string status)
    {
        var patient = await db.NewPatientAsync();
        await db.OwnerExecuteAsync(
            "INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at) VALUES (@patient, @doctor, @startsAt, @endsAt)",
            new { patient, doctor, startsAt, endsAt = startsAt.AddMinutes(minutes) });
        var id = await db.ScalarAsync<int>("SELECT MAX(appointment_id) FROM appointment");
        foreach (var next in status switch { "checked_in" => new[] { "checked_in" }, "in_progress" => ["checked_in", "in_progress"], _ => [] })
            await db.OwnerExecuteAsync("UPDATE appointment SET status = @next WHERE appointment_id = @id", new { next, id });
    }

    /// <summary>
    /// A queue entry of a past clinic day, arriving at <paramref name="arrivedAt"/>; with <paramref name="waitSeconds"/>
    /// its consultation started that many seconds later with <paramref name="doctor"/>; <paramref name="cancel"/> removes it.
    /// Returns queue_entry_id.
    /// </summary>
    private static async Task<int> QueueAsync(TestDatabase db, DateTime arrivedAt, string priority, int? doctor = null,
        int? waitSeconds = null, bool cancel = false)
    {
        var patient = await db.NewPatientAsync();
        var day = arrivedAt.Date;
        var number = await db.ScalarAsync<int>("SELECT COALESCE(MAX(queue_number), 0) + 1 FROM queue_entry WHERE clinic_day = @day", new { day });
        await db.OwnerExecuteAsync(
            """
            INSERT INTO queue_entry (clinic_day, queue_number, patient_id, priority, staff_id, arrived_at)
            VALUES (@day, @number, @patient, @priority, @doctor, @arrivedAt)
            """, new { day, number, patient, priority, doctor, arrivedAt });
        var id = await db.ScalarAsync<int>("SELECT queue_entry_id FROM queue_entry WHERE clinic_day = @day AND queue_number = @number", new { day, number });
        if (waitSeconds is { } wait)
            await db.OwnerExecuteAsync("UPDATE queue_entry SET status = 'with_doctor', staff_id = @doctor, started_at = @startedAt WHERE queue_entry_id = @id",
                new { id, doctor, startedAt = arrivedAt.AddSeconds(wait) });
        if (cancel)
            await db.OwnerExecuteAsync("UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Left before being seen' WHERE queue_entry_id = @id", new { id });
        return id;
    }

    [Test]
    public async Task Appointment_daily_counts_every_status_and_the_no_show_rate_leaves_cancelled_ones_out()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var doctor = await db.NewDoctorAsync(withHours: false);
        var other = await db.NewDoctorAsync(withHours: false);
        var facts = await FactsOfAsync(db, doctor);

        // Monday: 2 completed, 1 cancelled, 1 no-show, 1 still booked, 1 checked in, 1 in progress.
        await PastAsync(db, doctor, Monday.AddHours(8), 30, "completed");
        await PastAsync(db, doctor, Monday.AddHours(9), 30, "completed");
        await PastAsync(db, doctor, Monday.AddHours(9), 30, "cancelled");
        await PastAsync(db, doctor, Monday.AddHours(10), 30, "no_show");
        await OpenPastAsync(db, doctor, Monday.AddHours(11), 30, "booked");
        await OpenPastAsync(db, doctor, Monday.AddHours(12), 30, "checked_in");
        await OpenPastAsync(db, doctor, Monday.AddHours(13), 30, "in_progress");
        // Tuesday: only a cancelled one (no rate); the other doctor: one no-show on Monday.
        await PastAsync(db, doctor, Monday.AddDays(1).AddHours(9), 30, "cancelled");
        await PastAsync(db, other, Monday.AddHours(9), 30, "no_show");

        var rows = await AsAnalystAsync<AppointmentDailyRow>(db,
            "SELECT * FROM rpt_appointment_daily WHERE appointment_day BETWEEN '2025-03-03' AND '2025-03-09' AND staff_id = @doctor ORDER BY appointment_day",
            new { doctor });
        Assert.That(rows, Is.EqualTo(new[]
        {
            new AppointmentDailyRow
            {
                AppointmentDay = Monday, StaffId = doctor, DoctorName = facts.Name, Department = facts.Department,
                Specialisation = facts.Specialisation, Appointments = 7, Completed = 2, Cancelled = 1, NoShow = 1, StillOpen = 3,
                NoShowRate = 0.1667m,
            },
            new AppointmentDailyRow
            {
                AppointmentDay = Monday.AddDays(1), StaffId = doctor, DoctorName = facts.Name, Department = facts.Department,
                Specialisation = facts.Specialisation, Appointments = 1, Cancelled = 1, NoShowRate = null,
            },
        }));

        var otherRow = (await AsAnalystAsync<AppointmentDailyRow>(db, "SELECT * FROM rpt_appointment_daily WHERE staff_id = @other", new { other })).Single();
        Assert.That((otherRow.AppointmentDay, otherRow.Appointments, otherRow.NoShow, otherRow.NoShowRate), Is.EqualTo((Monday, 1L, 1L, (decimal?)1.0000m)));
    }

    [Test]
    public async Task Department_load_spreads_the_day_over_departments_with_walk_ins_and_visits()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var a = await db.NewDoctorAsync(withHours: false);
        var b = await db.NewDoctorAsync(withHours: false);
        var departmentA = (await FactsOfAsync(db, a)).Department;
        var departmentB = (await FactsOfAsync(db, b)).Department;

        // A: 2 completed (2 visits), 1 no-show, 1 cancelled (not counted).
        await PastAsync(db, a, Monday.AddHours(8), 30, "completed");
        await PastAsync(db, a, Monday.AddHours(9), 30, "completed");
        await PastAsync(db, a, Monday.AddHours(10), 30, "no_show");
        await PastAsync(db, a, Monday.AddHours(11), 30, "cancelled");
        // B: 1 completed appointment (1 visit); two walk-ins: one seen (its visit opened), one assigned and waiting.
        await PastAsync(db, b, Monday.AddHours(8), 30, "completed");
        var seen = await QueueAsync(db, Monday.AddHours(9), "normal", b, waitSeconds: 600);
        await db.OwnerExecuteAsync(
            "INSERT INTO visit (patient_id, staff_id, queue_entry_id, started_at) SELECT patient_id, staff_id, queue_entry_id, started_at FROM queue_entry WHERE queue_entry_id = @seen",
            new { seen });
        await QueueAsync(db, Monday.AddMinutes(570), "urgent", b);
        // Unassigned: one waiting walk-in, one removed from the queue (not counted).
        await QueueAsync(db, Monday.AddHours(10), "normal");
        await QueueAsync(db, Monday.AddMinutes(630), "normal", cancel: true);
        // Tuesday: a single walk-in for A: the whole day's share.
        await QueueAsync(db, Monday.AddDays(1).AddHours(9), "normal", a, waitSeconds: 60);

        var rows = await AsAnalystAsync<DepartmentLoadRow>(db,
            "SELECT * FROM rpt_department_load WHERE business_day BETWEEN '2025-03-03' AND '2025-03-04' ORDER BY business_day, department");
        var expected = new[]
        {
            new DepartmentLoadRow { BusinessDay = Monday, Department = departmentA, Appointments = 3, Visits = 2, ShareOfDay = 0.4286m },
            new DepartmentLoadRow { BusinessDay = Monday, Department = departmentB, Appointments = 1, WalkIns = 2, Visits = 2, ShareOfDay = 0.4286m },
            new DepartmentLoadRow { BusinessDay = Monday, Department = "Unassigned", WalkIns = 1, ShareOfDay = 0.1429m },
            new DepartmentLoadRow { BusinessDay = Monday.AddDays(1), Department = departmentA, WalkIns = 1, ShareOfDay = 1.0000m },
        }.OrderBy(r => r.BusinessDay).ThenBy(r => r.Department, StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.That(rows, Is.EqualTo(expected));
    }

    [Test]
    public async Task Doctor_utilisation_honours_weekly_hours_merged_leave_holidays_and_extra_sessions()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.AdminIdAsync();
        var doctor = await db.NewDoctorAsync(withHours: false);
        var facts = await FactsOfAsync(db, doctor);
        var hours = db.WorkingHoursAs(admin);
        // Monday 08-12 and 13-17 (480), Tuesday 09-13 (240), Wednesday 08-12 (240); nothing Thursday to Sunday.
        await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(12));
        await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(13), TimeSpan.FromHours(17));
        await hours.AddBlockAsync(doctor, 2, TimeSpan.FromHours(9), TimeSpan.FromHours(13));
        await hours.AddBlockAsync(doctor, 3, TimeSpan.FromHours(8), TimeSpan.FromHours(12));
        // Tuesday: leave 10:00-12:00 and overlapping leave 11:00-12:30 (together 10:00-12:30, counted once: 150 of 240).
        await hours.AddExceptionAsync(doctor, "leave", Monday.AddDays(1).AddHours(10), Monday.AddDays(1).AddHours(12), "Training");
        await hours.AddExceptionAsync(doctor, "leave", Monday.AddDays(1).AddHours(11), Monday.AddDays(1).AddMinutes(750), "Dentist");
        // Wednesday: a public holiday (no working time, no booking: no row). Saturday: an extra session 09:00-11:00.
        await hours.AddExceptionAsync(doctor, "holiday", Monday.AddDays(2), Monday.AddDays(3), "Public holiday");
        await hours.AddExceptionAsync(doctor, "extra_session", Monday.AddDays(5).AddHours(9), Monday.AddDays(5).AddHours(11), "Catch-up clinic");

        // Monday: 30 completed + 30 no-show (held) + 60 cancelled (not booked) = 60 booked. Tuesday: 45. Thursday (no hours): 20.
        await PastAsync(db, doctor, Monday.AddHours(9), 30, "completed");
        await PastAsync(db, doctor, Monday.AddHours(10), 30, "no_show");
        await PastAsync(db, doctor, Monday.AddHours(11), 60, "cancelled");
        await PastAsync(db, doctor, Monday.AddDays(1).AddHours(9), 45, "completed");
        await PastAsync(db, doctor, Monday.AddDays(3).AddHours(14), 20, "completed");

        var rows = await AsAnalystAsync<DoctorUtilisationRow>(db,
            "SELECT * FROM rpt_doctor_utilisation WHERE work_day BETWEEN '2025-03-03' AND '2025-03-10' AND staff_id = @doctor ORDER BY work_day",
            new { doctor });
        DoctorUtilisationRow Row(int day, long working, long booked, decimal? utilisation) => new()
        {
            WorkDay = Monday.AddDays(day), StaffId = doctor, DoctorName = facts.Name, Department = facts.Department,
            WorkingMinutes = working, BookedMinutes = booked, Utilisation = utilisation,
        };
        Assert.That(rows, Is.EqualTo(new[]
        {
            Row(0, 480, 60, 0.1250m),
            Row(1, 90, 45, 0.5000m),
            Row(3, 0, 20, null),
            Row(5, 120, 0, 0.0000m),
            Row(7, 480, 0, 0.0000m), // the next Monday: today's weekly hours stand for every day up to today
        }));
    }

    [Test]
    public async Task Room_utilisation_counts_held_minutes_up_to_midnight_against_the_opening_minutes()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.AdminIdAsync();
        var doctor = await db.NewDoctorAsync(withHours: false);
        var second = await db.NewDoctorAsync(withHours: false);
        var plain = await db.NewRoomAsync();
        var department = await db.FacilitiesAs(admin).CreateDepartmentAsync("Theatre " + Guid.NewGuid().ToString("N")[..8]);
        var theatreName = "Theatre room " + Guid.NewGuid().ToString("N")[..8];
        var theatre = await db.FacilitiesAs(admin).CreateRoomAsync(theatreName, "procedure", department);
        var plainName = await db.ScalarAsync<string>("SELECT name FROM room WHERE room_id = @plain", new { plain });
        var departmentName = await db.ScalarAsync<string>("SELECT name FROM department WHERE department_id = @department", new { department });

        // Plain room, Monday: 60 completed + 30 no-show (held) + a cancelled hour (not held) = 90. Theatre: 120 by another doctor.
        await PastAsync(db, doctor, Monday.AddHours(9), 60, "completed", plain);
        await PastAsync(db, doctor, Monday.AddHours(10), 30, "no_show", plain);
        await PastAsync(db, doctor, Monday.AddHours(11), 60, "cancelled", plain);
        await PastAsync(db, second, Monday.AddHours(9), 120, "completed", theatre);
        // Plain room, Tuesday: 23:00 for two hours: 60 minutes on Tuesday (up to midnight). An appointment with no room counts nowhere.
        await PastAsync(db, doctor, Monday.AddDays(1).AddHours(23), 120, "completed", plain);
        await PastAsync(db, second, Monday.AddDays(1).AddHours(9), 30, "completed");

        const string sql = "SELECT * FROM rpt_room_utilisation WHERE work_day BETWEEN '2025-03-03' AND '2025-03-09' ORDER BY work_day, room_id";
        RoomUtilisationRow Plain(int day, long appointments, long booked, long available, decimal utilisation) => new()
        {
            WorkDay = Monday.AddDays(day), RoomId = plain, RoomName = plainName, RoomType = "consultation", Department = "No department",
            Appointments = appointments, BookedMinutes = booked, AvailableMinutes = available, Utilisation = utilisation,
        };
        RoomUtilisationRow Theatre(long available, decimal utilisation) => new()
        {
            WorkDay = Monday, RoomId = theatre, RoomName = theatreName, RoomType = "procedure", Department = departmentName,
            Appointments = 1, BookedMinutes = 120, AvailableMinutes = available, Utilisation = utilisation,
        };
        var byRoom = (plain < theatre)
            ? new Func<long, decimal, decimal, decimal, RoomUtilisationRow[]>((available, p0, t0, p1) => [Plain(0, 2, 90, available, p0), Theatre(available, t0), Plain(1, 1, 60, available, p1)])
            : (available, p0, t0, p1) => [Theatre(available, t0), Plain(0, 2, 90, available, p0), Plain(1, 1, 60, available, p1)];

        // No opening-minutes setting: 600 a day.
        Assert.That(await AsAnalystAsync<RoomUtilisationRow>(db, sql), Is.EqualTo(byRoom(600, 0.1500m, 0.2000m, 0.1000m)));

        // The clinic opens eight hours a day (clinic.opening_minutes = 480).
        await db.OwnerExecuteAsync(
            "INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES ('clinic.opening_minutes', '480', 'Minutes the clinic is open on a day')");
        Assert.That(await AsAnalystAsync<RoomUtilisationRow>(db, sql), Is.EqualTo(byRoom(480, 0.1875m, 0.2500m, 0.1250m)));
    }

    [Test]
    public async Task Queue_wait_takes_nearest_rank_median_and_90th_percentile_per_day_priority_and_doctor()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var first = await db.NewDoctorAsync(withHours: false);
        var second = await db.NewDoctorAsync(withHours: false);
        var firstName = (await FactsOfAsync(db, first)).Name;
        var secondName = (await FactsOfAsync(db, second)).Name;

        // Normal, Monday: ten seen (waits in seconds below, in a shuffled order), one still waiting, one removed.
        // Sorted: 300 600 900 1200 1520 | 1800 2100 2400 2730 3000. Median = rank CEIL(5) = 1520 s = 25.3 min;
        // p90 = rank CEIL(9) = 2730 s = 45.5 min; max = 3000 s = 50.0 min.
        var arrival = Monday.AddHours(8);
        foreach (var (wait, doctor) in new[]
                 {
                     (2400, second), (300, first), (3000, second), (1200, first), (600, first),
                     (2730, second), (1520, first), (1800, second), (900, first), (2100, second),
                 })
        {
            await QueueAsync(db, arrival, "normal", doctor, wait);
            arrival = arrival.AddMinutes(3);
        }
        await QueueAsync(db, Monday.AddHours(11), "normal");
        await QueueAsync(db, Monday.AddMinutes(666), "normal", cancel: true);
        // Urgent, Monday: three seen by the first doctor, 120, 60 and 600 s: median = rank 2 = 2.0 min, p90 = rank 3 = 10.0 min.
        await QueueAsync(db, Monday.AddHours(9), "urgent", first, 120);
        await QueueAsync(db, Monday.AddMinutes(552), "urgent", first, 60);
        await QueueAsync(db, Monday.AddMinutes(564), "urgent", first, 600);
        // Emergency, Monday: one arrival, removed: no waits.
        await QueueAsync(db, Monday.AddHours(12), "emergency", cancel: true);
        // Tuesday: one normal walk-in seen by the first doctor after 90 s.
        await QueueAsync(db, Monday.AddDays(1).AddHours(8), "normal", first, 90);

        var rows = await AsAnalystAsync<QueueWaitRow>(db,
            "SELECT * FROM rpt_queue_wait WHERE clinic_day BETWEEN '2025-03-03' AND '2025-03-04' ORDER BY clinic_day, priority");
        Assert.That(rows, Is.EqualTo(new[]
        {
            new QueueWaitRow { ClinicDay = Monday, Priority = "emergency", Arrivals = 1, Cancelled = 1 },
            new QueueWaitRow { ClinicDay = Monday, Priority = "normal", Arrivals = 12, Seen = 10, Cancelled = 1, MedianWaitMinutes = 25.3m, P90WaitMinutes = 45.5m, MaxWaitMinutes = 50.0m },
            new QueueWaitRow { ClinicDay = Monday, Priority = "urgent", Arrivals = 3, Seen = 3, MedianWaitMinutes = 2.0m, P90WaitMinutes = 10.0m, MaxWaitMinutes = 10.0m },
            new QueueWaitRow { ClinicDay = Monday.AddDays(1), Priority = "normal", Arrivals = 1, Seen = 1, MedianWaitMinutes = 1.5m, P90WaitMinutes = 1.5m, MaxWaitMinutes = 1.5m },
        }));

        // Per doctor. First, Monday: 60 120 300 600 600 900 1200 1520: median = rank 4 = 600 s = 10.0; p90 = rank CEIL(7.2) = 8 = 25.3.
        // Second, Monday: 1800 2100 2400 2730 3000: median = rank 3 = 40.0; p90 = rank 5 = 50.0.
        var doctors = await AsAnalystAsync<QueueWaitDoctorRow>(db,
            "SELECT * FROM rpt_queue_wait_doctor WHERE clinic_day BETWEEN '2025-03-03' AND '2025-03-04' ORDER BY clinic_day, staff_id");
        var monday = new[]
        {
            new QueueWaitDoctorRow { ClinicDay = Monday, StaffId = first, DoctorName = firstName, Seen = 8, MedianWaitMinutes = 10.0m, P90WaitMinutes = 25.3m },
            new QueueWaitDoctorRow { ClinicDay = Monday, StaffId = second, DoctorName = secondName, Seen = 5, MedianWaitMinutes = 40.0m, P90WaitMinutes = 50.0m },
        }.OrderBy(r => r.StaffId);
        Assert.That(doctors, Is.EqualTo(monday.Append(
            new QueueWaitDoctorRow { ClinicDay = Monday.AddDays(1), StaffId = first, DoctorName = firstName, Seen = 1, MedianWaitMinutes = 1.5m, P90WaitMinutes = 1.5m })));
    }

    [Test]
    public async Task Shift_coverage_counts_distinct_staff_and_splits_night_shifts_at_midnight()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.AdminIdAsync();
        var staff = db.StaffAs(admin);
        var wardName = "Ward " + Guid.NewGuid().ToString("N")[..8];
        var ward = await db.FacilitiesAs(admin).CreateDepartmentAsync(wardName);
        async Task<int> NewStaffAsync(string role, int? department) => await staff.CreateAsync(new StaffInput
        {
            GivenName = "Shift", FamilyName = role + Guid.NewGuid().ToString("N")[..6], StaffRole = role, DepartmentId = department,
        });
        var nurse1 = await NewStaffAsync("nurse", ward);
        var nurse2 = await NewStaffAsync("nurse", ward);
        var receptionist = await NewStaffAsync("receptionist", null);

        // Nurse 1: two shifts on Monday (480 + 120), counted once. Nurse 2: a night shift 22:00-06:00 (120 Monday, 360 Tuesday).
        await staff.AddShiftAsync(nurse1, Monday.AddHours(8), Monday.AddHours(16));
        await staff.AddShiftAsync(nurse1, Monday.AddHours(18), Monday.AddHours(20));
        await staff.AddShiftAsync(nurse2, Monday.AddHours(22), Monday.AddDays(1).AddHours(6));
        await staff.AddShiftAsync(receptionist, Monday.AddHours(9), Monday.AddHours(17));

        var rows = await AsAnalystAsync<ShiftCoverageRow>(db,
            "SELECT * FROM rpt_shift_coverage WHERE shift_day BETWEEN '2025-03-03' AND '2025-03-09' ORDER BY shift_day, staff_role");
        Assert.That(rows, Is.EqualTo(new[]
        {
            new ShiftCoverageRow { ShiftDay = Monday, Department = wardName, StaffRole = "nurse", StaffOnShift = 2, ShiftMinutes = 720 },
            new ShiftCoverageRow { ShiftDay = Monday, Department = "No department", StaffRole = "receptionist", StaffOnShift = 1, ShiftMinutes = 480 },
            new ShiftCoverageRow { ShiftDay = Monday.AddDays(1), Department = wardName, StaffRole = "nurse", StaffOnShift = 1, ShiftMinutes = 360 },
        }));
    }

    [Test]
    public async Task The_views_have_no_rows_on_a_new_database_even_with_doctors_and_working_hours()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await db.NewDoctorAsync(); // working hours every day, nothing booked: no working-only day before its joining
        await db.NewRoomAsync();
        foreach (var view in new[]
                 {
                     "rpt_appointment_daily", "rpt_department_load", "rpt_room_utilisation",
                     "rpt_queue_wait", "rpt_queue_wait_doctor", "rpt_shift_coverage",
                 })
            Assert.That((await AsAnalystAsync<long>(db, $"SELECT COUNT(*) FROM {view}")).Single(), Is.Zero, view);
        // Today's working hours count from the day the doctor joined (today): one row, nothing booked.
        var today = await AsAnalystAsync<DoctorUtilisationRow>(db, "SELECT * FROM rpt_doctor_utilisation");
        Assert.That(today.Select(r => (r.WorkingMinutes, r.BookedMinutes, r.Utilisation)), Is.EqualTo(new[] { (540L, 0L, (decimal?)0.0000m) }));
    }
}
