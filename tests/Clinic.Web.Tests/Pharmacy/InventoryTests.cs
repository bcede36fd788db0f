using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pharmacy;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class InventoryTests : PharmacyTest
{
    private FakePharmacyInventory inventory = default!;

    public override void Setup()
    {
        base.Setup();
        inventory = new FakePharmacyInventory
        {
            Medications =
            [
                PharmacyData.Medication(1, "Amoxicillin 500 mg capsules", "amoxicillin", onHand: 240, form: "capsule"),
                PharmacyData.Medication(2, "Metformin 500 mg tablets", "metformin", onHand: 15, reorder: 200),
                PharmacyData.Medication(3, "Chloroquine 250 mg tablets", "chloroquine", onHand: 0, active: false),
            ],
        };
        inventory.Lots[1] =
        [
            new StockLotRow { StockLotId = 11, MedicationId = 1, MedicationName = "Amoxicillin 500 mg capsules", BatchNumber = "AMX-OLD", ExpiryDate = DateTime.Today.AddDays(-2),
                QuantityReceived = 100, QuantityOnHand = 8, IsExpired = true, DaysToExpiry = -2, ReceivedDate = DateTime.Today.AddYears(-2), ReceivedByName = "Peter Pharm" },
            new StockLotRow { StockLotId = 12, MedicationId = 1, MedicationName = "Amoxicillin 500 mg capsules", BatchNumber = "AMX-SOON", ExpiryDate = DateTime.Today.AddDays(25),
                QuantityReceived = 100, QuantityOnHand = 40, IsExpiringSoon = true, DaysToExpiry = 25, ReceivedDate = DateTime.Today.AddYears(-1), Supplier = "MedSupply Ltd" },
            new StockLotRow { StockLotId = 13, MedicationId = 1, MedicationName = "Amoxicillin 500 mg capsules", BatchNumber = "AMX-NEW", ExpiryDate = DateTime.Today.AddDays(700),
                QuantityReceived = 200, QuantityOnHand = 200, DaysToExpiry = 700, ReceivedDate = DateTime.Today },
        ];
        Context.Services.AddSingleton<IPharmacyInventory>(inventory);
    }

    private IRenderedComponent<Inventory> RenderPage()
    {
        RenderProvidersWith(Permissions.PharmacyWork);
        return Context.Render<Inventory>();
    }

    private IRenderedComponent<Inventory> OpenLotsOfAmoxicillin()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=catalogue-name]"), Has.Count.EqualTo(2)));
        page.FindAll("button[data-testid=catalogue-lots]")[0].Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lot-row]"), Has.Count.EqualTo(3)));
        return page;
    }

    [Test]
    public void The_catalogue_lists_active_medications_with_stock_and_the_below_reorder_flag()
    {
        var page = RenderPage();

        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=catalogue-name]"), Is.EqualTo(new[] { "Amoxicillin 500 mg capsules", "Metformin 500 mg tablets" })));
        Assert.That(Texts(page, "[data-testid=catalogue-on-hand]"), Is.EqualTo(new[] { "240", "15" }));
        var rows = page.FindAll("tr.mud-table-row").Where(r => r.QuerySelector("[data-testid=catalogue-name]") is not null).ToList();
        Assert.That(rows[0].QuerySelector("[data-testid=below-reorder-flag]"), Is.Null);
        Assert.That(rows[1].QuerySelector("[data-testid=below-reorder-flag]")!.TextContent.Trim(), Is.EqualTo("Below reorder"));
        Assert.That(inventory.ListCalls.Last().Active, Is.True);
    }

    [Test]
    public void Searching_and_deactivating_go_to_the_procedures()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=catalogue-name]"), Has.Count.EqualTo(2)));

        page.Find("input[data-testid=catalogue-search]").Input("metf");
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=catalogue-name]"), Is.EqualTo(new[] { "Metformin 500 mg tablets" })));
        Assert.That(inventory.ListCalls.Last().Search, Is.EqualTo("metf"));

        // Found and clicked in one step on the renderer's thread: the debounced search can render the table once more
        // after the filtered row shows, and a button found before that render has lost its click handler.
        page.InvokeAsync(() => page.Find("button[data-testid=catalogue-toggle-active]").Click()).GetAwaiter().GetResult();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Metformin 500 mg tablets is deactivated")));
        Assert.That(inventory.ActiveChanges, Is.EqualTo(new[] { (2, false) }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=catalogue-name]"), Is.Empty));
    }

    [Test]
    public void A_new_medication_is_sent_as_typed()
    {
        var page = RenderPage();
        page.Find("button[data-testid=new-medication]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=medication-name]"), Has.Count.EqualTo(1)));

        Dialogs.Find("input[data-testid=medication-name]").Change("Cetirizine 10 mg tablets");
        Dialogs.Find("input[data-testid=medication-substance]").Change("cetirizine");
        Dialogs.Find("input[data-testid=medication-form]").Change("tablet");
        Dialogs.Find("input[data-testid=medication-strength]").Change("10 mg");
        Dialogs.Find("input[data-testid=medication-price]").Change("0.25");
        Dialogs.Find("input[data-testid=medication-reorder]").Change("50");
        Dialogs.Find("button[data-testid=medication-save]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Cetirizine 10 mg tablets was added to the catalogue.")));
        Assert.That(inventory.Created.Single(), Is.EqualTo(new MedicationInput
        {
            Name = "Cetirizine 10 mg tablets", GenericSubstance = "cetirizine", Form = "tablet", Strength = "10 mg", UnitPrice = 0.25m, ReorderLevel = 50,
        }));
    }

    [Test]
    public void Lots_are_listed_first_expiry_first_out_with_expired_and_expiring_flags()
    {
        var page = OpenLotsOfAmoxicillin();

        Assert.That(Texts(page, "[data-testid=lot-batch]"), Is.EqualTo(new[] { "AMX-OLD", "AMX-SOON", "AMX-NEW" }));
        Assert.That(Texts(page, "[data-testid=lot-on-hand]"), Is.EqualTo(new[] { "8", "40", "200" }));
        Assert.That(page.Find("[data-testid=lots-title]").TextContent, Is.EqualTo("Amoxicillin 500 mg capsules"));
        var old = page.Find("[data-testid=lot-row][data-lot-id='11']");
        Assert.That(old.ClassList, Does.Contain("rx-row-expired"));
        Assert.That(old.QuerySelector("[data-testid=lot-expired]")!.TextContent.Trim(), Is.EqualTo("Expired"));
        var soon = page.Find("[data-testid=lot-row][data-lot-id='12']");
        Assert.That(soon.ClassList, Does.Contain("rx-row-expiring"));
        Assert.That(soon.QuerySelector("[data-testid=lot-expiring]")!.TextContent.Trim(), Is.EqualTo("in 25 days"));
        Assert.That(page.Find("[data-testid=lot-row][data-lot-id='13']").QuerySelector("[data-testid=lot-expiring], [data-testid=lot-expired]"), Is.Null);
    }

    [Test]
    public void Receiving_stock_sends_the_delivery_and_shows_the_new_lot()
    {
        var page = OpenLotsOfAmoxicillin();
        var expiry = DateTime.Today.AddYears(2);

        page.Find("button[data-testid=receive-stock]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=receive-batch]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=receive-medication]").TextContent, Is.EqualTo("Amoxicillin 500 mg capsules"));
        Dialogs.Find("input[data-testid=receive-batch]").Change("AMX-2031");
        Dialogs.Find("input[data-testid=receive-expiry]").Change(expiry.ToString("yyyy-MM-dd"));
        Dialogs.Find("input[data-testid=receive-quantity]").Change("500");
        Dialogs.Find("input[data-testid=receive-cost]").Change("0.12");
        Dialogs.Find("input[data-testid=receive-supplier]").Change("MedSupply Ltd");
        Dialogs.Find("button[data-testid=receive-submit]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Received 500 units of Amoxicillin 500 mg capsules (batch AMX-2031).")));
        Assert.That(inventory.Received.Single(), Is.EqualTo(new StockLotReceiveInput
        {
            MedicationId = 1, BatchNumber = "AMX-2031", ExpiryDate = expiry, Quantity = 500, UnitCost = 0.12m, ReceivedDate = DateTime.Today, Supplier = "MedSupply Ltd",
        }));
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=lot-batch]"), Does.Contain("AMX-2031")));
    }

    [Test]
    public void A_refused_delivery_keeps_the_dialog_open_with_the_database_message()
    {
        inventory.Failure = new ClinicRuleException(StockCodes.DuplicateBatch, "Batch AMX-NEW of this medication has already been received.");
        var page = OpenLotsOfAmoxicillin();

        page.Find("button[data-testid=receive-stock]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=receive-batch]"), Has.Count.EqualTo(1)));
        Dialogs.Find("input[data-testid=receive-batch]").Change("AMX-NEW");
        Dialogs.Find("input[data-testid=receive-expiry]").Change(DateTime.Today.AddYears(1).ToString("yyyy-MM-dd"));
        Dialogs.Find("button[data-testid=receive-submit]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Batch AMX-NEW of this medication has already been received.")));
        Assert.That(Dialogs.FindAll("[data-testid=receive-dialog]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Adjusting_for_damage_takes_units_off_with_the_reason_and_note()
    {
        var page = OpenLotsOfAmoxicillin();

        page.Find("[data-testid=lot-row][data-lot-id='12'] button[data-testid=lot-adjust]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=adjust-take-off]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("[data-testid=adjust-lot]").TextContent, Does.Contain("AMX-SOON").And.Contain("40"));
        Dialogs.Find("input[data-testid=adjust-take-off]").Change("5");
        Dialogs.Find("textarea[data-testid=adjust-note]").Change("Crushed box");
        Dialogs.Find("button[data-testid=adjust-submit]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Batch AMX-SOON now holds 35 units.")));
        Assert.That(inventory.Adjusted.Single(), Is.EqualTo((12, -5, StockAdjustmentReason.Damaged, (string?)"Crushed box")));
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=lot-on-hand]"), Is.EqualTo(new[] { "8", "35", "200" })));
    }

    [Test]
    public void A_count_correction_sends_a_signed_change_and_an_expired_lot_starts_as_a_write_off()
    {
        var page = OpenLotsOfAmoxicillin();

        page.Find("[data-testid=lot-row][data-lot-id='13'] button[data-testid=lot-adjust]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=adjust-reason-count_correction]"), Has.Count.EqualTo(1)));
        Dialogs.Find("[data-testid=adjust-reason-count_correction]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=adjust-change]"), Has.Count.EqualTo(1)));
        Dialogs.Find("input[data-testid=adjust-change]").Change("3");
        Dialogs.Find("textarea[data-testid=adjust-note]").Change("Found a box behind the shelf");
        Dialogs.Find("button[data-testid=adjust-submit]").Click();
        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Batch AMX-NEW now holds 203 units.")));
        Assert.That(inventory.Adjusted.Single(), Is.EqualTo((13, 3, StockAdjustmentReason.CountCorrection, (string?)"Found a box behind the shelf")));

        WaitUntil(page, () => Assert.That(Dialogs.FindAll("[data-testid=adjust-dialog]"), Is.Empty));
        page.Find("[data-testid=lot-row][data-lot-id='11'] button[data-testid=lot-adjust]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=adjust-take-off]"), Has.Count.EqualTo(1)));
        Assert.That(Dialogs.Find("input[data-testid=adjust-take-off]").GetAttribute("value"), Is.EqualTo("8"));
        Dialogs.Find("button[data-testid=adjust-submit]").Click();
        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Batch AMX-OLD now holds 0 units.")));
        Assert.That(inventory.Adjusted.Last(), Is.EqualTo((11, -8, StockAdjustmentReason.Expired, (string?)null)));
    }

    [Test]
    public void A_refused_adjustment_shows_the_database_message()
    {
        inventory.Failure = new ClinicRuleException(StockCodes.NoteRequired, "A count correction needs a note saying what was found.");
        var page = OpenLotsOfAmoxicillin();

        page.Find("[data-testid=lot-row][data-lot-id='13'] button[data-testid=lot-adjust]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("[data-testid=adjust-reason-count_correction]"), Has.Count.EqualTo(1)));
        Dialogs.Find("[data-testid=adjust-reason-count_correction]").Click();
        WaitUntil(Dialogs, () => Assert.That(Dialogs.FindAll("input[data-testid=adjust-change]"), Has.Count.EqualTo(1)));
        Dialogs.Find("input[data-testid=adjust-change]").Change("-2");
        Dialogs.Find("button[data-testid=adjust-submit]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("A count correction needs a note saying what was found.")));
        Assert.That(inventory.Adjusted.Single(), Is.EqualTo((13, -2, StockAdjustmentReason.CountCorrection, (string?)null)));
        Assert.That(Dialogs.FindAll("[data-testid=adjust-dialog]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_alert_opens_the_medications_lots()
    {
        inventory.BelowReorder = [new StockBelowReorderRow { MedicationId = 1, Name = "Amoxicillin 500 mg capsules", OnHand = 240, ReorderLevel = 300 }];
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll(".mud-tab"), Has.Count.EqualTo(3)));
        Assert.That(page.FindAll(".mud-tab")[2].TextContent, Does.Contain("Alerts"));

        page.FindAll(".mud-tab")[2].Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=below-reorder-row] a"), Has.Count.EqualTo(1)));

        page.Find("[data-testid=below-reorder-row] a").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lot-row]"), Has.Count.EqualTo(3)));
        Assert.That(page.Find("[data-testid=lots-title]").TextContent, Is.EqualTo("Amoxicillin 500 mg capsules"));
    }
}
