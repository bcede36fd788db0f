using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Web.Components.Patients;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Patients;

public sealed class PatientRegisterTests : BunitTest
{
    private const string DuplicateMessage = "This may be a patient who is already registered. Check the matches and confirm to register anyway.";

    /// <summary>Answers like patient_register: the first call warns of a duplicate, the confirmed call registers.</summary>
    private sealed class FakeDirectory : IPatientDirectory
    {
        public List<(PatientInput Input, bool Confirm)> RegisterCalls { get; } = [];
        public List<PatientInput> CandidateCalls { get; } = [];
        public Exception? FailWith { get; set; }

        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default)
        {
            RegisterCalls.Add((input, confirmDuplicate));
            if (FailWith is not null)
                throw FailWith;
            if (!confirmDuplicate)
                throw new ClinicRuleException(PatientProcedures.PossibleDuplicate, DuplicateMessage);
            return Task.FromResult(new RegisteredPatient { PatientId = 42, Mrn = "HMS/000042" });
        }

        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default)
        {
            CandidateCalls.Add(input);
            return Task.FromResult<IReadOnlyList<DuplicateCandidateRow>>(
            [
                new DuplicateCandidateRow
                {
                    PatientId = 7, Mrn = "HMS/000007", GivenName = "Mary", FamilyName = "Nakato", Sex = "female",
                    DateOfBirth = new DateTime(1990, 5, 14), Phone = "+256772123456", PhoneLocal = "0772123456", SimilarName = true,
                },
            ]);
        }

        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private FakeDirectory directory = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        directory = new FakeDirectory();
        Context.Services.AddSingleton<IPatientDirectory>(directory);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<PatientEditor> RenderFilledForm()
    {
        var editor = Context.Render<PatientEditor>();
        Assert.That(editor.Find("[data-testid=editor-title]").TextContent, Is.EqualTo("Register patient"));
        editor.Find("input[data-testid=given-name]").Change("Mary");
        editor.Find("input[data-testid=family-name]").Change("Nakato");
        editor.Find("input[data-testid=phone]").Change("0772 123 456");
        return editor;
    }

    [Test]
    public void Possible_duplicate_shows_the_candidates_and_register_anyway_confirms()
    {
        var editor = RenderFilledForm();

        editor.Find("button[data-testid=save-patient]").Click();

        dialogs.WaitForAssertion(() =>
        {
            Assert.That(dialogs.Find("[data-testid=duplicate-message]").TextContent, Is.EqualTo(DuplicateMessage));
            var row = dialogs.Find("[data-testid=duplicate-candidate]").TextContent;
            Assert.That(row, Does.Contain("HMS/000007").And.Contain("Nakato, Mary").And.Contain("1990-05-14").And.Contain("0772123456")
                .And.Contain("Similar name, same date of birth"));
        });
        Assert.That(directory.RegisterCalls.Select(c => c.Confirm), Is.EqualTo(new[] { false }));
        Assert.That(directory.CandidateCalls.Single().GivenName, Is.EqualTo("Mary"));
        Assert.That(directory.CandidateCalls.Single().Phone, Is.EqualTo("0772 123 456"));

        dialogs.Find("button[data-testid=register-anyway]").Click();

        editor.WaitForAssertion(() =>
        {
            Assert.That(directory.RegisterCalls.Select(c => c.Confirm), Is.EqualTo(new[] { false, true }));
            Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.EndWith("/patients/42"));
        });
        var confirmed = directory.RegisterCalls[1].Input;
        Assert.That((confirmed.GivenName, confirmed.FamilyName, confirmed.Phone), Is.EqualTo(("Mary", "Nakato", "0772 123 456")));
        Assert.That(dialogs.FindAll("[data-testid=duplicate-candidate]"), Is.Empty);
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Patient registered with MRN HMS/000042.")));
    }

    [Test]
    public void Open_existing_goes_to_the_existing_patient_without_registering()
    {
        var editor = RenderFilledForm();
        editor.Find("button[data-testid=save-patient]").Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=duplicate-candidate]"), Has.Count.EqualTo(1)));

        dialogs.Find("button[data-testid=open-existing-7]").Click();

        editor.WaitForAssertion(() =>
            Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.EndWith("/patients/7")));
        Assert.That(directory.RegisterCalls, Has.Count.EqualTo(1));
    }

    [Test]
    public void Back_to_the_form_keeps_the_input()
    {
        var editor = RenderFilledForm();
        editor.Find("button[data-testid=save-patient]").Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=duplicate-candidate]"), Has.Count.EqualTo(1)));

        dialogs.Find("button[data-testid=duplicate-back]").Click();

        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=duplicate-candidate]"), Is.Empty));
        Assert.That(directory.RegisterCalls, Has.Count.EqualTo(1));
        Assert.That(editor.Find("input[data-testid=given-name]").GetAttribute("value"), Is.EqualTo("Mary"));
        Assert.That(Context.Services.GetRequiredService<NavigationManager>().Uri, Does.Not.Contain("/patients/"));
    }

    [Test]
    public void Another_rule_shows_its_message_and_keeps_the_input()
    {
        directory.FailWith = new ClinicRuleException(50204, "That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX.");
        var editor = RenderFilledForm();

        editor.Find("button[data-testid=save-patient]").Click();

        snackbars.WaitForAssertion(() =>
            Assert.That(snackbars.Markup, Does.Contain("That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX.")));
        Assert.That(dialogs.FindAll("[data-testid=duplicate-candidate]"), Is.Empty);
        Assert.That(editor.Find("input[data-testid=family-name]").GetAttribute("value"), Is.EqualTo("Nakato"));
        Assert.That(editor.Find("input[data-testid=phone]").GetAttribute("value"), Is.EqualTo("0772 123 456"));
    }
}
