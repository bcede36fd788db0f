using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Web.Auth;
using Clinic.Web.Components.Lab;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.FakeLabOrders;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Lab;

public sealed class LabOrdersPanelTests : BunitTest
{
    private FakeLabOrders lab = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        lab = new FakeLabOrders
        {
            Tests =
            [
                new LabTestRow { LabTestId = 3, Code = "HB", Name = "Haemoglobin", Specimen = "Blood", Unit = "g/dL", IsActive = true },
                new LabTestRow { LabTestId = 4, Code = "MRDT", Name = "Malaria RDT", Specimen = "Blood", IsActive = true },
            ],
        };
        Context.Services.AddSingleton<ILabOrders>(lab);
    }

    /// <summary>The panel offers ordering with lab.order; its row actions (LabOrderActions) follow the rows' can_* flags.</summary>
    private IRenderedComponent<LabOrdersPanel> Render(bool mayOrder = true, bool readOnly = false, int visitId = 7)
    {
        SignInWith(mayOrder ? [Permissions.LabWork, Permissions.LabOrder] : [Permissions.LabWork]);
        popovers = Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<LabOrdersPanel>(p => p.Add(x => x.VisitId, visitId).Add(x => x.ReadOnly, readOnly));
    }

    [Test]
    public void Lists_the_visits_orders_with_status_and_results_and_highlights_abnormal_ones()
    {
        lab.Rows =
        [
            Order(1, LabOrderStatus.Verified, 18.2m, LabAbnormalFlag.High),
            Order(2, LabOrderStatus.Resulted, null, null, "Positive (P. falciparum)", test: "Malaria RDT", unit: null),
            Order(3, LabOrderStatus.Ordered, test: "Fasting glucose"),
            Order(9, LabOrderStatus.Ordered, visitId: 8, test: "Another visit"),
        ];

        var panel = Render();

        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-row]"), Has.Count.EqualTo(3)));
        Assert.That(lab.Calls, Does.Contain("visit 7"));
        Assert.That(panel.FindAll("[data-testid=lab-panel-row] [data-testid=lab-test-name]").Select(e => e.TextContent),
            Is.EqualTo(new[] { "Haemoglobin", "Malaria RDT", "Fasting glucose" }));
        var abnormal = panel.FindAll("[data-testid=lab-panel-row]")[0];
        Assert.That(abnormal.ClassList, Does.Contain("lab-row-abnormal"));
        Assert.That(abnormal.QuerySelector("[data-testid=abnormal-chip]")!.TextContent.Trim(), Is.EqualTo("High"));
        Assert.That(abnormal.QuerySelector("[data-testid=lab-status-chip]")!.TextContent.Trim(), Is.EqualTo("Verified"));
        Assert.That(panel.Find("[data-testid=lab-abnormal-count]").TextContent.Trim(), Is.EqualTo("1 abnormal"));
        Assert.That(panel.FindAll("[data-testid=lab-panel-row]")[1].QuerySelector("[data-testid=lab-result-text]")!.TextContent,
            Is.EqualTo("Positive (P. falciparum)"));
        Assert.That(panel.FindAll("[data-testid=lab-panel-row]")[2].QuerySelector("[data-testid=lab-no-result]"), Is.Not.Null);
        // The doctor's actions follow the status: verify the resulted one, collect or cancel the ordered one.
        Assert.That(panel.FindAll("[data-testid=lab-panel-row]")[1].QuerySelectorAll("button").Select(b => b.GetAttribute("data-testid")),
            Is.EqualTo(new[] { "lab-verify", "lab-correct-result" }));
    }

    [Test]
    public void A_doctor_orders_a_test_from_the_catalogue_with_a_note()
    {
        var panel = Render();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-empty]"), Has.Count.EqualTo(1)));
        Assert.That(panel.Find("button[data-testid=lab-order-submit]").HasAttribute("disabled"), Is.True, "choose a test first");

        panel.Find("input[data-testid=lab-order-test]").Input("malar");
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent), Has.Some.Contains("Malaria RDT (MRDT)")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Malaria RDT", StringComparison.Ordinal)).Click();
        panel.Find("input[data-testid=lab-order-note]").Change("Fever for 3 days");
        WaitUntil(panel, () => Assert.That(panel.Find("button[data-testid=lab-order-submit]").HasAttribute("disabled"), Is.False));

        panel.Find("button[data-testid=lab-order-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Malaria RDT ordered.")));
        Assert.That(lab.Calls, Does.Contain("place 7 4 Fever for 3 days"));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-row] [data-testid=lab-test-name]").Select(e => e.TextContent),
            Is.EqualTo(new[] { "Malaria RDT" })));
        Assert.That(panel.Find("input[data-testid=lab-order-note]").GetAttribute("value") ?? "", Is.Empty, "the form is cleared");
    }

    [Test]
    public void A_refused_order_shows_the_database_message()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered)];
        lab.FailWith = new ClinicRuleException(LabProcedures.AlreadyPending, "Haemoglobin is already ordered on this visit (08:01) and has no result yet.");
        var panel = Render();
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-row]"), Has.Count.EqualTo(1)));

        panel.Find("input[data-testid=lab-order-test]").Input("haem");
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item"), Has.Count.EqualTo(1)));
        popovers.Find(".mud-list-item").Click();
        WaitUntil(panel, () => Assert.That(panel.Find("button[data-testid=lab-order-submit]").HasAttribute("disabled"), Is.False));
        panel.Find("button[data-testid=lab-order-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("is already ordered on this visit (08:01) and has no result yet.")));
        Assert.That(panel.FindAll("[data-testid=lab-panel-row]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Read_only_shows_the_orders_without_ordering_or_actions()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered), Order(2, LabOrderStatus.Resulted, 9m, LabAbnormalFlag.Low)];

        var panel = Render(readOnly: true);

        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-row]"), Has.Count.EqualTo(2)));
        Assert.That(panel.FindAll("[data-testid=lab-order-form]"), Is.Empty);
        Assert.That(panel.FindAll("[data-testid=lab-panel-row] button"), Is.Empty);
        Assert.That(panel.Find("[data-testid=abnormal-chip]").TextContent.Trim(), Is.EqualTo("Low"));
    }

    [Test]
    public void A_nurse_sees_the_orders_and_lab_actions_but_cannot_order()
    {
        lab.Rows = [Order(1, LabOrderStatus.Ordered)];

        var panel = Render(mayOrder: false);

        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=lab-panel-row]"), Has.Count.EqualTo(1)));
        Assert.That(panel.FindAll("[data-testid=lab-order-form]"), Is.Empty);
        Assert.That(panel.FindAll("[data-testid=lab-panel-row] button").Select(b => b.GetAttribute("data-testid")), Is.EqualTo(new[] { "lab-collect", "lab-cancel" }));
    }
}
