using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Web.Components.Pharmacy;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class PrescriptionsPanelTests : PharmacyTest
{
    private const int VisitId = 5;
    private const string AllergyMessage = "Amoxicillin 500 mg capsules: the patient has an active allergy to amoxicillin (severe).";
    private const string DuplicateMessage = "Duplicate therapy: Paracetamol 500 mg tablets. The patient already has Paracetamol 500 mg tablets on prescription 12.";
    private FakePrescribing prescribing = default!;

    public override void Setup()
    {
        base.Setup();
        prescribing = new FakePrescribing
        {
            Medications =
            [
                PharmacyData.Medication(1, "Amoxicillin 500 mg capsules", "amoxicillin", onHand: 240, form: "capsule"),
                PharmacyData.Medication(2, "Paracetamol 500 mg tablets", "paracetamol", onHand: 0),
            ],
        };
        Context.Services.AddSingleton<IPrescribing>(prescribing);
    }

    private IRenderedComponent<PrescriptionsPanel> RenderPanel(bool readOnly = false)
    {
        RenderProvidersWith(Clinic.Web.Auth.Permissions.PrescriptionRead);
        var panel = Context.Render<PrescriptionsPanel>(p => p.Add(x => x.VisitId, VisitId).Add(x => x.ReadOnly, readOnly));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=rx-loading]"), Is.Empty));
        return panel;
    }

    private static PrescriptionItemInput Expected(int medicationId, string dose, string frequency, int days, int quantity) => new()
    {
        MedicationId = medicationId, Dose = dose, Route = PrescriptionRoute.Oral, Frequency = frequency, DurationDays = days, Quantity = quantity,
        StartDate = DateTime.Today,
    };

    /// <summary>Fills the draft at <paramref name="index"/> the way a doctor does: search, pick, type.</summary>
    private void Fill(IRenderedComponent<PrescriptionsPanel> panel, int index, string search, string pick, string dose, string frequency, int days)
    {
        AngleSharp.Dom.IElement Draft() => panel.FindAll("[data-testid=rx-draft]")[index];
        Draft().QuerySelector("input[data-testid=rx-medication]")!.Input(search);
        WaitUntil(Popovers, () => Assert.That(Popovers.FindAll("[data-testid=rx-medication-option]").Select(o => o.TextContent), Has.Some.Contains(pick)));
        Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(pick, StringComparison.Ordinal)).Click();
        WaitUntil(panel, () => Assert.That(Draft().QuerySelector("[data-testid=rx-stock]"), Is.Not.Null));
        panel.FindAll("[data-testid=rx-draft]")[index].QuerySelector("input[data-testid=rx-dose]")!.Change(dose);
        panel.FindAll("[data-testid=rx-draft]")[index].QuerySelector("input[data-testid=rx-frequency]")!.Input(frequency);
        WaitUntil(Popovers, () => Assert.That(Popovers.FindAll(".mud-list-item").Select(o => o.TextContent.Trim()), Has.Some.EqualTo(frequency)));
        Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == frequency).Click();
        panel.FindAll("[data-testid=rx-draft]")[index].QuerySelector("input[data-testid=rx-duration]")!.Change(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void The_quantity_is_suggested_from_frequency_days_and_dose_and_the_stock_is_shown()
    {
        var panel = RenderPanel();

        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "three times a day", 7);

        WaitUntil(panel, () => Assert.That(panel.Find("input[data-testid=rx-quantity]").GetAttribute("value"), Is.EqualTo("21")));
        Assert.That(panel.Find("[data-testid=rx-stock]").TextContent, Does.Contain("amoxicillin").And.Contain("240 in stock"));

        // A quantity the doctor typed is theirs: later changes no longer overwrite it.
        panel.Find("input[data-testid=rx-quantity]").Input("30");
        panel.Find("input[data-testid=rx-duration]").Change("10");
        WaitUntil(panel, () => Assert.That(panel.Find("input[data-testid=rx-quantity]").GetAttribute("value"), Is.EqualTo("30")));
    }

    [Test]
    public void A_quantity_typed_while_a_suggestion_is_on_its_way_is_kept()
    {
        var panel = RenderPanel();
        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "three times a day", 7);
        WaitUntil(panel, () => Assert.That(panel.Find("input[data-testid=rx-quantity]").GetAttribute("value"), Is.EqualTo("21")));

        // The doctor changes the days, and types a quantity of their own before the database's suggestion is back.
        var gate = new TaskCompletionSource<int?>();
        prescribing.SuggestionGate = gate;
        panel.Find("input[data-testid=rx-duration]").Change("10");
        panel.Find("input[data-testid=rx-quantity]").Input("25");
        panel.InvokeAsync(() => gate.SetResult(30)).Wait();

        WaitUntil(panel, () => Assert.That(panel.Find("input[data-testid=rx-quantity]").GetAttribute("value"), Is.EqualTo("25")));
        Assert.That(panel.Find("[data-testid=rx-draft]").TextContent, Does.Not.Contain("Suggested"), "the quantity is the doctor's own");
        panel.Find("button[data-testid=rx-issue]").Click();
        WaitUntil(panel, () => Assert.That(prescribing.IssueCalls, Has.Count.EqualTo(1)));
        Assert.That(prescribing.IssueCalls[0].Items.Single(), Is.EqualTo(Expected(1, "1 capsule", "three times a day", 10, 25)));
    }

    [Test]
    public void An_allergy_refusal_asks_for_an_override_reason_and_resubmits_it_on_that_item()
    {
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.AllergyConflict, AllergyMessage));
        var panel = RenderPanel();
        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "three times a day", 5);

        panel.Find("button[data-testid=rx-issue]").Click();

        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=allergy-dialog]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=allergy-message]").TextContent, Does.Contain(AllergyMessage));
        Assert.That(Dialogs.Find("[data-testid=allergy-medication]").TextContent, Is.EqualTo("Amoxicillin 500 mg capsules"));
        Assert.That(Dialogs.Find("button[data-testid=allergy-override]").HasAttribute("disabled"), Is.True, "the reason is required");
        Dialogs.Find("textarea[data-testid=allergy-reason]").Input("Tolerated amoxicillin last year without reaction");
        WaitUntil(Dialogs, () => Assert.That(Dialogs.Find("button[data-testid=allergy-override]").HasAttribute("disabled"), Is.False));
        Dialogs.Find("button[data-testid=allergy-override]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Prescription #41 issued.")));
        Assert.That(prescribing.IssueCalls, Has.Count.EqualTo(2));
        Assert.That(prescribing.IssueCalls[0].Items.Single(), Is.EqualTo(Expected(1, "1 capsule", "three times a day", 5, 15)));
        Assert.That(prescribing.IssueCalls[1].VisitId, Is.EqualTo(VisitId));
        Assert.That(prescribing.IssueCalls[1].Items.Single(), Is.EqualTo(Expected(1, "1 capsule", "three times a day", 5, 15) with
        {
            AllergyOverrideReason = "Tolerated amoxicillin last year without reaction",
        }));
        // The form starts afresh for the next prescription.
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=rx-draft]"), Has.Count.EqualTo(1)));
        Assert.That(panel.FindAll("[data-testid=rx-stock]"), Is.Empty);
    }

    [Test]
    public void Duplicate_therapy_and_allergy_refusals_are_answered_item_by_item_until_issued()
    {
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.DuplicateTherapy, DuplicateMessage));
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.AllergyConflict, AllergyMessage));
        var panel = RenderPanel();
        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "twice a day", 5);
        panel.Find("button[data-testid=rx-add-item]").Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=rx-draft]"), Has.Count.EqualTo(2)));
        Fill(panel, 1, "para", "Paracetamol 500 mg tablets", "2 tablets", "four times a day", 3);
        Assert.That(panel.FindAll("[data-testid=rx-stock]")[1].TextContent, Does.Contain("out of stock"));

        panel.Find("button[data-testid=rx-issue]").Click();

        // First the duplicate warning, about the second item.
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=duplicate-therapy-dialog]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=duplicate-therapy-message]").TextContent, Does.Contain(DuplicateMessage));
        Assert.That(Dialogs.Find("[data-testid=duplicate-therapy-medication]").TextContent, Is.EqualTo("Paracetamol 500 mg tablets"));
        Dialogs.Find("button[data-testid=duplicate-therapy-confirm]").Click();

        // Then the allergy, about the first.
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=allergy-dialog]"), Has.Count.EqualTo(1)));
        Dialogs.Find("textarea[data-testid=allergy-reason]").Input("Benefit outweighs the risk; observed dose");
        Dialogs.Find("button[data-testid=allergy-override]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Prescription #41 issued.")));
        Assert.That(prescribing.IssueCalls, Has.Count.EqualTo(3));
        var amoxicillin = Expected(1, "1 capsule", "twice a day", 5, 10);
        var paracetamol = Expected(2, "2 tablets", "four times a day", 3, 24);
        Assert.That(prescribing.IssueCalls[0].Items, Is.EqualTo(new[] { amoxicillin, paracetamol }));
        Assert.That(prescribing.IssueCalls[1].Items, Is.EqualTo(new[] { amoxicillin, paracetamol with { DuplicateConfirmed = true } }));
        Assert.That(prescribing.IssueCalls[2].Items, Is.EqualTo(new[]
        {
            amoxicillin with { AllergyOverrideReason = "Benefit outweighs the risk; observed dose" }, paracetamol with { DuplicateConfirmed = true },
        }));
    }

    [Test]
    public void A_duplicate_warning_goes_to_the_item_it_names_first_not_to_the_one_it_names_as_already_prescribed()
    {
        prescribing.Medications.Add(PharmacyData.Medication(3, "Amoxicillin 250 mg/5 ml syrup", "amoxicillin", form: "syrup", strength: "250 mg/5 ml"));
        // The syrup is the duplicate; the message also names the capsules, which come first in the form.
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.DuplicateTherapy,
            "Duplicate therapy: Amoxicillin 250 mg/5 ml syrup. The patient already has Amoxicillin 500 mg capsules on prescription 12."));
        var panel = RenderPanel();
        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "once a day", 5);
        panel.Find("button[data-testid=rx-add-item]").Click();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=rx-draft]"), Has.Count.EqualTo(2)));
        Fill(panel, 1, "syrup", "Amoxicillin 250 mg/5 ml syrup", "5 ml", "twice a day", 5);

        panel.Find("button[data-testid=rx-issue]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=duplicate-therapy-dialog]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=duplicate-therapy-medication]").TextContent, Is.EqualTo("Amoxicillin 250 mg/5 ml syrup"));
        Dialogs.Find("button[data-testid=duplicate-therapy-confirm]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Prescription #41 issued.")));
        Assert.That(prescribing.IssueCalls[1].Items.Select(i => (i.MedicationId, i.DuplicateConfirmed)), Is.EqualTo(new[] { (1, false), (3, true) }));
    }

    [Test]
    public void Going_back_from_a_dialog_stops_without_issuing_and_keeps_the_form()
    {
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.DuplicateTherapy, DuplicateMessage));
        var panel = RenderPanel();
        Fill(panel, 0, "para", "Paracetamol 500 mg tablets", "1 tablet", "three times a day", 5);

        panel.Find("button[data-testid=rx-issue]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=duplicate-therapy-dialog]"), Has.Count.EqualTo(1)));
        Dialogs.Find("button[data-testid=duplicate-therapy-cancel]").Click();

        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=duplicate-therapy-dialog]"), Is.Empty));
        Assert.That(prescribing.IssueCalls, Has.Count.EqualTo(1));
        Assert.That(SnackbarText, Does.Not.Contain("issued"));
        Assert.That(panel.Find("input[data-testid=rx-dose]").GetAttribute("value"), Is.EqualTo("1 tablet"));
        Assert.That(panel.Find("button[data-testid=rx-issue]").HasAttribute("disabled"), Is.False);
    }

    [Test]
    public void Any_other_refusal_is_a_snackbar_with_the_database_message()
    {
        prescribing.IssueRefusals.Enqueue(new ClinicRuleException(PrescriptionCodes.VisitClosed, "This visit is closed: prescriptions are issued from an open visit."));
        var panel = RenderPanel();
        Fill(panel, 0, "amox", "Amoxicillin 500 mg capsules", "1 capsule", "once a day", 5);

        panel.Find("button[data-testid=rx-issue]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("This visit is closed: prescriptions are issued from an open visit.")));
        Assert.That(Dialogs.FindAll("[data-testid=allergy-dialog], [data-testid=duplicate-therapy-dialog]"), Is.Empty);
        Assert.That(prescribing.IssueCalls, Has.Count.EqualTo(1));
    }

    private static VisitPrescription Issued(int id, string status, int staffId = 3) => new()
    {
        PrescriptionId = id, Status = status, VisitId = VisitId, PatientId = 12, StaffId = staffId, DoctorName = staffId == 3 ? "Sarah Okello" : "Daniel Okot",
        IssuedAt = DateTime.Today.AddHours(9),
        Items = [PharmacyData.Item(id * 10, "Amoxicillin 500 mg capsules", 15) with { AllergyOverrideReason = id == 40 ? "Tolerated before" : null }],
    };

    [Test]
    public void Read_only_lists_the_visits_prescriptions_with_status_print_and_cancel_for_the_issuing_doctor()
    {
        prescribing.ForVisit =
        [
            Issued(40, PrescriptionStatus.Issued) with { CanCancel = true },
            Issued(39, PrescriptionStatus.Dispensed),
            Issued(38, PrescriptionStatus.PartiallyDispensed, staffId: 4),
        ];

        var panel = RenderPanel(readOnly: true);

        Assert.That(panel.FindAll("[data-testid=rx-form]"), Is.Empty);
        Assert.That(panel.FindAll("[data-testid=rx-issued]").Select(r => r.GetAttribute("data-prescription-id")), Is.EqualTo(new[] { "40", "39", "38" }));
        Assert.That(Texts(panel, "[data-testid=rx-issued] [data-testid=rx-status]"), Is.EqualTo(new[] { "Issued", "Dispensed", "Partially dispensed" }));
        Assert.That(panel.FindAll("a[data-testid=rx-print]").Select(a => a.GetAttribute("href")),
            Is.EqualTo(new[] { "/print/prescriptions/40", "/print/prescriptions/39", "/print/prescriptions/38" }));
        Assert.That(panel.Find("[data-testid=rx-issued]").TextContent, Does.Contain("Allergy override: Tolerated before"));
        // Cancel shows where the database's can_cancel flag says so (here: the signed-in doctor's pending prescription).
        Assert.That(panel.FindAll("[data-testid=rx-issued] [data-testid=rx-cancel]"), Has.Count.EqualTo(1));
        Assert.That(panel.Find("[data-testid=rx-issued][data-prescription-id='40'] [data-testid=rx-cancel]"), Is.Not.Null);
    }

    [Test]
    public void Cancel_shows_when_the_rows_flag_is_true_and_hides_when_false_and_the_empty_state_shows()
    {
        // Another doctor's pending prescription: the flag decides (an administrator holds prescription.cancel_any), not the status or the issuer.
        prescribing.ForVisit =
        [
            Issued(38, PrescriptionStatus.PartiallyDispensed, staffId: 4) with { CanCancel = true },
            Issued(37, PrescriptionStatus.Issued, staffId: 3) with { CanCancel = false },
        ];

        var panel = RenderPanel(readOnly: true);

        Assert.That(panel.FindAll("[data-testid=rx-cancel]"), Has.Count.EqualTo(1));
        Assert.That(panel.Find("[data-testid=rx-issued][data-prescription-id='38'] [data-testid=rx-cancel]"), Is.Not.Null);
        Assert.That(panel.Find("[data-testid=rx-issued][data-prescription-id='37']").QuerySelectorAll("[data-testid=rx-cancel]"), Is.Empty);

        prescribing.ForVisit = [];
        var empty = Context.Render<PrescriptionsPanel>(p => p.Add(x => x.VisitId, 6));
        WaitUntil(empty, () => Assert.That(empty.FindAll("[data-testid=rx-empty]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Cancelling_asks_for_a_reason_and_the_status_follows()
    {
        prescribing.ForVisit = [Issued(40, PrescriptionStatus.Issued) with { CanCancel = true }];
        var changed = new List<int>();
        RenderProvidersWith(Clinic.Web.Auth.Permissions.PrescriptionRead);
        var panel = Context.Render<PrescriptionsPanel>(p => p.Add(x => x.VisitId, VisitId).Add(x => x.OnChanged, (int id) => changed.Add(id)));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=rx-cancel]"), Has.Count.EqualTo(1)));

        panel.Find("button[data-testid=rx-cancel]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=rx-cancel-reason]"), Has.Count.EqualTo(1)));
        Dialogs.Find("input[data-testid=rx-cancel-reason]").Change("Changed to azithromycin");
        Dialogs.Find("button[data-testid=rx-cancel-submit]").Click();

        WaitUntil(panel, () => Assert.That(Texts(panel, "[data-testid=rx-status]"), Is.EqualTo(new[] { "Cancelled" })));
        Assert.That(prescribing.Cancelled, Is.EqualTo(new[] { (40, "Changed to azithromycin") }));
        Assert.That(panel.FindAll("[data-testid=rx-cancel]"), Is.Empty);
        Assert.That(panel.Find("[data-testid=rx-issued]").TextContent, Does.Contain("Cancelled: Changed to azithromycin"));
        Assert.That(changed, Is.EqualTo(new[] { 40 }));
    }
}
