using System.Text.RegularExpressions;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using MySqlConnector;

namespace Clinic.Database.Migrations;

public sealed record MigrationStatus(
    string ServerVersion, string Database, IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown);

/// <summary>The database has run-once migrations this code does not know: it is newer than the code.</summary>
public sealed class DatabaseNewerThanCodeException(IReadOnlyList<string> unknown)
    : Exception("The database is newer than this code: it has migrations this version does not know (" + string.Join(", ", unknown) +
                "). Upgrade the application instead of running this version against it.");

/// <summary>Names of the accounts that an upgrade grants view access to.</summary>
public sealed record AccountNames(string App, string Analyst, string Host)
{
    public static AccountNames ForDatabase(string database, string host = "%") => new($"{database}_app", $"{database}_analyst", host);
}

/// <summary>Applies db/ to a database with DbUp, then grants the app and analyst accounts their views.</summary>
public sealed partial class Migrator(string connectionString, TextWriter output)
{
    private readonly string _connectionString = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true }.ConnectionString;

    public MigrationStatus GetStatus()
    {
        using var connection = Open();
        var version = Scalar(connection, "SELECT VERSION()");
        var database = Scalar(connection, "SELECT DATABASE()");
        var engine = BuildEngine(null);
        var applied = engine.GetExecutedScripts();
        var pending = engine.GetScriptsToExecute().Select(s => s.Name).ToList();
        var known = ScriptCatalog.All.Where(s => s.Kind == ScriptKind.Migration).Select(s => s.JournalName).ToHashSet();
        var unknown = applied.Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && !known.Contains(n)).ToList();
        return new MigrationStatus(version, database, applied, pending, unknown);
    }

    /// <summary>Applies pending scripts (or only lists them with <paramref name="dryRun"/>). Returns how many ran.</summary>
    public int Upgrade(bool dryRun, AccountNames? accounts)
    {
        var status = GetStatus();
        if (status.Unknown.Count > 0)
            throw new DatabaseNewerThanCodeException(status.Unknown);

        if (dryRun)
        {
            output.WriteLine(status.Pending.Count == 0 ? "Nothing to apply: the database is up to date." : $"Would apply {status.Pending.Count} script(s):");
            foreach (var name in status.Pending)
                output.WriteLine($"  {name}");
            return status.Pending.Count;
        }

        var result = BuildEngine(new ConsoleLog(output)).PerformUpgrade();
        if (!result.Successful)
        {
            if (result.Error is ScriptFailedException failed)
                throw failed;
            throw new ScriptFailedException(result.ErrorScript?.Name ?? "(unknown)", 0,
                result.Error as MySqlException ?? throw result.Error);
        }

        output.WriteLine(result.Scripts.Any() ? $"Applied {result.Scripts.Count()} script(s)." : "Nothing to apply: the database is up to date.");
        if (accounts is not null)
            GrantViews(accounts);
        return result.Scripts.Count();
    }

    /// <summary>
    /// The app account may EXECUTE routines and SELECT the v_* views; the analyst account may SELECT the
    /// rpt_* views. Neither gets any privilege on a base table. Names come from the catalogue and the
    /// DBA's options, never from end users, and are checked against a strict pattern before use.
    /// </summary>
    public void GrantViews(AccountNames accounts)
    {
        using var connection = Open();
        var database = Scalar(connection, "SELECT DATABASE()");
        var app = Account(accounts.App, accounts.Host);
        var analyst = Account(accounts.Analyst, accounts.Host);
        var db = Identifier(database);

        var statements = new List<string> { $"GRANT EXECUTE ON {db}.* TO {app}" };
        using (var command = new MySqlCommand("SELECT table_name FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY table_name", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var view = reader.GetString(0);
                if (view.StartsWith("v_", StringComparison.Ordinal))
                    statements.Add($"GRANT SELECT ON {db}.{Identifier(view)} TO {app}");
                else if (view.StartsWith("rpt_", StringComparison.Ordinal))
                    statements.Add($"GRANT SELECT ON {db}.{Identifier(view)} TO {analyst}");
            }
        }

        var granted = 0;
        foreach (var sql in statements)
        {
            try
            {
                using var grant = new MySqlCommand(sql, connection);
                grant.ExecuteNonQuery();
                granted++;
            }
            catch (MySqlException ex)
            {
                output.WriteLine($"warning: could not run '{sql}': {ex.Message}");
            }
        }
        output.WriteLine($"Granted {granted} of {statements.Count} privileges to {accounts.App} and {accounts.Analyst}.");
    }

    internal static string Identifier(string name) =>
        SafeName().IsMatch(name) ? $"`{name}`" : throw new ArgumentException($"'{name}' is not a safe database object name.");

    internal static string Account(string user, string host) =>
        SafeName().IsMatch(user) && SafeHost().IsMatch(host)
            ? $"'{user}'@'{host}'"
            : throw new ArgumentException($"'{user}'@'{host}' is not a safe account name.");

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z0-9_.%:-]{1,255}$")]
    private static partial Regex SafeHost();

    private UpgradeEngine BuildEngine(IUpgradeLog? log)
    {
        var builder = new UpgradeEngineBuilder();
        builder.Configure(c =>
        {
            c.ConnectionManager = new MySqlConnectionManager(_connectionString);
            c.Journal = new MySqlJournal(() => c.ConnectionManager);
            c.ScriptExecutor = new MySqlScriptExecutor(() => c.ConnectionManager, () => c.Log, () => c.Journal);
        });
        builder.WithScripts(ScriptCatalog.All.Select(s => s.ToSqlScript()));
        builder.WithVariablesDisabled();
        if (log is null)
            builder.LogToNowhere();
        else
            builder.LogTo(log);
        return builder.Build();
    }

    private MySqlConnection Open()
    {
        var connection = new MySqlConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static string Scalar(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar()) ?? "";
    }

    private sealed class ConsoleLog(TextWriter output) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args)
        {
            var line = string.Format(format, args);
            if (line.StartsWith("Executing Database Server script", StringComparison.Ordinal))
                output.WriteLine("  " + line["Executing Database Server script".Length..].Trim(' ', '\''));
        }
        public void LogWarning(string format, params object[] args) => output.WriteLine("warning: " + string.Format(format, args));
        public void LogError(string format, params object[] args) { }
        public void LogError(Exception ex, string format, params object[] args) { }
    }
}
