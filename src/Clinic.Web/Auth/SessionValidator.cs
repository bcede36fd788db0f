using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clinic.Web.Auth;

/// <summary>
/// On every request that carries the sign-in cookie, asks the database whether its session is still
/// live (auth_session_get, which does not count as activity). A session that ended anywhere (sign-out,
/// password change or reset, deactivation, role change, revocation, timeout) signs the browser out at
/// once, and the sign-in page it is sent to says why (the database's sentence); a changed name, role name or
/// permission map shows up (the principal is rebuilt with one claim per permission of the session).
/// </summary>
public sealed class SessionValidator(AuthProcedures auth, SessionEndedNotice notice) : CookieAuthenticationEvents
{
    private const string EndedMessageKey = "Clinic.SessionEndedMessage";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var token = context.Principal?.SessionToken();
        if (token is null)
        {
            await RejectAsync(context);
            return;
        }

        SessionState state;
        try
        {
            state = await auth.GetSessionAsync(token, context.HttpContext.RequestAborted);
        }
        catch (ClinicDataUnavailableException)
        {
            // A database outage is not a reason to sign everyone out: every procedure still checks the session.
            return;
        }
        if (!state.IsLive || state.Account is null)
        {
            if (state.Message is { } message)
                context.HttpContext.Items[EndedMessageKey] = message;
            await RejectAsync(context);
            return;
        }
        context.ReplacePrincipal(ClinicClaims.ToPrincipal(state.Account, state.Permissions, token));
    }

    /// <summary>A protected page asked for sign-in: if this request's session was just found ended, the sign-in page tells why.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.HttpContext.Items[EndedMessageKey] is string message)
            context.RedirectUri = notice.AppendTo(context.RedirectUri, message);
        return base.RedirectToLogin(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
