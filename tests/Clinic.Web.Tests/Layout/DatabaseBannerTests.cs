using System.Net;
using System.Net.Sockets;
using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Clinic.Web.Components.Shared;
using Clinic.Web.Health;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Clinic.Web.Tests.Layout;

/// <summary>
/// The "database unavailable" banner (DatabaseBanner, in MainLayout), driven by the real data layer pointed at a
/// port where nothing listens: the call fails as the typed condition, the banner shows, and it goes when the
/// database is reported back.
/// </summary>
public sealed class DatabaseBannerTests : BunitTest
{
    private MySqlDataSource dataSource = default!;
    private DatabaseAvailability availability = default!;
    private DashboardQueries queries = default!;

    /// <summary>A loopback port nobody listens on: bound for a moment to get a free one, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public override void Setup()
    {
        base.Setup();
        dataSource = new MySqlDataSource($"Server=127.0.0.1;Port={ClosedPort()};User ID=clinic_app;Password=x;Database=clinic;Connection Timeout=5");
        availability = new DatabaseAvailability(dataSource);
        queries = new DashboardQueries(new ProcedureRunner(dataSource, availability), new FixedSession("token"));
        Context.Services.AddSingleton(availability);
    }

    [TearDown]
    public void DisposeDataSource() => dataSource.Dispose();

    // No timed probe here: its answer (still nothing on that port) would race with the test's own reports.
    // Probing every few seconds is seen working in the browser test (DatabaseOutageTests).
    private IRenderedComponent<DatabaseBanner> RenderBanner(Action? onRecovered = null) =>
        Context.Render<DatabaseBanner>(p => p
            .Add(b => b.ProbeEvery, TimeSpan.FromHours(1))
            .Add(b => b.OnRecovered, () => onRecovered?.Invoke()));

    [Test]
    public async Task A_call_that_cannot_reach_the_database_fails_as_unavailable_and_the_banner_shows_until_it_is_back()
    {
        var recovered = 0;
        var banner = RenderBanner(() => recovered++);
        Assert.That(banner.FindAll("[data-testid=database-unavailable]"), Is.Empty, "no banner while the database answers");

        var failure = await Assert.ThrowsAsync<ClinicDataUnavailableException>(() => queries.HomeTilesAsync());
        Assert.That(failure!.Message, Does.Contain("cannot be reached"));
        Assert.That(failure.InnerException, Is.InstanceOf<MySqlException>());
        Assert.That(availability.IsAvailable, Is.False);

        banner.WaitForAssertion(() => Assert.That(banner.Find("[data-testid=database-unavailable]").TextContent,
            Does.Contain("The clinic database is unavailable").And.Contain("checks again by itself")));
        Assert.That(recovered, Is.Zero);

        // A probe still finds nothing: the banner stays.
        Assert.That(await availability.ProbeAsync(), Is.False);
        Assert.That(banner.FindAll("[data-testid=database-unavailable]"), Has.Count.EqualTo(1));

        // Any call that reaches the server again (here: as the runner reports it) takes the banner away.
        availability.ReportAvailable();
        banner.WaitForAssertion(() => Assert.That(banner.FindAll("[data-testid=database-unavailable]"), Is.Empty));
        Assert.That(recovered, Is.EqualTo(1), "the layout is told, so a page that failed loads again");
    }

    [Test]
    public void A_page_opened_during_the_outage_shows_the_banner_from_the_start()
    {
        availability.ReportUnavailable();

        var banner = RenderBanner();

        Assert.That(banner.FindAll("[data-testid=database-unavailable]"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Health_reports_the_database_unreachable_so_the_endpoint_answers_503()
    {
        var report = await SchemaHealth.CheckAsync(queries, CancellationToken.None);

        Assert.That((report.Database, report.Schema, report.Healthy), Is.EqualTo(("unreachable", "unknown", false)));
        Assert.That(availability.IsAvailable, Is.False);
    }
}
