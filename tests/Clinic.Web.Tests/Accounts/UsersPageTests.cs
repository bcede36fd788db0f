using Bunit;
using Clinic.Data.Accounts;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Accounts;

public sealed class UsersPageTests : BunitTest
{
    private FakeAccountAdmin accounts = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        accounts = new FakeAccountAdmin();
        accounts.Accounts.AddRange(
        [
            new UserAccountRow { UserAccountId = 3, Username = "grace", DisplayName = "Grace Namubiru", RoleCode = "receptionist", RoleName = "Receptionist", IsActive = true },
            new UserAccountRow { UserAccountId = 4, Username = "peter", DisplayName = "Peter Mugisha", RoleCode = "nurse", RoleName = "Nurse", IsActive = true, IsLocked = true },
        ]);
        Context.Services.AddSingleton<IAccountAdmin>(accounts);
        SignInWith(Permissions.AccountManage);
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<Users> RenderPage()
    {
        var page = Context.Render<Users>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=users-table] tbody tr.mud-table-row"), Has.Count.EqualTo(2)));
        return page;
    }

    private string Row(IRenderedComponent<Users> page, string username) =>
        page.FindAll("[data-testid=users-table] tbody tr.mud-table-row").Single(r => r.TextContent.Contains(username, StringComparison.Ordinal)).TextContent;

    [Test]
    public void Only_a_locked_account_offers_unlock_which_lifts_the_lock()
    {
        var page = RenderPage();
        Assert.That(page.FindAll("[data-testid=unlock-grace]"), Is.Empty);
        Assert.That(Row(page, "peter"), Does.Contain("Locked"));

        page.Find("button[data-testid=unlock-peter]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=unlock-peter]"), Is.Empty));
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "unlock 4" }));
        Assert.That(Row(page, "peter"), Does.Not.Contain("Locked"));
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("peter can sign in again.")));
    }

    [Test]
    public void Each_account_links_to_its_sessions()
    {
        var page = RenderPage();
        Assert.That(page.Find("[data-testid=sessions-grace]").GetAttribute("href"), Is.EqualTo("/admin/sessions?account=3"));
        Assert.That(page.Find("[data-testid=sessions-peter]").GetAttribute("href"), Is.EqualTo("/admin/sessions?account=4"));
    }

    private void ChooseRole(string roleName)
    {
        dialogs.Find("[data-testid=change-role-select]").MouseDown();
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()), Does.Contain(roleName)));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == roleName).Click();
    }

    [Test]
    public void Change_role_starts_from_the_current_role_and_the_list_shows_the_new_one()
    {
        var page = RenderPage();
        page.Find("button[data-testid=role-grace]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("Grace Namubiru (grace) is now").And.Contain("signs them out everywhere")));
        Assert.That(dialogs.Find("button[data-testid=change-role-submit]").HasAttribute("disabled"), Is.True, "the same role is no change");

        ChooseRole("Nurse");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("button[data-testid=change-role-submit]").HasAttribute("disabled"), Is.False));
        dialogs.Find("button[data-testid=change-role-submit]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Is.Empty));
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "role 3 nurse" }));
        WaitUntil(page, () => Assert.That(Row(page, "grace"), Does.Contain("Nurse")));
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("grace is now Nurse.")));
    }

    [Test]
    public void A_refused_role_change_shows_the_database_sentence_and_keeps_the_dialog_open()
    {
        accounts.Refusal = new ClinicRuleException(50121, "This account belongs to a staff member. Change the role on the staff record.");
        var page = RenderPage();
        page.Find("button[data-testid=role-peter]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=change-role-select]"), Has.Count.EqualTo(1)));

        ChooseRole("Doctor");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("button[data-testid=change-role-submit]").HasAttribute("disabled"), Is.False));
        dialogs.Find("button[data-testid=change-role-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("This account belongs to a staff member. Change the role on the staff record.")));
        Assert.That(dialogs.FindAll(".mud-dialog"), Has.Count.EqualTo(1), "the dialog stays open");
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "role 4 doctor" }));
        Assert.That(Row(page, "peter"), Does.Contain("Nurse"));
    }

    [Test]
    public void New_account_and_password_reset_say_the_password_is_temporary()
    {
        var page = RenderPage();

        page.Find("button[data-testid=create-account]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=create-account-temporary]").TextContent,
            Does.Contain("This password is temporary").And.Contain("at their first sign-in they must choose their own")));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Is.Empty));

        page.Find("button[data-testid=reset-grace]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=reset-password-temporary]").TextContent,
            Does.Contain("This password is temporary").And.Contain("Grace Namubiru").And.Contain("must choose their own")));
        Assert.That(dialogs.Markup, Does.Contain("signed out everywhere at once"));
    }
}
