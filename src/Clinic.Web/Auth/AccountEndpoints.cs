using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>
    /// POST /account/sign-out (a form with an antiforgery token) ends the session in the database, so
    /// its token is worthless even if a copy of the cookie survives, and clears the cookie.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Binding a form field makes the endpoint validate the antiforgery token.
        endpoints.MapPost("/account/sign-out", async (HttpContext context, AuthProcedures auth, [FromForm(Name = "signOut")] string? _) =>
        {
            try
            {
                await auth.SignOutAsync(context.User.SessionToken(), context.RequestAborted);
            }
            catch (ClinicDataUnavailableException)
            {
                // The cookie is cleared anyway; the session ends by itself after its idle time.
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("~/account/sign-in");
        });
        return endpoints;
    }

    /// <summary>Only a local path is followed after sign-in; anything else goes home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
