using Clinic.Data.Auth;

namespace Clinic.Web.Services;

/// <summary>The change-password page's one call. A seam so that component tests need no database.</summary>
public interface IPasswordChanger
{
    /// <summary>Throws ClinicRuleException with the database's message when a rule refuses the change.</summary>
    Task ChangeAsync(int userId, string username, string currentPassword, string newPassword, CancellationToken ct = default);
}

public sealed class PasswordChanger(AccountService accounts) : IPasswordChanger
{
    public Task ChangeAsync(int userId, string username, string currentPassword, string newPassword, CancellationToken ct = default) =>
        accounts.ChangePasswordAsync(userId, username, currentPassword, newPassword, ct);
}
