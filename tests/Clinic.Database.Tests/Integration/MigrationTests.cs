using Clinic.Database.Migrations;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>The migrator and the clinic-db command line against a real server.</summary>
public class MigrationTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task Upgrade_is_idempotent_a_second_run_changes_nothing()
    {
        var journal = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version");
        var routines = await Db.QueryAsync<string>(
            "SELECT CONCAT(routine_name, ':', CAST(created AS CHAR)) FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1");

        var ran = new Migrator(Db.Migrator, TextWriter.Null).Upgrade(dryRun: false, accounts: null);

        Assert.That(ran, Is.EqualTo(0));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"), Is.EqualTo(journal));
        Assert.That(await Db.QueryAsync<string>(
            "SELECT CONCAT(routine_name, ':', CAST(created AS CHAR)) FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1"),
            Is.EqualTo(routines), "no routine was re-created");
        Assert.That(journal, Is.EqualTo(ScriptCatalog.All.Count));
    }

    [Test]
    public async Task A_recreatable_object_whose_file_changed_is_recreated_and_only_that_one()
    {
        // Pretend the database holds an older text of role_list: its journal entry carries another hash.
        var fresh = await DatabaseFixture.CreateDatabaseAsync();
        await using (var connection = await fresh.OpenAsync(fresh.Migrator))
            await connection.ExecuteAsync(
                "UPDATE schema_version SET script_name = 'procedures/role_list.sql#000000000000' WHERE script_name LIKE 'procedures/role\\_list.sql#%'");

        var status = new Migrator(fresh.Migrator, TextWriter.Null).GetStatus();
        Assert.That(status.Pending, Has.Count.EqualTo(1));
        Assert.That(status.Pending[0], Does.StartWith("procedures/role_list.sql#"));
        Assert.That(new Migrator(fresh.Migrator, TextWriter.Null).Upgrade(false, null), Is.EqualTo(1));
        Assert.That(new Migrator(fresh.Migrator, TextWriter.Null).GetStatus().Pending, Is.Empty);
    }

    [Test]
    public async Task An_upgrade_that_fails_part_way_keeps_in_its_journal_the_objects_created_before_the_failure()
    {
        // Two procedures look changed (older hashes), and a view after them in the upgrade's order cannot be created.
        var fresh = await DatabaseFixture.CreateDatabaseAsync();
        await using (var connection = await fresh.OpenAsync(fresh.Migrator))
            await connection.ExecuteAsync(
                "UPDATE schema_version SET script_name = CONCAT(SUBSTRING_INDEX(script_name, '#', 1), '#000000000000') " +
                "WHERE script_name LIKE 'procedures/role\\_list.sql#%' OR script_name LIKE 'procedures/room\\_list.sql#%'");
        var broken = ScriptCatalog.All
            .Append(new CatalogScript("triggers/zz_broken.sql", ScriptKind.Trigger, "CREATE TRIGGER zz_broken BEFORE INSERT ON no_such_table FOR EACH ROW SET @x = 1;"))
            .ToList();

        Assert.That(() => new Migrator(fresh.Migrator, TextWriter.Null, broken).Upgrade(false, null), Throws.InstanceOf<ScriptFailedException>());

        // The two procedures ran before the failure: journaled (in one batch), so the next upgrade does not run them again.
        var status = new Migrator(fresh.Migrator, TextWriter.Null).GetStatus();
        Assert.That(status.Pending, Is.Empty);
        Assert.That(status.Applied.Where(n => n.StartsWith("procedures/role_list.sql#", StringComparison.Ordinal)
                                           || n.StartsWith("procedures/room_list.sql#", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(4));
    }

    [Test]
    public void Status_reports_the_server_and_nothing_pending()
    {
        var status = new Migrator(Db.Migrator, TextWriter.Null).GetStatus();
        Assert.That(status.ServerVersion, Is.EqualTo(DatabaseFixture.ServerVersion));
        Assert.That(status.Database, Is.EqualTo(Db.Name));
        Assert.That(status.Pending, Is.Empty);
        Assert.That(status.Applied, Does.Contain("migrations/0001_audit_log.sql"));
    }

    [Test]
    public async Task The_journal_lives_in_the_current_database_only()
    {
        // A fresh database on the same server, where other databases already have schema_version tables,
        // still needs every script.
        var name = "cj" + Guid.NewGuid().ToString("N")[..10];
        await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE `{name}`");
        try
        {
            var cs = new MySqlConnectionStringBuilder(DatabaseFixture.AdminConnectionString) { Database = name }.ConnectionString;
            var status = new Migrator(cs, TextWriter.Null).GetStatus();
            Assert.That(status.Applied, Is.Empty);
            Assert.That(status.Pending, Has.Count.EqualTo(ScriptCatalog.All.Count));
            var output = new StringWriter();
            Assert.That(new Migrator(cs, output).Upgrade(dryRun: true, accounts: null), Is.EqualTo(ScriptCatalog.All.Count));
            Assert.That(output.ToString(), Does.Contain("migrations/0001_audit_log.sql"));
            Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{name}'"), Is.EqualTo(0),
                "a dry run changes nothing");
        }
        finally
        {
            await admin.ExecuteAsync($"DROP DATABASE `{name}`");
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}_audit`");
        }
    }

    [Test]
    public async Task Upgrading_without_the_audit_schema_says_to_provision_and_changes_nothing()
    {
        var name = "ca" + Guid.NewGuid().ToString("N")[..10];
        await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE `{name}`");
        try
        {
            var cs = new MySqlConnectionStringBuilder(DatabaseFixture.AdminConnectionString) { Database = name }.ConnectionString;
            var (code, _, error) = await RunCliAsync("upgrade", "--connection", cs);
            Assert.That(code, Is.EqualTo(3));
            Assert.That(error, Does.Contain($"The audit schema {name}_audit is missing").And.Contain("clinic-db provision"));
            Assert.That(await admin.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = @name", new { name }), Is.Zero);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP DATABASE `{name}`");
        }
    }

    [Test]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        var fresh = await DatabaseFixture.CreateDatabaseAsync();
        await using (var connection = await fresh.OpenAsync(fresh.Migrator))
            await connection.ExecuteAsync("INSERT INTO schema_version (script_name) VALUES ('migrations/9999_from_the_future.sql')");
        var ex = Assert.Throws<DatabaseNewerThanCodeException>(() => new Migrator(fresh.Migrator, TextWriter.Null).Upgrade(false, null));
        Assert.That(ex!.Message, Does.Contain("9999_from_the_future"));
        var (code, _, error) = await RunCliAsync("upgrade", "--connection", fresh.Migrator);
        Assert.That(code, Is.EqualTo(5));
        Assert.That(error, Does.Contain("newer than this code"));
    }

    [Test]
    public async Task A_failing_script_is_named_and_exits_non_zero()
    {
        // An existing audit_log table makes migration 0001 fail.
        var name = "cf" + Guid.NewGuid().ToString("N")[..10];
        await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE `{name}`");
        try
        {
            await admin.ExecuteAsync($"CREATE TABLE `{name}`.audit_log (x INT)");
            Clinic.Database.Migrations.AuditSchema.Ensure(DatabaseFixture.AdminConnectionString, name, null, TextWriter.Null);
            var cs = new MySqlConnectionStringBuilder(DatabaseFixture.AdminConnectionString) { Database = name }.ConnectionString;
            var (code, _, error) = await RunCliAsync("upgrade", "--connection", cs);
            Assert.That(code, Is.EqualTo(4));
            Assert.That(error, Does.Contain("migrations/0001_audit_log.sql").And.Contain("1050"));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP DATABASE `{name}`");
        }
    }

    [Test]
    public async Task Unreachable_servers_and_wrong_credentials_get_clear_messages_and_exit_codes()
    {
        var unreachable = await RunCliAsync("status", "--connection", "Server=127.0.0.1;Port=1;User ID=x;Password=y;Connection Timeout=3");
        Assert.That(unreachable.Code, Is.EqualTo(2));
        Assert.That(unreachable.Error, Does.Contain("cannot reach the database server"));

        var wrong = new MySqlConnectionStringBuilder(Db.Migrator) { Password = "definitely-wrong" }.ConnectionString;
        var denied = await RunCliAsync("status", "--connection", wrong);
        Assert.That(denied.Code, Is.EqualTo(3));
        Assert.That(denied.Error, Does.Contain("refused these credentials"));

        var usage = await RunCliAsync("frobnicate");
        Assert.That(usage.Code, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_admin_creates_the_first_administrator_once()
    {
        var fresh = await DatabaseFixture.CreateDatabaseAsync();
        Environment.SetEnvironmentVariable("CLINIC_ADMIN_PASSWORD", "first-admin-pw");
        try
        {
            var first = await RunCliAsync("create-admin", "--connection", fresh.Migrator, "--username", "boss", "--display-name", "The Boss");
            Assert.That(first.Code, Is.EqualTo(0), first.Error);
            Assert.That((await fresh.Accounts.SignInAsync("boss", "first-admin-pw")).Outcome, Is.EqualTo("ok"));
            var second = await RunCliAsync("create-admin", "--connection", fresh.Migrator, "--username", "boss2");
            Assert.That(second.Code, Is.EqualTo(6));
            Assert.That(second.Error, Does.Contain("administrator already exists"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINIC_ADMIN_PASSWORD", null);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
