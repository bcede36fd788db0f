// The staff UI under load (issue 15). Run it with scripts/bench-ui.sh, or:
//
//   dotnet run -c Release --project tests/Clinic.LoadTests -- --admin "<server admin connection>"
//       [--database uiload] [--users 50] [--concurrency 10] [--iterations 1] [--idle 50] [--hold 0] [--keep-db]
//
// Host (this process): provisions its own database, loads the demo clinic (as clinic-db generate --size demo), creates
// one doctor account per simulated staff member (with a staff record, working hours all day and a patient of its own),
// and starts the real web app in this process (Kestrel on a free port, demo mode off, workstation GC) with the harness
// hooks of HarnessHooks.cs: server-side timing of every request and circuit activity, and /_harness/ endpoints that
// only this harness adds. Then it starts the driver (this program with "drive", a separate process, so that the
// Playwright client's objects are not in the heap that is measured), which drives one headless Chromium with a browser
// context per simulated user and prints the tables. The database and its accounts are dropped at the end.
extern alias clinicdb;

using System.Diagnostics;
using System.Text.Json;
using Clinic.Data;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Demo;
using clinicdb::Clinic.Database.Provisioning;
using Dapper;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Clinic.LoadTests;

public sealed record StaffLogin(string Username, string Password, int StaffId, string FamilyName, string PatientFamilyName, string PatientMrn, int PatientId);

