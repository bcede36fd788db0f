using Clinic.Data.Auth;
using Clinic.Data.Common;

namespace Clinic.Data.Accounts;

public sealed record UserAccountRow
{
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string RoleCode { get; init; } = "";
    public string RoleName { get; init; } = "";
    public bool IsActive { get; init; }
    public bool MustChangePassword { get; init; }
    public bool IsLocked { get; init; }
    public DateTime? LastSignInAt { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The patient record a patient account is linked to (the portal), null when none.</summary>
    public int? LinkedPatientId { get; init; }
    public string? LinkedPatientMrn { get; init; }

    /// <summary>The signed-in administrator may link this account to a patient record (portal_account_link).</summary>
    public bool CanLinkPatient { get; init; }

    /// <summary>The signed-in administrator may unlink it (portal_account_unlink).</summary>
    public bool CanUnlinkPatient { get; init; }
    public long TotalCount { get; init; }
}

public sealed record RoleRow
{
    public string RoleCode { get; init; } = "";
    public string RoleName { get; init; } = "";
}

/// <summary>Account administration (db/procedures/user_account_*.sql).</summary>
public sealed class UserAccountProcedures(ProcedureRunner runner, ISessionAccessor session, ClinicPasswordHasher hasher)
{
    public async Task<IReadOnlyList<UserAccountRow>> ListAsync(string? search, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<UserAccountRow>("user_account_list", session,
            new { p_search = search, p_offset = offset, p_limit = limit }, ct);

    public async Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<RoleRow>("role_list", session, null, ct);

    public async Task<int> CreateAsync(string username, string displayName, string roleCode, string password, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("user_account_create", session,
            new
            {
                p_username = username, p_display_name = displayName, p_role_code = roleCode,
                p_password_hash = hasher.Hash(password), p_password_length = password.Length,
            }, ct);

    /// <summary>
    /// Creates the first administrator; refused once an active administrator exists. Internal: only
    /// the schema owner may call it (clinic-db create-admin), so this needs the migrator's runner.
    /// </summary>
    public Task<int> BootstrapAdminAsync(string username, string displayName, string password, CancellationToken ct = default) =>
        runner.QueryWithoutSessionAsync<int>("user_account_bootstrap_admin",
            new
            {
                p_username = username, p_display_name = displayName,
                p_password_hash = hasher.Hash(password), p_password_length = password.Length,
            }, ct);

    public async Task SetActiveAsync(int userAccountId, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("user_account_set_active", session,
            new { p_user_account_id = userAccountId, p_is_active = active }, ct);

    public async Task ResetPasswordAsync(int userAccountId, string temporaryPassword, CancellationToken ct = default) =>
        await runner.ExecuteAsync("user_account_password_reset", session,
            new
            {
                p_user_account_id = userAccountId,
                p_password_hash = hasher.Hash(temporaryPassword), p_password_length = temporaryPassword.Length,
            }, ct);

    public async Task SetRoleAsync(int userAccountId, string roleCode, CancellationToken ct = default) =>
        await runner.ExecuteAsync("user_account_set_role", session,
            new { p_user_account_id = userAccountId, p_role_code = roleCode }, ct);

    /// <summary>Lifts the account lock and every blocked computer for the account.</summary>
    public async Task UnlockAsync(int userAccountId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("user_account_unlock", session, new { p_user_account_id = userAccountId }, ct);

    /// <summary>The live sessions (optionally of one account), most recently used first.</summary>
    public async Task<IReadOnlyList<ActiveSessionRow>> ListSessionsAsync(int? userAccountId, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<ActiveSessionRow>("auth_session_list", session,
            new { p_user_account_id = userAccountId, p_offset = offset, p_limit = limit }, ct);

    /// <summary>Ends one live session; its user's next action sends them to sign in.</summary>
    public async Task RevokeSessionAsync(long userSessionId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("auth_session_revoke", session, new { p_user_session_id = userSessionId }, ct);
}
