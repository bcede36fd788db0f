using Clinic.Data.Common;

namespace Clinic.Data.Auth;

/// <summary>Sign-in, session and password procedures (db/procedures/auth_*.sql).</summary>
public sealed class AuthProcedures(ProcedureRunner runner)
{
    public Task<Credentials?> GetCredentialsAsync(string username, CancellationToken ct = default) =>
        runner.QuerySingleOrDefaultAsync<Credentials>("auth_credentials_get", null, new { p_username = username }, ct);

    public async Task<SignInResult> RecordSignInAsync(string username, bool passwordOk, CancellationToken ct = default)
    {
        var row = await runner.QuerySingleOrDefaultAsync<SignInRow>("auth_sign_in_record", null,
            new { p_username = username, p_password_ok = passwordOk }, ct)
            ?? throw new InvalidOperationException("auth_sign_in_record returned no row.");
        var account = row.Outcome == "ok" && row.UserAccountId is { } id
            ? new AccountSession { UserAccountId = id, Username = row.Username!, DisplayName = row.DisplayName!, RoleCode = row.RoleCode!, MustChangePassword = row.MustChangePassword == true }
            : null;
        return new SignInResult(row.Outcome, row.Message, account);
    }

    public Task<AccountSession?> GetSessionAsync(int userAccountId, CancellationToken ct = default) =>
        runner.QuerySingleOrDefaultAsync<AccountSession>("auth_session_get", userAccountId, null, ct);

    public Task ChangePasswordAsync(int actorId, string newHash, int newPasswordLength, CancellationToken ct = default) =>
        runner.ExecuteAsync("auth_password_change", actorId,
            new { p_new_password_hash = newHash, p_new_password_length = newPasswordLength }, ct);

    private sealed class SignInRow
    {
        public string Outcome { get; init; } = "";
        public string Message { get; init; } = "";
        public int? UserAccountId { get; init; }
        public string? Username { get; init; }
        public string? DisplayName { get; init; }
        public string? RoleCode { get; init; }
        public bool? MustChangePassword { get; init; }
    }
}