internal static class LoadHarness
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "drive")
            return await Driver.RunAsync(Options(args[1..]));

        var options = Options(args);
        var admin = options.GetValueOrDefault("admin") ?? Environment.GetEnvironmentVariable("CLINIC_BENCH_ADMIN_DB")
            ?? throw new ArgumentException("give --admin or set CLINIC_BENCH_ADMIN_DB");
        var database = options.GetValueOrDefault("database") ?? "uiload";
        var users = int.Parse(options.GetValueOrDefault("users") ?? "50");
        var keep = options.ContainsKey("keep-db");

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var names = new ProvisionOptions(admin, database, "%", null, null, null);
        Console.Error.WriteLine($"provisioning {database}...");
        var accounts = new Provisioner(TextWriter.Null).Provision(names);
        try
        {
            var logins = await PrepareAsync(accounts, users);
            return await HostAndDriveAsync(accounts, logins, args);
        }
        finally
        {
            if (!keep)
            {
                await using var connection = new MySqlConnection(admin);
                // The provisioner's names: the database, its audit schema and its three accounts (scripts/bench-ui.sh
                // passes a plain identifier; Provisioner rejects any other).
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`");
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}_audit`");
                foreach (var role in new[] { "migrator", "app", "analyst" })
                    await connection.ExecuteAsync($"DROP USER IF EXISTS '{database}_{role}'@'%'");
                Console.Error.WriteLine($"dropped database {database} and its accounts");
            }
        }
    }

    internal static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                continue;
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }
        return options;
    }

    /// <summary>The cores for the browsers (taskset's list), or null to leave them on every core.</summary>
    private static string? BrowserCpus()
    {
        var asked = Environment.GetEnvironmentVariable("CLINIC_BENCH_BROWSER_CPUS");
        if (asked == "all")
            return null;
        if (!string.IsNullOrEmpty(asked))
            return asked;
        if (!OperatingSystem.IsLinux())
            return null;
        var mask = (long)Process.GetCurrentProcess().ProcessorAffinity;
        var allowed = Enumerable.Range(0, 64).Where(cpu => (mask & (1L << cpu)) != 0).ToList();
        return allowed.Count < 2 ? null : string.Join(',', allowed.Skip(allowed.Count / 2));
    }

    /// <summary>The demo clinic, then per simulated staff member a doctor account, staff record, hours and patient.</summary>
    private static async Task<List<StaffLogin>> PrepareAsync(ProvisionResult accounts, int users)
    {
        var hasher = new ClinicPasswordHasher();
        await using var migratorSource = new MySqlDataSource(accounts.MigratorConnectionString);
        try
        {
            await new UserAccountProcedures(new ProcedureRunner(migratorSource), new FixedSession(null), hasher)
                .BootstrapAdminAsync("admin", "Clinic Administrator", "admin123");
        }
        catch (ClinicRuleException ex) when (ex.Code == 50107)
        {
        }
        await using var migrator = new MySqlConnection(accounts.MigratorConnectionString);
        await migrator.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE username = 'admin'");
        // The journey is one person's: besides booking, the doctors check their own patients in. The doctor role has no
        // appointment.check_in in the shipped role map; the harness's own throwaway database grants it (one row).
        await migrator.ExecuteAsync("INSERT IGNORE INTO role_permission (role_code, permission_code) VALUES ('doctor', 'appointment.check_in')");

        await using var services = new ServiceCollection().AddClinicData(accounts.AppConnectionString).BuildServiceProvider();
        Console.Error.WriteLine("loading the demo clinic...");
        await DemoSeeder.SeedAsync(services, NullLogger.Instance);

        var runner = services.GetRequiredService<ProcedureRunner>();
        var adminToken = await OpenSessionAsync(accounts.MigratorConnectionString, "admin");
        var actor = new FixedSession(adminToken);
        var facilities = new FacilityProcedures(runner, actor);
        var run = Guid.NewGuid().ToString("N")[..5];
        var department = await facilities.CreateDepartmentAsync("Load department " + run);
        var specialisation = await facilities.CreateSpecialisationAsync("Load specialisation " + run, 15);
        var logins = new List<StaffLogin>();
        Console.Error.WriteLine($"creating {users} doctors and their patients...");
        for (var i = 0; i < users; i++)
        {
            var username = $"load{run}{i:D3}";
            var family = $"Loaddoc{run}{i:D3}";
            var accountId = await new UserAccountProcedures(runner, actor, hasher).CreateAsync(username, $"Load doctor {i}", "doctor", "load-pass-1");
            await migrator.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE user_account_id = @accountId", new { accountId });
            var staffId = await new StaffProcedures(runner, actor).CreateAsync(new StaffInput
            {
                UserAccountId = accountId, GivenName = "Lee", FamilyName = family, StaffRole = "doctor",
                DepartmentId = department, SpecialisationId = specialisation, ConsultationFee = 20_000m,
            });
            var hours = new WorkingHoursProcedures(runner, actor);
            for (var day = 1; day <= 7; day++)
                await hours.AddBlockAsync(staffId, day, TimeSpan.Zero, TimeSpan.FromHours(24));
            var patientFamily = $"Loadpat{run}{i:D3}";
            var patient = await new PatientProcedures(runner, actor).RegisterAsync(new PatientInput
            {
                GivenName = "Robin", FamilyName = patientFamily, Sex = i % 2 == 0 ? "female" : "male",
                DateOfBirth = new DateTime(1970 + i % 40, 1 + i % 12, 1 + i % 28),
            }, confirmDuplicate: true);
            logins.Add(new StaffLogin(username, "load-pass-1", staffId, family, patientFamily, patient.Mrn, patient.PatientId));
        }
        return logins;
    }

    private static async Task<string> OpenSessionAsync(string migratorConnection, string username)
    {
        var builder = new MySqlConnectionStringBuilder(migratorConnection) { AllowUserVariables = true };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        return await connection.ExecuteScalarAsync<string>(
                   "CALL session_open((SELECT user_account_id FROM user_account WHERE username = @username), '127.0.0.1', 'ui load harness', @token); SELECT @token;",
                   new { username })
               ?? throw new InvalidOperationException("no session for " + username);
    }

    private static async Task<int> HostAndDriveAsync(ProvisionResult accounts, List<StaffLogin> logins, string[] args)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Clinic", accounts.AppConnectionString);
        Environment.SetEnvironmentVariable("Clinic__DemoMode", "false");
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerAddressPerMinute", "0");
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerUsernamePerMinute", "0");
        Environment.SetEnvironmentVariable("Clinic__Notifications__Enabled", "false");
        // The app's content root (wwwroot, static web assets): src/Clinic.Web of the checkout this harness was built in.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Clinic.sln")))
            root = root.Parent;
        if (root is not null)
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CLINIC_WEB", Path.Combine(root.FullName, "src", "Clinic.Web"));
        using var listener = HarnessHooks.Listen();
        using var pauses = new HarnessHooks.GcPauses();
        // In Production, as scripts/run.sh and the Dockerfile run the app: WebApplicationFactory's default environment is
        // Development, which is not what users get (the developer exception page instead of the error page, no HSTS).
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Production").ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, HarnessHooks.StartupFilter>();
            services.AddScoped<CircuitHandler, HarnessHooks.TimingCircuitHandler>();
        }));
        // 127.0.0.1 on a free port (UseKestrel(0) takes the default, 5000, and two instances collide).
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        var usersFile = Path.Combine(Path.GetTempPath(), $"clinic-uiload-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(usersFile, JsonSerializer.Serialize(logins));
        try
        {
            // The browsers stand for staff at their own computers: on this one machine they run under the idle scheduling
            // policy (chrt --idle 0, inherited by Chromium), so that a core goes to them only when the server and the
            // database want none; else at the lowest priority (nice 19). CLINIC_BENCH_BROWSER_PRIORITY=nice keeps nice 19.
            string[] launcher = File.Exists("/usr/bin/chrt") && Environment.GetEnvironmentVariable("CLINIC_BENCH_BROWSER_PRIORITY") != "nice"
                ? ["/usr/bin/chrt", "--idle", "0"]
                : File.Exists("/usr/bin/nice") ? ["/usr/bin/nice", "-n", "19"] : [];
            // And on half of the cores only (the upper half of those this process may use; CLINIC_BENCH_BROWSER_CPUS=all: on
            // every core): the idle policy gives the server a core as soon as it asks, but Chromium then still ran on both
            // cores of the build machine (three quarters of all CPU time), and the server's calls ran beside it.
            if (BrowserCpus() is { } cpus && File.Exists("/usr/bin/taskset"))
                launcher = ["/usr/bin/taskset", "-c", cpus, .. launcher];
            Console.Error.WriteLine($"the simulated staff's browsers run under: {(launcher.Length > 0 ? string.Join(' ', launcher) : "no launcher")}");
            var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : Environment.ProcessPath!) { UseShellExecute = false };
            foreach (var arg in launcher.Skip(1))
                start.ArgumentList.Add(arg);
            if (launcher.Length > 0)
                start.ArgumentList.Add(Environment.ProcessPath!);
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                start.ArgumentList.Add(typeof(LoadHarness).Assembly.Location);
            foreach (var arg in (string[])["drive", "--base-url", baseUrl, "--users-file", usersFile, "--host-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args])
                start.ArgumentList.Add(arg);
            start.Environment["CLINIC_LOAD_MIGRATOR"] = accounts.MigratorConnectionString;
            using var driver = Process.Start(start)!;
            await driver.WaitForExitAsync();
            return driver.ExitCode;
        }
        finally
        {
            File.Delete(usersFile);
        }
    }
}
