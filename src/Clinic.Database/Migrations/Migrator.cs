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
/// <param name="HoldNoGrants">The accounts were created just now (a first provisioning): they hold no privilege to take
/// back, so the upgrade only grants. Each REVOKE costs MySQL a reload of every routine grant of the server.</param>
public sealed record AccountNames(string App, string Analyst, string Host, bool HoldNoGrants = false)
{
    public static AccountNames ForDatabase(string database, string host = "%") => new($"{database}_app", $"{database}_analyst", host);
}

/// <summary>
/// Applies db/ to a database with DbUp, drops the objects whose files were removed, then grants the app
/// account its public procedures and the analyst account its reporting views.
/// </summary>
public sealed partial class Migrator(string connectionString, TextWriter output, IReadOnlyList<CatalogScript>? catalog = null)
{
    /// <summary>The scripts this migrator applies: db/ as embedded in this build, or a frozen release's (upgrade tests).</summary>
    private readonly IReadOnlyList<CatalogScript> _catalog = catalog ?? ScriptCatalog.All;

    private readonly string _connectionString = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true }.ConnectionString;

    public MigrationStatus GetStatus()
    {
        using var connection = Open();
        var version = Scalar(connection, "SELECT VERSION()");
        var database = Scalar(connection, "SELECT DATABASE()");
        var engine = BuildEngine(null);
        var applied = engine.GetExecutedScripts();
        var pending = engine.GetScriptsToExecute().Select(s => s.Name).ToList();
        var known = _catalog.Where(s => s.Kind == ScriptKind.Migration).Select(s => s.JournalName).ToHashSet();
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

        EnsureAuditLinks();
        // The lock keeps writes out of the moment between a trigger's DROP and its CREATE. A database with nothing applied
        // yet has no trigger to lose: its tables are created by this very upgrade, before any of their triggers (the
        // triggers run last), so there is no gap to guard and its first provisioning skips 270 LOCK/UNLOCK pairs.
        var fresh = status.Applied.Count == 0;
        var lockTriggerTables = !fresh && CanLockTriggerTables();
        if (!fresh && !lockTriggerTables && status.Pending.Any(p => p.StartsWith("triggers/", StringComparison.Ordinal)))
            output.WriteLine("warning: the migrator may not lock the audit schema, so triggers are re-created without locking their tables " +
                             "and a write in between would go unchecked. Run clinic-db provision once as the server administrator to grant it.");
        var startedAt = UpgradeStartedAt();
        var result = BuildEngine(new ConsoleLog(output), lockTriggerTables, out var journal).PerformUpgrade();
        // The objects created before a failure are journaled too; if this fails as well, the next upgrade creates them again.
        try
        {
            using var connection = Open();
            journal.Flush(connection);
        }
        catch (MySqlException ex) when (!result.Successful)
        {
            output.WriteLine($"note: the objects created before the failure were not journaled ({ex.Message}); the next upgrade creates them again.");
        }
        if (!result.Successful)
        {
            if (result.Error is ScriptFailedException failed)
                throw failed;
            throw new ScriptFailedException(result.ErrorScript?.Name ?? "(unknown)", 0,
                result.Error as MySqlException ?? throw result.Error);
        }

        output.WriteLine(result.Scripts.Any() ? $"Applied {result.Scripts.Count()} script(s)." : "Nothing to apply: the database is up to date.");
        FinishUpgrade(startedAt);
        DropRemovedObjects();
        if (accounts is not null)
            GrantViews(accounts);
        return result.Scripts.Count();
    }

    private DateTime UpgradeStartedAt()
    {
        using var connection = Open();
        using var command = new MySqlCommand("SELECT NOW()", connection);
        return Convert.ToDateTime(command.ExecuteScalar());
    }

    /// <summary>
    /// Calls internal/schema_upgrade_finish (when this catalogue has it), which repairs the derived rows that writes made
    /// during the upgrade may lack: their triggers are created after the migrations that fill them.
    /// </summary>
    private void FinishUpgrade(DateTime startedAt)
    {
        if (!_catalog.Any(s => s.Kind == ScriptKind.Procedure && s.ObjectName == "schema_upgrade_finish"))
            return;
        // Writes of the clinic's staff go on meanwhile: a deadlock with one of them rolls the repair back, and it runs again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = Open();
                using var command = new MySqlCommand("CALL schema_upgrade_finish(@since)", connection) { CommandTimeout = 0 };
                command.Parameters.AddWithValue("@since", startedAt);
                command.ExecuteNonQuery();
                return;
            }
            catch (MySqlException ex) when (attempt < 5 && ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }

    /// <summary>
    /// The app account may EXECUTE the public procedures (db/procedures/*.sql) by name, and nothing else:
    /// no internal helper (db/procedures/internal/), no function, no view, no base table. The analyst
    /// account may SELECT the rpt_* views. Grants are made again after every upgrade because re-creating
    /// a procedure drops its grants, and what is no longer public is revoked. Names come from the
    /// catalogue and the database, never from end users, and are checked against a strict pattern.
    /// </summary>
    public void GrantViews(AccountNames accounts)
    {
        using var connection = Open();
        var database = Scalar(connection, "SELECT DATABASE()");
        var app = Account(accounts.App, accounts.Host);
        var analyst = Account(accounts.Analyst, accounts.Host);
        var db = Identifier(database);
        var publicProcedures = _catalog.Where(s => s.IsPublicProcedure).Select(s => s.ObjectName).ToHashSet(StringComparer.Ordinal);

        var grants = new List<string>();
        var revokes = new List<string> { $"REVOKE EXECUTE ON {db}.* FROM {app}" };
        foreach (var (name, type) in List(connection,
                     "SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY routine_name"))
        {
            if (type == "PROCEDURE" && publicProcedures.Contains(name))
                grants.Add($"GRANT EXECUTE ON PROCEDURE {db}.{Identifier(name)} TO {app}");
            else
                revokes.Add($"REVOKE EXECUTE ON {type} {db}.{Identifier(name)} FROM {app}");
        }
        foreach (var (view, _) in List(connection,
                     "SELECT table_name, '' FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY table_name"))
        {
            if (view.StartsWith("rpt_", StringComparison.Ordinal))
                grants.Add($"GRANT SELECT ON {db}.{Identifier(view)} TO {analyst}");
            else
                revokes.Add($"REVOKE SELECT ON {db}.{Identifier(view)} FROM {app}");
        }

        var granted = 0;
        foreach (var sql in grants)
        {
            try
            {
                Execute(connection, sql);
                granted++;
            }
            catch (MySqlException ex)
            {
                output.WriteLine($"warning: could not run '{sql}': {ex.Message}");
            }
        }
        foreach (var sql in accounts.HoldNoGrants ? [] : revokes)
        {
            try
            {
                Execute(connection, sql);
            }
            catch (MySqlException ex) when (ex.Number is 1141 or 1147 or 1403)
            {
                // There was no such grant: nothing to take back.
            }
        }
        output.WriteLine($"Granted {granted} of {grants.Count} privileges to {accounts.App} and {accounts.Analyst}.");
    }

    /// <summary>
    /// Drops the procedures, functions, views and triggers whose file was removed from db/, so that a
    /// routine deleted from the code cannot linger in the database (and be called).
    /// </summary>
    public IReadOnlyList<string> DropRemovedObjects()
    {
        using var connection = Open();
        var known = _catalog.Where(s => s.Kind != ScriptKind.Migration)
            .Select(s => (s.Kind, s.ObjectName)).ToHashSet();
        var dropped = new List<string>();
        var existing = List(connection, "SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_schema = DATABASE()")
            .Select(r => (Kind: r.Second == "FUNCTION" ? ScriptKind.Function : ScriptKind.Procedure, Name: r.First))
            .Concat(List(connection, "SELECT table_name, '' FROM information_schema.views WHERE table_schema = DATABASE()")
                .Select(v => (Kind: ScriptKind.View, Name: v.First)))
            .Concat(List(connection, "SELECT trigger_name, '' FROM information_schema.triggers WHERE trigger_schema = DATABASE()")
                .Select(t => (Kind: ScriptKind.Trigger, Name: t.First)))
            .ToList();
        foreach (var (kind, name) in existing)
        {
            if (known.Contains((kind, name)) || LinkedObjects.Contains(name))
                continue;
            var keyword = kind switch
            {
                ScriptKind.Function => "FUNCTION",
                ScriptKind.Procedure => "PROCEDURE",
                ScriptKind.View => "VIEW",
                _ => "TRIGGER",
            };
            Execute(connection, $"DROP {keyword} IF EXISTS {Identifier(name)}");
            dropped.Add($"{keyword.ToLowerInvariant()} {name}");
            output.WriteLine($"  dropped {keyword.ToLowerInvariant()} {name} (its file was removed)");
        }
        return dropped;
    }

    /// <summary>Objects the migrator creates itself rather than from a file in db/ (none are dropped as removed).</summary>
    internal static readonly HashSet<string> LinkedObjects = new(AuditSchema.LinkViews.Keys, StringComparer.Ordinal);

    /// <summary>
    /// (Re)creates the views through which the clinic database writes and reads the audit schema
    /// (audit_trail, patient_access_trail, report_export_trail). They run with the migrator's rights (SQL SECURITY DEFINER),
    /// which in the audit schema are INSERT and SELECT only, so nobody can change or delete a row
    /// through them. Fails with <see cref="AuditSchemaMissingException"/> when provisioning has not
    /// created the audit schema yet.
    /// </summary>
    public void EnsureAuditLinks()
    {
        using var connection = Open();
        var database = Scalar(connection, "SELECT DATABASE()");
        var audit = Identifier(AuditSchema.NameFor(database));
        foreach (var (view, table) in AuditSchema.LinkViews)
        {
            var columns = List(connection,
                    "SELECT column_name, '' FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table ORDER BY ordinal_position",
                    new { schema = AuditSchema.NameFor(database), table })
                .Select(c => Identifier(c.First)).ToList();
            try
            {
                if (columns.Count == 0)
                    throw new InvalidOperationException($"{AuditSchema.NameFor(database)}.{table} does not exist or is not visible to the migrator.");
                Execute(connection, $"CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY DEFINER VIEW {Identifier(view)} AS " +
                                    $"SELECT {string.Join(", ", columns)} FROM {audit}.{Identifier(table)}");
            }
            catch (Exception ex) when (ex is MySqlException or InvalidOperationException)
            {
                throw new AuditSchemaMissingException(AuditSchema.NameFor(database), ex);
            }
        }
    }

    private static List<(string First, string Second)> List(MySqlConnection connection, string sql, object? args = null)
    {
        var rows = new List<(string, string)>();
        using var command = new MySqlCommand(sql, connection);
        foreach (var property in args?.GetType().GetProperties() ?? [])
            command.Parameters.AddWithValue("@" + property.Name, property.GetValue(args));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static void Execute(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
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

    /// <summary>
    /// Whether this migrator may lock a clinic table for writing while it re-creates the table's triggers: that
    /// implicitly locks the audit tables the triggers write to (through the audit_trail views), which needs
    /// LOCK TABLES on the audit schema (granted by provisioning since issue 15).
    /// </summary>
    private bool CanLockTriggerTables()
    {
        using var connection = Open();
        try
        {
            Execute(connection, "LOCK TABLES " + string.Join(", ", AuditSchema.LinkViews.Keys.Select(v => Identifier(v) + " WRITE")));
            return true;
        }
        catch (MySqlException)
        {
            return false;
        }
        finally
        {
            Execute(connection, "UNLOCK TABLES");
        }
    }

    private UpgradeEngine BuildEngine(IUpgradeLog? log, bool lockTriggerTables = true) => BuildEngine(log, lockTriggerTables, out _);

    private UpgradeEngine BuildEngine(IUpgradeLog? log, bool lockTriggerTables, out MySqlJournal journal)
    {
        var builder = new UpgradeEngineBuilder();
        var connectionManager = new MySqlConnectionManager(_connectionString);
        var ownJournal = journal = new MySqlJournal(() => connectionManager);
        builder.Configure(c =>
        {
            c.ConnectionManager = connectionManager;
            c.Journal = ownJournal;
            c.ScriptExecutor = new MySqlScriptExecutor(() => c.ConnectionManager, () => c.Log, () => c.Journal);
        });
        builder.WithScripts(_catalog.Select(s => s.ToSqlScript(lockTriggerTables)));
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
