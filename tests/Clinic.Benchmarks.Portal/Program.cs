// The patient portal's server memory per signed-in patient (issue 13: no interactive circuit per patient).
//
//   dotnet run -c Release --project tests/Clinic.Benchmarks.Portal -- --admin "<server admin connection>"
//       [--database portal_bench] [--patients 200]
//
// It provisions its own database, starts the real web app in this process (Kestrel on a free port, demo mode off),
// registers patients and gives each a portal account the way a patient gets one (an invitation from reception, then
// /portal/join's procedure), and then signs each patient in over HTTP and opens the portal's pages as a browser would
// (a cookie jar per patient; every page is static server rendering, so no circuit is ever opened). The server's
// managed heap is read after full, compacting collections before and after; the clients are dropped first, so what
// remains is what the server keeps per signed-in patient (session checks, antiforgery, caches).
extern alias clinicdb;

using System.Net;
using System.Text.RegularExpressions;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Portal;
using clinicdb::Clinic.Database.Provisioning;
using Clinic.Web.Services;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Clinic.Benchmarks.Portal;

internal static class PortalMemory
{
    public static async Task Main(string[] args)
    {
        var options = args.Chunk(2).Where(p => p.Length == 2 && p[0].StartsWith("--")).ToDictionary(p => p[0][2..], p => p[1]);
        var admin = options.GetValueOrDefault("admin") ?? Environment.GetEnvironmentVariable("CLINIC_BENCH_ADMIN_DB")
            ?? throw new ArgumentException("give --admin or set CLINIC_BENCH_ADMIN_DB");
        var database = options.GetValueOrDefault("database") ?? "portal_bench";
        var patientCount = int.Parse(options.GetValueOrDefault("patients") ?? "200");
        const int WarmUp = 10;
        string[] pages = ["/portal", "/portal/appointments", "/portal/book", "/portal/prescriptions", "/portal/results", "/portal/visits",
            "/portal/bills", "/portal/details", "/portal/access"];

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var accounts = new Provisioner(TextWriter.Null).Provision(
            new ProvisionOptions(admin, database, "%", "portal-bench-migrator", "portal-bench-app", "portal-bench-analyst"));
        var hasher = new ClinicPasswordHasher();
        await using (var migratorSource = new MySqlDataSource(accounts.MigratorConnectionString))
        {
            try
            {
                await new UserAccountProcedures(new ProcedureRunner(migratorSource), new FixedSession(null), hasher)
                    .BootstrapAdminAsync("admin", "Clinic Administrator", "admin123");
            }
            catch (ClinicRuleException ex) when (ex.Code == 50107)
            {
            }
        }
        await using (var connection = new MySqlConnection(accounts.MigratorConnectionString))
            await connection.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE username = 'admin'");

        Environment.SetEnvironmentVariable("ConnectionStrings__Clinic", accounts.AppConnectionString);
        Environment.SetEnvironmentVariable("Clinic__DemoMode", "false");
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerAddressPerMinute", "0");
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerUsernamePerMinute", "0");
        // In Production, as users run the app (WebApplicationFactory's default environment is Development).
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Production"));
        // 127.0.0.1 on a free port (UseKestrel(0) takes the default, 5000, and two instances collide).
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        // Reception's work, through the procedures as the administrator: patients, invitations, and the patients joining.
        string adminToken;
        using (var scope = factory.Services.CreateScope())
        {
            var signIn = await scope.ServiceProvider.GetRequiredService<ISignIn>().SignInAsync("admin", "admin123", "127.0.0.1", "portal-bench");
            adminToken = signIn.SessionToken ?? throw new InvalidOperationException("the administrator could not sign in: " + signIn.Message);
        }
        var runner = factory.Services.GetRequiredService<ProcedureRunner>();
        var reception = new FixedSession(adminToken);
        var run = Guid.NewGuid().ToString("N")[..6];
        var logins = new List<(string Username, string Password)>();
        for (var i = 0; i < patientCount + WarmUp; i++)
        {
            var dateOfBirth = new DateTime(1960 + i % 40, 1 + i % 12, 1 + i % 28);
            var patient = await new PatientProcedures(runner, reception).RegisterAsync(new PatientInput
            {
                GivenName = "Portal" + run, FamilyName = $"Patient{i:D5}", Sex = i % 2 == 0 ? "female" : "male",
                DateOfBirth = dateOfBirth, Phone = $"07{(70000000 + i) % 100000000:D8}",
            }, confirmDuplicate: true);
            var links = new PortalLinkProcedures(runner, reception, hasher);
            var invitation = await links.InviteAsync(patient.PatientId);
            var username = $"p{run}{i:D5}";
            await links.JoinAsync(invitation.Code, dateOfBirth, username, "portal-password-1");
            logins.Add((username, "portal-password-1"));
        }

        // A patient signs in with the form and opens every page, as a browser with cookies would.
        async Task VisitAsync((string Username, string Password) login)
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
            var form = await client.GetStringAsync("/account/sign-in");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token,
                ["Input.Username"] = login.Username, ["Input.Password"] = login.Password,
            }));
            var landed = response.RequestMessage!.RequestUri!.AbsolutePath;
            if (!response.IsSuccessStatusCode || landed != "/portal")
                throw new InvalidOperationException($"{login.Username} landed on {landed} ({(int)response.StatusCode})");
            foreach (var page in pages)
            {
                var html = await client.GetStringAsync(page);
                if (html.Contains("<!--Blazor:", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{page} started an interactive component");
            }
        }

        static long HeapAfterFullCollection()
        {
            for (var i = 0; i < 3; i++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        foreach (var login in logins.Take(WarmUp))
            await VisitAsync(login);
        var before = HeapAfterFullCollection();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var login in logins.Skip(WarmUp))
            await VisitAsync(login);
        var seconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = HeapAfterFullCollection();

        await using (var connection = new MySqlConnection(accounts.MigratorConnectionString))
        {
            var version = await connection.ExecuteScalarAsync<string>("SELECT VERSION()");
            var live = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM user_session s JOIN user_account u ON u.user_account_id = s.user_account_id WHERE u.username LIKE @prefix AND s.ended_at IS NULL",
                new { prefix = $"p{run}%" });
            Console.WriteLine($"Server {version}; database {database}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
            Console.WriteLine($"{live:N0} live patient sessions in the database after the run");
        }
        Console.WriteLine();
        Console.WriteLine($"| portal, {patientCount:N0} patients signed in, {pages.Length} pages each (static SSR) | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| managed heap after full GC, before (after {WarmUp} warm-up patients) | {before / 1024.0:N0} KB |");
        Console.WriteLine($"| managed heap after full GC, after | {after / 1024.0:N0} KB |");
        Console.WriteLine($"| retained per signed-in patient | {(after - before) / 1024.0 / patientCount:N1} KB |");
        Console.WriteLine($"| sign-in and {pages.Length} pages, per patient (one client at a time) | {seconds * 1000 / patientCount:N0} ms |");
    }
}
