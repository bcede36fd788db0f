using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clinic.Web.Auth;

/// <summary>
/// On every request that carries the sign-in cookie, asks the database whether its session is still
/// live (auth_session_get, which does not count as activity). A session that ended anywhere (sign-out,
/// password change or reset, deactivation, role change, revocation, timeout) signs the browser out at
/// once; a changed name shows up.
/// </summary>
public sealed class SessionValidator(AuthProcedures auth) : CookieAuthenticationEvents
{
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
            await RejectAsync(context);
            return;
        }
        context.ReplacePrincipal(ClinicClaims.ToPrincipal(state.Account, token));
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
