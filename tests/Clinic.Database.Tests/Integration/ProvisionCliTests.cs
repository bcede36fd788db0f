using Dapper;
using Clinic.Database.Tests.Support;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>clinic-db provision never prints a password; --write-env writes them to a file only you can read.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ProvisionCliTests
{
    private const string MigratorPassword = "Migrator-'pw'-$1";
    private const string AppPassword = "App-`pw`-\"2\"";
    private const string AnalystPassword = "Analyst pw 3;x";

    [Test]
    public async Task Without_write_env_the_connection_strings_are_printed_with_the_passwords_hidden()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();

        var (code, output, error) = await ProvisionAsync(db.Name);

        Assert.That(code, Is.Zero, error);
        foreach (var password in new[] { MigratorPassword, AppPassword, AnalystPassword })
        {
            Assert.That(output, Does.Not.Contain(password));
            Assert.That(error, Does.Not.Contain(password));
        }
        Assert.That(output, Does.Contain($"CLINIC_DB=").And.Contain($"User ID={db.Name}_app;Password=***"));
        Assert.That(output, Does.Contain("--write-env"));
    }

    [Test]
    public async Task With_write_env_the_file_is_owner_only_and_bash_loads_connection_strings_that_work()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("clinic-provision-").FullName;
        try
        {
            var file = Path.Combine(folder, "clinic.env");
            var (code, output, error) = await ProvisionAsync(db.Name, "--write-env", file);

            Assert.That(code, Is.Zero, error);
            Assert.That(output + error, Does.Not.Contain(AppPassword).And.Not.Contain(MigratorPassword));
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

            var app = EnvFileShell.Read(file, "CLINIC_DB");
            Assert.That(new MySqlConnectionStringBuilder(app).Password, Is.EqualTo(AppPassword));
            await using var connection = new MySqlConnection(app);
            await connection.OpenAsync();
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT CURRENT_USER()"), Does.StartWith($"{db.Name}_app@"));
            Assert.That(new MySqlConnectionStringBuilder(EnvFileShell.Read(file, "CLINIC_MIGRATOR_DB")).Password, Is.EqualTo(MigratorPassword));
            Assert.That(new MySqlConnectionStringBuilder(EnvFileShell.Read(file, "CLINIC_ANALYST_DB")).Password, Is.EqualTo(AnalystPassword));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_write_env_symbolic_link_is_refused_before_anything_is_provisioned()
    {
        var name = "ct" + Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateTempSubdirectory("clinic-provision-").FullName;
        try
        {
            var target = Path.Combine(folder, "elsewhere");
            File.WriteAllText(target, "keep");
            var link = Path.Combine(folder, "clinic.env");
            File.CreateSymbolicLink(link, target);

            var (code, _, error) = await ProvisionAsync(name, "--write-env", link);

            Assert.That(code, Is.EqualTo(7), error);
            Assert.That(error, Does.Contain("symbolic link"));
            Assert.That(File.ReadAllText(target), Is.EqualTo("keep"));
            await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
            Assert.That(await admin.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @name", new { name }), Is.Zero);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> ProvisionAsync(string database, params string[] more)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args =
        [
            "provision", "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", database,
            "--migrator-password", MigratorPassword, "--app-password", AppPassword, "--analyst-password", AnalystPassword,
            .. more,
        ];
        var code = await Task.Run(() => Cli.RunAsync(args, output, error));
        return (code, output.ToString(), error.ToString());
    }
}
