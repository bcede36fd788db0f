using System.Security.Cryptography;
using Clinic.Database.Migrations;
using MySqlConnector;

namespace Clinic.Database.Provisioning;

public sealed record ProvisionOptions(
    string AdminConnectionString, string Database, string AccountHost,
    string? MigratorPassword, string? AppPassword, string? AnalystPassword);

public sealed record ProvisionResult(string MigratorConnectionString, string AppConnectionString, string AnalystConnectionString);

/// <summary>
/// Creates the database and its three least-privilege accounts, given a server administrator's
/// connection:
/// <list type="bullet">
/// <item><c>&lt;db&gt;_migrator</c> owns the schema: all privileges on the database, with grant option
/// so that upgrades can grant the views they create.</item>
/// <item><c>&lt;db&gt;_app</c> (the web app): EXECUTE on each public procedure, nothing else.</item>
/// <item><c>&lt;db&gt;_analyst</c>: SELECT on the rpt_* views only.</item>
/// </list>
/// It creates the audit schema &lt;db&gt;_audit (<see cref="AuditSchema"/>), where the migrator may only
/// INSERT and SELECT. Then it applies every migration as the migrator, so routines run as the migrator
/// (SQL SECURITY DEFINER). Running it again is safe: it brings the accounts, grants and audit schema up
/// to date.
/// </summary>
public sealed class Provisioner(TextWriter output)
{
    /// <param name="catalog">The scripts to apply: db/ as embedded in this build unless given (the upgrade test
    /// provisions a frozen release's schema).</param>
    public ProvisionResult Provision(ProvisionOptions options, IReadOnlyList<CatalogScript>? catalog = null)
    {
        Migrator.Identifier(options.Database);
        var migrator = Migrator.Account($"{options.Database}_migrator", options.AccountHost);
        var app = Migrator.Account($"{options.Database}_app", options.AccountHost);
        var analyst = Migrator.Account($"{options.Database}_analyst", options.AccountHost);
        var migratorPassword = options.MigratorPassword ?? NewPassword();
        var appPassword = options.AppPassword ?? NewPassword();
        var analystPassword = options.AnalystPassword ?? NewPassword();

        var adminBuilder = new MySqlConnectionStringBuilder(options.AdminConnectionString) { Database = "" };
        bool newAccounts;
        using (var connection = new MySqlConnection(adminBuilder.ConnectionString))
        {
            connection.Open();
            EnsureRoutineCreationAllowed(connection);
            newAccounts = !AccountExists(connection, $"{options.Database}_app", options.AccountHost)
                          && !AccountExists(connection, $"{options.Database}_analyst", options.AccountHost);
            CreateDatabaseAndAccounts(connection, options.Database,
                [(migrator, migratorPassword), (app, appPassword), (analyst, analystPassword)]);
            // The app account gets EXECUTE on each public procedure by name, granted by the upgrade below.
            output.WriteLine($"Database {options.Database} and accounts {options.Database}_migrator, {options.Database}_app, {options.Database}_analyst are ready.");
        }

        AuditSchema.Ensure(options.AdminConnectionString, options.Database, migrator, output);

        string For(string user, string password) => new MySqlConnectionStringBuilder(options.AdminConnectionString)
        {
            Database = options.Database, UserID = user, Password = password,
        }.ConnectionString;

        var result = new ProvisionResult(
            For($"{options.Database}_migrator", migratorPassword),
            For($"{options.Database}_app", appPassword),
            For($"{options.Database}_analyst", analystPassword));

        new Migrator(result.MigratorConnectionString, output, catalog)
            .Upgrade(dryRun: false, AccountNames.ForDatabase(options.Database, options.AccountHost) with { HoldNoGrants = newAccounts });
        return result;
    }

    private static bool AccountExists(MySqlConnection connection, string user, string host)
    {
        using var command = new MySqlCommand("SELECT COUNT(*) FROM mysql.user WHERE User = @user AND Host = @host", connection);
        command.Parameters.AddWithValue("@user", user);
        command.Parameters.AddWithValue("@host", host);
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    /// <summary>
    /// Creates the database (utf8mb4_unicode_ci) if missing, creates each account if missing and, when its
    /// password is given, sets it (null: an existing account keeps its password; the caller generates one for
    /// a new account), then grants the migrator (the first account) everything on the database, with grant
    /// option. Shared by provision and restore, so a restored database gets exactly the provisioned accounts.
    /// </summary>
    internal static void CreateDatabaseAndAccounts(MySqlConnection connection, string database,
        IReadOnlyList<(string Account, string? Password)> accounts)
    {
        var db = Migrator.Identifier(database);
        Run(connection, $"CREATE DATABASE IF NOT EXISTS {db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        foreach (var (account, password) in accounts)
        {
            if (password is null)
            {
                Run(connection, $"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY @password", NewPassword());
                continue;
            }
            Run(connection, $"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY @password", password);
            Run(connection, $"ALTER USER {account} IDENTIFIED BY @password", password);
        }
        Run(connection, $"GRANT ALL PRIVILEGES ON {db}.* TO {accounts[0].Account} WITH GRANT OPTION");
    }

    /// <summary>
    /// With binary logging on, a non-SUPER account may create triggers and functions only when
    /// log_bin_trust_function_creators is set. Turn it on if we can, or say exactly what to do.
    /// </summary>
    internal void EnsureRoutineCreationAllowed(MySqlConnection connection)
    {
        using var check = new MySqlCommand("SELECT @@global.log_bin, @@global.log_bin_trust_function_creators", connection);
        using (var reader = check.ExecuteReader())
        {
            reader.Read();
            if (Convert.ToInt32(reader.GetValue(0)) == 0 || Convert.ToInt32(reader.GetValue(1)) == 1)
                return;
        }
        try
        {
            Run(connection, "SET GLOBAL log_bin_trust_function_creators = 1");
            output.WriteLine("note: turned on log_bin_trust_function_creators so the migrator can create triggers; " +
                             "add log_bin_trust_function_creators=1 to the server's configuration to keep it after a restart.");
        }
        catch (MySqlException ex)
        {
            throw new InvalidOperationException(
                "Binary logging is on and log_bin_trust_function_creators is off, so the migrator could not create triggers. " +
                "Set log_bin_trust_function_creators=1 in the server configuration. (" + ex.Message + ")", ex);
        }
    }

    private static void Run(MySqlConnection connection, string sql, string? password = null)
    {
        using var command = new MySqlCommand(sql, connection);
        if (password is not null)
            command.Parameters.AddWithValue("@password", password);
        command.ExecuteNonQuery();
    }

    internal static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
