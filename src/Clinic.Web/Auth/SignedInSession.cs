using Clinic.Data.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Clinic.Web.Auth;

/// <summary>
/// The data layer's session: the token in the signed-in user's cookie, read from the HTTP request
/// (endpoints, static pages) or from the Blazor circuit's authentication state. When the database
/// refuses the session, an open page is sent to sign in (or to change a temporary password) with the
/// database's sentence, so the user learns why.
/// </summary>
public sealed class SignedInSession(
    AuthenticationStateProvider authState, IHttpContextAccessor http, NavigationManager navigation, SessionEndedNotice notice)
    : ISessionAccessor
{
    public async ValueTask<string?> GetSessionTokenAsync()
    {
        if (http.HttpContext is { } context)
            return context.User.SessionToken();
        return (await authState.GetAuthenticationStateAsync()).User.SessionToken();
    }

    public ValueTask OnSessionEndedAsync(ClinicSessionEndedException ex)
    {
        if (http.HttpContext is not null)
            return ValueTask.CompletedTask; // an endpoint or a static page answers the request itself
        try
        {
            navigation.NavigateTo(ex.NeedsPasswordChange ? "/account/password?required=true" : notice.SignInUrl(ex.Message), forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // Not attached to a page (a background refresh after the circuit ended): nothing to send anywhere.
        }
        return ValueTask.CompletedTask;
    }
}
