using System.Diagnostics;
using Clinic.Data.Scheduling;
using Clinic.Database.Backup;
using Clinic.Database.Tests.Support;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// clinic-db backup and restore (src/Clinic.Database/Backup), on both engines: a filled database is dumped with
/// the engine's own tool, restored under another name, and the copy is the same (rows and checksum of
/// every table of the database and its audit schema, routine, trigger and view definitions, events, journal)
/// and works like a provisioned database (the app account calls public procedures, the audit trail goes to
/// the copy's audit schema). Point-in-time recovery replays the binary log from the dump's position up to a
/// moment between two bookings. MySQL's tools run in the chroot of scripts/db-server.sh (its `tool` command),
/// MariaDB's are the host's.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class BackupRestoreTests
{
    private static readonly string[] ToolVariables = ["CLINIC_MYSQLDUMP", "CLINIC_MYSQL", "CLINIC_MYSQLBINLOG"];
    private readonly Dictionary<string, string?> _savedVariables = [];
    private readonly List<string> _restored = [];
    private string _folder = "";
    private DumpTools _tools = null!;

    [OneTimeSetUp]
    public void UseTheEnginesTools()
    {
        _folder = Directory.CreateTempSubdirectory("clinic-backup-").FullName;
        _tools = new DumpTools(DumpTools.EngineOf(DatabaseFixture.ServerVersion));
        foreach (var name in ToolVariables)
            _savedVariables[name] = Environment.GetEnvironmentVariable(name);
        if (_tools.Engine != DatabaseEngine.MySql || Environment.GetEnvironmentVariable("CLINIC_MYSQLDUMP") is { Length: > 0 })
            return;
        // MySQL's mysqldump, mysql and mysqlbinlog live in the chroot that runs the test server.
        var script = Path.Combine(RepositoryRoot(), "scripts", "db-server.sh");
        foreach (var (variable, tool) in new[] { ("CLINIC_MYSQLDUMP", "mysqldump"), ("CLINIC_MYSQL", "mysql"), ("CLINIC_MYSQLBINLOG", "mysqlbinlog") })
        {
            var wrapper = Path.Combine(_folder, tool);
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{script}' tool mysql {tool} \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Environment.SetEnvironmentVariable(variable, wrapper);
        }
    }

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        foreach (var (name, value) in _savedVariables)
            Environment.SetEnvironmentVariable(name, value);
        await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in _restored)
        {
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}`");
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}_audit`");
            foreach (var suffix in new[] { "migrator", "app", "analyst" })
                await admin.ExecuteAsync($"DROP USER IF EXISTS '{name}_{suffix}'@'%'");
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_backup_restored_under_another_name_is_the_same_database_and_works_like_a_provisioned_one()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var adminId = await db.AdminIdAsync();
        var doctor = await db.NewDoctorAsync();
        var room = await db.NewRoomAsync();
        var appointments = db.AppointmentsAs(adminId);
        var booked = new List<int>();
        for (var i = 0; i < 4; i++)
            booked.Add(await appointments.BookAsync(new AppointmentInput
            {
                PatientId = await db.NewPatientAsync(), StaffId = doctor, RoomId = room, StartsAt = AppointmentTests.Day(1).AddHours(9 + i), Reason = $"Check-up {i}",
            }));
        await appointments.CancelAsync(booked[3], "Patient called");

        // A file of its own: a recycled database has the name another test of this fixture had.
        var file = Path.Combine(_folder, $"{db.Name}-{Guid.NewGuid():N}.sql");
        var (code, output, error) = await CliAsync("backup", "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", db.Name, "--output", file);
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Match(@"Binary log position: \S+:\d+"));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var header = File.ReadLines(file).Take(3).ToList();
        Assert.That(header[0], Is.EqualTo($"-- clinic-db backup of database `{db.Name}` and its audit schema `{db.Name}_audit`"));
        Assert.That(header[2], Does.StartWith("-- migrations: ").And.Contain("migrations/"));

        var target = db.Name + "r";
        _restored.Add(target);
        var env = Path.Combine(_folder, $"{target}.env");
        (code, output, error) = await CliAsync("restore", file, "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", target, "--write-env", env);
        Assert.That(code, Is.Zero, output + error);

        // The same rows in every table of the database and of its audit schema.
        await using var admin = new MySqlConnection(DatabaseFixture.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var (source, copy) in new[] { (db.Name, target), ($"{db.Name}_audit", $"{target}_audit") })
        {
            var original = await TableFingerprint.OfSchemaAsync(admin, source);
            Assert.That(original, Has.Count.GreaterThan(source == db.Name ? 50 : 2));
            Assert.That(original.Values.Sum(t => t.Rows), Is.GreaterThan(0), $"rows in {source}");
            Assert.That((await TableFingerprint.OfSchemaAsync(admin, copy)).ToList(), Is.EqualTo(original.ToList()),
                $"every table of {copy}: its columns, row count and checksum");
            Assert.That(await JournalAsync(admin, copy), Is.EqualTo(await JournalAsync(admin, source)).And.Not.Empty, $"the schema journal of {copy}");
        }
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{target}`.appointment WHERE appointment_id IN @booked", new { booked }),
            Is.EqualTo(4));

        // The same routines, triggers, views and events, owned by the copy's migrator.
        const string routines = "SELECT CONCAT(routine_type, ' ', routine_name, ' ', security_type, ' ', routine_definition) FROM information_schema.routines WHERE routine_schema = @schema ORDER BY routine_name, routine_type";
        const string triggers = "SELECT CONCAT(trigger_name, ' ', action_timing, ' ', event_manipulation, ' ', event_object_table, ' ', action_statement) FROM information_schema.triggers WHERE trigger_schema = @schema ORDER BY trigger_name";
        const string views = "SELECT CONCAT(table_name, ' ', security_type, ' ', view_definition) FROM information_schema.views WHERE table_schema = @schema ORDER BY table_name";
        const string events = "SELECT CONCAT(event_name, ' ', status, ' ', event_definition) FROM information_schema.events WHERE event_schema = @schema ORDER BY event_name";
        foreach (var (what, sql) in new[] { ("routines", routines), ("triggers", triggers), ("views", views), ("events", events) })
        {
            var original = (await admin.QueryAsync<string>(sql, new { schema = db.Name })).ToList();
            var restored = (await admin.QueryAsync<string>(sql, new { schema = target }))
                .Select(s => s.Replace($"`{target}_audit`.", $"`{db.Name}_audit`.").Replace($"`{target}`.", $"`{db.Name}`.")).ToList();
            Assert.That(restored, Is.EqualTo(original), what);
            Assert.That(original, Is.Not.Empty, what);
        }
        Assert.That(await admin.QueryAsync<string>(
            "SELECT DISTINCT definer FROM information_schema.routines WHERE routine_schema = @target " +
            "UNION SELECT definer FROM information_schema.triggers WHERE trigger_schema = @target " +
            "UNION SELECT definer FROM information_schema.views WHERE table_schema = @target " +
            "UNION SELECT definer FROM information_schema.events WHERE event_schema = @target", new { target }),
            Is.EqualTo(new[] { $"{target}_migrator@%" }));

        // It works like a provisioned database: the app account calls public procedures (which run with the
        // copy's migrator's rights), and what they change is audited in the copy's audit schema only.
        var restoredDb = new TestDatabase(target, DatabaseFixture.AdminConnectionString, EnvFileShell.Read(env, "CLINIC_MIGRATOR_DB"), EnvFileShell.Read(env, "CLINIC_DB"), EnvFileShell.Read(env, "CLINIC_ANALYST_DB"));
        Assert.That(new MySqlConnectionStringBuilder(restoredDb.App).UserID, Is.EqualTo($"{target}_app"));
        var restoredAppointments = restoredDb.AppointmentsAs(adminId);
        var listed = await restoredAppointments.ListAsync(AppointmentTests.Day(1), AppointmentTests.Day(2), doctor, null, null, 0, 50);
        Assert.That(listed.Select(a => a.AppointmentId), Is.SupersetOf(booked.Take(3)));
        var sourceAudit = await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.audit_log");
        var copyAudit = await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{target}_audit`.audit_log");
        var newBooking = await restoredAppointments.BookAsync(new AppointmentInput
        {
            PatientId = await restoredDb.ScalarAsync<int>("SELECT MIN(patient_id) FROM patient"), StaffId = doctor, StartsAt = AppointmentTests.Day(1).AddHours(15),
        });
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{target}_audit`.audit_log WHERE table_name = 'appointment' AND row_key = @key",
            new { key = newBooking.ToString(System.Globalization.CultureInfo.InvariantCulture) }), Is.GreaterThan(0));
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{target}_audit`.audit_log"), Is.GreaterThan(copyAudit));
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.audit_log"), Is.EqualTo(sourceAudit));
        await using (var app = new MySqlConnection(restoredDb.App))
        {
            await app.OpenAsync();
            var denied = (await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patient")))!;
            Assert.That(denied.ErrorCode, Is.EqualTo(MySqlErrorCode.TableAccessDenied), "the app account reads no base table");
        }

        // A database that is not empty is never restored over; a name that is not a plain identifier is refused.
        (code, _, error) = await CliAsync("restore", file, "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", target);
        Assert.That(code, Is.EqualTo(8));
        Assert.That(error, Does.Contain($"the database {target} is not empty"));
        (code, _, error) = await CliAsync("restore", file, "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", "clinic`; DROP DATABASE x; --");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("not a safe database object name"));
    }

    [Test]
    public async Task Point_in_time_recovery_replays_the_binary_log_from_the_backup_up_to_the_chosen_moment()
    {
        // MariaDB: on a server of the test's own, replaying every event, as docs/operations.md tells a clinic to
        // (MariaDB 10.11's mariadb-binlog --database drops the head of a BINLOG statement when a trigger wrote to
        // the audit schema in the same statement: error 1064). MySQL: on the shared test server, --database filters.
        await using var own = _tools.Engine == DatabaseEngine.MariaDb ? await PrivateServer.StartAsync("mariadb") : null;
        var server = own?.AdminConnectionString ?? DatabaseFixture.AdminConnectionString;
        var db = own is null ? await DatabaseFixture.CreateDatabaseAsync() : await own.ProvisionAsync();
        var adminId = await db.AdminIdAsync();
        var doctor = await db.NewDoctorAsync();
        var patient = await db.NewPatientAsync();
        var appointments = db.AppointmentsAs(adminId);
        var backup = await Task.Run(() => new DatabaseBackup(server, TextWriter.Null)
            .Write(db.Name, Path.Combine(_folder, $"{db.Name}-{Guid.NewGuid():N}.sql")));
        Assert.That(backup.Position, Is.Not.Null, "the test servers write a binary log");

        var first = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = AppointmentTests.Day(2).AddHours(9) });
        await Task.Delay(1500);
        var stopAt = await db.ScalarAsync<DateTime>("SELECT UTC_TIMESTAMP()");
        await Task.Delay(1500);
        var second = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = AppointmentTests.Day(2).AddHours(10) });

        // The clinic's database is lost: restore the backup in its place (its accounts exist and keep their passwords).
        await using var admin = new MySqlConnection(server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE `{db.Name}`");
        await admin.ExecuteAsync($"DROP DATABASE `{db.Name}_audit`");
        var restored = await Task.Run(() => new DatabaseRestore(TextWriter.Null).Restore(new RestoreOptions(
            server, backup.File, null, "%", null, null, null)));
        Assert.That(restored.AppConnectionString, Is.Null, "the existing app account keeps its password");
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}`.appointment WHERE appointment_id IN (@first, @second)", new { first, second }),
            Is.Zero, "the backup was taken before both bookings");

        // Replay the binary logs from the backup's position to the moment (on the shared server only this
        // database's events: every other database's are left out).
        var folder = Path.GetDirectoryName(await admin.ExecuteScalarAsync<string>("SELECT @@log_bin_basename"))!;
        var logs = (await admin.QueryAsync("SHOW BINARY LOGS")).Select(r => (string)((IDictionary<string, object>)r)["Log_name"])
            .Where(name => string.CompareOrdinal(name, backup.Position!.File) >= 0).OrderBy(name => name, StringComparer.Ordinal).ToList();
        var arguments = new List<string>
        {
            "--no-defaults", $"--start-position={backup.Position!.Position}", $"--stop-datetime={stopAt:yyyy-MM-dd HH:mm:ss}",
        };
        if (own is null)
            arguments.Add($"--database={db.Name}");
        if (_tools.Engine == DatabaseEngine.MySql)
            arguments.Add("--skip-gtids");   // the server has run these transactions' GTIDs already
        arguments.AddRange(logs.Select(name => $"{folder}/{name}"));
        var replay = DumpTools.StartInfo(_tools.Binlog, arguments, null, redirectInput: false);
        replay.Environment["TZ"] = "UTC";
        var admin0 = new MySqlConnectionStringBuilder(server);
        var apply = DumpTools.StartInfo(_tools.Client, DumpTools.ConnectionArguments(admin0), admin0.Password, redirectInput: true);
        apply.StandardInputEncoding = DumpTools.Latin1;
        using (var reader = Process.Start(replay)!)
        using (var writer = Process.Start(apply)!)
        {
            var readerErrors = reader.StandardError.ReadToEndAsync();
            var writerErrors = writer.StandardError.ReadToEndAsync();
            var writerOutput = writer.StandardOutput.ReadToEndAsync();
            await reader.StandardOutput.BaseStream.CopyToAsync(writer.StandardInput.BaseStream);
            writer.StandardInput.Close();
            await reader.WaitForExitAsync();
            await writer.WaitForExitAsync();
            Assert.That(reader.ExitCode, Is.Zero, await readerErrors);
            var applyErrors = await writerErrors;
            Assert.That(writer.ExitCode, Is.Zero, string.Join("\n", applyErrors.Split('\n').Where(l => l.StartsWith("ERROR", StringComparison.Ordinal))));
            await writerOutput;
        }

        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}`.appointment WHERE appointment_id = @first", new { first }),
            Is.EqualTo(1), "the booking before the moment is recovered");
        Assert.That(await admin.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}`.appointment WHERE appointment_id = @second", new { second }),
            Is.Zero, "the booking after the moment is not");
    }

    private static async Task<List<string>> JournalAsync(MySqlConnection admin, string schema) =>
        (await admin.QueryAsync<string>($"SELECT script_name FROM `{schema}`.schema_version ORDER BY schema_version_id")).AsList();

    private static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Task.Run(() => Cli.RunAsync(args, output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Clinic.sln")))
                return folder.FullName;
        throw new InvalidOperationException("the repository (Clinic.sln) is not above " + AppContext.BaseDirectory);
    }
}
