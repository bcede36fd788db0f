using Bunit;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Accounts;

public sealed class SessionsPageTests : BunitTest
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

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
        Context.Services.AddSingleton<IAccountAdmin>(accounts);
        SignInWith(Permissions.AccountManage);
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<Sessions> RenderPage(string query = "")
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/sessions" + query);
        return Context.Render<Sessions>();
    }

    private static ActiveSessionRow Session(long id, int account, string username, string name, string role = "Receptionist", string? agent = Chrome,
        bool current = false) => new()
    {
        UserSessionId = id, UserAccountId = account, Username = username, DisplayName = name, RoleCode = role.ToLowerInvariant(), RoleName = role,
        StartedAt = new DateTime(2026, 3, 2, 8, 5, 0), LastUsedAt = new DateTime(2026, 3, 2, 9, 41, 0), ClientAddress = "10.0.0." + id,
        UserAgent = agent, IsCurrent = current,
    };

    private static IReadOnlyList<string> RowTexts(IRenderedComponent<Sessions> page) =>
        page.FindAll("[data-testid=sessions-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    [Test]
    public void Shows_loading_then_each_live_session_with_its_person_times_address_and_browser()
    {
        accounts.Sessions.AddRange(
        [
            Session(1, 1, "admin", "Clinic Administrator", "Administrator", Firefox, current: true),
            Session(2, 7, "grace", "Grace Namubiru"),
        ]);
        var gate = accounts.SessionsGate = new TaskCompletionSource();

        var page = RenderPage();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=sessions-loading]"), Has.Count.EqualTo(1)));
        gate.SetResult();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(2)));

        var rows = RowTexts(page);
        Assert.That(rows[0], Does.Contain("Clinic Administrator").And.Contain("admin").And.Contain("This session").And.Contain("Administrator")
            .And.Contain("2026-03-02 08:05").And.Contain("2026-03-02 09:41").And.Contain("10.0.0.1").And.Contain("Firefox 128 on Linux"));
        Assert.That(rows[1], Does.Contain("Grace Namubiru").And.Contain("grace").And.Contain("Receptionist").And.Contain("Chrome 131 on Windows")
            .And.Not.Contain("This session"));
        Assert.That(page.FindAll("[data-testid=session-current]"), Has.Count.EqualTo(1), "only the admin's own session is marked");
        Assert.That(page.FindAll("span[title]").Select(s => s.GetAttribute("title")), Does.Contain(Chrome), "the whole user agent on hover");
        Assert.That(accounts.SessionQueries, Is.EqualTo(new[] { ((int?)null, 0, 25) }));
        Assert.That(page.FindAll("[data-testid=sessions-empty]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=sessions-show-all]"), Is.Empty);
    }

    [Test]
    public void Nobody_signed_in_shows_the_empty_state()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=sessions-empty]").TextContent.Trim(), Is.EqualTo("Nobody is signed in right now.")));
    }

    [Test]
    public void The_account_filter_from_the_users_page_lists_that_account_and_names_it()
    {
        accounts.Sessions.AddRange([Session(1, 1, "admin", "Clinic Administrator", current: true), Session(2, 7, "grace", "Grace Namubiru"),
                                    Session(3, 7, "grace", "Grace Namubiru", agent: Firefox)]);

        var page = RenderPage("?account=7");

        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(2)));
        Assert.That(RowTexts(page), Has.All.Contain("Grace Namubiru"));
        Assert.That(accounts.SessionQueries[0].Account, Is.EqualTo(7));
        WaitUntil(page, () => Assert.That(page.Find("input[data-testid=sessions-account]").GetAttribute("value"), Is.EqualTo("Grace Namubiru (grace)")));
        Assert.That(page.Find("[data-testid=sessions-show-all]").GetAttribute("href"), Is.EqualTo("/admin/sessions"));
    }

    [Test]
    public void An_account_without_sessions_says_so()
    {
        accounts.Sessions.Add(Session(1, 1, "admin", "Clinic Administrator", current: true));
        var page = RenderPage("?account=9");
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=sessions-empty]").TextContent.Trim(), Is.EqualTo("This account has no live sessions.")));
    }

    [Test]
    public void Choosing_an_account_filters_the_list_through_the_address()
    {
        accounts.Accounts.Add(new UserAccountRow { UserAccountId = 7, Username = "grace", DisplayName = "Grace Namubiru", RoleName = "Receptionist" });
        accounts.Sessions.AddRange([Session(1, 1, "admin", "Clinic Administrator", current: true), Session(2, 7, "grace", "Grace Namubiru")]);
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(2)));

        page.Find("input[data-testid=sessions-account]").Input("gra");
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent), Has.Some.Contains("Grace Namubiru (grace)")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("grace", StringComparison.Ordinal)).Click();

        WaitUntil(page, () => Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.EndWith("/admin/sessions?account=7")));
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(1)));
        Assert.That(accounts.SessionQueries.Last().Account, Is.EqualTo(7));
    }

    [Test]
    public void Revoking_asks_first_then_ends_the_session_and_refreshes_the_list()
    {
        accounts.Sessions.AddRange([Session(1, 1, "admin", "Clinic Administrator", current: true), Session(2, 7, "grace", "Grace Namubiru")]);
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(2)));

        page.Find("button[data-testid=revoke-2]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("Grace Namubiru (grace) will be signed out of Chrome 131 on Windows at 10.0.0.2")));
        dialogs.FindAll("button").First(b => b.TextContent.Trim().Equals("Cancel", StringComparison.OrdinalIgnoreCase)).Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Is.Empty));
        Assert.That(accounts.Calls, Is.Empty, "cancel changes nothing");

        page.Find("button[data-testid=revoke-2]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Has.Count.EqualTo(1)));
        dialogs.FindAll("button").First(b => b.TextContent.Trim().Equals("Revoke", StringComparison.OrdinalIgnoreCase)).Click();

        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(1)));
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "revoke 2" }));
        Assert.That(RowTexts(page)[0], Does.Contain("Clinic Administrator"));
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("The session of grace has ended.")));
    }

    [Test]
    public void Revoking_your_own_session_warns_that_you_will_be_signed_out()
    {
        accounts.Sessions.Add(Session(1, 1, "admin", "Clinic Administrator", current: true));
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=revoke-1]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("This is the session you are using now").And.Contain("You will be signed out.")));
    }

    [Test]
    public void A_refusal_shows_the_database_sentence_and_the_list_is_refreshed()
    {
        accounts.Sessions.AddRange([Session(1, 1, "admin", "Clinic Administrator", current: true), Session(2, 7, "grace", "Grace Namubiru")]);
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(2)));
        // Grace signed out meanwhile: the database no longer lists her session and refuses to end it again.
        accounts.Sessions.RemoveAll(s => s.UserSessionId == 2);
        accounts.Refusal = new ClinicRuleException(50122, "That session has already ended.");
        var queries = accounts.SessionQueries.Count;

        page.Find("button[data-testid=revoke-2]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Has.Count.EqualTo(1)));
        dialogs.FindAll("button").First(b => b.TextContent.Trim().Equals("Revoke", StringComparison.OrdinalIgnoreCase)).Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("That session has already ended.")));
        Assert.That(snackbars.Markup, Does.Not.Contain("has ended."), "no success message");
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(1)));
        Assert.That(accounts.SessionQueries, Has.Count.EqualTo(queries + 1));
    }

    [Test]
    public void Many_sessions_come_a_page_at_a_time()
    {
        for (var i = 1; i <= 30; i++)
            accounts.Sessions.Add(Session(i, 100 + i, $"user{i:00}", $"User {i:00}"));
        var page = RenderPage();

        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(25)));
        Assert.That(page.Markup, Does.Contain("1-25 of 30"));
        page.Find("button[aria-label='Next page']").Click();
        WaitUntil(page, () => Assert.That(RowTexts(page), Has.Count.EqualTo(5)));
        Assert.That(accounts.SessionQueries.Last(), Is.EqualTo(((int?)null, 25, 25)));
        Assert.That(RowTexts(page)[0], Does.Contain("User 26"));
    }
}
