using Clinic.Database.Tests.Support;
using Clinic.Generator;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// clinic-db generate --size clinic with a database (src/Clinic.Database/Generate/ClinicImportLoader.cs), on a database
/// of its own: the facilities are created, every generated file goes through the bulk import and lands whole (every
/// rule checked, nothing refused; the lab orders with the ranges and flags the database works out), and a second run adds nothing.
/// </summary>
[NonParallelizable]
public class GenerateLoadTests
{
    private static TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        _db = await DatabaseFixture.CreateDatabaseAsync();
        await _db.AdminIdAsync();
    }

    private static Task<(int Code, string Output, string Error)> GenerateAsync(string today) =>
        ClinicDbCli.RunAsync("admin-password-1",
            "generate", "--size", "clinic", "--today", today, "--patients", "400", "--doctors", "3", "--staff", "4",
            "--appointments", "1200", "--stock-lots", "30", "--past-days", "40", "--future-days", "14",
            "--connection", _db.App, "--username", "admin");

    [Test]
    public async Task A_generated_clinic_loads_through_the_import_and_a_second_run_adds_nothing()
    {
        var today = await _db.ScalarAsync<DateTime>("SELECT CURDATE()");
        var (code, output, error) = await GenerateAsync(today.ToString("yyyy-MM-dd"));
        Assert.That(code, Is.Zero, output + error);

        var model = new ClinicModel(GeneratorSettings.For(ClinicSize.Clinic, DateOnly.FromDateTime(today)) with
        {
            Patients = 400, Doctors = 3, OtherStaff = 4, Appointments = 1200, StockLots = 30, PastDays = 40, FutureDays = 14,
        });
        // One batch per file, in the loader's order, each imported whole.
        var batches = await _db.QueryAsync<(string Kind, string Status, long Total, long Imported)>(
            "SELECT kind, status, rows_total, rows_imported FROM import_batch ORDER BY import_batch_id");
        Assert.That(batches.Select(b => b.Kind), Is.EqualTo(ImportFormats.All.Select(f => f.Kind)));
        Assert.That(batches, Has.All.Matches<(string Kind, string Status, long Total, long Imported)>(b => b.Status == "imported" && b.Imported == b.Total && b.Total > 0),
            string.Join("; ", batches));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(400));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment"), Is.EqualTo(model.Appointments().LongCount()));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM staff WHERE staff_role = 'doctor'"), Is.EqualTo(3));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM room"), Is.EqualTo(model.Rooms.Count()));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM department"), Is.EqualTo(ClinicModel.Departments.Count));
        // The bookings obey the scheduling rules: no doctor and no patient in two places at once.
        Assert.That(await _db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM appointment a JOIN appointment b ON b.appointment_id > a.appointment_id " +
            "AND (b.staff_id = a.staff_id OR b.patient_id = a.patient_id) AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at " +
            "WHERE a.status NOT IN ('cancelled') AND b.status NOT IN ('cancelled')"), Is.Zero);
        Assert.That(output, Does.Contain("patients.csv"));
        // The walk-in queue: every entry, a closed visit for each one seen, and the queue summaries counting them all.
        var queue = model.QueueEntries().ToList();
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM queue_entry"), Is.EqualTo(queue.Count));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE queue_entry_id IS NOT NULL AND status = 'closed'"),
            Is.EqualTo(queue.Count(r => r[12] == "completed")));
        Assert.That(await _db.ScalarAsync<string>("SELECT CONCAT_WS('|', SUM(arrivals), SUM(seen), SUM(cancelled)) FROM report_queue_day"),
            Is.EqualTo($"{queue.Count}|{queue.Count(r => r[12] == "completed")}|{queue.Count(r => r[12] == "cancelled")}"));

        // The lab orders: every generated row landed on its visit, verified by the treating doctor's account (the loader created
        // the doctors' accounts; the staff file linked them), with the range of the patient's sex and age on the day copied and
        // the flag computed by the table, and the lab summaries as the triggers keep them.
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order"), Is.EqualTo(model.LabOrders().LongCount()));
        var statuses = (await _db.QueryAsync<(string Status, long Orders)>(
            "SELECT status, COUNT(*) FROM lab_order GROUP BY status")).ToDictionary(x => x.Status, x => x.Orders);
        Assert.That(statuses["verified"], Is.GreaterThan(statuses.Values.Sum() * 3 / 4), "mostly verified");
        Assert.That(statuses.Keys, Is.SubsetOf(new[] { "verified", "resulted", "cancelled" }));
        Assert.That(await _db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM lab_order AS o JOIN visit AS v ON v.visit_id = o.visit_id JOIN staff AS s ON s.staff_id = v.staff_id " +
            "WHERE o.status = 'verified' AND NOT (o.verified_by <=> s.user_account_id)"), Is.Zero, "the treating doctor verifies");
        Assert.That(await _db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM lab_order AS o JOIN patient AS p ON p.patient_id = o.patient_id " +
            "LEFT JOIN lab_reference_range AS g ON g.lab_reference_range_id = " +
            "lab_reference_range_for(o.lab_test_id, p.sex, age_years(p.date_of_birth, DATE(o.collected_at))) " +
            "WHERE o.status IN ('resulted', 'verified') AND NOT (o.reference_low <=> g.low_value AND o.reference_high <=> g.high_value)"), Is.Zero,
            "the range that applied to the patient on the day");
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE abnormal_flag IN ('low', 'high')"), Is.GreaterThan(0));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE abnormal_flag = 'normal'"), Is.GreaterThan(0));
        Assert.That(await _db.ScalarAsync<long>("SELECT CAST(COALESCE(SUM(orders), 0) AS SIGNED) FROM report_lab_day"),
            Is.EqualTo(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order")));
        Assert.That(await _db.ScalarAsync<long>("SELECT CAST(COALESCE(SUM(abnormal), 0) AS SIGNED) FROM report_lab_day"),
            Is.EqualTo(await _db.ScalarAsync<long>(
                "SELECT COUNT(*) FROM lab_order WHERE status IN ('resulted', 'verified') AND abnormal_flag IN ('low', 'high')")));

        // The prescriptions landed with their dispensing, drawn from the lots as the screens draw them.
        var prescribed = model.Prescriptions().ToList();
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription_item"), Is.EqualTo(prescribed.Count).And.GreaterThan(0));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription"), Is.EqualTo(prescribed.Select(r => r[1]).Distinct().Count()));
        var dispensedUnits = prescribed.Where(r => r[9] is not null).Sum(r => long.Parse(r[9]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(await _db.ScalarAsync<long>("SELECT COALESCE(SUM(quantity), 0) FROM dispensing_line"), Is.EqualTo(dispensedUnits).And.GreaterThan(0));
        Assert.That(await _db.ScalarAsync<long>("SELECT SUM(quantity_received) - SUM(quantity_on_hand) FROM stock_lot"), Is.EqualTo(dispensedUnits));
        Assert.That(await _db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM dispensing_line AS l JOIN dispensing AS d ON d.dispensing_id = l.dispensing_id JOIN stock_lot AS s ON s.stock_lot_id = l.stock_lot_id " +
            "WHERE s.received_date > DATE(d.dispensed_at) OR s.expiry_date < DATE(d.dispensed_at)"), Is.Zero, "only lots usable that day");
        Assert.That(await _db.ScalarAsync<long>(
            "SELECT COALESCE(SUM(quantity_dispensed), 0) FROM report_dispensing_day"), Is.EqualTo(dispensedUnits), "the summary counts every unit");

        var counts = await _db.ScalarAsync<long>("SELECT (SELECT COUNT(*) FROM patient) + (SELECT COUNT(*) FROM appointment) + (SELECT COUNT(*) FROM staff) + " +
                                                 "(SELECT COUNT(*) FROM lab_order) + (SELECT COUNT(*) FROM lab_test) + (SELECT COUNT(*) FROM user_account) + (SELECT COUNT(*) FROM queue_entry) + (SELECT COUNT(*) FROM prescription_item)");
        (code, output, error) = await GenerateAsync(today.ToString("yyyy-MM-dd"));
        Assert.That(code, Is.Zero, output + error);
        Assert.That(await _db.ScalarAsync<long>("SELECT (SELECT COUNT(*) FROM patient) + (SELECT COUNT(*) FROM appointment) + (SELECT COUNT(*) FROM staff) + " +
                                                "(SELECT COUNT(*) FROM lab_order) + (SELECT COUNT(*) FROM lab_test) + (SELECT COUNT(*) FROM user_account) + (SELECT COUNT(*) FROM queue_entry) + (SELECT COUNT(*) FROM prescription_item)"),
            Is.EqualTo(counts), "a second run imports nothing again");
        Assert.That(output, Does.Contain("Doctors' sign-in accounts: 0 created"));
        Assert.That(output, Does.Contain("Lab catalogue: 0 tests created"));
        Assert.That(output, Does.Contain("0 departments, specialisations and rooms created"));
        Assert.That(await _db.ScalarAsync<long>("SELECT COALESCE(SUM(rows_imported), 0) FROM import_batch WHERE import_batch_id > @n", new { n = batches.Count }),
            Is.Zero);
    }
}
