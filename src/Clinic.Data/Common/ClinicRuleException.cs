namespace Clinic.Data.Common;

/// <summary>
/// A business rule in the database refused the request (SIGNAL SQLSTATE '45000').
/// <see cref="Code"/> is the MYSQL_ERRNO listed in db/ERRORS.md; <see cref="Message"/> is the
/// sentence written for the person at the screen.
/// </summary>
public class ClinicRuleException(int code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int Code { get; } = code;
}

/// <summary>
/// The database refused the caller's sign-in session: none, unknown (50101), idle too long (50115),
/// past its lifetime (50116), ended by sign-out, a password change or reset, deactivation, a role
/// change or an administrator (50117), or restricted to changing a temporary password (50118).
/// </summary>
public sealed class ClinicSessionEndedException(int code, string message, Exception? inner = null)
    : ClinicRuleException(code, message, inner)
{
    public const int NotSignedIn = 50101;
    public const int Idle = 50115;
    public const int Expired = 50116;
    public const int Ended = 50117;
    public const int MustChangePassword = 50118;

    public static bool IsSessionCode(int code) => code is NotSignedIn or Idle or Expired or Ended or MustChangePassword;

    /// <summary>The session is restricted to a password change rather than gone.</summary>
    public bool NeedsPasswordChange => Code == MustChangePassword;
}

/// <summary>The database could not be reached or failed for a reason that is not a business rule.</summary>
public sealed class ClinicDataUnavailableException(string message, Exception inner) : Exception(message, inner);
