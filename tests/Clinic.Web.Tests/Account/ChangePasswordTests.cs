using System.Security.Claims;
using Bunit;
using Clinic.Data.Common;
using Clinic.Web.Components.Account;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Account;

public sealed class ChangePasswordTests : BunitTest
{
    private sealed class FakePasswordChanger : IPasswordChanger
    {
        public Exception? Refusal { get; set; }
        public List<(string Current, string New)> Calls { get; } = [];

        public Task ChangeAsync(string currentPassword, string newPassword, CancellationToken ct = default)
        {
            Calls.Add((currentPassword, newPassword));
            return Refusal is null ? Task.CompletedTask : Task.FromException(Refusal);
        }
    }

    private FakePasswordChanger passwords = default!;

    public override void Setup()
    {
        base.Setup();
        passwords = new FakePasswordChanger();
        Context.Services.AddSingleton<IPasswordChanger>(passwords);
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("nurse");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "7"));
    }

    private static void Fill(IRenderedComponent<ChangePassword> page, string current, string newPassword, string confirm)
    {
        page.Find("input[data-testid=current-password]").Change(current);
        page.Find("input[data-testid=new-password]").Change(newPassword);
        page.Find("input[data-testid=confirm-password]").Change(confirm);
        page.Find("button[data-testid=change-password]").Click();
    }

    [Test]
    public void Shows_the_database_message_when_the_policy_refuses_the_password()
    {
        passwords.Refusal = new ClinicRuleException(50111, "The new password must be at least 8 characters long.");
        var page = Context.Render<ChangePassword>();

        Fill(page, "nurse123", "short", "short");

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=password-error]").TextContent.Trim(), Is.EqualTo("The new password must be at least 8 characters long.")));
        Assert.That(passwords.Calls, Is.EqualTo(new[] { ("nurse123", "short") }), "the session says who; the page sends only the passwords");
    }

    [Test]
    public void Shows_the_wrong_current_password_message()
    {
        passwords.Refusal = new ClinicRuleException(50110, "The current password is incorrect.");
        var page = Context.Render<ChangePassword>();

        Fill(page, "not-mine", "a-long-new-password", "a-long-new-password");

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=password-error]").TextContent, Does.Contain("The current password is incorrect.")));
    }

    [Test]
    public void Mismatched_confirmation_is_caught_before_the_database()
    {
        var page = Context.Render<ChangePassword>();

        Fill(page, "nurse123", "a-long-new-password", "another-password");

        page.WaitForAssertion(() => Assert.That(page.Markup, Does.Contain("The two new passwords do not match.")));
        Assert.That(passwords.Calls, Is.Empty);
    }

    [Test]
    public void Confirms_a_successful_change()
    {
        var page = Context.Render<ChangePassword>();

        Fill(page, "nurse123", "a-long-new-password", "a-long-new-password");

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=password-changed]").TextContent, Does.Contain("Your password has been changed.")));
        Assert.That(page.FindAll("[data-testid=password-error]"), Is.Empty);
    }
}
