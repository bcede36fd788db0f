using System.Security.Claims;
using Bunit;
using Clinic.Data.Auth;
using Clinic.Data.Dashboard;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pages;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Accounts;

public sealed class PasswordChangeRequiredTests : BunitTest
{
    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    [Test]
    public void Any_other_page_sends_the_user_to_change_the_temporary_password_and_back_afterwards()
    {
        Navigation.NavigateTo("/patients?q=nak");
        Context.Render<RequirePasswordChange>();
        Assert.That(Navigation.Uri, Does.EndWith("/account/password?required=true&returnUrl=%2Fpatients%3Fq%3Dnak"));

        // Moving on inside the open page (the menu) goes back as well.
        Navigation.NavigateTo("/queue");
        Assert.That(Navigation.Uri, Does.EndWith("/account/password?required=true&returnUrl=%2Fqueue"));
    }

    [Test]
    public void The_change_password_page_itself_stays()
    {
        Navigation.NavigateTo("/account/password?required=true&returnUrl=%2F");
        Context.Render<RequirePasswordChange>();
        Assert.That(Navigation.Uri, Does.EndWith("/account/password?required=true&returnUrl=%2F"));

        Navigation.NavigateTo("/account/password");
        Assert.That(Navigation.Uri, Does.EndWith("/account/password"));
    }

    [Test]
    public void Only_a_session_with_a_temporary_password_carries_the_claim()
    {
        var account = new AccountSession { UserAccountId = 4, Username = "agnes", DisplayName = "Agnes Nabirye", RoleCode = "receptionist" };
        var token = new string('a', 64);

        Assert.That(ClinicClaims.ToPrincipal(account with { MustChangePassword = true }, [], token).MustChangePassword(), Is.True);
        Assert.That(ClinicClaims.ToPrincipal(account, [], token).MustChangePassword(), Is.False);
    }

    private sealed class NoTiles : IDashboardReader
    {
        public Task<IReadOnlyList<HomeTile>> HomeTilesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<HomeTile>>([]);
    }

    [Test]
    public void The_administration_card_on_home_links_to_the_sessions()
    {
        Context.Services.AddSingleton<IDashboardReader>(new NoTiles());
        SignInWith([Permissions.AccountManage, Permissions.AuditRead], new Claim(ClinicClaims.DisplayName, "Clinic Administrator"));

        var home = Context.Render<Home>();

        home.WaitForAssertion(() => Assert.That(home.Find("[data-testid=home-sessions]").GetAttribute("href"), Is.EqualTo("/admin/sessions")));
        Assert.That(home.Find("[data-testid=home-sessions]").TextContent.Trim(), Is.EqualTo("Sessions"));
    }
}
