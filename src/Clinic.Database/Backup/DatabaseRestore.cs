using System.Text.RegularExpressions;
using Clinic.Database.Migrations;
using Clinic.Database.Provisioning;
using MySqlConnector;

namespace Clinic.Database.Backup;

public sealed record RestoreOptions(
    string AdminConnectionString, string File, string? Database, string AccountHost,
    string? MigratorPassword, string? AppPassword, string? AnalystPassword);

/// <summary>The restored database; a connection string is null for an account that existed already and kept its password.</summary>
public sealed record RestoreResult(string Database, string? MigratorConnectionString, string? AppConnectionString, string? AnalystConnectionString,
    int PendingScripts);

/// <summary>
/// clinic-db restore: loads a clinic-db backup into an empty database, under its own name or another one, so that
/// it works exactly like a provisioned database:
/// <list type="number">
/// <item>the target database and its audit schema must be empty or missing (nothing is ever overwritten);</item>
/// <item>the target's accounts (&lt;db&gt;_migrator, _app, _analyst) are created as provision creates them
/// (<see cref="Provisioner.CreateDatabaseAndAccounts"/>); an account that exists keeps its password unless
/// one is given;</item>
/// <item>the dump goes through the engine's own client as the administrator, rewritten by
/// <see cref="DumpRewriter"/>: definers become the target's migrator, schema names the target's;</item>
/// <item>the audit schema's grants (<see cref="AuditSchema.Ensure"/>) and the app's and analyst's grants
/// (<see cref="Migrator.GrantViews"/>) are made for the target, as an upgrade makes them.</item>
/// </list>
/// </summary>
public sealed partial class DatabaseRestore(TextWriter output)
{
    public RestoreResult Restore(RestoreOptions options)
    {
        if (!File.Exists(options.File))
            throw new FileNotFoundException($"the file '{options.File}' does not exist.");
        var source = SourceOf(options.File);
        CheckComplete(options.File);
        var target = options.Database ?? source;
        Migrator.Identifier(target);
        var audit = AuditSchema.NameFor(target);
        Migrator.Identifier(audit);
        var migrator = Migrator.Account($"{target}_migrator", options.AccountHost);
        var app = Migrator.Account($"{target}_app", options.AccountHost);
        var analyst = Migrator.Account($"{target}_analyst", options.AccountHost);

        CheckDatabases(options.File, new DumpRewriter(source, target, options.AccountHost));

        var admin = new MySqlConnectionStringBuilder(options.AdminConnectionString) { Database = "" };
        DumpTools tools;
        var passwords = new Dictionary<string, string?>();
        using (var connection = new MySqlConnection(admin.ConnectionString))
        {
            connection.Open();
            tools = DumpTools.For(connection);
            foreach (var schema in new[] { target, audit })
            {
                var objects = Count(connection,
                    "SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = @schema) " +
                    "+ (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = @schema) " +
                    "+ (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = @schema)", schema);
                if (objects > 0)
                    throw new BackupException(
                        $"the database {schema} is not empty ({objects} tables, views, routines or events): restore only into an empty database. " +
                        "Drop it first, or restore under another name with --database NAME.");
            }
            new Provisioner(output).EnsureRoutineCreationAllowed(connection);
            foreach (var (role, given) in new[] { ("migrator", options.MigratorPassword), ("app", options.AppPassword), ("analyst", options.AnalystPassword) })
            {
                var exists = Count(connection, "SELECT COUNT(*) FROM mysql.user WHERE user = @schema AND host = @host",
                    $"{target}_{role}", options.AccountHost) > 0;
                passwords[role] = given ?? (exists ? null : Provisioner.NewPassword());
            }
            Provisioner.CreateDatabaseAndAccounts(connection, target,
                [(migrator, passwords["migrator"]), (app, passwords["app"]), (analyst, passwords["analyst"])]);
            using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS {Migrator.Identifier(audit)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            create.ExecuteNonQuery();
        }

        output.WriteLine($"Loading {options.File} (database {source}) into {target} and {audit} with {Path.GetFileName(tools.Client)} ...");
        Load(tools, admin, options.File, new DumpRewriter(source, target, options.AccountHost));

        // The audit schema's journal came with the dump: Ensure applies nothing new, and grants the migrator its INSERT and SELECT.
        AuditSchema.Ensure(options.AdminConnectionString, target, migrator, output);
        var inTarget = new MySqlConnectionStringBuilder(options.AdminConnectionString) { Database = target }.ConnectionString;
        var migratorTool = new Migrator(inTarget, output);
        migratorTool.GrantViews(AccountNames.ForDatabase(target, options.AccountHost));
        var status = migratorTool.GetStatus();
        if (status.Unknown.Count > 0)
            output.WriteLine($"warning: the dump is newer than this code ({status.Unknown.Count} unknown migration(s)); use the clinic-db of that version.");
        else if (status.Pending.Count > 0)
            output.WriteLine($"note: {status.Pending.Count} script(s) of this code are not in the dump; run 'clinic-db upgrade' to apply them.");

        string? For(string role) => passwords[role] is { } password
            ? new MySqlConnectionStringBuilder(options.AdminConnectionString) { Database = target, UserID = $"{target}_{role}", Password = password }.ConnectionString
            : null;
        output.WriteLine($"Restored {source} as {target} (audit schema {audit}), with accounts {target}_migrator, {target}_app, {target}_analyst.");
        return new RestoreResult(target, For("migrator"), For("app"), For("analyst"), status.Pending.Count);
    }

    /// <summary>The clinic database the backup was taken of, from its first line (written by <see cref="DatabaseBackup"/>).</summary>
    internal static string SourceOf(string file)
    {
        using var reader = new StreamReader(file, DumpTools.Latin1);
        var first = reader.ReadLine() ?? "";
        if (!first.StartsWith(DatabaseBackup.HeaderPrefix, StringComparison.Ordinal) || HeaderName().Match(first) is not { Success: true } match)
            throw new BackupException($"{file} is not a clinic-db backup (its first line does not name the database); make backups with 'clinic-db backup'.");
        return Migrator.Identifier(match.Groups[1].Value).Trim('`');
    }

    /// <summary>Every database the dump creates or enters must be the clinic database or its audit schema: checked before anything is created.</summary>
    private static void CheckDatabases(string file, DumpRewriter rewriter)
    {
        using var reader = new StreamReader(file, DumpTools.Latin1);
        while (reader.ReadLine() is { } line)
            if (line.StartsWith("USE `", StringComparison.Ordinal) || line.StartsWith("CREATE DATABASE ", StringComparison.Ordinal))
                rewriter.Rewrite(line);
    }

    /// <summary>A dump the tool finished ends with "-- Dump completed"; a cut-off file is refused before anything is loaded.</summary>
    private static void CheckComplete(string file)
    {
        using var stream = File.OpenRead(file);
        var length = Math.Min(stream.Length, 512);
        stream.Seek(-length, SeekOrigin.End);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        if (!DumpTools.Latin1.GetString(buffer).Contains("-- Dump completed", StringComparison.Ordinal))
            throw new BackupException($"{file} is not a whole dump (it does not end with '-- Dump completed'); nothing was restored.");
    }

    private static void Load(DumpTools tools, MySqlConnectionStringBuilder admin, string file, DumpRewriter rewriter)
    {
        var arguments = new List<string>(DumpTools.ConnectionArguments(admin)) { "--default-character-set=utf8mb4", "--batch", "--comments" };
        var info = DumpTools.StartInfo(tools.Client, arguments, admin.Password, redirectInput: true);
        info.StandardInputEncoding = DumpTools.Latin1;
        using var process = DumpTools.Start(info);
        var errors = process.StandardError.ReadToEndAsync();
        var ignored = process.StandardOutput.ReadToEndAsync();
        try
        {
            process.StandardInput.NewLine = "\n";
            using var reader = new StreamReader(file, DumpTools.Latin1);
            while (reader.ReadLine() is { } line)
            {
                if (rewriter.Rewrite(line) is { } rewritten)
                    process.StandardInput.WriteLine(rewritten);
            }
        }
        catch (IOException)
        {
            // The client stopped reading (it failed): its message follows.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }
        process.WaitForExit();
        _ = ignored.Result;
        if (process.ExitCode != 0)
            throw new BackupException($"{Path.GetFileName(tools.Client)} failed loading the dump (exit code {process.ExitCode}): {errors.Result.Trim()}. " +
                                      "The target database is partly loaded: drop it (and its _audit schema) before trying again.");
    }

    private static long Count(MySqlConnection connection, string sql, string schema, string? host = null)
    {
        using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@schema", schema);
        if (host is not null)
            command.Parameters.AddWithValue("@host", host);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [GeneratedRegex("^-- clinic-db backup of database `([^`]+)`")]
    private static partial Regex HeaderName();
}
