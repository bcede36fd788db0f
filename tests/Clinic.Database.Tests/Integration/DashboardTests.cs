using Clinic.Data.Common;
using Clinic.Data.Reports;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The three dashboards (dashboard_clinic, dashboard_pharmacy, dashboard_my_performance), read from the analysts'
/// rpt_* views with known rows written as the schema owner on days only one test uses, in a database of their own:
/// exact figures, the period's checks (51310-51312), who may see which dashboard, and that a doctor sees only
/// their own figures.
/// </summary>
[NonParallelizable]
public class DashboardTests
{
    private static TestDatabase Db = null!;
    private static DateTime Today;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        Db = await DatabaseFixture.CreateDatabaseAsync();
        Today = await Db.TodayAsync();
    }

    private static DashboardProcedures DashboardsAs(int? actorId) => new(Db.Runner, Db.SessionOf(actorId));

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    private static async Task<int> OwnerScalarAsync(string sql, object args)
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await connection.ExecuteScalarAsync<int>(sql, args);
    }

    /// <summary>A past appointment with its final (or still booked) status and the times that status needs.</summary>
    private static Task<int> AppointmentAsync(int staffId, int patientId, DateTime startsAt, int minutes, string status) =>
        OwnerScalarAsync(
            """
            INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status, checked_in_at, started_at, completed_at,
                                     cancelled_at, cancel_reason)
            VALUES (@patientId, @staffId, @startsAt, @endsAt, @status,
                    CASE WHEN @status = 'completed' THEN @startsAt END, CASE WHEN @status = 'completed' THEN @startsAt END,
                    CASE WHEN @status = 'completed' THEN @endsAt END,
                    CASE WHEN @status = 'cancelled' THEN @startsAt - INTERVAL 1 DAY END, CASE WHEN @status = 'cancelled' THEN 'Travelling' END);
            SELECT LAST_INSERT_ID();
            """, new { patientId, staffId, startsAt, endsAt = startsAt.AddMinutes(minutes), status });

    private static int queueNumber;

    /// <summary>A walk-in who arrived at <paramref name="arrivedAt"/> and was called in after <paramref name="waitMinutes"/> (null: taken off the queue).</summary>
    private static async Task QueueEntryAsync(int? staffId, DateTime arrivedAt, int? waitMinutes, string priority = "normal")
    {
        var id = await OwnerScalarAsync(
            """
            INSERT INTO queue_entry (clinic_day, queue_number, walk_in_name, walk_in_phone, priority, staff_id, arrived_at)
            VALUES (@day, @number, 'Walk In', '+256772000000', @priority, @staffId, @arrivedAt);
            SELECT LAST_INSERT_ID();
            """, new { day = arrivedAt.Date, number = Interlocked.Increment(ref queueNumber), priority, staffId, arrivedAt });
        await Db.ExecuteAsOwnerAsync(waitMinutes is { } wait
                ? "UPDATE queue_entry SET status = 'with_doctor', started_at = @startedAt WHERE queue_entry_id = @id"
                : "UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Left', cancelled_at = @arrivedAt WHERE queue_entry_id = @id",
            new { id, arrivedAt, startedAt = arrivedAt.AddMinutes(waitMinutes ?? 0) });
    }

    private static Task<int> VisitAsync(int staffId, int patientId, DateTime startedAt) =>
        OwnerScalarAsync(
            "INSERT INTO visit (patient_id, staff_id, started_at, status) VALUES (@patientId, @staffId, @startedAt, 'open'); SELECT LAST_INSERT_ID();",
            new { patientId, staffId, startedAt });

    private static async Task<string> DepartmentOfAsync(int staffId) =>
        await Db.ScalarAsync<string>("SELECT d.name FROM staff AS s JOIN department AS d ON d.department_id = s.department_id WHERE s.staff_id = @staffId",
            new { staffId });

    [Test]
    public async Task The_clinic_dashboard_counts_appointments_no_shows_department_load_queue_waits_and_utilisation_exactly()
    {
        var day = Today.AddDays(-20);
        var a = await Db.NewDoctorAsync();
        var b = await Db.NewDoctorAsync(hours: (TimeSpan.FromHours(8), TimeSpan.FromHours(12)));
        var patient = await Db.NewPatientAsync();
        var at = day.AddHours(9);
        await AppointmentAsync(a, patient, at, 30, "completed");
        await AppointmentAsync(a, patient, at.AddMinutes(30), 30, "completed");
        await AppointmentAsync(a, patient, at.AddMinutes(60), 30, "no_show");
        await AppointmentAsync(a, patient, at.AddMinutes(90), 30, "cancelled");
        await AppointmentAsync(a, patient, at.AddMinutes(120), 30, "booked");
        await AppointmentAsync(b, patient, at, 60, "completed");
        await AppointmentAsync(b, patient, at.AddMinutes(60), 30, "no_show");
        await QueueEntryAsync(a, day.AddHours(8), 10);
        await QueueEntryAsync(a, day.AddHours(8).AddMinutes(5), 20);
        await QueueEntryAsync(b, day.AddHours(8).AddMinutes(10), 40);
        await QueueEntryAsync(b, day.AddHours(8).AddMinutes(15), 15, "urgent");
        await QueueEntryAsync(null, day.AddHours(8).AddMinutes(20), null);
        await VisitAsync(a, patient, at);

        var admin = await Db.AdminIdAsync();
        var data = await DashboardsAs(admin).ClinicAsync(new DashboardPeriod(day.AddDays(-1), day.AddDays(1)));

        Assert.That(data.Appointments.Select(d => d.Day), Is.EqualTo(new[] { day.AddDays(-1), day, day.AddDays(1) }), "every day of the period");
        Assert.That(data.Appointments.Select(d => (d.Appointments, d.Completed, d.Cancelled, d.NoShow, d.StillOpen)),
            Is.EqualTo(new[] { (0L, 0L, 0L, 0L, 0L), (7L, 3L, 1L, 2L, 1L), (0L, 0L, 0L, 0L, 0L) }));
        Assert.That(data.NoShows.Select(d => (d.Day, d.NoShow, d.Expected, d.NoShowRate)),
            Is.EqualTo(new[] { (day.AddDays(-1), 0L, 0L, (decimal?)null), (day, 2L, 6L, 0.3333m), (day.AddDays(1), 0L, 0L, null) }));

        var (deptA, deptB) = (await DepartmentOfAsync(a), await DepartmentOfAsync(b));
        Assert.That(data.Departments.Select(d => (d.Department, d.Appointments, d.WalkIns, d.Visits, d.Share)),
            Is.EqualTo(new[]
            {
                (deptA, 4L, 2L, 1L, (decimal?)0.6m),
                (deptB, 2L, 2L, 0L, 0.4m),
            }), "appointments and walk-ins not cancelled, largest first; the cancelled unassigned walk-in counts nowhere");

        Assert.That(data.QueueWaits.Select(w => (w.Day, w.Priority, w.Arrivals, w.Seen, w.MedianWaitMinutes, w.P90WaitMinutes, w.MaxWaitMinutes)),
            Is.EqualTo(new[]
            {
                (day, "urgent", 1L, 1L, (decimal?)15.0m, (decimal?)15.0m, (decimal?)15.0m),
                (day, "normal", 4L, 3L, 20.0m, 40.0m, 40.0m),
            }), "waits 10, 20 and 40 minutes: median 20, 90th percentile 40 (nearest rank)");

        var oneDay = await DashboardsAs(admin).ClinicAsync(new DashboardPeriod(day, day));
        var mine = oneDay.Doctors.Where(d => d.StaffId == a || d.StaffId == b).ToList();
        Assert.That(mine.Select(d => (d.StaffId, d.WorkingMinutes, d.BookedMinutes, d.Utilisation)),
            Is.EqualTo(new[] { (b, 240L, 90L, (decimal?)0.375m), (a, 540L, 120L, (decimal?)0.2222m) }),
            "booked minutes of the appointments not cancelled over the working minutes, highest first");
        Assert.That(mine[0].Department, Is.EqualTo(deptB));
    }

    [Test]
    public async Task A_period_without_a_day_reversed_or_longer_than_366_days_is_refused_by_every_dashboard()
    {
        var admin = await Db.AdminIdAsync();
        var (doctorAccount, _) = await Db.NewAccountAsync("doctor");
        await Db.NewDoctorAsync(userAccountId: doctorAccount);
        var calls = new Func<DashboardPeriod, Task>[]
        {
            p => DashboardsAs(admin).ClinicAsync(p),
            p => DashboardsAs(admin).PharmacyAsync(p),
            p => DashboardsAs(doctorAccount).MyPerformanceAsync(p),
        };
        foreach (var call in calls)
        {
            Assert.That(await CodeOf(() => call(new DashboardPeriod(Today, Today.AddDays(-1)))), Is.EqualTo(DashboardCodes.PeriodFirstDayAfterLast));
            Assert.That(await CodeOf(() => call(new DashboardPeriod(Today.AddDays(-366), Today))), Is.EqualTo(DashboardCodes.PeriodTooLong));
            await call(new DashboardPeriod(Today.AddDays(-365), Today)); // 366 days, both included
            await call(new DashboardPeriod(Today, Today));
        }

        await using var connection = await Db.OpenAsync(Db.App);
        var (adminToken, doctorToken) = (await Db.OpenSessionAsync(admin), await Db.OpenSessionAsync(doctorAccount));
        foreach (var (procedure, token) in new[] { ("dashboard_clinic", adminToken), ("dashboard_pharmacy", adminToken), ("dashboard_my_performance", doctorToken) })
        {
            foreach (var (from, to) in new (DateTime?, DateTime?)[] { (null, Today), (Today, null), (null, null) })
            {
                var ex = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => connection.ExecuteAsync(
                    $"CALL {procedure}(@token, @from, @to)", new { token, from, to }));
                Assert.That(ex!.Number, Is.EqualTo(DashboardCodes.PeriodDayMissing), procedure);
            }
        }
    }

    [Test]
    public async Task Each_dashboard_is_refused_to_the_roles_without_its_permission()
    {
        var period = new DashboardPeriod(Today.AddDays(-6), Today);
        var accounts = new Dictionary<string, int> { ["admin"] = await Db.AdminIdAsync() };
        foreach (var role in new[] { "receptionist", "nurse", "pharmacist", "billing_clerk", "doctor" })
            accounts[role] = role is "nurse" or "pharmacist" ? await Db.NewStaffAccountAsync(role) : (await Db.NewAccountAsync(role)).Id;
        await Db.NewDoctorAsync(userAccountId: accounts["doctor"]);

        async Task<int> Outcome(Func<Task> call)
        {
            try
            {
                await call();
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        }

        foreach (var (role, id) in accounts)
        {
            var clinic = await Outcome(() => DashboardsAs(id).ClinicAsync(period));
            var pharmacy = await Outcome(() => DashboardsAs(id).PharmacyAsync(period));
            var mine = await Outcome(() => DashboardsAs(id).MyPerformanceAsync(period));
            Assert.That(clinic, Is.EqualTo(role == "admin" ? 0 : 50102), $"{role}: clinic");
            Assert.That(pharmacy, Is.EqualTo(role is "admin" or "pharmacist" ? 0 : 50102), $"{role}: pharmacy");
            Assert.That(mine, Is.EqualTo(role == "doctor" ? 0 : 50102), $"{role}: my performance");
        }
        Assert.That(await CodeOf(() => DashboardsAs(null).ClinicAsync(period)), Is.EqualTo(50101), "no session");

        var (unlinked, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await CodeOf(() => DashboardsAs(unlinked).MyPerformanceAsync(period)), Is.EqualTo(DashboardCodes.NoStaffRecord),
            "a doctor's account without a staff record has no figures of its own");
    }

    [Test]
    public async Task A_doctor_sees_only_their_own_consultations_waits_and_diagnoses()
    {
        var day = Today.AddDays(-12);
        var (meAccount, _) = await Db.NewAccountAsync("doctor");
        var (otherAccount, _) = await Db.NewAccountAsync("doctor");
        var me = await Db.NewDoctorAsync(userAccountId: meAccount);
        var other = await Db.NewDoctorAsync(userAccountId: otherAccount);
        var patient = await Db.NewPatientAsync();
        var at = day.AddHours(10);
        await AppointmentAsync(me, patient, at, 20, "completed");
        await AppointmentAsync(me, patient, at.AddMinutes(20), 20, "completed");
        await AppointmentAsync(me, patient, at.AddMinutes(40), 20, "cancelled");
        await AppointmentAsync(me, patient, at.AddMinutes(60), 20, "no_show");
        for (var i = 0; i < 3; i++)
            await AppointmentAsync(other, patient, at.AddMinutes(20 * i), 20, "completed");
        await QueueEntryAsync(me, day.AddHours(8), 12);
        await QueueEntryAsync(other, day.AddHours(8), 30);
        await QueueEntryAsync(other, day.AddHours(8).AddMinutes(1), 50);

        async Task DiagnoseAsync(int staffId, string code, bool primary)
        {
            var visit = await VisitAsync(staffId, patient, at);
            await Db.ExecuteAsOwnerAsync(
                """
                INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
                VALUES (@visit, @patient, @code, @primary, @admin, @at)
                """, new { visit, patient, code, primary, admin = await Db.AdminIdAsync(), at });
        }
        await DiagnoseAsync(me, "J06.9", true);
        await DiagnoseAsync(me, "J06.9", false);
        await DiagnoseAsync(me, "I10", false);
        await DiagnoseAsync(other, "I10", true);
        await DiagnoseAsync(other, "I10", true);
        await DiagnoseAsync(other, "I10", true);

        var period = new DashboardPeriod(day, day.AddDays(1));
        var mine = await DashboardsAs(meAccount).MyPerformanceAsync(period);

        Assert.That(mine.Consultations.Select(d => (d.Day, d.Appointments, d.Completed, d.NoShow, d.WalkInsSeen, d.Consultations)),
            Is.EqualTo(new[] { (day, 3L, 2L, 1L, 1L, 3L), (day.AddDays(1), 0L, 0L, 0L, 0L, 0L) }),
            "booked and not cancelled; completed appointments and walk-ins seen");
        Assert.That(mine.Waits.Select(w => (w.Day, w.Seen, w.MedianWaitMinutes, w.P90WaitMinutes)),
            Is.EqualTo(new[] { (day, 1L, (decimal?)12.0m, (decimal?)12.0m) }));
        Assert.That(mine.TopDiagnoses.Select(d => (d.Icd10Code, d.Diagnoses, d.PrimaryDiagnoses)),
            Is.EqualTo(new[] { ("J06.9", 2L, 1L), ("I10", 1L, 0L) }), "most frequent first, the colleague's never");
        Assert.That(mine.TopDiagnoses[0].Diagnosis, Is.Not.Empty);

        var theirs = await DashboardsAs(otherAccount).MyPerformanceAsync(period);
        Assert.That(theirs.Consultations[0].Consultations, Is.EqualTo(5L));
        Assert.That(theirs.Waits.Single().Seen, Is.EqualTo(2L));
        Assert.That(theirs.TopDiagnoses.Select(d => (d.Icd10Code, d.Diagnoses, d.PrimaryDiagnoses)), Is.EqualTo(new[] { ("I10", 3L, 3L) }));
    }

    [Test]
    public async Task The_pharmacy_dashboard_shows_dispensing_per_day_and_week_top_prescribers_low_stock_and_expiring_value()
    {
        var day = Today.AddDays(-40);
        var admin = await Db.AdminIdAsync();
        var pharmacist = await Db.NewPharmacistAsync();
        var (p, q) = (await Db.NewDoctorAsync(), await Db.NewDoctorAsync());
        var patient = await Db.NewPatientAsync();
        var low = await Db.NewMedicationAsync(reorderLevel: 50);
        var expiredOnly = await Db.NewMedicationAsync();
        var dispensed = await Db.NewMedicationAsync();
        await Db.NewLotAsync(low, 20, expiresInDays: 10, unitCost: 100m);
        await Db.NewExpiredLotAsync(expiredOnly, 5, expiredDaysAgo: 1);
        var dispensedLot = await Db.NewLotAsync(dispensed, 100, expiresInDays: 400);

        async Task<int> PrescribeAsync(int staffId, params (int Medication, int Quantity)[] items)
        {
            var visit = await VisitAsync(staffId, patient, day.AddHours(9));
            var prescription = await OwnerScalarAsync(
                """
                INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at)
                VALUES (@visit, @patient, @staffId, @admin, @issuedAt); SELECT LAST_INSERT_ID();
                """, new { visit, patient, staffId, admin, issuedAt = day.AddHours(9) });
            var first = 0;
            foreach (var (medication, quantity) in items)
            {
                var item = await OwnerScalarAsync(
                    """
                    INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date)
                    VALUES (@prescription, @medication, '1 tablet', 'oral', 'daily', 5, @quantity, @day, @day + INTERVAL 4 DAY); SELECT LAST_INSERT_ID();
                    """, new { prescription, medication, quantity, day });
                if (first == 0)
                    first = item;
            }
            return first;
        }

        async Task DispenseAsync(int prescriptionItem, DateTime at, int quantity)
        {
            var dispensing = await OwnerScalarAsync(
                """
                INSERT INTO dispensing (receipt_number, prescription_id, patient_id, dispensed_by, dispensed_at, total_amount)
                SELECT @receipt, prescription_id, @patient, @pharmacist, @at, @quantity * 500 FROM prescription_item WHERE prescription_item_id = @prescriptionItem;
                SELECT LAST_INSERT_ID();
                """, new { receipt = "TR" + Guid.NewGuid().ToString("N")[..12], patient, pharmacist, at, quantity, prescriptionItem });
            await Db.ExecuteAsOwnerAsync(
                "INSERT INTO dispensing_line (dispensing_id, prescription_item_id, stock_lot_id, quantity, unit_price) VALUES (@dispensing, @prescriptionItem, @lot, @quantity, 500)",
                new { dispensing, prescriptionItem, lot = dispensedLot, quantity });
        }

        var pItem = await PrescribeAsync(p, (dispensed, 10), (low, 2));
        var qItem = await PrescribeAsync(q, (dispensed, 3));
        await DispenseAsync(pItem, day.AddHours(10), 4);
        await DispenseAsync(qItem, day.AddHours(11), 3);
        await DispenseAsync(pItem, day.AddDays(1).AddHours(10), 6);

        var data = await DashboardsAs(pharmacist).PharmacyAsync(new DashboardPeriod(day, day.AddDays(2)));

        Assert.That(data.Dispensing.Select(d => (d.Day, d.Items, d.QuantityDispensed, d.DispensedValue)),
            Is.EqualTo(new[] { (day, 2L, 7L, 3_500m), (day.AddDays(1), 1L, 6L, 3_000m), (day.AddDays(2), 0L, 0L, 0m) }));
        Assert.That(data.TopPrescribers.Select(t => (t.StaffId, t.Prescriptions, t.Items, t.QuantityPrescribed)),
            Is.EqualTo(new[] { (p, 2L, 2L, 12L), (q, 1L, 1L, 3L) }), "most items first");

        DateTime Monday(DateTime d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        var expectedWeeks = new[] { day, day.AddDays(1), day.AddDays(2) }.Select(Monday).Distinct().Select(w =>
            (w, Quantity: (w == Monday(day) ? 7L : 0L) + (w == Monday(day.AddDays(1)) ? 6L : 0L))).ToList();
        Assert.That(data.Weeks.Select(w => (w.WeekStart, w.QuantityDispensed)), Is.EqualTo(expectedWeeks), "weeks start on Monday");
        Assert.That(data.Weeks.Sum(w => w.DispensedValue), Is.EqualTo(6_500m));

        Assert.That(data.BelowReorder.Select(r => (r.MedicationId, r.QuantityOnHand, r.ReorderLevel, r.Shortfall)),
            Is.EqualTo(new[] { (low, 20L, 50L, 30L) }));

        var lots = new[] { (Expiry: Today.AddDays(10), Value: 2_000m, Expired: false), (Expiry: Today.AddDays(-1), Value: 500m, Expired: true) };
        var expectedMonths = lots.GroupBy(l => new DateTime(l.Expiry.Year, l.Expiry.Month, 1)).OrderBy(g => g.Key)
            .Select(g => (g.Key, (long)g.Count(), g.Sum(l => l.Value), g.Where(l => l.Expired).Sum(l => l.Value), g.Where(l => !l.Expired).Sum(l => l.Value)))
            .ToList();
        Assert.That(data.Expiring.Select(e => (e.MonthStart, e.Lots, e.StockValue, e.ExpiredValue, e.ExpiringValue)), Is.EqualTo(expectedMonths));

        var asAdmin = await DashboardsAs(admin).PharmacyAsync(new DashboardPeriod(day, day.AddDays(2)));
        Assert.That(asAdmin.Dispensing.Sum(d => d.QuantityDispensed), Is.EqualTo(13L), "the administrator sees the same figures");
    }
}
