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
/// 7 an input file is missing or invalid (nothing was imported), or the --write-env file cannot be written,
/// 8 a backup or restore failed (the dump tool failed, the dump is not whole, the target database is not empty).
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
          import        KIND FILE.csv --username U [--connection CS] [--valid-rows] [--dry-run] [--notify] [--errors REPORT.csv]
                                            import patients, staff, working hours, ... from a CSV file
                                            (docs/import.md; KIND: patient, staff, working_hours, ...)
                                            signed in as staff user U (an administrator; the password
                                            comes from CLINIC_IMPORT_PASSWORD or standard input) over the
                                            app account: --connection, else CLINIC_APP_DB, else CLINIC_DB.
                                            All or nothing unless --valid-rows; --dry-run only checks;
                                            --notify: imported future appointments send the patients
                                            their booking messages (off by default);
                                            --errors writes the error report (line,column,value,message,code).
                                            Exit code 6 when rows were rejected.
          provision     --admin-connection CS [--database clinic] [--account-host %]
                        [--migrator-password P] [--app-password P] [--analyst-password P] [--write-env FILE]
                                            create the database and its migrator, app and analyst
                                            accounts, then upgrade it; --write-env writes the three
                                            connection strings to FILE (mode 0600, for
                                            set -a; . FILE); without it passwords are shown as ***;
                                            also creates (or updates) the audit schema <database>_audit
          backup        --admin-connection CS [--database clinic] [--output FILE]
                                            a consistent dump of the database and its audit schema
                                            (routines, triggers, events, binary-log position) with the
                                            engine's own dump tool; FILE is created with mode 0600
                                            (default <database>-<UTC time>.sql). docs/operations.md
          restore       FILE --admin-connection CS [--database NAME] [--account-host %] [--write-env FILE]
                                            load a backup into an empty database, under its own name or
                                            NAME, with its own accounts and grants as provision makes
                                            them (passwords of new accounts: CLINIC_*_PASSWORD or
                                            generated; existing accounts keep theirs)
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
        string? kind = null;
        if (args[0] == "import" && rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            kind = rest[0];
            rest = rest[1..];
        }
        if (args[0] is "import-icd10" or "import" or "restore" && rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
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
                case "backup":
                    new Backup.DatabaseBackup(Require(options, "admin-connection", "CLINIC_ADMIN_DB"), output)
                        .Write(options.GetValueOrDefault("database") ?? "clinic", options.GetValueOrDefault("output"));
                    return 0;
                case "restore":
                    return Restore(file ?? throw new UsageException("restore needs the backup file: clinic-db restore FILE [--database NAME]"), options, output);
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
                    return await Generate.GenerateCommand.RunAsync(options, output, error);
                case "import":
                    return await ImportAsync(kind ?? throw new UsageException("import needs the kind and the file: clinic-db import KIND FILE.csv --username U"),
                        file ?? throw new UsageException("import needs the CSV file: clinic-db import KIND FILE.csv --username U"),
                        options, output, error);
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
        catch (ArgumentException ex) when (args[0] is "backup" or "restore")
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Backup.BackupException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 8;
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
        catch (CsvHelper.CsvFormatException ex)
        {
            error.WriteLine($"error: the file is not a well-formed CSV file: {ex.Message.Split('\n')[0]}");
            return 7;
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

    /// <summary>
    /// clinic-db import: signs in as the staff user (the database checks the password and the permission import.run),
    /// sends the file through <see cref="CsvImporter"/>, prints the counts and the first errors, writes the error
    /// report, signs out. 0 when no row was rejected, 6 otherwise.
    /// </summary>
    private static async Task<int> ImportAsync(string kind, string file, Dictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        var cs = options.GetValueOrDefault("connection") ?? Env("CLINIC_APP_DB") ?? Env("CLINIC_DB")
                 ?? throw new UsageException("give --connection or set CLINIC_APP_DB (the app account's connection string).");
        var username = options.GetValueOrDefault("username") ?? throw new UsageException("import needs --username (an administrator).");
        if (!File.Exists(file))
            throw new FileNotFoundException($"the file '{file}' does not exist.");
        await using var signIn = await StaffSignIn.OpenAsync(cs, username, "clinic-db import", error);
        if (signIn is null)
            return 3;
        var imports = new Clinic.Data.Import.ImportProcedures(signIn.Runner, signIn.Session);
        var importer = new Clinic.Data.Import.CsvImporter(imports);
        Clinic.Data.Import.CsvImportOutcome outcome;
        await using (var stream = File.OpenRead(file))
            outcome = await importer.ImportAsync(kind, file, stream, options.ContainsKey("valid-rows"), options.ContainsKey("dry-run"),
                notifyPatients: options.ContainsKey("notify"));
        var batch = outcome.Batch;
        output.WriteLine($"Import {batch.ImportBatchId} of {Path.GetFileName(file)} ({batch.Kind}, {batch.Mode}{(outcome.DryRun ? ", dry run" : "")}): {batch.Status}.");
        output.WriteLine($"Rows: {batch.RowsTotal} read, {batch.RowsValid} valid, {batch.RowsRejected} rejected, {batch.RowsSkipped} skipped (imported before), {batch.RowsImported} imported.");
        output.WriteLine($"Time: {outcome.Sending.TotalSeconds:0.0} s sending the rows, {outcome.Checking.TotalSeconds:0.0} s checking{(outcome.DryRun ? "" : " and importing")}.");
        if (options.GetValueOrDefault("errors") is { } report)
        {
            await using (var writer = new StreamWriter(report, append: false, new System.Text.UTF8Encoding(false)))
                await importer.WriteErrorReportAsync(batch.ImportBatchId, writer);
            output.WriteLine($"Error report ({batch.ErrorCount} error(s)) written to {report}.");
        }
        else if (batch.ErrorCount > 0)
        {
            var first = await imports.ErrorsAsync(batch.ImportBatchId, 0, 20);
            foreach (var e in first)
                error.WriteLine(e.ToString());
            if (batch.ErrorCount > first.Count)
                error.WriteLine($"... {batch.ErrorCount - first.Count} more; use --errors REPORT.csv for the whole report.");
        }
        return batch.RowsRejected > 0 || batch.HeaderErrorCount > 0 || batch.Status == "rejected" ? 6 : 0;
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

    /// <summary>clinic-db restore: passwords only from the environment (never the command line), like provision's defaults.</summary>
    private static int Restore(string file, Dictionary<string, string?> options, TextWriter output)
    {
        if (options.GetValueOrDefault("write-env") is { } target)
            EnvFile.CheckTarget(target);
        var result = new Backup.DatabaseRestore(output).Restore(new Backup.RestoreOptions(
            Require(options, "admin-connection", "CLINIC_ADMIN_DB"), file,
            options.GetValueOrDefault("database"),
            options.GetValueOrDefault("account-host") ?? "%",
            Env("CLINIC_MIGRATOR_PASSWORD"), Env("CLINIC_APP_PASSWORD"), Env("CLINIC_ANALYST_PASSWORD")));
        var variables = new[] { ("CLINIC_MIGRATOR_DB", result.MigratorConnectionString), ("CLINIC_DB", result.AppConnectionString), ("CLINIC_ANALYST_DB", result.AnalystConnectionString) }
            .Where(v => v.Item2 is not null).Select(v => new KeyValuePair<string, string>(v.Item1, v.Item2!)).ToList();
        if (variables.Count < 3)
            output.WriteLine("The accounts that existed already kept their passwords.");
        if (variables.Count == 0)
            return 0;
        if (options.GetValueOrDefault("write-env") is { } envFile)
        {
            EnvFile.Write(envFile, variables);
            output.WriteLine($"Connection strings written to {envFile} (readable by you only).");
        }
        else
        {
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
            if (name is "dry-run" or "valid-rows" or "notify")
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

    internal static string ReadHidden()
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

}

/// <summary>A command used wrongly: exit code 1 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
