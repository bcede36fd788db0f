using Bunit;
using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Visits;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Visits;

public sealed class VisitWorkspaceTests : BunitTest
{
    private FakeVisitRecord record = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        record = new FakeVisitRecord();
        Context.Services.AddSingleton<IVisitRecord>(record);
        Context.Services.AddSingleton<ILabOrders>(new Clinic.Web.Tests.Lab.FakeLabOrders());
        Context.Services.AddSingleton<IPrescribing>(new Clinic.Web.Tests.Pharmacy.FakePrescribing());
    }

    /// <summary>The permissions the workspace asks about that a treating doctor's session holds, and a nurse's (the map, 0054).</summary>
    private static readonly string[] TreatingDoctor = [Permissions.ClinicalRead, Permissions.DiagnosisRecord, Permissions.LabOrder, Permissions.LabWork];
    private static readonly string[] Nurse = [Permissions.ClinicalRead, Permissions.LabWork];

    private IRenderedComponent<VisitWorkspace> Render(string[]? permissions = null)
    {
        SignInWith(permissions ?? TreatingDoctor);
        RenderInteractively();
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        var page = Context.Render<VisitWorkspace>(p => p.Add(x => x.VisitId, 42));
        page.WaitForState(() => page.FindAll("[data-testid=visit-patient]").Count == 1 || page.FindAll("[data-testid=visit-missing]").Count == 1,
            TimeSpan.FromSeconds(5));
        return page;
    }

    private static AllergyRow Allergy(string substance, string severity, string? reaction = null) => new()
    {
        AllergyId = substance.Length, PatientId = 7, Substance = substance, Severity = severity, Reaction = reaction, Status = "active",
        RecordedByName = "Nurse Achieng", RecordedAt = DateTime.Today,
    };

    private static void OpenTab(IRenderedComponent<VisitWorkspace> page, string name) =>
        page.FindAll(".mud-tab").First(t => t.TextContent.Trim() == name).Click();

    [Test]
    public void The_header_tabs_and_allergy_banner_render_for_an_open_visit()
    {
        record.Allergies.AddRange([Allergy("Penicillin", AllergySeverity.Severe, "Anaphylaxis"), Allergy("Latex", AllergySeverity.Mild)]);

        var page = Render();

        Assert.That(page.Find("[data-testid=visit-patient]").TextContent.Trim(), Is.EqualTo("Mary Nakato"));
        Assert.That(page.Find("[data-testid=visit-summary]").TextContent, Does.Contain("HMS/000007").And.Contain("34 years").And.Contain("Dr Sarah Okello"));
        Assert.That(page.Find("[data-testid=status-chip]").TextContent.Trim(), Is.EqualTo("Open"));
        Assert.That(page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()),
            Is.EqualTo(new[] { "Notes", "Vitals", "Diagnoses", "Allergies", "Problems", "Lab", "Prescriptions" }));
        page.WaitForState(() => page.FindAll("[data-testid=allergy-banner-item]").Count == 2, TimeSpan.FromSeconds(5));
        var banner = page.Find("[data-testid=allergy-banner]");
        Assert.That(banner.ClassList, Does.Contain("mud-alert-filled-error"));
        Assert.That(banner.TextContent, Does.Contain("ALLERGIES").And.Contain("Penicillin").And.Contain("Anaphylaxis").And.Contain("Latex"));
        Assert.That(page.FindAll("[data-testid=note-editor]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=close-visit]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void The_note_is_read_while_the_allergies_are_still_being_read()
    {
        // Opening a visit made its reads one after another (the visit, the allergies, then the note): under load each wait
        // for the database added up (docs/benchmarks.md, issue 15). The note's read now starts beside the allergies'.
        var allergiesAnswer = new TaskCompletionSource();
        record.VisitAnswersLater = true;
        record.AllergiesHeldUntil = allergiesAnswer.Task;
        record.Allergies.Add(Allergy("Penicillin", AllergySeverity.Severe));

        var page = Render();

        page.WaitForState(() => page.FindAll("[data-testid=note-editor]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain("note 42"));
        Assert.That(record.Calls.IndexOf("allergies 7"), Is.LessThan(record.Calls.IndexOf("note 42")), "the allergies were asked for first");
        Assert.That(page.FindAll("[data-testid=allergy-banner-item]"), Is.Empty, "the allergies have not answered yet");

        allergiesAnswer.SetResult();
        page.WaitForState(() => page.FindAll("[data-testid=allergy-banner-item]").Count == 1, TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Without_allergies_the_banner_says_no_known_allergies()
    {
        var page = Render();

        page.WaitForState(() => page.FindAll("[data-testid=allergy-banner]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=allergy-banner]").TextContent, Does.Contain("No known allergies"));
        Assert.That(page.Find("[data-testid=allergy-banner]").GetAttribute("data-allergies"), Is.EqualTo("none"));
    }

    [Test]
    public void A_closed_visit_shows_the_note_addenda_and_the_addendum_form_not_the_editor()
    {
        record.Visit = FakeVisitRecord.Open(canWrite: true, canClose: false) with { Status = VisitStatus.Closed, ClosedAt = DateTime.Today.AddHours(10), ClosedByName = "Dr Okello" };
        record.Note = new VisitNoteView(
            new VisitNoteRow { VisitId = 42, Subjective = "Fever for 3 days", Assessment = "Malaria", UpdatedByName = "Dr Okello", UpdatedAt = DateTime.Today.AddHours(9) },
            [new VisitAddendumRow { VisitAddendumId = 1, VisitId = 42, Body = "RDT positive", SignedName = "Sarah Okello", SignedAt = DateTime.Today.AddHours(11) }]);

        var page = Render();

        page.WaitForState(() => page.FindAll("[data-testid=note-view]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=note-editor]"), Is.Empty);
        Assert.That(page.Find("[data-testid=note-view]").TextContent, Does.Contain("Fever for 3 days").And.Contain("Malaria"));
        Assert.That(page.Find("[data-testid=addendum]").TextContent, Does.Contain("RDT positive").And.Contain("Signed by Sarah Okello"));
        Assert.That(page.FindAll("[data-testid=addendum-form]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=close-visit]"), Is.Empty);
        Assert.That(page.Find("[data-testid=visit-closed]").TextContent, Does.Contain("Closed").And.Contain("by Dr Okello"));

        page.Find("textarea[data-testid=addendum-text]").Change("Blood film confirms P. falciparum");
        page.Find("button[data-testid=add-addendum]").Click();

        page.WaitForState(() => page.FindAll("[data-testid=addendum]").Count == 2, TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain("addendum Blood film confirms P. falciparum"));
        Assert.That(snackbars.Markup, Does.Contain("Addendum signed."));
    }

    [Test]
    public void A_reader_who_may_not_write_sees_the_note_without_editor_or_addendum_form()
    {
        record.Visit = FakeVisitRecord.Open(canWrite: false, canClose: false);

        var page = Render(Nurse);

        page.WaitForState(() => page.FindAll("[data-testid=note-view]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=note-editor]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=addendum-form]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=visit-read-only]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=close-visit]"), Is.Empty);
    }

    [Test]
    public void Saving_the_note_sends_the_loaded_version_and_a_refusal_shows_in_a_snackbar_keeping_the_text()
    {
        var loadedAt = DateTime.Today.AddHours(9).AddMinutes(5);
        record.Note = new VisitNoteView(new VisitNoteRow { VisitId = 42, Subjective = "Cough", UpdatedByName = "Nurse", UpdatedAt = loadedAt }, []);
        var page = Render();
        page.WaitForState(() => page.FindAll("[data-testid=note-editor]").Count == 1, TimeSpan.FromSeconds(5));
        record.Refuse = new ClinicRuleException(50708, "Someone else saved this note after you opened it. Reload to see their changes.");

        page.Find("textarea[data-testid=note-assessment]").Change("Pneumonia");
        page.Find("button[data-testid=save-note]").Click();

        page.WaitForState(() => snackbars.Markup.Contains("Someone else saved this note"), TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain($"save note Cough|Pneumonia|{loadedAt:HH:mm:ss}"));
        Assert.That(page.Find("textarea[data-testid=note-assessment]").GetAttribute("value"), Is.EqualTo("Pneumonia"), "what was typed stays");

        page.Find("button[data-testid=save-note]").Click();
        page.WaitForState(() => snackbars.Markup.Contains("Note saved."), TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Closing_asks_first_then_closes_and_the_page_turns_read_only()
    {
        var page = Render();

        page.Find("button[data-testid=close-visit]").Click();
        dialogs.WaitForState(() => dialogs.Markup.Contains("become final"), TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Not.Contain("close 42"));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Close visit").Click();

        page.WaitForState(() => page.FindAll("[data-testid=visit-closed]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain("close 42"));
        Assert.That(page.Find("[data-testid=status-chip]").TextContent.Trim(), Is.EqualTo("Closed"));
        Assert.That(page.FindAll("[data-testid=note-editor]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=addendum-form]"), Has.Count.EqualTo(1));
        Assert.That(snackbars.Markup, Does.Contain("Visit closed."));
    }

    [Test]
    public void The_vitals_tab_highlights_flagged_values_and_shows_BMI()
    {
        record.Vitals.Add(new VitalSignRow
        {
            VitalSignId = 1, VisitId = 42, RecordedAt = DateTime.Today.AddHours(9), RecordedByName = "Nurse Achieng", SystolicMmhg = 190, DiastolicMmhg = 100,
            BloodPressureFlag = "high", PulseBpm = 88, TemperatureC = 37.2m, WeightKg = 70m, HeightCm = 175m, Bmi = 22.9m, IsFlagged = true,
        });
        var page = Render(Nurse);

        OpenTab(page, "Vitals");

        page.WaitForState(() => page.FindAll("[data-testid=vital-row]").Count == 1, TimeSpan.FromSeconds(5));
        var flag = page.Find("[data-testid=vital-flag]");
        Assert.That((flag.GetAttribute("data-measure"), flag.GetAttribute("data-flag")), Is.EqualTo(("bp", "high")));
        Assert.That(flag.TextContent, Does.Contain("190/100").And.Contain("▲"));
        Assert.That(page.FindAll("[data-testid=vital-flag]"), Has.Count.EqualTo(1), "unremarkable values are not highlighted");
        Assert.That(page.Find("[data-testid=vital-bmi]").TextContent.Trim(), Is.EqualTo("22.9"));
        Assert.That(page.FindAll("[data-testid=vitals-form]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_impossible_vital_is_explained_by_the_database_message()
    {
        var page = Render(Nurse);
        OpenTab(page, "Vitals");
        page.WaitForState(() => page.FindAll("[data-testid=vitals-form]").Count == 1, TimeSpan.FromSeconds(5));
        record.Refuse = new ClinicRuleException(50726, "A temperature of 60.0 °C is not possible. Please check the thermometer (25 to 45 °C).");

        page.Find("input[data-testid=vital-temperature]").Change("60");
        page.Find("button[data-testid=record-vitals]").Click();

        page.WaitForState(() => snackbars.Markup.Contains("A temperature of 60.0 °C is not possible"), TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain("vitals 60 "));
    }

    [Test]
    public void The_diagnoses_tab_lists_the_primary_first_and_lets_the_doctor_change_it()
    {
        record.Diagnoses.AddRange([
            new VisitDiagnosisRow { VisitDiagnosisId = 1, VisitId = 42, Icd10Code = "B50.9", Title = "Plasmodium falciparum malaria, unspecified", IsPrimary = true },
            new VisitDiagnosisRow { VisitDiagnosisId = 2, VisitId = 42, Icd10Code = "D64.9", Title = "Anaemia, unspecified" },
        ]);
        var page = Render();

        OpenTab(page, "Diagnoses");

        page.WaitForState(() => page.FindAll("[data-testid=diagnosis-row]").Count == 2, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=diagnosis-row]").Select(r => r.GetAttribute("data-primary")), Is.EqualTo(new[] { "true", "false" }));
        Assert.That(page.FindAll("[data-testid=icd10-search]"), Has.Count.EqualTo(1));
        page.Find("[data-diagnosis-id='2'] button[data-testid=set-primary]").Click();
        page.WaitForState(() => record.Calls.Contains("primary 2"), TimeSpan.FromSeconds(5));
    }

    [Test]
    public void A_nurse_sees_diagnoses_but_no_diagnosis_form()
    {
        record.Diagnoses.Add(new VisitDiagnosisRow { VisitDiagnosisId = 1, VisitId = 42, Icd10Code = "B50.9", Title = "Malaria", IsPrimary = true });
        var page = Render(Nurse);

        OpenTab(page, "Diagnoses");

        page.WaitForState(() => page.FindAll("[data-testid=diagnosis-row]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=diagnosis-form]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=set-primary]"), Is.Empty);
    }

    [Test]
    public void Adding_an_allergy_refreshes_the_banner_and_a_duplicate_is_refused_with_the_database_message()
    {
        var page = Render();
        OpenTab(page, "Allergies");
        page.WaitForState(() => page.FindAll("[data-testid=allergy-form]").Count == 1, TimeSpan.FromSeconds(5));

        page.Find("input[data-testid=allergy-substance]").Change("Sulfonamides");
        page.Find("button[data-testid=add-allergy]").Click();

        page.WaitForState(() => page.FindAll("[data-testid=allergy-banner-item]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=allergy-banner]").TextContent, Does.Contain("Sulfonamides"));
        Assert.That(page.FindAll("[data-testid=allergy-row]"), Has.Count.EqualTo(1));

        record.Refuse = new ClinicRuleException(50752, "This patient already has an active allergy to Sulfonamides.");
        page.Find("input[data-testid=allergy-substance]").Change("sulfonamides");
        page.Find("button[data-testid=add-allergy]").Click();
        page.WaitForState(() => snackbars.Markup.Contains("already has an active allergy"), TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Removing_an_allergy_asks_for_a_reason_shows_the_database_refusal_and_then_drops_it_from_the_banner()
    {
        record.Allergies.Add(Allergy("Penicillin", AllergySeverity.Severe, "Anaphylaxis"));
        var page = Render();
        OpenTab(page, "Allergies");
        page.WaitForState(() => page.FindAll("[data-testid=allergy-row]").Count == 1, TimeSpan.FromSeconds(5));

        page.Find("button[data-testid=remove-allergy]").Click();
        page.WaitForState(() => dialogs.FindAll("[data-testid=deactivate-allergy-dialog]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(dialogs.Markup, Does.Contain("Penicillin"));

        // The reason rule is the database's (allergy_deactivate, 50754): the dialog stays open with its message.
        record.Refuse = new ClinicRuleException(50754, "Please give a reason for removing the allergy.");
        dialogs.Find("button[data-testid=allergy-reason-submit]").Click();
        page.WaitForState(() => snackbars.Markup.Contains("Please give a reason for removing the allergy."), TimeSpan.FromSeconds(5));
        Assert.That(dialogs.FindAll("[data-testid=deactivate-allergy-dialog]"), Has.Count.EqualTo(1));

        dialogs.Find("input[data-testid=allergy-reason]").Change("Recorded in error");
        dialogs.Find("button[data-testid=allergy-reason-submit]").Click();

        page.WaitForState(() => page.FindAll("[data-testid=allergies-empty]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(record.Calls, Does.Contain($"deactivate {"Penicillin".Length} Recorded in error"));
        Assert.That(snackbars.Markup, Does.Contain("The allergy to Penicillin was removed."));
        Assert.That(page.Find("[data-testid=allergy-banner]").TextContent, Does.Contain("No known allergies"));
    }

    [Test]
    public void The_lab_and_prescription_tabs_hold_the_ordering_and_prescribing_panels_of_an_open_visit()
    {
        var page = Render();

        OpenTab(page, "Lab");
        page.WaitForState(() => page.FindAll("[data-testid=lab-orders-panel]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=lab-order-form]"), Has.Count.EqualTo(1), "the treating doctor orders tests from an open visit");
        OpenTab(page, "Prescriptions");
        page.WaitForState(() => page.FindAll("[data-testid=prescriptions-panel]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.FindAll("[data-testid=rx-form]"), Has.Count.EqualTo(1), "the treating doctor prescribes from an open visit");
    }

    [Test]
    public void An_unknown_visit_says_so()
    {
        record.Visit = null;

        var page = Render();

        Assert.That(page.FindAll("[data-testid=visit-missing]"), Has.Count.EqualTo(1));
    }
}
