namespace Clinic.Data.Common;

/// <summary>
/// A business rule in the database refused the request (SIGNAL SQLSTATE '45000').
/// <see cref="Code"/> is the MYSQL_ERRNO listed in db/ERRORS.md; <see cref="Message"/> is the
/// sentence written for the person at the screen.
/// </summary>
public sealed class ClinicRuleException(int code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int Code { get; } = code;
}

/// <summary>The database could not be reached or failed for a reason that is not a business rule.</summary>
public sealed class ClinicDataUnavailableException(string message, Exception inner) : Exception(message, inner);
