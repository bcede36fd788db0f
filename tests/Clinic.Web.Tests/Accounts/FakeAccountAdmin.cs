using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Accounts;

/// <summary>Answers like the account procedures, from lists the test fills; records every change; fails when told to.</summary>
internal sealed class FakeAccountAdmin : IAccountAdmin
{
    public List<UserAccountRow> Accounts { get; } = [];
    public List<ActiveSessionRow> Sessions { get; } = [];
    public List<RoleRow> Roles { get; } =
    [
        new() { RoleCode = "admin", RoleName = "Administrator" },
        new() { RoleCode = "doctor", RoleName = "Doctor" },
        new() { RoleCode = "nurse", RoleName = "Nurse" },
        new() { RoleCode = "receptionist", RoleName = "Receptionist" },
    ];

    public List<string> Calls { get; } = [];
    public List<(int? Account, int Offset, int Limit)> SessionQueries { get; } = [];
    public TaskCompletionSource? SessionsGate { get; set; }
    public ClinicRuleException? Refusal { get; set; }

    public Task<IReadOnlyList<UserAccountRow>> ListAsync(string? search, int offset, int limit, CancellationToken ct = default)
    {
        var rows = Accounts.Where(a => search is null || a.Username.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                                                      || a.DisplayName.StartsWith(search, StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult<IReadOnlyList<UserAccountRow>>(rows.Skip(offset).Take(limit).Select(r => r with { TotalCount = rows.Count }).ToList());
    }

    public Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<RoleRow>>(Roles);

    public Task<int> CreateAsync(string username, string displayName, string roleCode, string temporaryPassword, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task SetActiveAsync(int userAccountId, bool active, CancellationToken ct = default) => throw new NotSupportedException();

    public Task ResetPasswordAsync(int userAccountId, string temporaryPassword, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SetRoleAsync(int userAccountId, string roleCode, CancellationToken ct = default) =>
        Change($"role {userAccountId} {roleCode}", () => Update(userAccountId, a => a with
        {
            RoleCode = roleCode, RoleName = Roles.Single(r => r.RoleCode == roleCode).RoleName,
        }));

    public Task UnlockAsync(int userAccountId, CancellationToken ct = default) =>
        Change($"unlock {userAccountId}", () => Update(userAccountId, a => a with { IsLocked = false }));

    public async Task<IReadOnlyList<ActiveSessionRow>> SessionsAsync(int? userAccountId, int offset, int limit, CancellationToken ct = default)
    {
        SessionQueries.Add((userAccountId, offset, limit));
        if (SessionsGate is { } gate)
        {
            SessionsGate = null;
            await gate.Task;
        }
        var rows = Sessions.Where(s => userAccountId is null || s.UserAccountId == userAccountId).ToList();
        return rows.Skip(offset).Take(limit).Select(r => r with { TotalCount = rows.Count }).ToList();
    }

    public Task RevokeSessionAsync(long userSessionId, CancellationToken ct = default) =>
        Change($"revoke {userSessionId}", () => Sessions.RemoveAll(s => s.UserSessionId == userSessionId));

    public Task LinkPatientAsync(int userAccountId, int patientId, CancellationToken ct = default) =>
        Change($"link {userAccountId} {patientId}", () => Update(userAccountId, a => a with
        {
            LinkedPatientId = patientId, LinkedPatientMrn = $"HMS/{patientId:D6}", CanLinkPatient = false, CanUnlinkPatient = true,
        }));

    public Task UnlinkPatientAsync(int patientId, CancellationToken ct = default) =>
        Change($"unlink {patientId}", () => Update(Accounts.Single(a => a.LinkedPatientId == patientId).UserAccountId, a => a with
        {
            LinkedPatientId = null, LinkedPatientMrn = null, CanLinkPatient = true, CanUnlinkPatient = false,
        }));

    private Task Change(string call, Action apply)
    {
        Calls.Add(call);
        if (Refusal is { } refusal)
            return Task.FromException(refusal);
        apply();
        return Task.CompletedTask;
    }

    private void Update(int id, Func<UserAccountRow, UserAccountRow> change)
    {
        var i = Accounts.FindIndex(a => a.UserAccountId == id);
        Accounts[i] = change(Accounts[i]);
    }
}
