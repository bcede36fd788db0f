using Bunit;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Patients;
using Clinic.Web.Components.Visits;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Clinic.Web.Tests.Visits;
using Microsoft.Extensions.DependencyInjection;
using Clinic.Web.Tests.Patients;

namespace Clinic.Web.Tests.Access;

/// <summary>
/// What the database withholds stays off the screen: the free-text medical history (patient_get's
/// can_see_medical_history), the clinical notes (visit_get's can_read_notes); administrators reach the access log.
/// </summary>
public sealed class MinimumNecessaryTests : PharmacyTest
{
    /// <summary>One patient as patient_get returns it, and every update it receives.</summary>
    internal sealed class OnePatient(PatientRow row) : IPatientDirectory
    {
        public List<(int PatientId, PatientInput Input)> Updates { get; } = [];
        public List<string> Searches { get; } = [];
        public List<PatientSearchRow> Found { get; } = [];

        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) =>
            Task.FromResult(patientId == row.PatientId ? row : null);

        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default)
        {
            Updates.Add((patientId, input));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default)
        {
            Searches.Add(query ?? "");
            return Task.FromResult<IReadOnlyList<PatientSearchRow>>(Found);
        }

        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    internal static readonly PatientRow Mary = new()
    {
        PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", DateOfBirth = new DateTime(1990, 5, 14),
        AgeYears = 36, Status = "active",
    };

    /// <summary>As a doctor or nurse reads it: the free text and the flag.</summary>
    private static readonly PatientRow MaryClinical = Mary with { MedicalHistory = "Asthma since childhood", CanSeeMedicalHistory = true };

    private IRenderedComponent<PatientProfile> RenderProfile(PatientRow row, params string[] permissions)
    {
        Context.Services.AddSingleton<IPatientDirectory>(new OnePatient(row));
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        Context.Services.AddSingleton<IPatientHistoryReader>(new PatientMedicalHistoryTests.FakeHistory([]));
        RenderProvidersWith([Permissions.PatientRead, .. permissions]);
        var profile = Context.Render<PatientProfile>(p => p.Add(x => x.PatientId, row.PatientId));
        WaitUntil(profile, () => Assert.That(profile.FindAll("[data-testid=patient-mrn]"), Has.Count.EqualTo(1)));
        return profile;
    }

    [TestCase(Permissions.PatientRegister)]
    [TestCase(Permissions.PharmacyWork)]
    [TestCase(Permissions.PatientMerge)]
    public void The_profile_leaves_out_the_medical_history_the_database_did_not_return(string permission)
    {
        var profile = RenderProfile(Mary, permission);

        Assert.That(profile.FindAll("[data-testid=patient-history]"), Is.Empty);
        Assert.That(profile.Find("[data-testid=demographics]").TextContent, Does.Not.Contain("Medical history"), "not even an empty field");
        Assert.That(profile.Find("[data-testid=demographics]").TextContent, Does.Contain("Blood group"));
    }

    [Test]
    public void A_clinician_sees_the_medical_history_text_on_the_profile()
    {
        var profile = RenderProfile(MaryClinical, Permissions.ClinicalRead);

        Assert.That(profile.Find("[data-testid=patient-history]").TextContent, Is.EqualTo("Asthma since childhood"));
    }

    [TestCase(Permissions.AuditRead, true)]
    [TestCase(Permissions.ClinicalRead, false)]
    [TestCase(Permissions.PatientRegister, false)]
    public void Only_a_session_that_reads_the_audit_gets_the_access_log_button(string permission, bool shown)
    {
        var profile = RenderProfile(Mary, permission);

        var buttons = profile.FindAll("[data-testid=patient-access-log]");
        Assert.That(buttons, Has.Count.EqualTo(shown ? 1 : 0));
        if (shown)
            Assert.That(buttons[0].GetAttribute("href"), Is.EqualTo("/admin/patient-access?patient=12"));
    }

    private IRenderedComponent<PatientEditor> RenderEditor(OnePatient directory, int? patientId)
    {
        Context.Services.AddSingleton<IPatientDirectory>(directory);
        RenderProvidersWith(Permissions.PatientRegister);
        var editor = Context.Render<PatientEditor>(p => p.Add(x => x.PatientId, patientId));
        WaitUntil(editor, () => Assert.That(editor.FindAll("[data-testid=patient-form]"), Has.Count.EqualTo(1)));
        return editor;
    }

    [Test]
    public void Editing_without_the_medical_history_hides_the_field_and_sends_none()
    {
        var directory = new OnePatient(Mary);
        var editor = RenderEditor(directory, 12);

        Assert.That(editor.FindAll("[data-testid=medical-history]"), Is.Empty);
        editor.InvokeAsync(() => editor.Find("button[data-testid=save-patient]").Click()).GetAwaiter().GetResult();

        WaitUntil(editor, () => Assert.That(directory.Updates, Has.Count.EqualTo(1)));
        Assert.That(directory.Updates[0].Input.MedicalHistory, Is.Null, "null: the database keeps the stored text");
        Assert.That(directory.Updates[0].Input.GivenName, Is.EqualTo("Mary"));
    }

    [Test]
    public void Editing_as_a_clinician_shows_the_medical_history_and_sends_it_back()
    {
        var directory = new OnePatient(MaryClinical);
        var editor = RenderEditor(directory, 12);

        Assert.That(editor.Find("textarea[data-testid=medical-history]").GetAttribute("value"), Is.EqualTo("Asthma since childhood"));
        editor.InvokeAsync(() => editor.Find("textarea[data-testid=medical-history]").Change("Asthma since childhood; penicillin rash")).GetAwaiter().GetResult();
        editor.InvokeAsync(() => editor.Find("button[data-testid=save-patient]").Click()).GetAwaiter().GetResult();

        WaitUntil(editor, () => Assert.That(directory.Updates, Has.Count.EqualTo(1)));
        Assert.That(directory.Updates[0].Input.MedicalHistory, Is.EqualTo("Asthma since childhood; penicillin rash"));
    }

    [Test]
    public void Registering_offers_the_medical_history_to_whoever_registers()
    {
        var editor = RenderEditor(new OnePatient(Mary), null);

        Assert.That(editor.FindAll("[data-testid=medical-history]"), Is.Not.Empty);
    }

    /// <summary>Counts the reads of a patient (each is a row of the access log).</summary>
    private sealed class CountingPatient(PatientRow row) : IPatientDirectory
    {
        public int Reads { get; private set; }
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult<PatientRow?>(row);
        }

        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    [Test]
    public void The_prerender_reads_no_patient_and_no_visit_so_each_view_is_logged_once()
    {
        var directory = new CountingPatient(MaryClinical);
        var record = new FakeVisitRecord();
        Context.Services.AddSingleton<IPatientDirectory>(directory);
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        Context.Services.AddSingleton<IPatientHistoryReader>(new PatientMedicalHistoryTests.FakeHistory([]));
        Context.Services.AddSingleton<IVisitRecord>(record);
        Context.Services.AddSingleton<ILabOrders>(new Lab.FakeLabOrders());
        Context.Services.AddSingleton<IPrescribing>(new FakePrescribing());
        RenderProvidersWith(Permissions.PatientRead, Permissions.ClinicalRead);
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var profile = Context.Render<PatientProfile>(p => p.Add(x => x.PatientId, 12));
        var visit = Context.Render<VisitWorkspace>(p => p.Add(x => x.VisitId, 42));

        Assert.That(directory.Reads, Is.EqualTo(0));
        Assert.That(record.Calls, Is.Empty);
        Assert.That(profile.FindAll(".mud-progress-linear"), Is.Not.Empty, "the prerender shows the page loading");
        Assert.That(visit.FindAll("[data-testid=visit-loading]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_administrator_sees_the_visit_but_not_its_clinical_notes()
    {
        var record = new FakeVisitRecord { Visit = FakeVisitRecord.Open(canWrite: false, canClose: true) with { CanReadNotes = false } };
        Context.Services.AddSingleton<IVisitRecord>(record);
        Context.Services.AddSingleton<ILabOrders>(new Lab.FakeLabOrders());
        Context.Services.AddSingleton<IPrescribing>(new FakePrescribing());
        RenderProvidersWith(Permissions.ClinicalRead);

        var page = Context.Render<VisitWorkspace>(p => p.Add(x => x.VisitId, 42));

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=notes-clinical-only]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=notes-clinical-only]").TextContent, Is.EqualTo("Clinical notes are shown to doctors and nurses only."));
        Assert.That(page.FindAll("[data-testid=note-editor]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=note-view]"), Is.Empty);
        Assert.That(record.Calls, Does.Not.Contain("note 42"), "the notes are never asked for");
        Assert.That(page.FindAll("[data-testid=close-visit]"), Has.Count.EqualTo(1), "the administrator still closes forgotten visits");
    }
}
