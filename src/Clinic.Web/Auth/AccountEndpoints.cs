using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>POST /account/sign-out (a form with an antiforgery token) clears the cookie.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Binding a form field makes the endpoint validate the antiforgery token.
        endpoints.MapPost("/account/sign-out", async (HttpContext context, [FromForm(Name = "signOut")] string? _) =>
        {
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
