using System.Text.RegularExpressions;
using Clinic.Database.Migrations;
using MySqlConnector;

namespace Clinic.Database.Backup;

/// <summary>Where the dump's snapshot sits in the binary log (point-in-time recovery replays from here); null without binary logging.</summary>
public sealed record BinlogPosition(string File, long Position)
{
    public override string ToString() => $"{File}:{Position}";
}

public sealed record BackupResult(string File, BinlogPosition? Position, IReadOnlyList<string> Migrations);

/// <summary>
/// clinic-db backup: one consistent dump of the clinic database and its audit schema (&lt;db&gt;_audit), taken
/// by the engine's own dump tool (<see cref="DumpTools"/>) in a single transaction, with routines, triggers,
/// events and the binary-log position. The file (mode 0600: it holds patient data) starts with a header
/// naming the two databases and the migrations the database holds; it is written under a temporary name
/// and renamed when the tool has finished well, so FILE is never a partial dump.
/// </summary>
public sealed partial class DatabaseBackup(string adminConnectionString, TextWriter output)
{
    public const string HeaderPrefix = "-- clinic-db backup of database ";

    public BackupResult Write(string database, string? file)
    {
        Migrator.Identifier(database);
        var audit = AuditSchema.NameFor(database);
        Migrator.Identifier(audit);
        var admin = new MySqlConnectionStringBuilder(adminConnectionString) { Database = "" };
        DumpTools tools;
        string version;
        IReadOnlyList<string> migrations;
        using (var connection = new MySqlConnection(admin.ConnectionString))
        {
            connection.Open();
            tools = DumpTools.For(connection);
            version = Scalar(connection, "SELECT VERSION()", null);
            foreach (var schema in new[] { database, audit })
                if (Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @name", schema)) == 0)
                    throw new BackupException($"the database {schema} does not exist on this server.");
            migrations = Journal(connection, database);
        }

        file ??= $"{database}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.sql";
        var full = Path.GetFullPath(file);
        if (File.Exists(full) || Directory.Exists(full))
            throw new BackupException($"{file} already exists; give another --output.");
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        BinlogPosition? position = null;
        var completed = false;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, DumpTools.Latin1) { NewLine = "\n" })
            {
                writer.WriteLine($"{HeaderPrefix}`{database}` and its audit schema `{audit}`");
                writer.WriteLine($"-- taken {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC from {version} with {Path.GetFileName(tools.Dump)}");
                writer.WriteLine($"-- migrations: {migrations.Count}{(migrations.Count > 0 ? $", the last {migrations[^1]}" : "")}");
                writer.WriteLine("-- restore with: clinic-db restore FILE [--database NAME] (docs/operations.md)");

                using var process = DumpTools.Start(DumpTools.StartInfo(tools.Dump, tools.DumpArguments(admin, [database, audit]), admin.Password, redirectInput: false));
                var errors = process.StandardError.ReadToEndAsync();
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (position is null && line.StartsWith("-- CHANGE ", StringComparison.Ordinal) && PositionLine().Match(line) is { Success: true } match)
                        position = new BinlogPosition(match.Groups[1].Value, long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
                    if (line.StartsWith("-- Dump completed", StringComparison.Ordinal))
                        completed = true;
                    writer.WriteLine(line);
                }
                process.WaitForExit();
                var message = errors.Result.Trim();
                if (process.ExitCode != 0)
                    throw new BackupException($"{Path.GetFileName(tools.Dump)} failed (exit code {process.ExitCode}): {message}");
                if (!completed)
                    throw new BackupException($"{Path.GetFileName(tools.Dump)} stopped before the end of the dump: {message}");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }

        output.WriteLine($"Backup of {database} and {audit} written to {file} ({new FileInfo(full).Length:N0} bytes, readable by you only).");
        output.WriteLine($"Migrations in the dump: {migrations.Count}{(migrations.Count > 0 ? $" (the last {migrations[^1]})" : "")}.");
        output.WriteLine(position is null
            ? "warning: the server has no binary log, so there is no position for a point-in-time recovery (docs/operations.md)."
            : $"Binary log position: {position} (point-in-time recovery replays the binary logs from here, docs/operations.md).");
        return new BackupResult(full, position, migrations);
    }

    /// <summary>The run-once migrations the database has applied, in order, from its journal.</summary>
    internal static IReadOnlyList<string> Journal(MySqlConnection connection, string database)
    {
        using var command = new MySqlCommand(
            $"SELECT script_name FROM {Migrator.Identifier(database)}.{MySqlJournal.TableName} WHERE script_name LIKE 'migrations/%' ORDER BY schema_version_id",
            connection);
        var names = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                names.Add(reader.GetString(0));
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            // Not migrated yet: no journal.
        }
        return names;
    }

    /// <summary>The position comment: MariaDB's "-- CHANGE MASTER TO MASTER_LOG_FILE='f', MASTER_LOG_POS=n;", MySQL's "… SOURCE_LOG_FILE='f', SOURCE_LOG_POS=n;".</summary>
    [GeneratedRegex(@"_LOG_FILE='([^']+)',\s*\w+_LOG_POS=(\d+)")]
    internal static partial Regex PositionLine();

    private static string Scalar(MySqlConnection connection, string sql, string? name)
    {
        using var command = new MySqlCommand(sql, connection);
        if (name is not null)
            command.Parameters.AddWithValue("@name", name);
        return Convert.ToString(command.ExecuteScalar()) ?? "";
    }
}
