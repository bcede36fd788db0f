using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// Minimum necessary and break the glass, end to end: a nurse outside a patient's care is refused the record by the
/// database, states a reason and reads it; the administrator sees the opening and every read. The front desk never sees
/// the free-text medical history, a doctor in care does.
/// </summary>
public sealed class AccessTests : BrowserTest
{
    private const string Reason = "Covering the emergency ward tonight: the patient collapsed at reception";

    private static string Unique(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N").Take(6).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>A patient seen today by a new doctor (queue, consultation started): the visit is in the doctor's department.</summary>
    private static async Task<(RegisteredPatient Patient, string Family, FrontDeskData.Doctor Doctor, int VisitId)> PatientWithVisitAsync(string? medicalHistory = null)
    {
        var doctor = await FrontDeskData.NewDoctorAsync(Unique("Okello"));
        var family = Unique("Acc");
        var patient = await FrontDeskData.NewPatientAsync("Ruth", family, medicalHistory);
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Headache",
        });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);
        return (patient, family, doctor, visitId);
    }

    private async Task SignInFreshAsync(string username, string password)
    {
        await Context.ClearCookiesAsync();
        await SignInAsync(username, password);
    }

    [Test]
    public async Task A_nurse_of_another_department_breaks_the_glass_and_the_administrator_sees_the_opening_and_her_reads()
    {
        var (patient, family, _, visitId) = await PatientWithVisitAsync();
        var nurse = await ClinicalData.NewStaffAsync("nurse", await ClinicalData.NewDepartmentAsync());

        // 1. The visit of another department's doctor: refused by the database, with the offer to break the glass.
        await SignInAsync(nurse.Username, nurse.Password);
        await GotoInteractiveAsync($"/visits/{visitId}?patient={patient.PatientId}");
        await Expect(TestId("break-glass-message")).ToHaveTextAsync("You are not part of this patient's care. To open the record, give a reason: it will be logged.");
        await Expect(TestId("visit-tabs")).ToHaveCountAsync(0);
        await Expect(TestId("break-glass")).ToBeVisibleAsync();
        await ScreenshotAsync("access-visit-break-glass-panel");

        // 2. The profile's medical history: the same panel instead of the record.
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        var section = TestId("medical-history-section");
        await Expect(section.GetByTestId("break-glass-panel")).ToBeVisibleAsync();
        await Expect(section.GetByTestId("break-glass-message")).ToContainTextAsync("You are not part of this patient's care.");
        await Expect(section.GetByTestId("history-item")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-profile-break-glass-panel");

        // 3. Too short a reason: the database's sentence in the dialog; then a real reason opens the record.
        var dialog = Page.Locator(".mud-dialog");
        var reason = dialog.GetByTestId("break-glass-reason");
        await OpenAsync(Page, section.GetByTestId("break-glass"), reason, "break-glass-dialog");
        await reason.FillAsync("urgent");
        await SubmitUntilShownAsync(Page, dialog.GetByTestId("break-glass-submit"), dialog.GetByTestId("break-glass-error"), "break-glass-short");
        await Expect(dialog.GetByTestId("break-glass-error")).ToHaveTextAsync("Please say why you need this record (at least 10 characters).");
        await Expect(reason).ToHaveValueAsync("urgent");
        await ScreenshotAsync("access-break-glass-dialog");

        await reason.FillAsync(Reason);
        await dialog.GetByTestId("break-glass-submit").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(section.GetByTestId("break-glass-panel")).ToHaveCountAsync(0);
        await Expect(section.GetByTestId("history-visit-link")).ToHaveCountAsync(1);
        await Expect(section.GetByTestId("clinical-summary")).ToBeVisibleAsync();
        await ScreenshotAsync("access-profile-after-break-glass");

        // 4. The record stays open for this sign-in: the visit opens now.
        await section.GetByTestId("history-visit-link").ClickAsync();
        await Expect(TestId("visit-patient")).ToHaveTextAsync($"Ruth {family}");
        await Expect(TestId("break-glass-panel")).ToHaveCountAsync(0);

        // 5. The administrator: the patient access page asks for a patient, found by MRN ...
        await SignInFreshAsync("admin", "admin123");
        await TestId("nav-patient-access").ClickAsync();
        await Expect(TestId("access-choose-patient")).ToBeVisibleAsync();
        await ScreenshotAsync("access-admin-patient-access-choose");
        var search = Page.Locator("input[data-testid=access-patient-search]");
        await TypeAsync(search, patient.Mrn);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = patient.Mrn }));
        await Expect(TestId("access-patient-mrn")).ToHaveTextAsync(patient.Mrn);
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/admin/patient-access\?patient={patient.PatientId}$"));

        // ... the opening on /admin/break-glass ...
        await TestId("nav-break-glass").ClickAsync();
        var opening = TestId("break-glass-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = nurse.Username });
        await Expect(opening).ToHaveCountAsync(1);
        await Expect(opening.GetByTestId("break-glass-row-reason")).ToHaveTextAsync(Reason);
        await Expect(opening.GetByTestId("break-glass-role")).ToHaveTextAsync("Nurse");
        await Expect(opening.GetByTestId("break-glass-patient")).ToHaveTextAsync(patient.Mrn);
        await Expect(opening.GetByTestId("break-glass-patient-name")).ToHaveTextAsync($"Ruth {family}");
        await ScreenshotAsync("access-admin-break-glass");

        // ... the patient's profile, whose "Access log" is for administrators ...
        await opening.GetByTestId("break-glass-patient").ClickAsync();
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(patient.Mrn);
        await Expect(TestId("patient-history")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-admin-profile");

        // ... and the nurse's reads in the patient's access log, newest first.
        await TestId("patient-access-log").ClickAsync();
        await Expect(TestId("access-patient-mrn")).ToHaveTextAsync(patient.Mrn);
        await Expect(TestId("access-patient-name")).ToHaveTextAsync($"Ruth {family}");
        var nurseReads = TestId("access-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = nurse.Username });
        var brokeTheGlass = nurseReads.Filter(new LocatorFilterOptions { Has = Page.Locator("[data-kind=break_glass]") });
        await Expect(brokeTheGlass).ToHaveCountAsync(1);
        await Expect(brokeTheGlass.GetByTestId("access-reason")).ToHaveTextAsync(Reason);
        await Expect(nurseReads.Filter(new LocatorFilterOptions { Has = Page.Locator("[data-kind=medical_history]") }).First).ToBeVisibleAsync();
        // She opened the profile once: the prerender reads nothing, so one view is one row.
        await Expect(nurseReads.Filter(new LocatorFilterOptions { Has = Page.Locator("[data-kind=profile]") })).ToHaveCountAsync(1);
        var visitRead = nurseReads.Filter(new LocatorFilterOptions { Has = Page.Locator("[data-kind=visit]") });
        await Expect(visitRead).ToHaveCountAsync(1);
        await Expect(visitRead.GetByTestId("access-object")).ToHaveTextAsync($"Visit #{visitId}");
        var kinds = await TestId("access-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = nurse.Username })
            .GetByTestId("access-kind").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.kind)");
        Assert.That(Array.IndexOf(kinds, "visit"), Is.LessThan(Array.IndexOf(kinds, "break_glass")), "newest first: the visit was read after the opening");
        await ScreenshotAsync("access-admin-patient-access");

        // 6. The administrator opens the visit, but its clinical notes are for doctors and nurses.
        await GotoInteractiveAsync($"/visits/{visitId}");
        await Expect(TestId("visit-patient")).ToHaveTextAsync($"Ruth {family}");
        await Expect(TestId("notes-clinical-only")).ToHaveTextAsync("Clinical notes are shown to doctors and nurses only.");
        await Expect(TestId("note-editor")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-admin-visit-notes");
    }

    [Test]
    public async Task The_front_desk_never_sees_the_medical_history_text_and_a_doctor_in_care_does()
    {
        const string history = "Asthma since childhood; penicillin causes a rash.";
        var (patient, _, doctor, _) = await PatientWithVisitAsync(history);

        await SignInAsync("reception", "reception123");
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(patient.Mrn);
        await Expect(TestId("demographics")).ToBeVisibleAsync();
        await Expect(TestId("patient-history")).ToHaveCountAsync(0);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("Asthma since childhood");
        await Expect(TestId("medical-history-section")).ToHaveCountAsync(0);
        await Expect(TestId("patient-access-log")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-profile-reception");

        // The edit form leaves the field out too, and saving keeps the stored text.
        await TestId("edit-patient").ClickAsync();
        await Expect(TestId("given-name")).ToHaveValueAsync("Ruth");
        await Expect(TestId("medical-history")).ToHaveCountAsync(0);
        await TestId("save-patient").ClickAsync();
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(patient.Mrn);

        await SignInFreshAsync(doctor.Username, doctor.Password);
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        await Expect(TestId("patient-history")).ToHaveTextAsync(history);
        await Expect(TestId("medical-history-section").GetByTestId("history-visit-link")).ToHaveCountAsync(1);
        await Expect(TestId("break-glass-panel")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-profile-doctor");
    }
}
