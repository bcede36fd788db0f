using Bunit;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Patients;
using Clinic.Web.Components.Visits;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Clinic.Web.Tests.Visits;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Clinic.Web.Tests.Patients.PatientMedicalHistoryTests;

namespace Clinic.Web.Tests.Access;

/// <summary>
/// A doctor or nurse outside the patient's care: the database refuses the record (50790); the screen shows its sentence
/// and "Break the glass"; the reason goes to the database (50791 shows in the dialog); once open, the record is read again.
/// </summary>
public sealed class BreakGlassTests : PharmacyTest
{
    private const string Reason = "Covering the emergency ward tonight: the patient collapsed at reception";

    private FakePatientAccess access = default!;

    public override void Setup()
    {
        base.Setup();
        access = new FakePatientAccess();
        Context.Services.AddSingleton<IPatientAccess>(access);
    }

    private static readonly PatientHistoryRow[] Two =
    [
        new() { Kind = "visit", ItemId = 31, VisitId = 31, Title = "Visit · Dr Sarah Okello", OccurredAt = new DateTime(2026, 11, 20, 9, 0, 0) },
        new() { Kind = "vitals", ItemId = 8, VisitId = 31, Title = "Vital signs", Detail = "BP 150/95", OccurredAt = new DateTime(2026, 11, 20, 9, 5, 0) },
    ];

    private void Type(string text) =>
        Dialogs.InvokeAsync(() => Dialogs.Find("textarea[data-testid=break-glass-reason]").Input(text)).GetAwaiter().GetResult();

    private void Submit() =>
        Dialogs.InvokeAsync(() => Dialogs.Find("button[data-testid=break-glass-submit]").Click()).GetAwaiter().GetResult();

    [Test]
    public void The_medical_history_section_offers_to_break_the_glass_and_reads_the_record_once_it_is_open()
    {
        var history = new FakeHistory(Two) { OutsideCare = () => !access.Opened.Contains(5) };
        Context.Services.AddSingleton<IPatientHistoryReader>(history);
        RenderProvidersWith(Permissions.ClinicalRead);

        var section = Context.Render<PatientMedicalHistory>(p => p.Add(x => x.PatientId, 5));

        WaitUntil(section, () => Assert.That(section.FindAll("[data-testid=break-glass-panel]"), Has.Count.EqualTo(1)));
        Assert.That(section.Find("[data-testid=break-glass-message]").TextContent.Trim(), Is.EqualTo(FakeVisitRecord.NotInCareMessage),
            "the database's own sentence");
        Assert.That(section.FindAll("[data-testid=clinical-summary]"), Is.Empty);
        Assert.That(section.FindAll("[data-testid=history-item]"), Is.Empty);
        Assert.That(SnackbarText, Does.Not.Contain("not part of this patient"), "a refusal of care is a panel, not an error snackbar");

        section.InvokeAsync(() => section.Find("button[data-testid=break-glass]").Click()).GetAwaiter().GetResult();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=break-glass-reason]"), Is.Not.Empty));

