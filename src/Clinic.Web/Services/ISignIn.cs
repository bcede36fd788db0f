using Clinic.Data.Auth;

namespace Clinic.Web.Services;

/// <summary>
/// What the sign-in page calls. A seam so that component tests need no database; the database decides whether the
/// sign-in succeeds (auth_sign_in_begin, auth_sign_in) and words the refusal the page shows.
/// </summary>
public interface ISignIn
{
    /// <summary>On success the result carries the new session's token, the account and its permissions.</summary>
    Task<SignInResult> SignInAsync(string username, string password, string? clientAddress = null, string? userAgent = null, CancellationToken ct = default);
}

public sealed class SignInService(AccountService accounts) : ISignIn
{
    public Task<SignInResult> SignInAsync(string username, string password, string? clientAddress = null, string? userAgent = null, CancellationToken ct = default) =>
        accounts.SignInAsync(username, password, clientAddress, userAgent, ct);
}
