using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Portal;
using Clinic.Web.Auth;
using Clinic.Web.Components.Portal;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Portal;

public sealed class PortalInvitePanelTests : BunitTest
{
    private FakePortalLinks links = default!;

    public override void Setup()
    {
        base.Setup();
        links = new FakePortalLinks();
        Context.Services.AddSingleton<IPortalLinks>(links);
        SignInWith(Permissions.PatientRead, Permissions.PortalInvite);
    }

    [Test]
    public void Invites_and_shows_the_code_its_expiry_and_the_slip_once()
    {
        var panel = Context.Render<PortalInvitePanel>(p => p.Add(x => x.PatientId, 12));

        panel.WaitForAssertion(() => Assert.That(panel.Find("[data-testid=portal-not-linked]").TextContent, Is.EqualTo("Not linked")));
        Assert.That(panel.FindAll("[data-testid=portal-code]"), Is.Empty);

        panel.Find("button[data-testid=portal-invite]").Click();

        panel.WaitForAssertion(() => Assert.That(panel.Find("[data-testid=portal-code]").TextContent, Is.EqualTo("ABCD-EFGH-JKLM")));
        Assert.That(links.Invites, Is.EqualTo(1));
        Assert.That(panel.Find("[data-testid=portal-code-expiry]").TextContent, Does.Contain("2026-12-07 10:30"));
        Assert.That(panel.Find("[data-testid=slip-patient]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(panel.Find("[data-testid=slip-address]").TextContent, Does.EndWith("/portal/join"));
        Assert.That(panel.Find("[data-testid=slip-steps]").TextContent, Does.Contain("date of birth").And.Contain("username"));
        Assert.That(panel.Find("[data-testid=portal-code-once]").TextContent, Does.Contain("shown only once"));
        Assert.That(panel.Find("[data-testid=portal-invitation-status]").TextContent, Does.Contain("Pending").And.Contain("2026-12-07 10:30"));
        Assert.That(panel.FindAll("button[data-testid=portal-invite]"), Is.Empty, "no second code while the first is on the screen");

        panel.Find("button[data-testid=portal-print]").Click();
        Assert.That(Context.JSInterop.VerifyInvoke("print").Arguments, Is.Empty);

        panel.Find("button[data-testid=portal-done]").Click();
        panel.WaitForAssertion(() => Assert.That(panel.FindAll("[data-testid=portal-code]"), Is.Empty, "the code is gone once reception is done"));
        Assert.That(panel.FindAll("button[data-testid=portal-invite]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_linked_patient_shows_the_account_and_no_invite_button_when_the_database_says_so()
    {
        links.State = new PortalLinkState
        {
            PatientId = 12, UserAccountId = 40, Username = "mary.n", LinkedAt = new DateTime(2026, 11, 1), JoinedByInvitation = true, CanInvite = false,
        };
        var panel = Context.Render<PortalInvitePanel>(p => p.Add(x => x.PatientId, 12));

        panel.WaitForAssertion(() => Assert.That(panel.Find("[data-testid=portal-username]").TextContent, Is.EqualTo("mary.n")));
        Assert.That(panel.Find("[data-testid=portal-state]").TextContent, Does.Contain("since 2026-11-01").And.Contain("joined with an invitation"));
        Assert.That(panel.FindAll("[data-testid=portal-invite]"), Is.Empty);
    }

    [Test]
    public void A_refusal_shows_the_database_message_and_no_code()
    {
        links.InviteFailure = new ClinicRuleException(51406, "This patient already has a portal account.");
        var panel = Context.Render<PortalInvitePanel>(p => p.Add(x => x.PatientId, 12));
        panel.WaitForAssertion(() => Assert.That(panel.FindAll("button[data-testid=portal-invite]"), Has.Count.EqualTo(1)));

        panel.Find("button[data-testid=portal-invite]").Click();

        var snackbar = Context.Services.GetRequiredService<MudBlazor.ISnackbar>();
        panel.WaitForAssertion(() => Assert.That(snackbar.ShownSnackbars.Select(s => s.Message), Does.Contain("This patient already has a portal account.")));
        Assert.That(panel.FindAll("[data-testid=portal-code]"), Is.Empty);
    }
}
