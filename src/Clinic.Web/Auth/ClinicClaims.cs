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

    /// <summary>One claim per permission the session holds (table role_permission, via auth_session_get).</summary>
    public const string Permission = "clinic_permission";

    /// <summary>The role's display name from table role, for the app bar and the home page.</summary>
    public const string RoleName = "clinic_role_name";

    /// <summary>
    /// The principal of a live session: the account, its role (code as the role claim, and its name), the
    /// session token and one <see cref="Permission"/> claim per permission. Built at sign-in and again on
    /// every request (<see cref="SessionValidator"/>), so a changed map or role shows on the next page.
    /// </summary>
    public static ClaimsPrincipal ToPrincipal(AccountSession account, IEnumerable<string> permissions, string sessionToken) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.UserAccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.Username),
            new Claim(DisplayName, account.DisplayName),
            new Claim(ClaimTypes.Role, account.RoleCode),
            new Claim(RoleName, account.RoleName.Length > 0 ? account.RoleName : account.RoleCode),
            new Claim(Session, sessionToken),
            .. account.MustChangePassword ? [new Claim(PasswordChangeRequired, "true")] : Array.Empty<Claim>(),
            .. permissions.Distinct(StringComparer.Ordinal).Select(p => new Claim(Permission, p)),
        ], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Whether the signed-in session holds the permission (a code of <see cref="Permissions"/>).</summary>
    public static bool Can(this ClaimsPrincipal? user, string permission) =>
        user?.Identity?.IsAuthenticated == true && user.HasClaim(Permission, permission);

    /// <summary>
    /// Whether a session with these permissions (the database's map) belongs in the patient portal: it may use the portal
    /// and holds none of the staff screens' permissions. Sign-in and the home page send such a session to /portal.
    /// </summary>
    public static bool IsPortalOnly(IEnumerable<string> permissions)
    {
        var held = permissions.ToHashSet(StringComparer.Ordinal);
        return held.Contains(Permissions.PortalUse)
               && !held.Any(p => p != Permissions.PortalUse && Permissions.All.Contains(p));
    }

    /// <inheritdoc cref="IsPortalOnly(IEnumerable{string})"/>
    public static bool IsPortalOnly(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && IsPortalOnly(user.FindAll(Permission).Select(c => c.Value));

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(PasswordChangeRequired, "true");

    public static int? UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;

    public static string? SessionToken(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    public static string RoleNameOf(this ClaimsPrincipal user) => user.FindFirstValue(RoleName) ?? "";
}
