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
    public void The_layout_has_the_portal_s_links_and_a_sign_out_form()
    {
        SignInWith([Permissions.PortalUse], new Claim(ClinicClaims.DisplayName, "Mary Nakato"));
        var layout = Context.Render<Clinic.Web.Components.Portal.PortalLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.That(layout.FindAll("[data-testid=portal-nav] a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[]
        {
            "portal", "portal/appointments", "portal/book", "portal/prescriptions", "portal/results", "portal/visits", "portal/bills", "portal/details",
            "portal/access",
        }));
        var signOut = layout.Find("form.portal-sign-out");
        Assert.That(signOut.GetAttribute("action"), Is.EqualTo("account/sign-out"));
        Assert.That(signOut.GetAttribute("method"), Is.EqualTo("post"));
        Assert.That(layout.Find("[data-testid=user-display-name]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.Not.Contain("/account/password"));
    }

    [Test]
    public void The_layout_sends_a_temporary_password_to_the_password_page()
    {
        SignInWith([Permissions.PortalUse], new Claim(ClinicClaims.PasswordChangeRequired, "true"));
        Context.Render<Clinic.Web.Components.Portal.PortalLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.Contain("/account/password?required=true"));
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
