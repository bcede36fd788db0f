namespace Clinic.Data.Auth;

/// <summary>A signed-in (or signing-in) account.</summary>
public sealed record AccountSession
{
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string RoleCode { get; init; } = "";
    /// <summary>The role's display name (table role); set from auth_session_get, empty from auth_sign_in alone.</summary>
    public string RoleName { get; init; } = "";
    public bool MustChangePassword { get; init; }
}

/// <summary>
/// The database's decision on a sign-in attempt: outcome is ok, invalid or locked. On success,
/// <see cref="SessionToken"/> is the new session's token (only its hash is kept in the database), and
/// <see cref="Permissions"/> the new session's permissions (table role_permission, as auth_session_get lists them).
/// </summary>
public sealed record SignInResult(string Outcome, string Message, AccountSession? Account, string? SessionToken = null)
{
    public IReadOnlyList<string> Permissions { get; init; } = [];

    public bool Succeeded => Outcome == "ok" && Account is not null && SessionToken is not null;
}

/// <summary>
/// What auth_session_get says about a session token: live (with the account and its role's permissions,
/// table role_permission) or ended (with why).
/// </summary>
public sealed record SessionState(bool IsLive, int? Code, string? Message, AccountSession? Account)
{
    public IReadOnlyList<string> Permissions { get; init; } = [];

    public bool NeedsPasswordChange => Account?.MustChangePassword == true;
}

/// <summary>PBKDF2 parameters the database hands out instead of a hash (auth_sign_in_begin, auth_password_params).</summary>
public sealed record KeyDerivationParameters
{
    public int Prf { get; init; }
    public int Iterations { get; init; }
    public byte[] Salt { get; init; } = [];
    public int KeyLength { get; init; }
}

/// <summary>One live session, for the administrators' sessions screen (auth_session_list).</summary>
public sealed record ActiveSessionRow
{
    public long UserSessionId { get; init; }
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string RoleCode { get; init; } = "";
    public string RoleName { get; init; } = "";
    public DateTime StartedAt { get; init; }
    public DateTime LastUsedAt { get; init; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
    public bool MustChangePassword { get; init; }
    public bool IsCurrent { get; init; }
    public long TotalCount { get; init; }
}
