using Bunit;
using Clinic.Data.Accounts;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Clinic.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Notifications;

/// <summary>
/// The Users page links an existing patient account to a patient record and unlinks it (the portal), where the row's flags
/// from user_account_list allow it.
/// </summary>
public sealed class LinkPatientAccountTests : BunitTest
{
    private FakeAccountAdmin accounts = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    private sealed class SearchOnlyDirectory : IPatientDirectory
    {
        public List<string?> Queries { get; } = [];

        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default)
        {
            Queries.Add(query);
            return Task.FromResult<IReadOnlyList<PatientSearchRow>>(
                [new PatientSearchRow { PatientId = 31, Mrn = "HMS/000031", GivenName = "Ruth", FamilyName = "Apio", DateOfBirth = new DateTime(1985, 3, 2) }]);
        }

        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private readonly SearchOnlyDirectory directory = new();

    public override void Setup()
    {
        base.Setup();
        accounts = new FakeAccountAdmin();
        accounts.Accounts.AddRange(
        [
            new UserAccountRow { UserAccountId = 3, Username = "grace", DisplayName = "Grace Namubiru", RoleCode = "receptionist", RoleName = "Receptionist", IsActive = true },
            new UserAccountRow { UserAccountId = 9, Username = "ruth", DisplayName = "Ruth Apio", RoleCode = "patient", RoleName = "Patient", IsActive = true, CanLinkPatient = true },
            new UserAccountRow
            {
                UserAccountId = 10, Username = "mary", DisplayName = "Mary Nakato", RoleCode = "patient", RoleName = "Patient", IsActive = true,
                LinkedPatientId = 12, LinkedPatientMrn = "HMS/000012", CanUnlinkPatient = true,
            },
        ]);
        Context.Services.AddSingleton<IAccountAdmin>(accounts);
        Context.Services.AddSingleton<IPatientDirectory>(directory);
        SignInWith(Permissions.AccountManage);
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<Users> RenderPage()
    {
        var page = Context.Render<Users>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=users-table] tbody tr.mud-table-row"), Has.Count.EqualTo(3)));
        return page;
    }

    [Test]
    public void Link_and_unlink_are_offered_only_where_the_database_says_so_and_the_link_is_shown()
    {
        var page = RenderPage();
        Assert.That(page.FindAll("[data-testid=link-patient-ruth]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=unlink-patient-ruth]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=link-patient-grace]").Concat(page.FindAll("[data-testid=unlink-patient-grace]")), Is.Empty, "a staff account");
        Assert.That(page.FindAll("[data-testid=link-patient-mary]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=unlink-patient-mary]"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=linked-mary]").TextContent, Does.Contain("HMS/000012"));
        Assert.That(page.Find("[data-testid=linked-mary] a").GetAttribute("href"), Is.EqualTo("/patients/12"));
    }

    private void ChooseRuthsRecord()
    {
        dialogs.Find("input[data-testid=link-account-patient]").Input("Apio");
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent), Has.Some.Contains("HMS/000031")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("HMS/000031", StringComparison.Ordinal)).Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("button[data-testid=link-account-submit]").HasAttribute("disabled"), Is.False));
    }

    [Test]
    public void An_administrator_links_a_patient_account_to_the_record_found_by_search()
    {
        var page = RenderPage();
        page.Find("button[data-testid=link-patient-ruth]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("Link the patient account")));
        Assert.That(dialogs.Find("button[data-testid=link-account-submit]").HasAttribute("disabled"), Is.True, "no record chosen yet");

        ChooseRuthsRecord();
        dialogs.Find("button[data-testid=link-account-submit]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Is.Empty));
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "link 9 31" }));
        Assert.That(directory.Queries, Does.Contain("Apio"));
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=linked-ruth]").TextContent, Does.Contain("HMS/000031")));
        Assert.That(page.FindAll("[data-testid=link-patient-ruth]"), Is.Empty);
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("ruth is linked to HMS/000031.")));
    }

    [Test]
    public void A_refused_link_shows_the_database_sentence_in_the_dialog()
    {
        accounts.Refusal = new ClinicRuleException(51406, "This patient already has a portal account.");
        var page = RenderPage();
        page.Find("button[data-testid=link-patient-ruth]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=link-account-patient]"), Has.Count.EqualTo(1)));

        ChooseRuthsRecord();
        dialogs.Find("button[data-testid=link-account-submit]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=link-account-error]").TextContent, Is.EqualTo("This patient already has a portal account.")));
        Assert.That(dialogs.FindAll(".mud-dialog"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=linked-ruth]"), Is.Empty);
    }

    [Test]
    public void Unlinking_asks_first_then_removes_the_link()
    {
        var page = RenderPage();
        page.Find("button[data-testid=unlink-patient-mary]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("mary will no longer see HMS/000012 in the portal")));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Unlink").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=linked-mary]"), Is.Empty));
        Assert.That(accounts.Calls, Is.EqualTo(new[] { "unlink 12" }));
        Assert.That(page.FindAll("[data-testid=link-patient-mary]"), Has.Count.EqualTo(1));
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("mary is no longer linked to HMS/000012.")));
    }
}
