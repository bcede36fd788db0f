using Clinic.Data;
using Clinic.Data.Common;
using Clinic.Data.Staff;
using Clinic.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// demo_claim: demo mode (public logins, made-up patients) only ever runs on a database that is empty
/// or already a demo database; a database with real clinic data is refused (50005) and left as it was.
/// </summary>
public class DemoClaimTests
{
    private const string Marker = "SELECT setting_value FROM clinic_setting WHERE setting_key = 'clinic.demo_data'";

    [Test]
    public async Task An_empty_database_is_claimed_once_and_then_answers_demo()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.CreateFirstAdminAsync("admin", "admin-password-1");
        Assert.That(await db.ScalarAsync<string>(Marker), Is.EqualTo("0"));

        Assert.That(await db.SettingsAs(admin).ClaimDemoAsync(), Is.EqualTo("claimed"));
        Assert.That(await db.ScalarAsync<string>(Marker), Is.EqualTo("1"));

        // A second start of demo mode (a new session), also after demo data was added.
        Assert.That(await db.SettingsAs(admin).ClaimDemoAsync(), Is.EqualTo("demo"));
        await db.NewPatientAsync();
        await db.NewAccountAsync("doctor");
        Assert.That(await db.SettingsAs(admin).ClaimDemoAsync(), Is.EqualTo("demo"));
        Assert.That(await db.ScalarAsync<string>(Marker), Is.EqualTo("1"));
    }

    [Test]
    public async Task Many_demo_apps_starting_at_once_agree_one_claims_the_others_see_a_demo_database()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.CreateFirstAdminAsync("admin", "admin-password-1");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => db.SettingsAs(admin).ClaimDemoAsync())));

        Assert.That(outcomes.Count(o => o == "claimed"), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == "demo"), Is.EqualTo(11));
    }

    [Test]
    public async Task A_database_with_a_real_patient_is_refused_and_demo_mode_loads_nothing()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.CreateFirstAdminAsync(DemoSeeder.Admin.Username, DemoSeeder.Admin.Password);
        await db.NewPatientAsync();

        var ex = await Assert.CatchAsync<ClinicRuleException>(() => db.SettingsAs(admin).ClaimDemoAsync());
        Assert.That(ex!.Code, Is.EqualTo(50005));
        Assert.That(ex.Message, Is.EqualTo("This database holds real clinic data, so demo mode will not load demo data."));
        Assert.That(await db.ScalarAsync<string>(Marker), Is.EqualTo("0"));

        // The seeder stops at the claim: no demo account, department or patient is added, and it signs out.
        await using var services = new ServiceCollection().AddClinicData(db.App).AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher).BuildServiceProvider();
        var seeding = await Assert.CatchAsync<ClinicRuleException>(() => DemoSeeder.SeedAsync(services, NullLogger.Instance));
        Assert.That(seeding!.Code, Is.EqualTo(50005));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM department"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(1));
        Assert.That(await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM user_session s JOIN user_account u ON u.user_account_id = s.user_account_id WHERE u.username = 'admin' AND s.ended_at IS NULL AND s.user_agent = 'Clinic demo loader'"), Is.Zero);

        // clinic-db generate --size demo (scripts/run.sh) is refused the same way: exit code 6 with the reason, nothing loaded.
        var error = new StringWriter();
        Assert.That(await Cli.RunAsync(["generate", "--size", "demo", "--connection", db.App], TextWriter.Null, error), Is.EqualTo(6));
        Assert.That(error.ToString(), Does.Contain("will not load demo data").And.Contain("50005"));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM department"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_database_with_other_accounts_or_staff_is_refused()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.CreateFirstAdminAsync("admin", "admin-password-1");
        var facilities = db.FacilitiesAs(admin);
        await db.StaffAs(admin).CreateAsync(new StaffInput
        {
            GivenName = "Ruth", FamilyName = "Nurse", StaffRole = "nurse",
            DepartmentId = await facilities.CreateDepartmentAsync("Ward"),
        });
        var staff = await Assert.CatchAsync<ClinicRuleException>(() => db.SettingsAs(admin).ClaimDemoAsync());
        Assert.That(staff!.Code, Is.EqualTo(50005));

        var other = await DatabaseFixture.CreateDatabaseAsync();
        var otherAdmin = await other.CreateFirstAdminAsync("admin", "admin-password-1");
        await other.NewAccountAsync("receptionist");
        var account = await Assert.CatchAsync<ClinicRuleException>(() => other.SettingsAs(otherAdmin).ClaimDemoAsync());
        Assert.That(account!.Code, Is.EqualTo(50005));
        Assert.That(await other.ScalarAsync<string>(Marker), Is.EqualTo("0"));
    }

    [Test]
    public async Task Only_an_administrator_may_claim_and_nobody_sets_the_marker_as_a_setting()
    {
        var db = DatabaseFixture.Main;
        var (receptionist, _) = await db.NewAccountAsync("receptionist");
        var role = await Assert.CatchAsync<ClinicRuleException>(() => db.SettingsAs(receptionist).ClaimDemoAsync());
        Assert.That(role!.Code, Is.EqualTo(50102));
        var nobody = await Assert.CatchAsync<ClinicRuleException>(() => db.SettingsAs(null).ClaimDemoAsync());
        Assert.That(nobody!.Code, Is.EqualTo(50101));

        var set = await Assert.CatchAsync<ClinicRuleException>(async () => await db.SettingsAs(await db.AdminIdAsync()).SetAsync("clinic.demo_data", "1"));
        Assert.That(set!.Code, Is.EqualTo(50004));
        Assert.That(await db.ScalarAsync<string>(Marker), Is.EqualTo("0"));
    }
}
