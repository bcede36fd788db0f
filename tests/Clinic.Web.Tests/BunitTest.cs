using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Clinic.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Clinic.Web.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as in MudBlazor's own tests.</summary>
public abstract class BunitTest
{
    protected BunitContext Context { get; private set; } = default!;

    [SetUp]
    public virtual void Setup()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        // The patient profile shows the contact preferences panel: a default answer (both channels on, read-only); a test registers its own to check it.
        Context.Services.AddSingleton<Clinic.Web.Services.IContactPreferences>(new Notifications.FakeContactPreferencesDefault());
        // The clinic's date comes from the database (IClinicClock); here the test machine's, unless a test sets its own.
        Context.Services.AddSingleton<Clinic.Web.Services.IClinicClock>(new FakeClinicClock(DateTime.Now));
    }

    /// <summary>
    /// Signs in a user whose session holds exactly these permissions, as the app builds them from the database's
    /// map (one <see cref="ClinicClaims.Permission"/> claim each, <see cref="ClinicClaims.ToPrincipal"/>); the
    /// extra claims (e.g. the display name) ride along. Call before the first render.
    /// </summary>
    protected BunitAuthorizationContext SignInWith(IEnumerable<string> permissions, params Claim[] claims)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetClaims([.. permissions.Select(p => new Claim(ClinicClaims.Permission, p)), .. claims]);
        return auth;
    }

    /// <inheritdoc cref="SignInWith(IEnumerable{string}, Claim[])"/>
    protected BunitAuthorizationContext SignInWith(params string[] permissions) => SignInWith(permissions, []);

    /// <summary>
    /// As <see cref="SignInWith(string[])"/>, with a role claim as well: only to show that a role claim by itself grants
    /// nothing (no component checks a role; buttons follow permissions and the rows' can_* flags).
    /// </summary>
    protected BunitAuthorizationContext SignInAs(string role, params string[] permissions)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);
        auth.SetClaims([.. permissions.Select(p => new Claim(ClinicClaims.Permission, p))]);
        return auth;
    }

    /// <summary>
    /// As in the browser once the circuit runs: pages that read a patient's record skip the prerender (each read is logged),
    /// so they ask whether the render is interactive. Call after the services are registered (it builds the renderer).
    /// </summary>
    protected void RenderInteractively() =>
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    // MudBlazor's popover service is only async-disposable.
    [TearDown]
    public async Task TearDownAsync() => await Context.DisposeAsync();
}
