using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Web.Auth;
using Clinic.Web.Components.Lab;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.FakeLabOrders;

namespace Clinic.Web.Tests.Lab;

public sealed class LabWorklistTests : BunitTest
{
    private FakeLabOrders lab = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        lab = new FakeLabOrders();
        Context.Services.AddSingleton<ILabOrders>(lab);
    }

    /// <summary>The worklist needs lab.work; its row actions (LabOrderActions) follow the rows' can_* flags.</summary>
    private IRenderedComponent<LabWorklist> Render()
    {
        SignInWith(Permissions.LabWork);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<LabWorklist>();
    }

    internal static void WaitUntil<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent
    {
        try
        {
            component.WaitForState(() => Passes(assertion), TimeSpan.FromSeconds(5));
        }
        catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
        {
            // The assertion below says what is wrong.
        }
        assertion();
    }

    private static bool Passes(Action assertion)
    {
        using (new NUnit.Framework.Internal.TestExecutionContext.IsolatedContext())
        {
            try
            {
                assertion();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<LabWorklist> page, string patientName) =>
        page.FindAll("[data-testid=lab-table] tbody tr").Single(r => r.TextContent.Contains(patientName, StringComparison.Ordinal));

    private static string[] Buttons(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("[data-testid=lab-actions] button").Select(b => b.GetAttribute("data-testid") ?? "").ToArray();

    [Test]
    public void Abnormal_results_are_red_and_bold_with_a_high_or_low_chip_and_normal_ones_are_not()
    {
        lab.Rows =
        [
            Order(1, LabOrderStatus.Resulted, 18.2m, LabAbnormalFlag.High),
            Order(2, LabOrderStatus.Resulted, 9.1m, LabAbnormalFlag.Low),
            Order(3, LabOrderStatus.Resulted, 13m, LabAbnormalFlag.Normal),
            Order(4, LabOrderStatus.Resulted, null, null, "Negative", test: "Malaria RDT", unit: null),
        ];

        var page = Render();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(4)));
        var high = RowOf(page, "Patient 1");
        Assert.That(high.QuerySelector("[data-testid=lab-result-value]")!.TextContent.Trim(), Is.EqualTo("18.2 g/dL"));
        Assert.That(high.QuerySelector("[data-testid=lab-result-value]")!.GetAttribute("style"), Does.Contain("font-weight: 700").And.Contain("error"));
        Assert.That(high.QuerySelector("[data-testid=abnormal-chip]")!.TextContent.Trim(), Is.EqualTo("High"));
        Assert.That(high.ClassList, Does.Contain("lab-row-abnormal"));
        Assert.That(high.QuerySelector("[data-testid=lab-range]")!.TextContent, Does.Contain("Range 12–16 g/dL"));
        Assert.That(RowOf(page, "Patient 2").QuerySelector("[data-testid=abnormal-chip]")!.TextContent.Trim(), Is.EqualTo("Low"));
        var normal = RowOf(page, "Patient 3");
        Assert.That(normal.QuerySelector("[data-testid=abnormal-chip]"), Is.Null);
        Assert.That(normal.QuerySelector("[data-testid=lab-result-value]")!.GetAttribute("style") ?? "", Does.Not.Contain("font-weight"));
        Assert.That(normal.ClassList, Does.Not.Contain("lab-row-abnormal"));
        var text = RowOf(page, "Patient 4");
        Assert.That(text.QuerySelector("[data-testid=lab-result-text]")!.TextContent, Is.EqualTo("Negative"));
        Assert.That(text.QuerySelector("[data-testid=abnormal-chip]"), Is.Null);
        Assert.That(page.Find("[data-testid=lab-total]").TextContent, Is.EqualTo("4 orders"));
    }

    [Test]
    public void The_actions_follow_the_rows_flags()
    {
        // As the database answers a nurse: every step but verifying (lab.verify).
        lab.Flags = r => FakeLabOrders.StatusFlags(r) with { CanVerify = false };
        lab.Rows =
        [
            Order(1, LabOrderStatus.Ordered), Order(2, LabOrderStatus.SpecimenCollected), Order(3, LabOrderStatus.Resulted, 13m, LabAbnormalFlag.Normal),
            Order(4, LabOrderStatus.Verified, 13m, LabAbnormalFlag.Normal), Order(5, LabOrderStatus.Cancelled),
        ];

        var nursePage = Render();
        WaitUntil(nursePage, () => Assert.That(nursePage.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(3), "pending by default"));
        Assert.That(Buttons(RowOf(nursePage, "Patient 1")), Is.EqualTo(new[] { "lab-collect", "lab-cancel" }));
        Assert.That(Buttons(RowOf(nursePage, "Patient 2")), Is.EqualTo(new[] { "lab-enter-result", "lab-cancel" }));
        Assert.That(Buttons(RowOf(nursePage, "Patient 3")), Is.EqualTo(new[] { "lab-correct-result" }), "a nurse does not verify");
        Assert.That(lab.WorklistCalls[0].Filter.Status, Is.EqualTo(LabOrderStatus.PendingFilter));

        nursePage.Find("[data-testid=lab-filter-all]").Click();
        WaitUntil(nursePage, () => Assert.That(nursePage.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(5)));
        Assert.That(lab.WorklistCalls[^1].Filter.Status, Is.EqualTo(LabOrderStatus.AllFilter));
        Assert.That(Buttons(RowOf(nursePage, "Patient 4")), Is.Empty);
        Assert.That(Buttons(RowOf(nursePage, "Patient 5")), Is.Empty);
    }

    [TestCase("collect", LabOrderStatus.Ordered, "lab-collect")]
    [TestCase("result", LabOrderStatus.SpecimenCollected, "lab-enter-result")]
    [TestCase("result", LabOrderStatus.Resulted, "lab-correct-result")]
    [TestCase("verify", LabOrderStatus.Resulted, "lab-verify")]
    [TestCase("cancel", LabOrderStatus.SpecimenCollected, "lab-cancel")]
    public void A_button_shows_when_its_flag_is_true_and_hides_when_false(string flag, string status, string button)
    {
        SignInWith(Permissions.LabWork);
        Context.Render<MudPopoverProvider>();
        foreach (var on in new[] { true, false })
        {
            var row = NoFlags(Order(1, status)) with
            {
                CanCollect = on && flag == "collect", CanResult = on && flag == "result", CanVerify = on && flag == "verify", CanCancel = on && flag == "cancel",
            };
            var actions = Context.Render<Clinic.Web.Components.Lab.LabOrderActions>(p => p.Add(x => x.Order, row));
            Assert.That(actions.FindAll("button").Select(b => b.GetAttribute("data-testid")), Is.EqualTo(on ? new[] { button } : Array.Empty<string>()),
                $"{flag} = {on}");
        }
    }

    [Test]
    public void A_doctor_verifies_a_result_and_the_list_reloads()
    {
        lab.Rows = [Order(3, LabOrderStatus.Resulted, 13m, LabAbnormalFlag.Normal)];
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-verify]"), Has.Count.EqualTo(1)));
        Assert.That(Buttons(RowOf(page, "Patient 3")), Is.EqualTo(new[] { "lab-verify", "lab-correct-result" }));
        var calls = lab.WorklistCalls.Count;

        page.Find("button[data-testid=lab-verify]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Haemoglobin verified.")));
        Assert.That(lab.Calls, Is.EqualTo(new[] { "verify 3" }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-empty]"), Has.Count.EqualTo(1), "a verified order leaves the pending list"));
        Assert.That(lab.WorklistCalls, Has.Count.GreaterThan(calls));
    }

    [Test]
    public void A_refused_step_shows_the_database_message_in_a_snackbar()
    {
        lab.Rows = [Order(3, LabOrderStatus.Resulted, 13m, LabAbnormalFlag.Normal)];
        lab.FailWith = new ClinicRuleException(LabProcedures.SameResulter, "A result must be verified by someone other than the person who entered it.");
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-verify]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=lab-verify]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("A result must be verified by someone other than the person who entered it.")));
        Assert.That(snackbars.Markup, Does.Not.Contain("verified."));
        Assert.That(lab.Rows.Single().Status, Is.EqualTo(LabOrderStatus.Resulted));
        Assert.That(page.FindAll("button[data-testid=lab-verify]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Collecting_a_specimen_calls_the_procedure_and_offers_result_entry_next()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered)];
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-collect]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=lab-collect]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-enter-result]"), Has.Count.EqualTo(1)));
        Assert.That(lab.Calls, Is.EqualTo(new[] { "collect 1" }));
        Assert.That(page.Find("[data-testid=lab-status-chip]").TextContent.Trim(), Is.EqualTo("Specimen collected"));
    }

    [Test]
    public void The_result_dialog_shows_the_unit_and_range_and_sends_the_value()
    {
        lab.Rows = [Order(2, LabOrderStatus.SpecimenCollected)];
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-enter-result]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=lab-enter-result]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=lab-result-value-input]"), Has.Count.EqualTo(1)));
        Assert.That(dialogs.Markup, Does.Contain("Reference range 12–16 g/dL"));
        Assert.That(dialogs.Find(".mud-input-adornment-end").TextContent, Does.Contain("g/dL"));
        dialogs.Find("input[data-testid=lab-result-value-input]").Change("11.4");
        dialogs.Find("button[data-testid=lab-result-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Result saved for Haemoglobin.")));
        Assert.That(lab.Calls, Is.EqualTo(new[] { "result 2 11.4 " }));
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=lab-result-dialog]"), Is.Empty));
    }

    [Test]
    public void Cancelling_sends_the_reason_and_a_missing_reason_keeps_the_dialog_open()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered)];
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=lab-cancel]"), Has.Count.EqualTo(1)));
        page.Find("button[data-testid=lab-cancel]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=lab-cancel-reason]"), Has.Count.EqualTo(1)));

        lab.FailWith = new ClinicRuleException(LabProcedures.ReasonRequired, "Please give a reason for cancelling the test.");
        dialogs.Find("button[data-testid=lab-cancel-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Please give a reason for cancelling the test.")));
        Assert.That(dialogs.FindAll("[data-testid=lab-cancel-dialog]"), Has.Count.EqualTo(1));

        dialogs.Find("input[data-testid=lab-cancel-reason]").Change("Ordered in error");
        dialogs.Find("button[data-testid=lab-cancel-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Haemoglobin has been cancelled.")));
        Assert.That(lab.Calls, Is.EqualTo(new[] { "cancel 1 ", "cancel 1 Ordered in error" }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-empty]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Shows_loading_then_the_empty_state()
    {
        lab.Gate = new TaskCompletionSource();
        var page = Render();
        Assert.That(page.FindAll("[data-testid=lab-loading]"), Has.Count.EqualTo(1));

        lab.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.Find("[data-testid=lab-empty]").TextContent, Does.Contain("Nothing is waiting")));
        Assert.That(page.FindAll("[data-testid=lab-loading]"), Is.Empty);
    }

    [Test]
    public void An_mrn_typed_while_the_first_page_loads_is_not_overwritten_by_that_older_answer()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered), Order(2, LabOrderStatus.Ordered), Order(3, LabOrderStatus.Ordered)];
        var first = lab.Gate = new TaskCompletionSource();
        var page = Render();
        Assert.That(page.FindAll("[data-testid=lab-loading]"), Has.Count.EqualTo(1));

        // The technician looks up one patient before the unfiltered first page has come back; that answer comes first.
        lab.Gate = null;
        page.Find("input[data-testid=lab-mrn]").Change("000102");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(1)));

        // The older answer (3 orders) arrives now: it is never shown.
        first.SetResult();
        Assert.That(() => page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(3)), TimeSpan.FromSeconds(1)),
            Throws.Exception, "the looked-up patient's order stays");
        Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=lab-total]").TextContent, Is.EqualTo("1 order"));
    }

    [Test]
    public void A_long_worklist_is_paged_fifty_at_a_time()
    {
        lab.Rows = Enumerable.Range(1, 120).Select(i => Order(i, LabOrderStatus.Ordered)).ToList();
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(50)));
        Assert.That(page.Find("[data-testid=lab-total]").TextContent, Is.EqualTo("120 orders"));
        Assert.That(lab.WorklistCalls.Select(c => c.Limit), Is.All.LessThanOrEqualTo(100));

        page.FindAll("[data-testid=lab-pages] button").First(b => b.TextContent.Trim() == "3").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-table] tbody tr"), Has.Count.EqualTo(20)));
        Assert.That(lab.WorklistCalls[^1].Offset, Is.EqualTo(100));
    }
}
