using System.Diagnostics;
using System.Text;
using MySqlConnector;

namespace Clinic.Database.Backup;

/// <summary>A backup or restore could not be done (the dump tool failed, the dump is not whole, the target is not empty): exit code 8.</summary>
public sealed class BackupException(string message) : Exception(message);

public enum DatabaseEngine
{
    MySql,
    MariaDb,
}

/// <summary>
/// The engine's own command-line tools, as backup and restore run them: mysqldump (MariaDB: mariadb-dump), the
/// mysql client (MariaDB: mariadb) and mysqlbinlog (MariaDB: mariadb-binlog). CLINIC_MYSQLDUMP, CLINIC_MYSQL
/// and CLINIC_MYSQLBINLOG name another executable (e.g. one that runs the tool of a server in a chroot or a
/// container). The password never goes on a command line (where <c>ps</c> shows it): it reaches the tool in its
/// MYSQL_PWD environment variable, and <c>--no-defaults</c> keeps option files from changing what runs.
/// </summary>
public sealed class DumpTools(DatabaseEngine engine)
{
    public DatabaseEngine Engine { get; } = engine;

    /// <summary>The engine behind a server version string (SELECT VERSION()).</summary>
    public static DatabaseEngine EngineOf(string version) =>
        version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? DatabaseEngine.MariaDb : DatabaseEngine.MySql;

    public static DumpTools For(MySqlConnection connection)
    {
        using var command = new MySqlCommand("SELECT VERSION()", connection);
        return new DumpTools(EngineOf(Convert.ToString(command.ExecuteScalar()) ?? ""));
    }

    public string Dump => Resolve("CLINIC_MYSQLDUMP", Engine == DatabaseEngine.MariaDb ? ["mariadb-dump", "mysqldump"] : ["mysqldump"]);

    public string Client => Resolve("CLINIC_MYSQL", Engine == DatabaseEngine.MariaDb ? ["mariadb", "mysql"] : ["mysql"]);

    public string Binlog => Resolve("CLINIC_MYSQLBINLOG", Engine == DatabaseEngine.MariaDb ? ["mariadb-binlog", "mysqlbinlog"] : ["mysqlbinlog"]);

    /// <summary>
    /// The dump options: one consistent snapshot (--single-transaction) of the tables, the routines, triggers
    /// and events, binary columns in hex, and the binary-log position of the snapshot as a comment
    /// (MySQL 8.4+ calls it --source-data, MariaDB 10.11 --master-data). MySQL's GTID set is left out
    /// (--set-gtid-purged=OFF) so the dump loads into a server that already has GTIDs of its own.
    /// </summary>
    public IReadOnlyList<string> DumpArguments(MySqlConnectionStringBuilder admin, IEnumerable<string> databases)
    {
        var arguments = new List<string>(ConnectionArguments(admin))
        {
            "--single-transaction", "--routines", "--triggers", "--events", "--hex-blob",
            "--default-character-set=utf8mb4", "--no-tablespaces",
        };
        if (Engine == DatabaseEngine.MariaDb)
            arguments.Add("--master-data=2");
        else
            arguments.AddRange(["--source-data=2", "--set-gtid-purged=OFF"]);
        arguments.Add("--databases");
        arguments.AddRange(databases);
        return arguments;
    }

    /// <summary>--no-defaults, then how to reach the server: host and port (TCP) or a socket, and the user. Never the password.</summary>
    public static IReadOnlyList<string> ConnectionArguments(MySqlConnectionStringBuilder admin)
    {
        var arguments = new List<string> { "--no-defaults" };
        var server = admin.Server.Split(',')[0].Trim();
        if (server.StartsWith('/'))
            arguments.AddRange(["--protocol=SOCKET", $"--socket={server}"]);
        else
            arguments.AddRange(["--protocol=TCP", $"--host={(server.Length == 0 ? "127.0.0.1" : server)}", $"--port={admin.Port}"]);
        arguments.Add($"--user={admin.UserID}");
        return arguments;
    }

    /// <summary>A process for the tool with the arguments, the password in MYSQL_PWD, standard streams redirected.</summary>
    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> arguments, string? password, bool redirectInput)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Latin1,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (string.IsNullOrEmpty(password))
            info.Environment.Remove("MYSQL_PWD");
        else
            info.Environment["MYSQL_PWD"] = password;
        return info;
    }

    /// <summary>
    /// Dump files are read and written as Latin-1, which maps every byte to one char and back: what passes
    /// through unchanged is byte for byte the tool's output, whatever encoding its data has.
    /// </summary>
    public static readonly Encoding Latin1 = Encoding.Latin1;

    public static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new BackupException($"could not start {info.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BackupException($"could not run {info.FileName} ({ex.Message}); install the database server's client tools " +
                                      "or name the tool in CLINIC_MYSQLDUMP, CLINIC_MYSQL or CLINIC_MYSQLBINLOG (docs/operations.md).");
        }
    }

    private static string Resolve(string variable, string[] candidates)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
            return configured;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in candidates)
            foreach (var folder in path)
                if (File.Exists(Path.Combine(folder, candidate)))
                    return Path.Combine(folder, candidate);
        return candidates[0];
    }
}
