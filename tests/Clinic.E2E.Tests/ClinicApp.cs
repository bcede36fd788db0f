using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Clinic.E2E.Tests;

/// <summary>
/// Starts the real app once (Kestrel on a free port, demo mode, the database named by CLINIC_E2E_DB)
/// and one headless Chromium for every browser test in this namespace.
/// </summary>
[SetUpFixture]
public sealed class ClinicApp
{
    public const string DatabaseVariable = "CLINIC_E2E_DB";

    private static WebApplicationFactory<Program>? factory;
    private static IPlaywright? playwright;

    public static string BaseUrl { get; private set; } = "";
    public static IBrowser Browser { get; private set; } = default!;
    public static IServiceProvider Services => factory!.Services;
    public static bool Started => factory is not null;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Without a database the tests are skipped locally, but fail in CI.</summary>
    public static void RequireDatabase()
    {
        if (ConnectionString is not null)
            return;
        var message = $"Browser tests need a migrated database: set {DatabaseVariable} to the app account's connection string.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Ignore(message);
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (ConnectionString is not { } connectionString)
            return;

        // Program reads its settings while the builder is built, so they go in as environment variables.
        Environment.SetEnvironmentVariable("ConnectionStrings__Clinic", connectionString);
        Environment.SetEnvironmentVariable("Clinic__DemoMode", "true");
        // Re-check signed-in accounts every second instead of every minute, so deactivation is testable.
        Environment.SetEnvironmentVariable("Clinic__SessionCheckSeconds", "1");

        factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().TrimEnd('/');

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CLINIC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
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

    /// <summary>Creates a dedicated account straight through the procedures, acting as the demo admin.</summary>
    public static async Task<(int Id, string Username)> CreateAccountAsync(string prefix, string roleCode, string password)
    {
        var username = UniqueUsername(prefix);
        var id = await AsAdminAsync(accounts => accounts.CreateAsync(username, $"E2E {prefix}", roleCode, password));
        return (id, username);
    }

    public static Task DeactivateAsync(int userAccountId) =>
        AsAdminAsync(async accounts => { await accounts.SetActiveAsync(userAccountId, false); return 0; });

    private static Task<T> AsAdminAsync<T>(Func<UserAccountProcedures, Task<T>> work) =>
        AsAdminAsync((runner, actor) => work(new UserAccountProcedures(runner, actor, Services.GetRequiredService<ClinicPasswordHasher>())));

    /// <summary>Runs procedures as the demo administrator: test set-up and clean-up, not what is under test.</summary>
    public static async Task<T> AsAdminAsync<T>(Func<ProcedureRunner, FixedActor, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var admin = await provider.GetRequiredService<AuthProcedures>().GetCredentialsAsync("admin")
            ?? throw new InvalidOperationException("The demo admin account is missing.");
        return await work(provider.GetRequiredService<ProcedureRunner>(), new FixedActor(admin.UserAccountId));
    }

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
