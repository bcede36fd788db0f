using Clinic.Data.Common;

namespace Clinic.Data.Auth;

/// <summary>Sign-in, session and password procedures (db/procedures/auth_*.sql).</summary>
public sealed class AuthProcedures(ProcedureRunner runner)
{
    /// <summary>The PBKDF2 parameters to derive a key with, or outcome 'locked' with the sentence to show.</summary>
    public async Task<(string Outcome, string? Message, KeyDerivationParameters? Parameters)> BeginSignInAsync(
        string username, string? clientAddress, CancellationToken ct = default)
    {
        var row = await runner.QueryWithoutSessionAsync<BeginRow>("auth_sign_in_begin",
            new { p_username = username, p_client_address = clientAddress }, ct)
            ?? throw new InvalidOperationException("auth_sign_in_begin returned no row.");
        return row.Outcome == "continue" && row.Salt is not null
            ? (row.Outcome, null, new KeyDerivationParameters { Prf = row.Prf ?? 0, Iterations = row.Iterations ?? 0, Salt = row.Salt, KeyLength = row.KeyLength ?? 32 })
            : (row.Outcome, row.Message, null);
    }

    public async Task<SignInResult> SignInAsync(string username, byte[]? derivedKey, string? clientAddress, string? userAgent,
        CancellationToken ct = default)
    {
        var row = await runner.QueryWithoutSessionAsync<SignInRow>("auth_sign_in", new
        {
            p_username = username, p_derived_key = derivedKey, p_client_address = clientAddress,
            p_user_agent = userAgent is { Length: > 255 } ? userAgent[..255] : userAgent,
        }, ct) ?? throw new InvalidOperationException("auth_sign_in returned no row.");
        var account = row.Outcome == "ok" && row.UserAccountId is { } id
            ? new AccountSession { UserAccountId = id, Username = row.Username!, DisplayName = row.DisplayName!, RoleCode = row.RoleCode!, MustChangePassword = row.MustChangePassword == true }
            : null;
        return new SignInResult(row.Outcome, row.Message, account, row.SessionToken);
    }

    /// <summary>Looks at a session without using it (no idle-time reset): live with its account, or ended with why.</summary>
    public async Task<SessionState> GetSessionAsync(string? sessionToken, CancellationToken ct = default)
    {
        var row = await runner.QueryWithoutSessionAsync<SessionRow>("auth_session_get", new { p_session_token = sessionToken }, ct);
        if (row is null || row.State != "live" || row.UserAccountId is not { } id)
            return new SessionState(false, row?.Code, row?.Message, null);
        return new SessionState(true, null, null, new AccountSession
        {
            UserAccountId = id, Username = row.Username!, DisplayName = row.DisplayName!, RoleCode = row.RoleCode!,
            RoleName = row.RoleName ?? "", MustChangePassword = row.MustChangePassword == true,
        })
        {
            Permissions = (row.Permissions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    public Task SignOutAsync(string? sessionToken, CancellationToken ct = default) =>
        runner.ExecuteWithoutSessionAsync("auth_sign_out", new { p_session_token = sessionToken }, ct);

    public async Task<KeyDerivationParameters?> PasswordParametersAsync(ISessionAccessor session, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<KeyDerivationParameters>("auth_password_params", session, null, ct);

    public Task ChangePasswordAsync(ISessionAccessor session, byte[] currentKey, string newHash, int newPasswordLength, CancellationToken ct = default) =>
        runner.ExecuteAsync("auth_password_change", session,
            new { p_current_key = currentKey, p_new_password_hash = newHash, p_new_password_length = newPasswordLength }, ct);

    private sealed class BeginRow
    {
        public string Outcome { get; init; } = "";
        public string? Message { get; init; }
        public int? Prf { get; init; }
        public int? Iterations { get; init; }
        public byte[]? Salt { get; init; }
        public int? KeyLength { get; init; }
    }

    private sealed class SignInRow
    {
        public string Outcome { get; init; } = "";
        public string Message { get; init; } = "";
        public string? SessionToken { get; init; }
        public int? UserAccountId { get; init; }
        public string? Username { get; init; }
        public string? DisplayName { get; init; }
        public string? RoleCode { get; init; }
        public bool? MustChangePassword { get; init; }
    }

    private sealed class SessionRow
    {
        public string State { get; init; } = "";
        public int? Code { get; init; }
        public string? Message { get; init; }
        public int? UserAccountId { get; init; }
        public string? Username { get; init; }
        public string? DisplayName { get; init; }
        public string? RoleCode { get; init; }
        public bool? MustChangePassword { get; init; }
        public string? Permissions { get; init; }
        public string? RoleName { get; init; }
    }
}
