using System.Globalization;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clinic.Web.Auth;

/// <summary>
/// Re-reads the account behind a cookie at most once per <see cref="Interval"/> (a minute unless
/// Clinic:SessionCheckSeconds says otherwise), so that a deactivated account is signed out and a
/// changed name or role shows up. The database decides (auth_session_get).
/// </summary>
public sealed class SessionValidator(AuthProcedures auth, IConfiguration configuration) : CookieAuthenticationEvents
{
    private const string CheckedAtKey = "clinic.checked_at";

    public static TimeSpan Interval(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Clinic:SessionCheckSeconds", 60));

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = DateTimeOffset.UtcNow;
        if (context.Properties.Items.TryGetValue(CheckedAtKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
            && now - checkedAt < Interval(configuration))
            return;

        if (context.Principal?.UserId() is not { } userId)
        {
            await RejectAsync(context);
            return;
        }

        AccountSession? session;
        try
        {
            session = await auth.GetSessionAsync(userId, context.HttpContext.RequestAborted);
        }
        catch (ClinicDataUnavailableException)
        {
            // A database outage is not a reason to sign everyone out: check again on the next request.
            return;
        }
        if (session is null)
        {
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(ClinicClaims.ToPrincipal(session));
        context.Properties.Items[CheckedAtKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    public static void MarkChecked(AuthenticationProperties properties) =>
        properties.Items[CheckedAtKey] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
