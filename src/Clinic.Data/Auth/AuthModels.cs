namespace Clinic.Data.Auth;

public sealed record Credentials
{
    public int UserAccountId { get; init; }
    public string PasswordHash { get; init; } = "";
}

/// <summary>A signed-in (or signing-in) account.</summary>
public sealed record AccountSession
{
    public int UserAccountId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string RoleCode { get; init; } = "";
    public bool MustChangePassword { get; init; }
}

/// <summary>The database's decision on a sign-in attempt: outcome is ok, invalid, inactive or locked.</summary>
public sealed record SignInResult(string Outcome, string Message, AccountSession? Account)
{
    public bool Succeeded => Outcome == "ok" && Account is not null;
}
