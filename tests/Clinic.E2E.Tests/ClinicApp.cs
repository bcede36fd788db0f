using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data;
using Clinic.Data.Common;
using Clinic.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Dapper;
using MySqlConnector;

namespace Clinic.E2E.Tests;

/// <summary>
/// Loads the demo accounts and clinic into the database named by CLINIC_E2E_DB (as scripts/run.sh does with
/// clinic-db generate --size demo: the web app loads no data), then starts the real app once (Kestrel on a free
/// port, demo mode) and one headless Chromium for every browser test in this namespace.
/// </summary>
[SetUpFixture]
public sealed class ClinicApp
{
    public const string DatabaseVariable = "CLINIC_E2E_DB";

    /// <summary>
    /// The migrator's connection to the same database: test set-up only (the first administrator, and
    /// sessions of test accounts opened as a sign-in would). The app under test never sees it.
    /// </summary>
    public const string MigratorVariable = "CLINIC_E2E_MIGRATOR_DB";

    private static WebApplicationFactory<Program>? factory;
    private static IPlaywright? playwright;

    public static string BaseUrl { get; private set; } = "";
    public static IBrowser Browser { get; private set; } = default!;
    public static IServiceProvider Services => factory!.Services;
    public static bool Started => factory is not null;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } value ? value : null;

    public static string? MigratorConnectionString =>
        Environment.GetEnvironmentVariable(MigratorVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Without a database the tests are skipped locally, but fail in CI.</summary>
    public static void RequireDatabase()
    {
        if (ConnectionString is not null && MigratorConnectionString is not null)
            return;
        var message = $"Browser tests need a migrated database: set {DatabaseVariable} to the app account's connection string " +
                      $"and {MigratorVariable} to the migrator's.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Ignore(message);
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (ConnectionString is not { } connectionString || MigratorConnectionString is null)
            return;

        // Demo mode signs in as the demo administrator, which the DBA creates (clinic-db create-admin).
        try
        {
            await new UserAccountProcedures(MigratorRunner, new FixedSession(null), Clinic.Tests.Shared.TestPasswords.Hasher)
                .BootstrapAdminAsync("admin", "Clinic Administrator", "admin123");
        }
        catch (ClinicRuleException ex) when (ex.Code == 50107)
        {
        }

        // The demo data, through the public procedures as the demo accounts, before the app starts.
        await LoadDemoAsync();

        // Program reads its settings while the builder is built, so they go in as environment variables.
        Environment.SetEnvironmentVariable("ConnectionStrings__Clinic", connectionString);
        Environment.SetEnvironmentVariable("Clinic__DemoMode", "true");
        // Re-check signed-in accounts every second instead of every minute, so deactivation is testable.
        Environment.SetEnvironmentVariable("Clinic__SessionCheckSeconds", "1");
        // Browser tests sign in many times a minute from 127.0.0.1 and as the demo users: the sign-in rate
        // limit is off in the shared app (SignInRateLimitTests runs its own instance with low limits).
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerAddressPerMinute", "0");
        Environment.SetEnvironmentVariable("Clinic__SignInLimits__PerUsernamePerMinute", "0");

        // The app hashes new passwords with the tests' iterations (the database's least): see TestPasswords.
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureServices(services => services.AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher)));
        // 127.0.0.1 on a free port (UseKestrel(0) takes the default, 5000, and two instances collide).
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().TrimEnd('/');

        // scripts/test.sh runs the browser tests beside both database lanes on 2 cores: an assertion may wait up to 15 s
        // (Playwright's default is 5 s) before it fails. A passing assertion returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Clinic.Tests.Shared.TestBrowser.ChromiumPath(),
            Headless = true,
            Args = Clinic.Tests.Shared.TestBrowser.LaunchArgs,
        });
    }

    /// <summary>Loads the demo accounts and the demo clinic (src/Clinic.Demo) with the app account, as clinic-db generate --size demo does; a second call adds nothing.</summary>
    public static async Task<DemoClinicSummary> LoadDemoAsync()
    {
        await using var services = new ServiceCollection().AddClinicData(ConnectionString!).AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher).BuildServiceProvider();
        return await DemoSeeder.SeedAsync(services, NullLogger.Instance);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null)
            await factory.DisposeAsync();
    }

    /// <summary>
    /// Creates a dedicated account straight through the procedures, acting as the demo admin. The
    /// administrator gives a temporary password; the test then stands for the user having made it their
    /// own, so that a browser test signs in straight to the page under test.
    /// </summary>
    public static async Task<(int Id, string Username)> CreateAccountAsync(string prefix, string roleCode, string password, bool temporary = false)
    {
        var username = UniqueUsername(prefix);
        var id = await AsAdminAsync((runner, admin) =>
            new UserAccountProcedures(runner, admin, Services.GetRequiredService<ClinicPasswordHasher>()).CreateAsync(username, $"E2E {prefix}", roleCode, password));
        if (!temporary)
        {
            await using var connection = new MySqlConnection(MigratorConnectionString);
            await connection.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE user_account_id = @id", new { id });
        }
        return (id, username);
    }

    public static Task DeactivateAsync(int userAccountId) =>
        AsAdminAsync(async (runner, admin) =>
        {
            await new UserAccountProcedures(runner, admin, Services.GetRequiredService<ClinicPasswordHasher>()).SetActiveAsync(userAccountId, false);
            return 0;
        });

    /// <summary>Runs procedures as the demo administrator: test set-up and clean-up, not what is under test.</summary>
    public static async Task<T> AsAdminAsync<T>(Func<ProcedureRunner, ISessionAccessor, Task<T>> work)
    {
        await using var connection = new MySqlConnection(MigratorConnectionString);
        var adminId = await connection.ExecuteScalarAsync<int?>("SELECT user_account_id FROM user_account WHERE username = 'admin'")
            ?? throw new InvalidOperationException("The demo admin account is missing.");
        return await AsAsync(adminId, work);
    }

    /// <summary>Runs procedures as the given account, with a session opened for it as a sign-in would.</summary>
    public static async Task<T> AsAsync<T>(int userAccountId, Func<ProcedureRunner, ISessionAccessor, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProcedureRunner>(), new FixedSession(await OpenSessionAsync(userAccountId)));
    }

    /// <summary>Opens a session for the account as the schema owner (the internal session_open a sign-in uses).</summary>
    public static async Task<string> OpenSessionAsync(int userAccountId)
    {
        var builder = new MySqlConnectionStringBuilder(MigratorConnectionString!) { AllowUserVariables = true };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        return await connection.ExecuteScalarAsync<string>(
                   "CALL session_open(@id, '127.0.0.1', 'browser tests', @token); SELECT @token;", new { id = userAccountId })
               ?? throw new InvalidOperationException($"No session for account {userAccountId}.");
    }

    /// <summary>
    /// Open pages re-check their session every second in these tests. A test that proves what the user's
    /// own next action does slows that check down for the pages it opens (the check reads the setting
    /// before each wait) and restores it when disposed.
    /// </summary>
    public static IDisposable SessionChecksEvery(int seconds)
    {
        var configuration = Services.GetRequiredService<IConfiguration>();
        var before = configuration["Clinic:SessionCheckSeconds"];
        configuration["Clinic:SessionCheckSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Restore(() => configuration["Clinic:SessionCheckSeconds"] = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Why the account's sessions ended (user_session.end_reason), newest first; null for a live one. Read as the schema owner.</summary>
    public static async Task<IReadOnlyList<string?>> SessionEndReasonsAsync(int userAccountId)
    {
        await using var connection = new MySqlConnection(MigratorConnectionString);
        var reasons = await connection.QueryAsync<string?>(
            "SELECT end_reason FROM user_session WHERE user_account_id = @userAccountId ORDER BY user_session_id DESC", new { userAccountId });
        return reasons.AsList();
    }

    private static ProcedureRunner MigratorRunner => new(new MySqlDataSource(MigratorConnectionString!));

    public static string UniqueUsername(string prefix) => $"e2e_{prefix}_{Guid.NewGuid():N}"[..24];

    /// <summary>artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clinic.sln")))
            directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? TestContext.CurrentContext.TestDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
