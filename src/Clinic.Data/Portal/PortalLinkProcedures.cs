using Clinic.Data.Auth;
using Clinic.Data.Common;

namespace Clinic.Data.Portal;

/// <summary>A new portal invitation (portal_invitation_create): the code is in this answer only, for the printable slip.</summary>
public sealed record PortalInvitation
{
    public int PortalInvitationId { get; init; }
    public string Code { get; init; } = "";
    public DateTime ExpiresAt { get; init; }
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string JoinPath { get; init; } = "";
    public string ClinicName { get; init; } = "";
    public string ClinicAddress { get; init; } = "";
    public string ClinicPhone { get; init; } = "";
}

/// <summary>The portal panel of a patient's profile (portal_link_get), with what the signed-in user may do there.</summary>
public sealed record PortalLinkState
{
    public int PatientId { get; init; }
    public int? UserAccountId { get; init; }
    public string? Username { get; init; }
    public DateTime? LinkedAt { get; init; }
    public bool? JoinedByInvitation { get; init; }
    /// <summary>The newest invitation: pending, expired, used, burned or revoked; null when none was made.</summary>
    public string? InvitationStatus { get; init; }
    public DateTime? InvitationCreatedAt { get; init; }
    public DateTime? InvitationExpiresAt { get; init; }
    public int? InvitationFailedAttempts { get; init; }
    public bool CanInvite { get; init; }
    public bool CanLink { get; init; }
    public bool CanUnlink { get; init; }
}

/// <summary>The account portal_join created.</summary>
public sealed record PortalJoinResult
{
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
}

/// <summary>
/// Linking patient accounts and patient records (db/procedures/portal_invitation_create.sql, portal_join.sql,
/// portal_account_link.sql, portal_account_unlink.sql, portal_link_get.sql). Joining runs without a session, like signing in.
/// </summary>
public sealed class PortalLinkProcedures(ProcedureRunner runner, ISessionAccessor session, ClinicPasswordHasher hasher)
{
    /// <summary>Reception invites a patient: a one-time code valid for portal.invitation_hours; earlier pending codes are revoked.</summary>
    public async Task<PortalInvitation> InviteAsync(int patientId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<PortalInvitation>("portal_invitation_create", session, new { p_patient_id = patientId }, ct))!;

    /// <summary>
    /// A patient joins with the code from the slip, their date of birth, a username and a password (hashed here). A missing
    /// date of birth goes as NULL: the database asks for it (51413).
    /// </summary>
    public async Task<PortalJoinResult> JoinAsync(string code, DateTime? dateOfBirth, string username, string password, CancellationToken ct = default) =>
        (await runner.QueryWithoutSessionAsync<PortalJoinResult>("portal_join",
            new
            {
                p_code = code, p_date_of_birth = dateOfBirth?.Date, p_username = username,
                p_password_hash = hasher.Hash(password), p_password_length = password.Length,
            }, ct))!;

    /// <summary>An administrator links an existing patient account to a patient record.</summary>
    public async Task LinkAsync(int userAccountId, int patientId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("portal_account_link", session, new { p_user_account_id = userAccountId, p_patient_id = patientId }, ct);

    /// <summary>An administrator removes a patient record's portal link (the account stays; its sessions end).</summary>
    public async Task UnlinkAsync(int patientId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("portal_account_unlink", session, new { p_patient_id = patientId }, ct);

    public async Task<PortalLinkState> GetAsync(int patientId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<PortalLinkState>("portal_link_get", session, new { p_patient_id = patientId }, ct))!;
}