        // Too short: the database's sentence shows in the dialog, which stays open with what was typed.
        Type("urgent");
        Submit();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=break-glass-error]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=break-glass-error]").TextContent, Does.Contain(FakePatientAccess.ReasonMessage));
        Assert.That(Dialogs.Find("textarea[data-testid=break-glass-reason]").GetAttribute("value"), Is.EqualTo("urgent"), "what was typed stays");
        Assert.That(section.FindAll("[data-testid=break-glass-panel]"), Has.Count.EqualTo(1));

        Type(Reason);
        Submit();

        WaitUntil(section, () => Assert.That(section.FindAll("[data-testid=history-item]"), Has.Count.EqualTo(2)));
        Assert.That(section.FindAll("[data-testid=break-glass-panel]"), Is.Empty);
        Assert.That(section.FindAll("[data-testid=clinical-summary]"), Has.Count.EqualTo(1));
        Assert.That(section.FindAll("[data-testid=vitals-trend]"), Has.Count.EqualTo(1));
        Assert.That(Dialogs.FindAll("[data-testid=break-glass-reason]"), Is.Empty, "the dialog closed");
        Assert.That(access.BreakGlassCalls, Is.EqualTo(new[] { (5, "urgent"), (5, Reason) }));
        Assert.That(history.Calls, Has.Count.EqualTo(2), "refused once, then read again after the glass was broken");
        Assert.That(SnackbarText, Does.Contain("Your reason has been logged."));
    }

    [Test]
    public void Cancelling_the_dialog_leaves_the_record_closed()
    {
        Context.Services.AddSingleton<IPatientHistoryReader>(new FakeHistory(Two) { OutsideCare = () => !access.Opened.Contains(5) });
        RenderProvidersWith(Permissions.ClinicalRead);
        var section = Context.Render<PatientMedicalHistory>(p => p.Add(x => x.PatientId, 5));
        WaitUntil(section, () => Assert.That(section.FindAll("button[data-testid=break-glass]"), Has.Count.EqualTo(1)));

        section.InvokeAsync(() => section.Find("button[data-testid=break-glass]").Click()).GetAwaiter().GetResult();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("button[data-testid=break-glass-cancel]"), Has.Count.EqualTo(1)));
        Dialogs.InvokeAsync(() => Dialogs.Find("button[data-testid=break-glass-cancel]").Click()).GetAwaiter().GetResult();

        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=break-glass-reason]"), Is.Empty));
        Assert.That(access.BreakGlassCalls, Is.Empty);
        Assert.That(section.FindAll("[data-testid=break-glass-panel]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_reader_in_care_sees_the_record_without_a_panel()
    {
        Context.Services.AddSingleton<IPatientHistoryReader>(new FakeHistory(Two));
        RenderProvidersWith(Permissions.ClinicalRead);
        var section = Context.Render<PatientMedicalHistory>(p => p.Add(x => x.PatientId, 5));

        WaitUntil(section, () => Assert.That(section.FindAll("[data-testid=history-item]"), Has.Count.EqualTo(2)));
        Assert.That(section.FindAll("[data-testid=break-glass-panel]"), Is.Empty);
    }

    private IRenderedComponent<VisitWorkspace> RenderVisit(FakeVisitRecord record, string url)
    {
        Context.Services.AddSingleton<IVisitRecord>(record);
        Context.Services.AddSingleton<ILabOrders>(new Lab.FakeLabOrders());
        Context.Services.AddSingleton<IPrescribing>(new FakePrescribing());
        RenderProvidersWith(Permissions.ClinicalRead);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = Context.Render<VisitWorkspace>(p => p.Add(x => x.VisitId, 42));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=visit-loading]"), Is.Empty));
        return page;
    }

    [Test]
    public void The_visit_workspace_offers_to_break_the_glass_for_the_linked_patient_and_opens_the_visit()
    {
        var record = new FakeVisitRecord();
        record.OutsideCare = () => !access.Opened.Contains(7);

        var page = RenderVisit(record, "/visits/42?patient=7");

        Assert.That(page.Find("[data-testid=break-glass-message]").TextContent.Trim(), Is.EqualTo(FakeVisitRecord.NotInCareMessage));
        Assert.That(page.FindAll("[data-testid=visit-missing]"), Is.Empty, "refused, not missing");
        Assert.That(page.FindAll("[data-testid=visit-tabs]"), Is.Empty);

        page.InvokeAsync(() => page.Find("button[data-testid=break-glass]").Click()).GetAwaiter().GetResult();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=break-glass-reason]"), Is.Not.Empty));
        Type(Reason);
        Submit();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=visit-patient]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=visit-patient]").TextContent.Trim(), Is.EqualTo("Mary Nakato"));
        Assert.That(page.FindAll("[data-testid=break-glass-panel]"), Is.Empty);
        Assert.That(access.BreakGlassCalls, Is.EqualTo(new[] { (7, Reason) }));
        Assert.That(record.Calls.Count(c => c == "get 42"), Is.EqualTo(2));
    }

    [Test]
    public void Without_the_patient_the_visit_workspace_only_explains()
    {
        var record = new FakeVisitRecord { OutsideCare = () => true };

        var page = RenderVisit(record, "/visits/42");

        Assert.That(page.FindAll("[data-testid=break-glass-panel]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("button[data-testid=break-glass]"), Is.Empty);
        Assert.That(page.Find("[data-testid=break-glass-unavailable]").TextContent, Does.Contain("from the patient's profile"));
    }
}
