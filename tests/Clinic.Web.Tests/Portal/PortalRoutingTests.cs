using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Clinic.Data.Dashboard;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pages;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Portal;

/// <summary>Who lands on the portal: decided from the session's permissions (the database's map), never from a role's name.</summary>
public sealed class PortalRoutingTests : BunitTest
{
    private sealed class NoTiles : IDashboardReader
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<HomeTile>>([]);
        }
    }

    [TestCase(new[] { Permissions.PortalUse }, true)]
    [TestCase(new[] { Permissions.PortalUse, "some.future_patient_permission" }, true)]
    [TestCase(new[] { Permissions.PortalUse, Permissions.PatientRead }, false)]
    [TestCase(new[] { Permissions.PortalInvite, Permissions.PatientRead }, false)]
    [TestCase(new string[0], false)]
    public void A_session_is_the_portal_s_when_it_may_use_the_portal_and_holds_no_staff_permission(string[] permissions, bool portal) =>
        Assert.That(ClinicClaims.IsPortalOnly(permissions), Is.EqualTo(portal));

    [Test]
    public void Home_sends_a_portal_session_to_the_portal_without_reading_the_staff_dashboard()
    {
        var tiles = new NoTiles();
        Context.Services.AddSingleton<IDashboardReader>(tiles);
        SignInWith([Permissions.PortalUse], new Claim(ClaimTypes.Role, "staff-looking-role-name"));

        Context.Render<Home>();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        Assert.That(navigation.Uri, Does.EndWith("/portal"));
        Assert.That(tiles.Calls, Is.Zero);
    }

    [Test]
    public void Home_keeps_a_staff_session_even_with_a_role_named_patient()
    {
        var tiles = new NoTiles();
        Context.Services.AddSingleton<IDashboardReader>(tiles);
        SignInAs("patient", Permissions.PatientRead);

        Context.Render<Home>();

        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.Not.EndWith("/portal"));
        Assert.That(tiles.Calls, Is.EqualTo(1));
    }
}
