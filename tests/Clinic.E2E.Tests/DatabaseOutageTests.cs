using System.Net;
using System.Text.RegularExpressions;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The app through a database outage: an instance of the real app (ExtraApp) whose database connection runs
/// through a <see cref="TcpGate"/>. Closing the gate is the outage (nothing listens, every pooled connection is
/// cut); reopening it is the database coming back, with the same app, services and connection pool.
/// </summary>
[NonParallelizable]
public sealed class DatabaseOutageTests : BrowserTest
{
    private TcpGate gate = default!;
    private ExtraApp app = default!;

    [SetUp]
    public void StartBehindGate()
    {
        var real = new MySqlConnectionStringBuilder(ClinicApp.ConnectionString!);
        gate = TcpGate.Open(real.Server, (int)real.Port);
        var gated = new MySqlConnectionStringBuilder(real.ConnectionString) { Server = "127.0.0.1", Port = (uint)gate.Port, ConnectionTimeout = 5 };
        app = ExtraApp.Start("Production", new Dictionary<string, string> { ["ConnectionStrings:Clinic"] = gated.ConnectionString });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await app.DisposeAsync();
        await gate.DisposeAsync();
    }

    private static async Task<HttpStatusCode> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health");
        return response.StatusCode;
    }

    [Test]
    public async Task A_call_during_the_outage_is_the_typed_condition_health_is_503_and_the_same_pool_recovers_by_itself()
    {
        using var http = app.Client();
        using var scope = app.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var availability = app.Services.GetRequiredService<DatabaseAvailability>();
        // A few pooled connections in use before the outage.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => queries.AppliedMigrationsAsync()));
        Assert.That(await HealthAsync(http), Is.EqualTo(HttpStatusCode.OK));

        await gate.CloseAsync();

        var down = await Assert.ThrowsAsync<ClinicDataUnavailableException>(() => queries.AppliedMigrationsAsync());
        // A pooled connection cut by the outage fails as a socket error, a new one as MySqlException 1042: both are the one condition.
        Assert.That(down!.InnerException, Is.InstanceOf<MySqlException>().Or.InstanceOf<System.Net.Sockets.SocketException>().Or.InstanceOf<IOException>());
        // A call that needs a new connection: refused, as nothing listens.
        var refused = await Assert.ThrowsAsync<ClinicDataUnavailableException>(() => queries.AppliedMigrationsAsync());
        Assert.That(refused!.InnerException, Is.InstanceOf<MySqlException>());
        Assert.That(((MySqlException)refused.InnerException!).ErrorCode, Is.EqualTo(MySqlErrorCode.UnableToConnectToHost));
        Assert.That(availability.IsAvailable, Is.False);
        Assert.That(await HealthAsync(http), Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await HealthAsync(http), Is.EqualTo(HttpStatusCode.ServiceUnavailable), "still down: no half-open state");

        gate.Reopen();

        // The same services and pool, no restart: the very first calls work (no dead pooled connection is handed out).
        Assert.That(await HealthAsync(http), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(availability.IsAvailable, Is.True);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => queries.AppliedMigrationsAsync()));
        Assert.That(again.Select(a => a.Count), Is.All.GreaterThan(0));
        Assert.That(app.Services.GetRequiredService<DatabaseAvailability>(), Is.SameAs(availability));
    }

    [Test]
    public async Task The_pages_show_a_banner_while_the_database_is_down_and_recover_without_a_restart()
    {
        var (_, username) = await ClinicApp.CreateAccountAsync("outage", "admin", "right-password-1");
        await using var context = await ClinicApp.Browser.NewContextAsync(ContextOptions(app.BaseUrl));
        var page = await context.NewPageAsync();
        await SubmitSignInAsync(page, username, "right-password-1");
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        await Expect(page.GetByTestId("database-unavailable")).ToHaveCountAsync(0);

        await gate.CloseAsync();
        // The user moves on to another page of the running app.
        await page.GotoAsync("/admin/system");
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

        await Expect(page.GetByTestId("database-unavailable")).ToContainTextAsync("The clinic database is unavailable", new() { Timeout = 20_000 });
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/system"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("database-unavailable") });

        gate.Reopen();

        // The banner's probe (every 5 s) notices by itself, on the open page; the same app then works as before.
        await Expect(page.GetByTestId("database-unavailable")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("database-back") });
        await page.GotoAsync("/admin/system");
        await Expect(page.GetByTestId("schema-state")).ToContainTextAsync("up to date", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("database-unavailable")).ToHaveCountAsync(0);
    }
}
