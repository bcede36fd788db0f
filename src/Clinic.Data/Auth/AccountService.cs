using Clinic.Data.Common;

namespace Clinic.Data.Auth;

/// <summary>
/// Joins password hashing (C#) to the sign-in rules (database). The database decides lockout,
/// deactivation and the password policy; this class only hashes and verifies.
/// </summary>
public sealed class AccountService(AuthProcedures auth, ClinicPasswordHasher hasher)
{
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken ct = default)
    {
        username = username.Trim();
        if (username.Length == 0 || password.Length == 0)
            return new SignInResult("invalid", "Please enter your username and password.", null);

        var credentials = await auth.GetCredentialsAsync(username, ct);
        var passwordOk = hasher.Verify(credentials?.PasswordHash, password);
        return await auth.RecordSignInAsync(username, passwordOk, ct);
    }

    /// <summary>Changes the signed-in user's password after checking the current one.</summary>
    public async Task ChangePasswordAsync(int actorId, string username, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        var credentials = await auth.GetCredentialsAsync(username, ct);
        if (credentials is null || credentials.UserAccountId != actorId || !hasher.Verify(credentials.PasswordHash, currentPassword))
            throw new ClinicRuleException(50110, "The current password is incorrect.");
        await auth.ChangePasswordAsync(actorId, hasher.Hash(newPassword), newPassword.Length, ct);
    }
}
