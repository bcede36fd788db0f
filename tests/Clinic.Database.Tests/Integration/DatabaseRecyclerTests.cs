using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The test databases that <see cref="DatabaseFixture"/> gives out again (<see cref="DatabaseRecycler"/>) must be exactly
/// as provisioned, or not given out at all: a recycled database that kept a row, a setting or an audit entry would make
/// other tests pass or fail by the order they run in.
/// </summary>
public class DatabaseRecyclerTests
{
    private static async Task<long> CountAsync(TestDatabase db, string table) =>
        await db.ScalarAsync<long>($"SELECT COUNT(*) FROM {table}");

    /// <summary>A statement as the server's administrator, in the database.</summary>
    private static async Task AsAdministratorAsync(TestDatabase db, string sql)
    {
        await using var admin = new MySqlConnection(db.Admin);
        await admin.OpenAsync();
        await admin.ExecuteAsync(sql);
    }

    [Test]
    public async Task A_used_database_is_put_back_with_the_provisioned_rows_and_nothing_else()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var snapshot = await DatabaseRecycler.SnapshotAsync(DatabaseFixture.AdminConnectionString, db.Name);
        var setting = await db.ScalarAsync<string>("SELECT setting_value FROM clinic_setting WHERE setting_key = 'notify.max_attempts'");
        var permissions = await CountAsync(db, "role_permission");

        // A day's work: an administrator, a patient, a changed setting, and what the audit trail wrote of them.
        var admin = await db.AdminIdAsync();
        await db.NewPatientAsync();
        await db.SettingsAs(admin).SetAsync("notify.max_attempts", setting == "7" ? "8" : "7");
        await AsAdministratorAsync(db, "DELETE FROM role_permission ORDER BY role_code, permission_code LIMIT 1");
        Assert.That(await CountAsync(db, "patient"), Is.EqualTo(1));
        Assert.That(await CountAsync(db, "role_permission"), Is.EqualTo(permissions - 1));
        Assert.That(await db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.audit_log"), Is.GreaterThan(0));
        // A connection left open by the test, holding a temporary table.
        var held = new MySqlConnection(new MySqlConnectionStringBuilder(db.Migrator) { Pooling = false }.ConnectionString);
        await held.OpenAsync();
        await held.ExecuteAsync("CREATE TEMPORARY TABLE tmp_left_behind (n INT)");

        await db.DisposeAsync(); // as the fixture does: the test's pooled connections go first
        Assert.That(await DatabaseRecycler.ResetAsync(DatabaseFixture.AdminConnectionString, db.Name, snapshot, [db.Migrator, db.App, db.Analyst]), Is.Null);
        db = new TestDatabase(db.Name, DatabaseFixture.AdminConnectionString, db.Migrator, db.App, db.Analyst);

        Assert.That(await CountAsync(db, "patient"), Is.Zero);
        Assert.That(await CountAsync(db, "user_account"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.audit_log"), Is.Zero);
        Assert.That(await db.ScalarAsync<string>("SELECT setting_value FROM clinic_setting WHERE setting_key = 'notify.max_attempts'"), Is.EqualTo(setting));
        Assert.That(await CountAsync(db, "role_permission"), Is.EqualTo(permissions));
        Assert.That(async () => await held.ExecuteAsync("SELECT 1"), Throws.InstanceOf<MySqlException>(), "the test's connections are ended");
        await held.DisposeAsync();
        // And it works as a new one: the first administrator again, a patient again.
        var again = await db.AdminIdAsync();
        await db.NewPatientAsync();
        Assert.That(await CountAsync(db, "patient"), Is.EqualTo(1));
        Assert.That(again, Is.GreaterThan(0));
        await db.DisposeAsync();
    }

    [Test]
    public async Task A_database_whose_schema_or_accounts_changed_is_not_put_back()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var snapshot = await DatabaseRecycler.SnapshotAsync(DatabaseFixture.AdminConnectionString, db.Name);
        await AsAdministratorAsync(db, "CREATE PROCEDURE left_by_a_test() SELECT 1");
        Assert.That(await DatabaseRecycler.ResetAsync(DatabaseFixture.AdminConnectionString, db.Name, snapshot, [db.Migrator, db.App, db.Analyst]),
            Does.Contain("changed"));

        var other = await DatabaseFixture.CreateDatabaseAsync();
        var otherSnapshot = await DatabaseRecycler.SnapshotAsync(DatabaseFixture.AdminConnectionString, other.Name);
        await using (var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"ALTER USER '{other.Name}_app'@'%' IDENTIFIED BY 'another-password-1'");
        }
        Assert.That(await DatabaseRecycler.ResetAsync(DatabaseFixture.AdminConnectionString, other.Name, otherSnapshot, [other.Migrator, other.App, other.Analyst]),
            Does.StartWith("an account cannot sign in"));
    }
}
