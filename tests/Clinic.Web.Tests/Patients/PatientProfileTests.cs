using Bunit;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Patients;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Patients;

public sealed class PatientProfileTests : BunitTest
{
    private sealed class OnePatient(PatientRow row) : IPatientDirectory
    {
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => Task.FromResult<PatientRow?>(row);
        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static readonly PatientRow Active = new()
    {
        PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", DateOfBirth = new DateTime(1990, 5, 14),
        AgeYears = 36, Phone = "+256772123456", PhoneLocal = "0772123456", Status = "active", MedicalHistory = "Penicillin allergy",
    };

    private PatientMedicalHistoryTests.FakeHistory history = default!;

    private IRenderedComponent<PatientProfile> Render(PatientRow row, params string[] permissions)
    {
        Context.Services.AddSingleton<IPatientDirectory>(new OnePatient(row));
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        history = new PatientMedicalHistoryTests.FakeHistory(
            [new PatientHistoryRow { Kind = "visit", ItemId = 31, VisitId = 31, Title = "Visit", OccurredAt = new DateTime(2026, 11, 20, 9, 0, 0) }]);
        Context.Services.AddSingleton<IPatientHistoryReader>(history);
        SignInWith([Permissions.PatientRead, .. permissions]);
        RenderInteractively();
        return Context.Render<PatientProfile>(p => p.Add(x => x.PatientId, row.PatientId));
    }

    [Test]
    public void Shows_the_mrn_local_phone_and_the_empty_timeline()
    {
        var profile = Render(Active, Permissions.PatientRegister, Permissions.AppointmentBook);

        profile.WaitForAssertion(() => Assert.That(profile.Find("[data-testid=patient-mrn]").TextContent, Is.EqualTo("HMS/000012")));
        Assert.That(profile.Find("[data-testid=patient-name]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(profile.Find("[data-testid=patient-phone]").TextContent, Is.EqualTo("0772123456"));
        Assert.That(profile.Find("[data-testid=patient-dob]").TextContent, Is.EqualTo("1990-05-14 (36 years)"));
        Assert.That(profile.Find("[data-testid=timeline-empty]").TextContent, Does.Contain("Appointments, queue visits and visits will appear here."));
        Assert.That(profile.Find("[data-testid=edit-patient]").GetAttribute("href"), Is.EqualTo("/patients/12/edit"));
        Assert.That(profile.FindAll("[data-testid=merge-patient]"), Is.Empty);
        Assert.That(profile.FindAll("[data-testid=merged-banner]"), Is.Empty);
    }

    [TestCase(new string[0], "")]
    [TestCase(new[] { Permissions.PatientRegister }, "edit-patient")]
    [TestCase(new[] { Permissions.PatientMerge }, "merge-patient")]
    [TestCase(new[] { Permissions.AppointmentBook }, "book-appointment")]
    [TestCase(new[] { Permissions.AuditRead }, "patient-access-log")]
    [TestCase(new[] { Permissions.PatientRegister, Permissions.PatientMerge, Permissions.AppointmentBook, Permissions.AuditRead },
              "patient-access-log, book-appointment, edit-patient, merge-patient")]
    public void Each_button_shows_with_the_permission_of_its_procedure(string[] permissions, string buttons)
    {
        var profile = Render(Active, permissions);

        profile.WaitForAssertion(() => Assert.That(profile.FindAll("[data-testid=patient-mrn]"), Has.Count.EqualTo(1)));
        var shown = profile.FindAll("[data-testid=patient-access-log], [data-testid=book-appointment], [data-testid=edit-patient], [data-testid=merge-patient]")
            .Select(b => b.GetAttribute("data-testid"));
        Assert.That(string.Join(", ", shown), Is.EqualTo(buttons));
    }

    [TestCase(Permissions.ClinicalRead, true)]
    [TestCase(Permissions.PatientRegister, false)]
    [TestCase(Permissions.PharmacyWork, false)]
    public void Only_a_session_with_clinical_read_sees_the_medical_history(string permission, bool sees)
    {
        var profile = Render(Active, permission);

        profile.WaitForState(() => profile.FindAll("[data-testid=patient-mrn]").Count == 1, TimeSpan.FromSeconds(5));
        if (sees)
            profile.WaitForState(() => profile.FindAll("[data-testid=history-item]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(profile.FindAll("[data-testid=medical-history-section]"), Has.Count.EqualTo(sees ? 1 : 0));
        Assert.That(profile.FindAll("[data-testid=clinical-summary]"), Has.Count.EqualTo(sees ? 1 : 0));
        Assert.That(profile.FindAll("[data-testid=vitals-trend]"), Has.Count.EqualTo(sees ? 1 : 0));
        Assert.That(history.Calls, Has.Count.EqualTo(sees ? 1 : 0), "the front desk never asks for the clinical record");
        Assert.That(profile.FindAll("[data-testid=patient-timeline]"), Has.Count.EqualTo(1), "the appointment timeline stays for everyone");
    }

    [Test]
    public void A_merged_record_links_to_the_surviving_one_and_cannot_be_edited()
    {
        var merged = Active with
        {
            Status = "merged", MergedIntoPatientId = 7, MergedIntoMrn = "HMS/000007", MergeReason = "Registered twice", MergedAt = new DateTime(2026, 11, 2, 9, 30, 0),
        };
        var profile = Render(merged, Permissions.PatientRegister, Permissions.PatientMerge, Permissions.ClinicalRead, Permissions.AppointmentBook);

        profile.WaitForAssertion(() => Assert.That(profile.FindAll("[data-testid=merged-banner]"), Has.Count.EqualTo(1)));
        var banner = profile.Find("[data-testid=merged-banner]").TextContent;
        Assert.That(banner, Does.Contain("This record was merged into HMS/000007 on 2026-11-02 09:30.").And.Contain("Reason: Registered twice"));
        Assert.That(profile.Find("[data-testid=surviving-link]").GetAttribute("href"), Is.EqualTo("/patients/7"));
        Assert.That(profile.FindAll("[data-testid=edit-patient]"), Is.Empty);
        Assert.That(profile.FindAll("[data-testid=merge-patient]"), Is.Empty);
        Assert.That(profile.FindAll("[data-testid=medical-history-section]"), Is.Empty, "the surviving record holds the history");
    }
}
