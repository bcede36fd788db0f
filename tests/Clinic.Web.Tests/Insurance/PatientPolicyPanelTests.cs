using Bunit;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Insurance;
using Clinic.Web.Components.Patients;
using Clinic.Web.Services;
using Clinic.Web.Tests.Patients;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Insurance;

public sealed class PatientPolicyPanelTests : BunitTest
{
    private FakeInsuranceAdmin insurance = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        insurance = new FakeInsuranceAdmin
        {
            Plans = [new InsurancePlanRow { InsurancePlanId = 10, PayerId = 1, PayerName = "Jubilee Health", Name = "Gold", IsActive = true }],
        };
        Context.Services.AddSingleton<IInsuranceAdmin>(insurance);
        // The profile also shows the patient's account (Components/Billing/PatientAccountPanel) to billing.read.
        var account = new Clinic.Web.Tests.Billing.FakeBillingOverview();
        account.Accounts[12] = new PatientAccount(new PatientAccountSummary { PatientId = 12, CurrencyCode = "UGX" }, [], []);
        Context.Services.AddSingleton<IBillingOverview>(account);
    }

    private static PatientPolicyRow Policy(int id, bool canEdit = true) => new()
    {
        PatientPolicyId = id, PatientId = 12, InsurancePlanId = 10, PlanName = "Gold", PayerId = 1, PayerName = "Jubilee Health", MemberNumber = "JH-0042",
        HolderName = "John Nakato", Relationship = "spouse", ValidFrom = new DateTime(2026, 1, 1), IsPrimary = true, IsValid = true,
        AnnualLimit = 5_000_000m, UsedThisYear = 120_000m, CanEdit = canEdit,
    };

    private IRenderedComponent<PatientPolicyPanel> Render(params string[] permissions)
    {
        SignInWith(permissions);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<PatientPolicyPanel>(p => p.Add(x => x.PatientId, 12));
    }

    [Test]
    public void Shows_loading_then_no_insurance_then_adds_a_policy_with_what_was_typed()
    {
        insurance.Gate = new TaskCompletionSource();
        var panel = Render(Permissions.InsurancePolicy);
        Assert.That(panel.FindAll("[data-testid=policies-loading]"), Has.Count.EqualTo(1));
        insurance.Gate.SetResult();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=policies-empty]"), Has.Count.EqualTo(1)));

        panel.Find("button[data-testid=add-policy]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=policy-member]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=policy-member]").Change("JH-0042");
        dialogs.Find("input[data-testid=policy-holder]").Change("John Nakato");
        dialogs.Find("[data-testid=policy-valid-to] input").Change("2027-12-31");
        dialogs.Find("input[data-testid=policy-primary]").Change(true);
        dialogs.Find("button[data-testid=policy-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Policy saved.")));
        Assert.That(insurance.Saved.Single(), Is.EqualTo(new PatientPolicyInput
        {
            PatientId = 12, InsurancePlanId = 10, MemberNumber = "JH-0042", HolderName = "John Nakato", Relationship = "self",
            ValidFrom = DateTime.Today, ValidTo = new DateTime(2027, 12, 31), IsPrimary = true,
        }));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=policy-row]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void A_refused_policy_shows_the_database_sentence_and_the_dialog_stays()
    {
        var panel = Render(Permissions.InsurancePolicy);
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=policies-empty]"), Has.Count.EqualTo(1)));
        panel.Find("button[data-testid=add-policy]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=policy-member]"), Has.Count.EqualTo(1)));
        insurance.FailWith = new ClinicRuleException(51230, "Please enter the member number.");
        dialogs.Find("button[data-testid=policy-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Please enter the member number.")));
        Assert.That(dialogs.FindAll("input[data-testid=policy-member]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Lists_policies_with_usage_and_edit_follows_the_flag_and_pre_authorisations_are_listed_and_added()
    {
        insurance.Policies = [Policy(40), Policy(41, canEdit: false) with { IsPrimary = false, MemberNumber = "OLD-1", IsValid = false }];
        insurance.PreAuths = [new PreAuthorisationRow { PreAuthorisationId = 1, PatientPolicyId = 40, CategoryCode = "procedure", CategoryName = "Procedure", AuthorisationNumber = "PA-77", ValidFrom = new DateTime(2026, 12, 1), ValidTo = new DateTime(2026, 12, 31) }];
        var panel = Render(Permissions.InsurancePolicy);
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=policy-row]"), Has.Count.EqualTo(2)));
        var rows = panel.FindAll("[data-testid=policy-row]");
        Assert.That(rows[0].TextContent, Does.Contain("Jubilee Health").And.Contain("John Nakato").And.Contain("Spouse").And.Contain("2026-01-01 – open"));
        Assert.That(rows[0].QuerySelector("[data-testid=policy-usage]")!.TextContent.Trim(), Is.EqualTo("120,000.00 / 5,000,000.00"));
        Assert.That(rows[0].QuerySelectorAll("[data-testid=policy-primary-chip]"), Has.Length.EqualTo(1));
        Assert.That(rows[1].QuerySelectorAll("[data-testid=policy-not-valid]"), Has.Length.EqualTo(1));
        Assert.That(rows[0].QuerySelectorAll("[data-testid=edit-policy]"), Has.Length.EqualTo(1));
        Assert.That(rows[1].QuerySelectorAll("[data-testid=edit-policy]"), Is.Empty);

        rows[0].QuerySelector("button[data-testid=policy-preauths]")!.Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=preauth-row]"), Has.Count.EqualTo(1)));
        Assert.That(panel.Find("[data-testid=preauth-row]").TextContent, Does.Contain("PA-77").And.Contain("Procedure"));

        panel.Find("button[data-testid=add-preauth]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=preauth-number]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=preauth-number]").Change("PA-78");
        dialogs.Find("[data-testid=preauth-valid-to] input").Change("2027-01-31");
        dialogs.Find("button[data-testid=preauth-submit]").Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=preauth-row]"), Has.Count.EqualTo(2)));
        Assert.That(insurance.Saved.Single(), Is.EqualTo((40, (string?)"consultation", (string?)"PA-78", (DateTime?)DateTime.Today, (DateTime?)new DateTime(2027, 1, 31))));

        rows = panel.FindAll("[data-testid=policy-row]");
        rows[1].QuerySelector("button[data-testid=policy-preauths]")!.Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=preauths-empty]"), Has.Count.EqualTo(1)));
        Assert.That(panel.FindAll("button[data-testid=add-preauth]"), Is.Empty, "can_edit is false on that policy");
    }

    [Test]
    public void The_profile_shows_the_panel_only_with_billing_read_which_lists_policies()
    {
        var patient = new PatientRow { PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", Status = "active", DateOfBirth = new DateTime(1990, 5, 14) };
        Context.Services.AddSingleton<IPatientDirectory>(new OnePatient(patient));
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        insurance.Policies = [Policy(40)];
        SignInWith(Permissions.PatientRead, Permissions.BillingRead);
        RenderInteractively();
        var profile = Context.Render<PatientProfile>(p => p.Add(x => x.PatientId, 12));
        WaitUntil(profile, () => Assert.That(profile.FindAll("[data-testid=policy-row]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void The_profile_has_no_insurance_panel_without_billing_read()
    {
        var patient = new PatientRow { PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", Status = "active", DateOfBirth = new DateTime(1990, 5, 14) };
        Context.Services.AddSingleton<IPatientDirectory>(new OnePatient(patient));
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        SignInWith(Permissions.PatientRead);
        RenderInteractively();
        var profile = Context.Render<PatientProfile>(p => p.Add(x => x.PatientId, 12));
        WaitUntil(profile, () => Assert.That(profile.FindAll("[data-testid=patient-mrn]"), Has.Count.EqualTo(1)));
        Assert.That(profile.FindAll("[data-testid=policy-panel]"), Is.Empty);
        Assert.That(insurance.Calls, Is.Empty);
    }

    private sealed class OnePatient(PatientRow row) : IPatientDirectory
    {
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => Task.FromResult<PatientRow?>(row);
        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
