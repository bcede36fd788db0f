using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;

namespace Clinic.Demo;

/// <summary>
/// Demo mode signs in as the demo accounts through the real sign-in procedures, like a person at the
/// screen, and acts with their sessions. A demo account created with a temporary password is signed
/// in once and its password "changed" to the public demo password, so that the demo logins work.
/// </summary>
public sealed class DemoSessions(AccountService accounts, AuthProcedures auth)
{
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ISessionAccessor> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, string> _usernames = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Remembers a demo account's public password.</summary>
    public void Know(string username, string password) => _passwords[username] = password;

    /// <summary>A live session of the named demo account.</summary>
    public async Task<ISessionAccessor> ForAsync(string username, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_sessions.TryGetValue(username, out var known))
                return known;
            if (!_passwords.TryGetValue(username, out var password))
                throw new InvalidOperationException($"Demo mode does not know the password of '{username}'.");
            var result = await accounts.SignInAsync(username, password, "demo-loader", "Clinic demo loader", ct);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo mode could not sign in as '{username}': {result.Message}");
            ISessionAccessor session = new FixedSession(result.SessionToken);
            if (result.Account!.MustChangePassword)
                await accounts.ChangePasswordAsync(session, password, password, ct);
            _sessions[username] = session;
            _usernames[result.Account.UserAccountId] = username;
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A live session of the demo account with this id (looked up once through the administrator's account list).</summary>
    public async Task<ISessionAccessor> ForAccountAsync(UserAccountProcedures adminAccounts, int userAccountId, CancellationToken ct = default)
    {
        if (!_usernames.TryGetValue(userAccountId, out var username))
        {
            foreach (var row in await adminAccounts.ListAsync(null, 0, 100, ct))
                _usernames.TryAdd(row.UserAccountId, row.Username);
            if (!_usernames.TryGetValue(userAccountId, out username))
                throw new InvalidOperationException($"Demo mode cannot find account {userAccountId}.");
        }
        return await ForAsync(username, ct);
    }

    /// <summary>Signs out of every session the loader opened.</summary>
    public async Task SignOutAllAsync(CancellationToken ct = default)
    {
        foreach (var session in _sessions.Values)
            await auth.SignOutAsync(await session.GetSessionTokenAsync(), ct);
        _sessions.Clear();
    }
}
