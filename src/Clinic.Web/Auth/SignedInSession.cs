using Clinic.Data.Common;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Clinic.Web.Auth;

/// <summary>
/// The data layer's session: the token in the signed-in user's cookie, read from the HTTP request
/// (endpoints, static pages; inside a circuit, the request that opened its connection) or from the
/// Blazor circuit's authentication state. When the database refuses the session, an open page is sent
/// to sign in (or to change a temporary password) with the database's sentence, so the user learns why.
/// </summary>
public sealed class SignedInSession(
    AuthenticationStateProvider authState, IHttpContextAccessor http, NavigationManager navigation, SessionEndedNotice notice,
    CircuitPresence circuit)
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
        // Only a page open in a circuit has somewhere to be sent. This used to ask "is there no HttpContext?",
        // but inside a circuit IHttpContextAccessor still returns the HttpContext of the circuit's WebSocket
        // request, so an open page never went anywhere: the user saw the sentence in a snackbar and stayed on a
        // page where every action failed. A prerender, a static page or an endpoint (no circuit) answers its
        // request itself; a page whose session ended is then redirected by the cookie check (SessionValidator),
        // and a prerendered page by its circuit a moment later.
        if (!circuit.IsOpen)
            return ValueTask.CompletedTask;
        try
        {
            // The thread was not the problem: ProcedureRunner awaits without ConfigureAwait(false), so a refusal met
            // by a component's call is handled on the renderer's thread, and Blazor Server's NavigateTo only asks
            // the browser (over the circuit) to navigate. forceLoad: the next request's cookie check signs the
            // browser out (the session ended) or keeps the restricted session (temporary password), so the layout
            // never shows a stale sign-in.
            var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo(ex.NeedsPasswordChange
                ? here.StartsWith("/account/password", StringComparison.Ordinal) ? here : "/account/password?required=true&returnUrl=" + Uri.EscapeDataString(here)
                : notice.SignInUrl(ex.Message, here), forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // Not attached to a page (a background refresh after the circuit ended): nothing to send anywhere.
        }
        return ValueTask.CompletedTask;
    }
}
