using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Database.Icd10;
using Clinic.Database.Migrations;
using Clinic.Database.Provisioning;
using Dapper;
using MySqlConnector;

namespace Clinic.Database;

/// <summary>
/// clinic-db: the DBA's command line.
/// Exit codes: 0 ok, 1 usage, 2 server unreachable or database missing, 3 wrong credentials or
/// missing privilege, 4 a script failed, 5 the database is newer than this code, 6 a rule refused the request,
/// 7 an input file is missing or invalid (nothing was imported), or the --write-env file cannot be written.
/// </summary>
public static class Cli
{
    public static readonly string Usage = $"""
        clinic-db: migrations, accounts and generated data for the Clinic database.

        Commands:
          status        [--connection CS]   applied and pending scripts, and the server version
          upgrade       [--connection CS] [--dry-run] [--account-host H]
                                            apply pending scripts (idempotent), then grant views
          create-admin  [--connection CS] --username U --display-name NAME
                                            create the first administrator; the password comes from
                                            CLINIC_ADMIN_PASSWORD or is read from standard input
          import-icd10  FILE.csv [--connection CS]
                                            load a full ICD-10 code list: code,title[,chapter] per
                                            line (RFC 4180 CSV, optional header); all rows are checked
                                            first, then inserted or updated in one transaction
          provision     --admin-connection CS [--database clinic] [--account-host %]
                        [--migrator-password P] [--app-password P] [--analyst-password P] [--write-env FILE]
                                            create the database and its migrator, app and analyst
                                            accounts, then upgrade it; --write-env writes the three
                                            connection strings to FILE (mode 0600, for
                                            set -a; . FILE); without it passwords are shown as ***;
                                            also creates (or updates) the audit schema <database>_audit
          prune-access-log --admin-connection CS [--database clinic] --before YYYY-MM-DD
                                            delete read-access log rows older than the date (never
                                            rows younger than a year); a server administrator only
        {Generate.GenerateCommand.Usage}

        CS is a MySqlConnector connection string. Defaults: --connection from CLINIC_MIGRATOR_DB,
        --admin-connection from CLINIC_ADMIN_DB, passwords from CLINIC_MIGRATOR_PASSWORD,
        CLINIC_APP_PASSWORD and CLINIC_ANALYST_PASSWORD (generated when unset).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }

        Dictionary<string, string?> options;
        var rest = args.Skip(1).ToArray();
        string? file = null;
        if (args[0] == "import-icd10" && rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            file = rest[0];
            rest = rest[1..];
        }
        try
        {
            options = ParseOptions(rest);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        try
        {
            switch (args[0])
            {
                case "status":
                    return Status(Require(options, "connection", "CLINIC_MIGRATOR_DB"), output);
                case "upgrade":
                {
                    var cs = Require(options, "connection", "CLINIC_MIGRATOR_DB");
                    var database = new MySqlConnectionStringBuilder(cs).Database;
                    new Migrator(cs, output).Upgrade(options.ContainsKey("dry-run"),
                        AccountNames.ForDatabase(database, options.GetValueOrDefault("account-host") ?? "%"));
                    return 0;
                }
                case "create-admin":
                    return await CreateAdminAsync(options, output, error);
                case "provision":
                    return Provision(options, output);
                case "prune-access-log":
                {
                    var before = options.GetValueOrDefault("before") is { } text
                                 && DateTime.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                                     System.Globalization.DateTimeStyles.None, out var date)
                        ? date
                        : throw new UsageException("prune-access-log needs --before YYYY-MM-DD.");
                    await new Clinic.Database.AccessLog.AccessLogPruner(Require(options, "admin-connection", "CLINIC_ADMIN_DB"),
                        options.GetValueOrDefault("database") ?? "clinic", output).PruneAsync(before);
                    return 0;
                }
                case "generate":
                    return await Generate.GenerateCommand.RunAsync(options, output);
                case "import-icd10":
                    await new Icd10Importer(Require(options, "connection", "CLINIC_MIGRATOR_DB"), output)
                        .ImportFileAsync(file ?? options.GetValueOrDefault("file") ?? throw new UsageException("import-icd10 needs the CSV file: clinic-db import-icd10 FILE.csv"));
                    return 0;
                default:
                    error.WriteLine($"error: unknown command '{args[0]}'.");
                    error.WriteLine(Usage);
                    return 1;
            }
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (ArgumentException ex) when (args[0] == "generate")
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (FormatException ex) when (args[0] == "generate")
        {
            error.WriteLine($"error: --today needs a date YYYY-MM-DD ({ex.Message})");
            return 1;
        }
        catch (ScriptFailedException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 4;
        }
        catch (AuditSchemaMissingException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 3;
        }
        catch (DatabaseNewerThanCodeException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 5;
        }
        catch (Icd10FileException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 7;
        }
        catch (ClinicRuleException ex)
        {
            error.WriteLine($"refused: {ex.Message} (code {ex.Code})");
            return 6;
        }
        catch (ClinicDataUnavailableException ex) when (ex.InnerException is MySqlException inner)
        {
            return ReportConnectionError(inner, error);
        }
        catch (MySqlException ex)
        {
            return ReportConnectionError(ex, error);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 3;
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 7;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 7;
        }
    }

    private static int ReportConnectionError(MySqlException ex, TextWriter error)
    {
        switch (ex.ErrorCode)
        {
            case MySqlErrorCode.UnableToConnectToHost:
                error.WriteLine($"error: cannot reach the database server: {ex.Message}");
                return 2;
            case MySqlErrorCode.UnknownDatabase:
                error.WriteLine($"error: {ex.Message}. Run 'clinic-db provision' first.");
                return 2;
            case MySqlErrorCode.AccessDenied:
            case MySqlErrorCode.HostNotPrivileged:
            case MySqlErrorCode.DatabaseAccessDenied:
            case MySqlErrorCode.TableAccessDenied:
            case MySqlErrorCode.ColumnAccessDenied:
                error.WriteLine($"error: the server refused these credentials or this account lacks a privilege: {ex.Message}");
                return 3;
            default:
                error.WriteLine($"error: MySQL error {ex.Number}: {ex.Message}");
                return 4;
        }
    }

    private static int Status(string connectionString, TextWriter output)
    {
        var status = new Migrator(connectionString, output).GetStatus();
        output.WriteLine($"Server:   {status.ServerVersion}");
        output.WriteLine($"Database: {status.Database}");
        var migrations = status.Applied.Count(n => n.StartsWith("migrations/", StringComparison.Ordinal));
        output.WriteLine($"Applied:  {status.Applied.Count} script(s), of which {migrations} migration(s)");
        foreach (var name in status.Applied.Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)))
            output.WriteLine($"  {name}");
        output.WriteLine($"Pending:  {status.Pending.Count} script(s)");
        foreach (var name in status.Pending)
            output.WriteLine($"  {name}");
        if (status.Unknown.Count > 0)
        {
            output.WriteLine("The database is NEWER than this code; unknown migrations:");
            foreach (var name in status.Unknown)
                output.WriteLine($"  {name}");
            return 5;
        }
        return 0;
    }

    private static async Task<int> CreateAdminAsync(Dictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        var cs = Require(options, "connection", "CLINIC_MIGRATOR_DB");
        var username = options.GetValueOrDefault("username") ?? throw new UsageException("create-admin needs --username.");
        var displayName = options.GetValueOrDefault("display-name") ?? "Clinic Administrator";
        var password = Environment.GetEnvironmentVariable("CLINIC_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            error.Write("Password for the new administrator: ");
            password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden();
        }
        if (string.IsNullOrEmpty(password))
            throw new UsageException("no password given.");

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        await using var dataSource = new MySqlDataSource(cs);
        var accounts = new UserAccountProcedures(new ProcedureRunner(dataSource), new FixedSession(null), new ClinicPasswordHasher());
        var id = await accounts.BootstrapAdminAsync(username, displayName, password);
        output.WriteLine($"Created administrator '{username}' (account {id}).");
        return 0;
    }

    private static int Provision(Dictionary<string, string?> options, TextWriter output)
    {
        if (options.GetValueOrDefault("write-env") is { } target)
            EnvFile.CheckTarget(target);
        var result = new Provisioner(output).Provision(new ProvisionOptions(
            Require(options, "admin-connection", "CLINIC_ADMIN_DB"),
            options.GetValueOrDefault("database") ?? "clinic",
            options.GetValueOrDefault("account-host") ?? "%",
            options.GetValueOrDefault("migrator-password") ?? Env("CLINIC_MIGRATOR_PASSWORD"),
            options.GetValueOrDefault("app-password") ?? Env("CLINIC_APP_PASSWORD"),
            options.GetValueOrDefault("analyst-password") ?? Env("CLINIC_ANALYST_PASSWORD")));

        var variables = new KeyValuePair<string, string>[]
        {
            new("CLINIC_MIGRATOR_DB", result.MigratorConnectionString),
            new("CLINIC_DB", result.AppConnectionString),
            new("CLINIC_ANALYST_DB", result.AnalystConnectionString),
        };
        if (options.GetValueOrDefault("write-env") is { } file)
        {
            EnvFile.Write(file, variables);
            output.WriteLine($"Connection strings written to {file} (readable by you only; load them with: set -a; . {file}; set +a).");
        }
        else
        {
            // Passwords are never printed: terminals, CI logs and shell history keep them.
            foreach (var (name, value) in variables)
                output.WriteLine($"{name}={EnvFile.Masked(value)}");
            output.WriteLine("Passwords are not shown. Use --write-env FILE to save the connection strings to a file only you can read.");
        }
        return 0;
    }

    private static Dictionary<string, string?> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            if (name == "dry-run")
            {
                options[name] = null;
                continue;
            }
            if (i + 1 >= args.Length)
                throw new ArgumentException($"--{name} needs a value.");
            options[name] = args[++i];
        }
        return options;
    }

    private static string Require(Dictionary<string, string?> options, string name, string envVar) =>
        options.GetValueOrDefault(name) ?? Env(envVar)
        ?? throw new UsageException($"give --{name} or set {envVar}.");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string ReadHidden()
    {
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
                chars.RemoveAt(chars.Count - 1);
            else if (!char.IsControl(key.KeyChar))
                chars.Add(key.KeyChar);
        }
        Console.Error.WriteLine();
        return new string(chars.ToArray());
    }

    private sealed class UsageException(string message) : Exception(message);
}
