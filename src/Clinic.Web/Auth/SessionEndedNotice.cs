using Microsoft.AspNetCore.DataProtection;

namespace Clinic.Web.Auth;

/// <summary>
/// Carries the database's sentence about an ended session ("You were signed out because your password
/// was changed...") to the sign-in page in its address, protected so that nobody can make the sign-in
/// page show a text of their own.
/// </summary>
public sealed class SessionEndedNotice(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Clinic.SessionEndedNotice");

    /// <summary>The sign-in page showing <paramref name="message"/>; after signing in, the user goes back to <paramref name="returnUrl"/>.</summary>
    public string SignInUrl(string message, string? returnUrl = null) =>
        AppendTo(returnUrl is null ? "/account/sign-in" : "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), message);

    /// <summary>Adds the protected notice to a sign-in address that may already carry a query (the cookie handler's redirect).</summary>
    public string AppendTo(string signInUrl, string message) =>
        signInUrl + (signInUrl.Contains('?') ? "&" : "?") + "notice=" + Uri.EscapeDataString(_protector.Protect(message));

    /// <summary>The sentence, or null when the notice is missing or was tampered with.</summary>
    public string? Read(string? protectedText)
    {
        if (string.IsNullOrEmpty(protectedText))
            return null;
        try
        {
            return _protector.Unprotect(protectedText);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
