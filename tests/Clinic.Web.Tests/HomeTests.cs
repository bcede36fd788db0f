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

    /// <summary>A doctor's session as the app builds it: no administration permission, the role's name from the database.</summary>
    private void SignInAsDoctor(params string[] permissions) =>
        SignInWith([Permissions.PatientRead, Permissions.ClinicalRead, .. permissions],
            new Claim(ClinicClaims.DisplayName, "Dr. Sarah Okello"), new Claim(ClinicClaims.RoleName, "Doctor"));

    public override void Setup()
    {
        base.Setup();
        dashboard = new FakeDashboard();
        Context.Services.AddSingleton<IDashboardReader>(dashboard);
    }

    [Test, SetCulture("en-US")]
    public void Shows_loading_then_the_counts()
    {
        SignInAsDoctor();
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
        SignInAsDoctor();
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([]);
        home.WaitForAssertion(() =>
        {
            Assert.That(home.FindAll("[data-testid=home-loading]"), Is.Empty);
            Assert.That(home.FindAll("[data-testid=home-counts]"), Is.Empty);
        });
    }

    [Test]
    public void A_money_tile_shows_the_amount_as_the_database_wrote_it()
    {
        SignInAsDoctor();
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult(
        [
            new HomeTile { TileKey = "my_takings_today", Title = "My takings today", Value = 15_000, ValueText = "UGX 15,000", Href = "/billing/cash-up" },
            new HomeTile { TileKey = "claims_to_submit", Title = "Claims to submit", Value = 2, Href = "/billing/claims" },
        ]);
        home.WaitForAssertion(() =>
        {
            Assert.That(home.Find("[data-testid=count-my-takings-today] .count-value").TextContent, Is.EqualTo("UGX 15,000"));
            Assert.That(home.Find("[data-testid=count-claims-to-submit] .count-value").TextContent, Is.EqualTo("2"));
        });
    }

    [Test]
    public void Clicking_a_tile_opens_its_page()
    {
        SignInAsDoctor();
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([new HomeTile { TileKey = "my_open_visits", Title = "My open visits", Value = 2, Href = "/visits" }]);
        home.WaitForElement("[data-testid=count-my-open-visits]").Click();
        Assert.That(Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, Does.EndWith("/visits"));
    }

    [Test]
    public void Shows_the_outage_message_instead_of_an_error_page()
    {
        SignInAsDoctor();
        var home = Context.Render<Home>();

        dashboard.Tiles.SetException(new ClinicDataUnavailableException("The clinic database cannot be reached right now.", new TimeoutException()));

        home.WaitForAssertion(() =>
            Assert.That(home.Find("[data-testid=home-error]").TextContent, Does.Contain("The clinic database cannot be reached right now.")));
    }

    [Test]
    public void The_account_card_shows_the_role_name_the_database_gave()
    {
        SignInAsDoctor();
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([]);

        home.WaitForAssertion(() => Assert.That(home.Find("[data-testid=home-role]").TextContent, Is.EqualTo("Doctor")));
        Assert.That(home.FindAll("[data-testid=home-administration]"), Is.Empty, "no administration permission, no administration card");
    }

    [TestCase(Permissions.AccountManage, "home-users, home-sessions")]
    [TestCase(Permissions.AuditRead, "home-audit")]
    public void The_administration_card_offers_what_the_session_may_do(string permission, string buttons)
    {
        SignInAsDoctor(permission);
        var home = Context.Render<Home>();
        dashboard.Tiles.SetResult([]);

        home.WaitForAssertion(() => Assert.That(home.FindAll("[data-testid=home-administration]"), Has.Count.EqualTo(1)));
        Assert.That(string.Join(", ", home.FindAll("[data-testid=home-administration] a").Select(a => a.GetAttribute("data-testid"))), Is.EqualTo(buttons));
    }
}
