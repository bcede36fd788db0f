using System.Globalization;
using System.Security.Claims;
using Clinic.Data.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clinic.Web.Auth;

/// <summary>
/// Turns the database's account session into the cookie's claims, and back. The session token is a
/// claim in the (encrypted) authentication cookie: it is what proves to the database who acts.
/// </summary>
public static class ClinicClaims
{
    public const string DisplayName = "display_name";
    public const string Session = "clinic_session";

    /// <summary>
    /// Present while the session was opened with a temporary password, as the database says (auth_sign_in,
    /// auth_session_get on every request): the database refuses such a session everything but changing
    /// the password (50118), so the app keeps the user on that page.
    /// </summary>
    public const string PasswordChangeRequired = "clinic_password_change_required";

    public static ClaimsPrincipal ToPrincipal(AccountSession account, string sessionToken) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.UserAccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.Username),
            new Claim(DisplayName, account.DisplayName),
            new Claim(ClaimTypes.Role, account.RoleCode),
            new Claim(Session, sessionToken),
            .. account.MustChangePassword ? [new Claim(PasswordChangeRequired, "true")] : Array.Empty<Claim>(),
        ], CookieAuthenticationDefaults.AuthenticationScheme));

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(PasswordChangeRequired, "true");

    public static int? UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;

    public static string? SessionToken(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";
}
