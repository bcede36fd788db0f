using Clinic.Data.Common;

namespace Clinic.Data.Auth;

/// <summary>
/// Joins key derivation (C#) to the sign-in rules (database). The database decides everything:
/// lockouts, deactivation, whether the derived key matches, the password policy; it hands out only
/// a salt and PBKDF2 parameters, never a hash. This class derives keys and hashes new passwords.
/// </summary>
public sealed class AccountService(AuthProcedures auth, ClinicPasswordHasher hasher)
{
    /// <summary>Signs in; on success the result carries the new session's token and its permissions.</summary>
    public async Task<SignInResult> SignInAsync(string username, string password, string? clientAddress = null, string? userAgent = null,
        CancellationToken ct = default)
    {
        username = username.Trim();
        if (username.Length == 0 || password.Length == 0)
            return new SignInResult("invalid", "Please enter your username and password.", null);

        var (outcome, message, parameters) = await auth.BeginSignInAsync(username, clientAddress, ct);
        if (parameters is null)
            return new SignInResult(outcome, message ?? "You cannot sign in right now.", null);
        var key = hasher.DeriveKey(password, parameters);
        var result = await auth.SignInAsync(username, key, clientAddress, userAgent, ct);
        if (!result.Succeeded)
            return result;

        // The new session as every later request sees it (auth_session_get): the account with its role's
        // name and the session's permissions, from which the app builds its menus and page access.
        var session = await auth.GetSessionAsync(result.SessionToken, ct);
        return session is { IsLive: true, Account: { } account }
            ? result with { Account = account, Permissions = session.Permissions }
            : result;
    }

    /// <summary>Changes the signed-in user's password; the database checks the current one (50110).</summary>
    public async Task ChangePasswordAsync(ISessionAccessor session, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        var parameters = await auth.PasswordParametersAsync(session, ct);
        var currentKey = parameters is { Salt.Length: > 0 } ? hasher.DeriveKey(currentPassword, parameters) : [];
        await auth.ChangePasswordAsync(session, currentKey, hasher.Hash(newPassword), newPassword.Length, ct);
    }
}
