using Clinic.Data.Auth;
using Clinic.Data.Common;

namespace Clinic.Web.Services;

/// <summary>The change-password page's one call. A seam so that component tests need no database.</summary>
public interface IPasswordChanger
{
    /// <summary>Throws ClinicRuleException with the database's message when a rule refuses the change (50110: wrong current password).</summary>
    Task ChangeAsync(string currentPassword, string newPassword, CancellationToken ct = default);
}

public sealed class PasswordChanger(AccountService accounts, ISessionAccessor session) : IPasswordChanger
{
    public Task ChangeAsync(string currentPassword, string newPassword, CancellationToken ct = default) =>
        accounts.ChangePasswordAsync(session, currentPassword, newPassword, ct);
}
