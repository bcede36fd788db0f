using Clinic.Data;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Demo mode's seeder (src/Clinic.Demo) on a fresh database, through the app account like the app does. The demo is
/// loaded once for the fixture (10-30 s of both cores) and each test reads its part of it; a test may load it again,
/// as a second start of the app does, because that must add nothing.
/// </summary>
public class DemoSeederTests
{
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;
    private DemoClinicSummary _first = null!;
    private long _temporaryPasswords;
    private long _openSessions;

    [OneTimeSetUp]
    public async Task LoadTheDemoAsync()
    {
        _db = await DatabaseFixture.CreateDatabaseAsync();
        _services = new ServiceCollection().AddClinicData(_db.App).AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher).BuildServiceProvider();
        await _db.CreateFirstAdminAsync(DemoSeeder.Admin.Username, DemoSeeder.Admin.Password);
        _first = await DemoSeeder.SeedAsync(_services, NullLogger.Instance);
        TestContext.Progress.WriteLine(
            $"Demo clinic on {DatabaseFixture.ServerVersion}: {_first.Elapsed.TotalSeconds:0.0} s, {_first.Patients} patients, {_first.Appointments} appointments, {_first.Skipped} skipped");
        // What the loader left behind, read before any test signs in.
        _temporaryPasswords = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE must_change_password = 1");
        _openSessions = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM user_session WHERE ended_at IS NULL");
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Test]
    public async Task Demo_mode_loads_a_believable_clinic_once_and_quickly()
    {
        var db = _db;
        var services = _services;
        var first = _first;

        Assert.That(first.AlreadyLoaded, Is.False);
        Assert.That((first.Doctors, first.Patients, first.Skipped), Is.EqualTo((6, DemoClinic.PatientCount, 0)));
        Assert.That(first.Appointments, Is.GreaterThan(600));
        Assert.That(first.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "a few seconds on a quiet machine; generous for a busy CI");

        // Every status, in the past three weeks and the coming three; nothing active is left in the past.
        var statuses = (await db.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM appointment GROUP BY status"))
            .ToDictionary(s => s.Status, s => s.Count);
        Assert.That(statuses.Keys, Is.EquivalentTo(new[] { "booked", "checked_in", "in_progress", "completed", "cancelled", "no_show" }));
        Assert.That(statuses["completed"], Is.GreaterThan(statuses["no_show"]));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE starts_at < NOW() - INTERVAL 22 DAY OR starts_at > NOW() + INTERVAL 70 DAY"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE status = 'booked' AND starts_at < NOW()"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND starts_at < NOW() - INTERVAL 1 DAY"), Is.GreaterThan(100));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE starts_at > NOW()"), Is.GreaterThan(200));
        // A visit opens when the consultation starts (appointment_start), so in-progress appointments have one too.
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE appointment_id IS NOT NULL"),
            Is.EqualTo(statuses["completed"] + statuses["in_progress"]));

        // Today's walk-in queue: every status, an urgent patient, an anonymous walk-in; queue visits for those seen.
        var queue = (await db.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() GROUP BY status")).ToDictionary(s => s.Status, s => s.Count);
        Assert.That(queue, Is.EquivalentTo(new Dictionary<string, long> { ["waiting"] = 5, ["with_doctor"] = 1, ["completed"] = 3, ["cancelled"] = 1 }),
            "the demo patient walked in for her prescription (DemoPortal)");
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM queue_entry WHERE patient_id IS NULL AND status = 'waiting'"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM queue_entry WHERE priority = 'urgent' AND status = 'waiting'"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE queue_entry_id IS NOT NULL"), Is.EqualTo(4));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment_series"), Is.EqualTo(2));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND completed_at > NOW()"), Is.Zero);

        // The demo "doctor" sign-in is one of the doctors, with weekly hours and a diary; the other demo accounts are staff.
        var doctor = (await db.QueryAsync<(string Role, long Blocks, long Upcoming)>(
            """
            SELECT s.staff_role,
                   (SELECT COUNT(*) FROM doctor_working_hours h WHERE h.staff_id = s.staff_id),
                   (SELECT COUNT(*) FROM appointment a WHERE a.staff_id = s.staff_id AND a.starts_at >= CURDATE())
              FROM staff s JOIN user_account u ON u.user_account_id = s.user_account_id
             WHERE u.username = 'doctor'
            """)).Single();
        Assert.That(doctor.Role, Is.EqualTo("doctor"));
        Assert.That(doctor.Blocks, Is.EqualTo(10));
        Assert.That(doctor.Upcoming, Is.GreaterThan(20));
        Assert.That(await db.ScalarAsync<long>(
                "SELECT COUNT(*) FROM staff s JOIN user_account u ON u.user_account_id = s.user_account_id WHERE u.username IN ('nurse', 'pharmacist', 'reception', 'billing') AND s.staff_role = u.role_code"),
            Is.EqualTo(4));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM staff WHERE staff_role = 'doctor' AND user_account_id IS NOT NULL"), Is.EqualTo(6));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(DISTINCT staff_id) FROM doctor_working_hours WHERE weekday = 6"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM doctor_schedule_exception WHERE kind = 'leave'"), Is.GreaterThanOrEqualTo(1));

        // Patients with local phones stored in the clinic's international format.
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(DemoClinic.PatientCount));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE phone IS NOT NULL AND phone NOT LIKE '+2567%'"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE phone IS NOT NULL"), Is.GreaterThan(150));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE email IS NOT NULL"), Is.GreaterThan(20));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE emergency_contact_name IS NOT NULL"), Is.GreaterThan(50));

        // Issue 4: the clinical past of the first patients, the lab catalogue and the pharmacy.
        Assert.That(await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM visit v JOIN visit_note n ON n.visit_id = v.visit_id WHERE v.status = 'closed' AND v.closed_at < NOW() - INTERVAL 6 DAY"), Is.GreaterThan(60));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(DISTINCT visit_id) FROM vital_sign"), Is.GreaterThan(60));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_diagnosis WHERE is_primary = 1"), Is.GreaterThan(60));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE status = 'verified'"), Is.GreaterThan(10));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM allergy WHERE status = 'active'"), Is.GreaterThanOrEqualTo(10));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_test"), Is.GreaterThanOrEqualTo(20));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication"), Is.GreaterThanOrEqualTo(30));
        var prescriptionStatuses = await db.QueryAsync<string>("SELECT DISTINCT status FROM prescription");
        Assert.That(prescriptionStatuses, Is.EquivalentTo(new[] { "issued", "partially_dispensed", "dispensed", "cancelled" }));

        // Issue 11: a price list, invoices in every state, payments by several methods, one closed cash-up.
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM service WHERE category_code = 'consultation' AND specialisation_id IS NOT NULL"), Is.EqualTo(5));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM service WHERE category_code IN ('procedure', 'other')"), Is.GreaterThanOrEqualTo(10));
        var invoiceStatuses = (await db.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM invoice GROUP BY status"))
            .ToDictionary(s => s.Status, s => s.Count);
        Assert.That(invoiceStatuses.Keys, Is.EquivalentTo(new[] { "draft", "issued", "partially_paid", "paid", "void", "credited" }));
        Assert.That(invoiceStatuses["paid"], Is.GreaterThanOrEqualTo(5));
        Assert.That(await db.QueryAsync<string>("SELECT DISTINCT method FROM payment"),
            Is.SupersetOf(new[] { "cash", "mobile_money", "card", "bank_transfer" }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM refund"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<decimal>("SELECT SUM(amount) FROM patient_credit"), Is.GreaterThan(0m));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice_adjustment WHERE status = 'pending'"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM credit_note"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM cash_up"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<decimal>("SELECT SUM(difference) FROM cash_up_line"), Is.EqualTo(-500m));
        Assert.That(await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM cash_up c JOIN user_account u ON u.user_account_id = c.user_account_id WHERE u.username = 'reception'"), Is.EqualTo(1),
            "the front desk closed its day; the demo billing clerk's day stays open");
        // Insurance: two insurers with plans and rules, insured patients, split invoices and claims in every state.
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM payer WHERE payer_type = 'insurer'"), Is.EqualTo(2));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM insurance_plan"), Is.EqualTo(3));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM coverage_rule"), Is.EqualTo(15));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(DISTINCT patient_id) FROM patient_policy"), Is.GreaterThanOrEqualTo(6));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice WHERE insurer_share > 0"), Is.GreaterThanOrEqualTo(5));
        Assert.That(await db.QueryAsync<string>("SELECT DISTINCT status FROM claim"),
            Is.SupersetOf(new[] { "draft", "submitted", "partially_accepted", "rejected", "paid" }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM claim_line WHERE moved_to_patient_at IS NOT NULL"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM payment WHERE method = 'insurer'"), Is.GreaterThanOrEqualTo(2));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM rpt_claim_status"), Is.GreaterThanOrEqualTo(4));

        // The analysts' views have something to show on the demo.
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(DISTINCT category_code) FROM rpt_revenue_daily WHERE business_day = CURDATE()"),
            Is.GreaterThanOrEqualTo(3));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM rpt_payment_method_mix WHERE business_day = CURDATE()"), Is.GreaterThanOrEqualTo(4));
        Assert.That(await db.ScalarAsync<decimal>("SELECT SUM(outstanding) FROM rpt_receivables_ageing WHERE debtor_type = 'patient'"), Is.GreaterThan(0m));

        // The demo logins work as documented: no demo account is left with a temporary password, and the
        // loader signed out of every session it opened.
        Assert.That(_temporaryPasswords, Is.Zero);
        Assert.That(_openSessions, Is.Zero);

        // Issue 13: the demo patient login sees Mary Nakato's record in the portal.
        await DemoPortalChecks.DemoPatientSeesItsOwnRecordAsync(db, services);

        // A second start finds the demo clinic and writes no clinic data, only the loader's own sign-ins.
        const string clinicData = "SELECT COUNT(*) FROM audit_trail WHERE table_name NOT IN ('user_session', 'user_account')";
        var audit = await db.ScalarAsync<long>(clinicData);
        var second = await DemoSeeder.SeedAsync(services, NullLogger.Instance);
        Assert.That(second.AlreadyLoaded, Is.True);
        Assert.That(second.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(await db.ScalarAsync<long>(clinicData), Is.EqualTo(audit));

        // scripts/run.sh loads the demo with clinic-db generate --size demo at every start: the third load adds nothing either.
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.That(await Cli.RunAsync(["generate", "--size", "demo", "--connection", db.App], output, error), Is.Zero, $"{output}\n{error}");
        Assert.That(output.ToString(), Does.Contain("nothing added"));
        Assert.That(await db.ScalarAsync<long>(clinicData), Is.EqualTo(audit));

        // Every demo login of the README signs in with its public password, straight to work (no password change).
        var accounts = services.GetRequiredService<AccountService>();
        var logins = new[] { DemoSeeder.Admin }.Concat(DemoSeeder.Staff).Select(a => (a.Username, a.Password, a.RoleCode))
            .Concat(DemoClinic.OtherDoctorUsernames.Select(u => (u, DemoClinic.DoctorPassword, "doctor")));
        foreach (var (username, password, role) in logins)
        {
            var signIn = await accounts.SignInAsync(username, password, "127.0.0.1", "DemoSeederTests");
            Assert.That(signIn.Succeeded, Is.True, $"{username}: {signIn.Message}");
            Assert.That((signIn.Account!.RoleCode, signIn.Account.MustChangePassword), Is.EqualTo((role, false)), username);
            await services.GetRequiredService<AuthProcedures>().SignOutAsync(signIn.SessionToken);
        }
    }

    [Test]
    public async Task The_demo_pharmacy_has_a_catalogue_alerts_and_prescriptions_in_every_status_once()
    {
        var db = _db;
        var services = _services;
        var runner = services.GetRequiredService<ProcedureRunner>();
        var sessions = new DemoSessions(services.GetRequiredService<AccountService>(), services.GetRequiredService<AuthProcedures>());
        sessions.Know("admin", DemoSeeder.Admin.Password);
        sessions.Know("pharmacist", "pharmacist123");
        var admin = await sessions.ForAsync("admin");
        var pharmacist = await sessions.ForAsync("pharmacist");

        // DemoSeeder loads the demo pharmacy (after the clinic, whose open queue visits carry today's prescriptions).
        var medications = await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication");
        Assert.That(medications, Is.GreaterThanOrEqualTo(40));
        // Four from the pharmacy's queue visits, and the demo portal patient's, issued today (DemoPortal).
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription"), Is.EqualTo(5));

        var stock = new StockProcedures(runner, pharmacist);
        var below = await stock.BelowReorderAsync();
        Assert.That(below, Has.Count.EqualTo(5));
        var expiring = await stock.ExpiringLotsAsync();
        Assert.That(expiring.Count(l => l.IsExpired), Is.EqualTo(2));
        Assert.That(expiring.Count(l => !l.IsExpired), Is.GreaterThanOrEqualTo(4));
        var statuses = (await db.QueryAsync<string>("SELECT status FROM prescription")).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[]
        {
            PrescriptionStatus.Issued, PrescriptionStatus.Dispensed, PrescriptionStatus.PartiallyDispensed, PrescriptionStatus.Cancelled,
            PrescriptionStatus.Issued,
        }));
        var counts = await new DispensingProcedures(runner, pharmacist).CountsAsync();
        Assert.That((counts.PendingPrescriptionCount, counts.DispensedTodayCount, counts.LowStockCount, counts.ExpiredLotCount),
            Is.EqualTo((3L, 2L, 5L, 2L)));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM stock_adjustment WHERE reason = 'damaged'"), Is.EqualTo(1));

        var again = await DemoPharmacy.SeedAsync(runner, admin, pharmacist, sessions, Clinic.Tests.Shared.TestPasswords.Hasher, NullLogger.Instance);
        Assert.That(again.AlreadyLoaded, Is.True);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication"), Is.EqualTo(medications));
        await sessions.SignOutAllAsync();
    }
}
