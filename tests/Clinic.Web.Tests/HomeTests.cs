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
        public TaskCompletionSource<HomeCounts> Counts { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<HomeCounts> HomeCountsAsync(CancellationToken ct = default) => Counts.Task;
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

        dashboard.Counts.SetResult(new HomeCounts
        {
            ActiveAccountCount = 1234, LockedAccountCount = 2, SignedInTodayCount = 5, AuditTodayCount = 40,
            PatientCount = 20_345, AppointmentTodayCount = 61, QueueWaitingCount = 7, SeenTodayCount = 19,
        });

        home.WaitForAssertion(() =>
        {
            Assert.That(home.Find("[data-testid=greeting]").TextContent, Is.EqualTo("Welcome, Dr. Sarah Okello"));
            Assert.That(home.Find("[data-testid=count-active]").TextContent, Does.Contain("1,234").And.Contain("Active accounts"));
            Assert.That(home.Find("[data-testid=count-locked]").TextContent, Does.Contain("2").And.Contain("Locked accounts"));
            Assert.That(home.Find("[data-testid=count-signed-in]").TextContent, Does.Contain("5").And.Contain("Signed in today"));
            Assert.That(home.Find("[data-testid=count-audit]").TextContent, Does.Contain("40").And.Contain("Changes recorded today"));
            Assert.That(home.Find("[data-testid=count-patients]").TextContent, Does.Contain("20,345").And.Contain("Patients"));
            Assert.That(home.Find("[data-testid=count-appointments-today]").TextContent, Does.Contain("61").And.Contain("Appointments today"));
            Assert.That(home.Find("[data-testid=count-queue-waiting]").TextContent, Does.Contain("7").And.Contain("Waiting in the queue"));
            Assert.That(home.Find("[data-testid=count-seen-today]").TextContent, Does.Contain("19").And.Contain("Seen today"));
            Assert.That(home.FindAll("[data-testid=home-loading]"), Is.Empty);
        });
    }

    [Test]
    public void Shows_the_outage_message_instead_of_an_error_page()
    {
        var home = Context.Render<Home>();

        dashboard.Counts.SetException(new ClinicDataUnavailableException("The clinic database cannot be reached right now.", new TimeoutException()));

        home.WaitForAssertion(() =>
            Assert.That(home.Find("[data-testid=home-error]").TextContent, Does.Contain("The clinic database cannot be reached right now.")));
    }
}
