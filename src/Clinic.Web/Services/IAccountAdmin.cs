using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Portal;

namespace Clinic.Web.Services;

/// <summary>
/// What the account screens (/admin/users and its dialogs, /admin/sessions) call. A seam so that
/// component tests need no database; every rule stays in the procedures (db/procedures/user_account_*.sql,
/// auth_session_*.sql, portal_account_link.sql, portal_account_unlink.sql), which refuse with the sentence the page shows.
/// </summary>
public interface IAccountAdmin
{
    Task<IReadOnlyList<UserAccountRow>> ListAsync(string? search, int offset, int limit, CancellationToken ct = default);
    Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default);

    /// <summary>Creates an account with a temporary password: its first sign-in may only change it.</summary>
    Task<int> CreateAsync(string username, string displayName, string roleCode, string temporaryPassword, CancellationToken ct = default);

    Task SetActiveAsync(int userAccountId, bool active, CancellationToken ct = default);

    /// <summary>Sets a temporary password; the account's sessions end at once.</summary>
    Task ResetPasswordAsync(int userAccountId, string temporaryPassword, CancellationToken ct = default);

    /// <summary>Changes the role; the account's sessions end at once.</summary>
    Task SetRoleAsync(int userAccountId, string roleCode, CancellationToken ct = default);

    /// <summary>Lifts the account lock and every blocked computer.</summary>
    Task UnlockAsync(int userAccountId, CancellationToken ct = default);

    /// <summary>Live sessions (of one account when given), most recently used first.</summary>
    Task<IReadOnlyList<ActiveSessionRow>> SessionsAsync(int? userAccountId, int offset, int limit, CancellationToken ct = default);

    Task RevokeSessionAsync(long userSessionId, CancellationToken ct = default);

    /// <summary>Links a patient account to a patient record (the portal; portal_account_link).</summary>
    Task LinkPatientAsync(int userAccountId, int patientId, CancellationToken ct = default);

    /// <summary>Removes a patient record's portal link; the account stays and its sessions end (portal_account_unlink).</summary>
    Task UnlinkPatientAsync(int patientId, CancellationToken ct = default);
}

public sealed class AccountAdmin(UserAccountProcedures accounts, PortalLinkProcedures portal) : IAccountAdmin
{
    public Task<IReadOnlyList<UserAccountRow>> ListAsync(string? search, int offset, int limit, CancellationToken ct = default) =>
        accounts.ListAsync(search, offset, limit, ct);

    public Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default) => accounts.RolesAsync(ct);

    public Task<int> CreateAsync(string username, string displayName, string roleCode, string temporaryPassword, CancellationToken ct = default) =>
        accounts.CreateAsync(username, displayName, roleCode, temporaryPassword, ct);

    public Task SetActiveAsync(int userAccountId, bool active, CancellationToken ct = default) => accounts.SetActiveAsync(userAccountId, active, ct);

    public Task ResetPasswordAsync(int userAccountId, string temporaryPassword, CancellationToken ct = default) =>
        accounts.ResetPasswordAsync(userAccountId, temporaryPassword, ct);

    public Task SetRoleAsync(int userAccountId, string roleCode, CancellationToken ct = default) => accounts.SetRoleAsync(userAccountId, roleCode, ct);

    public Task UnlockAsync(int userAccountId, CancellationToken ct = default) => accounts.UnlockAsync(userAccountId, ct);

    public Task<IReadOnlyList<ActiveSessionRow>> SessionsAsync(int? userAccountId, int offset, int limit, CancellationToken ct = default) =>
        accounts.ListSessionsAsync(userAccountId, offset, limit, ct);

    public Task RevokeSessionAsync(long userSessionId, CancellationToken ct = default) => accounts.RevokeSessionAsync(userSessionId, ct);

    public Task LinkPatientAsync(int userAccountId, int patientId, CancellationToken ct = default) => portal.LinkAsync(userAccountId, patientId, ct);

    public Task UnlinkPatientAsync(int patientId, CancellationToken ct = default) => portal.UnlinkAsync(patientId, ct);
}
