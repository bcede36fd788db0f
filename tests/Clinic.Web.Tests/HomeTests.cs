using System.Security.Claims;
using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pages;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests;

public sealed class HomeTests : BunitTest
{
    private sealed class FakeDashboard : IDashboardReader
    {
        public TaskCompletionSource<IReadOnlyList<HomeTile>> Tiles { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default) => Tiles.Task;
    }

    private FakeDashboard dashboard = default!;

    public override void Setup()
    {
        base.Setup();
        dashboard = new FakeDashboard();
        Context.Services.AddSingleton<IDashboardReader>(dashboard);
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("doctor");
        auth.SetRoles("doctor");
        auth.SetClaims(new Claim(ClinicClaims.DisplayName, "Dr. Sarah Okello"));
    }

    [Test, SetCulture("en-US")]
    public void Shows_loading_then_the_counts()
    {
        var home = Context.Render<Home>();

        Assert.That(home.Find("[data-testid=home-loading]").TextContent, Does.Contain("Loading today's figures"));
        Assert.That(home.FindAll("[data-testid=home-counts]"), Is.Empty);

        // The database decides which tiles a role sees; the page shows them in order, as they come.
        dashboard.Tiles.SetResult(
        [
            new HomeTile { TileKey = "my_appointments_today", Title = "My appointments today", Value = 12, Href = "/my-day" },
            new HomeTile { TileKey = "my_queue_waiting", Title = "My patients waiting in the queue", Value = 3 },
            new HomeTile { TileKey = "my_open_visits", Title = "My open visits", Value = 1_234, Href = "/visits" },
        ]);

        home.WaitForAssertion(() =>
        {
            Assert.That(home.Find("[data-testid=greeting]").TextContent, Is.EqualTo("Welcome, Dr. Sarah Okello"));
            Assert.That(home.Find("[data-testid=count-my-appointments-today]").TextContent, Does.Contain("12").And.Contain("My appointments today"));
            Assert.That(home.Find("[data-testid=count-my-queue-waiting]").TextContent, Does.Contain("3").And.Contain("waiting in the queue"));
            Assert.That(home.Find("[data-testid=count-my-open-visits]").TextContent, Does.Contain("1,234").And.Contain("My open visits"));
            Assert.That(home.FindAll("[data-testid^=count-]"), Has.Count.EqualTo(3));
            Assert.That(home.FindAll("[data-testid=home-loading]"), Is.Empty);
        });
    }

    [Test]
    public void A_role_without_tiles_sees_no_clinic_figures()
    {
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([]);
        home.WaitForAssertion(() =>
        {
            Assert.That(home.FindAll("[data-testid=home-loading]"), Is.Empty);
            Assert.That(home.FindAll("[data-testid=home-counts]"), Is.Empty);
        });
    }

    [Test]
    public void Clicking_a_tile_opens_its_page()
    {
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([new HomeTile { TileKey = "my_open_visits", Title = "My open visits", Value = 2, Href = "/visits" }]);
        home.WaitForElement("[data-testid=count-my-open-visits]").Click();
        Assert.That(Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, Does.EndWith("/visits"));
    }

    [Test]
    public void Shows_the_outage_message_instead_of_an_error_page()
    {
        var home = Context.Render<Home>();

        dashboard.Tiles.SetException(new ClinicDataUnavailableException("The clinic database cannot be reached right now.", new TimeoutException()));

        home.WaitForAssertion(() =>
            Assert.That(home.Find("[data-testid=home-error]").TextContent, Does.Contain("The clinic database cannot be reached right now.")));
    }
}
