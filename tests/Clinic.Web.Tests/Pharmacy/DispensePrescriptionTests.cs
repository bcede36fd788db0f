using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pharmacy;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class DispensePrescriptionTests : PharmacyTest
{
    private static readonly DateTime Soon = DateTime.Today.AddDays(30), Later = DateTime.Today.AddDays(400);
    private FakePharmacyDesk desk = default!;
    private PrescriptionItemRow amoxicillin = default!, paracetamol = default!;

    public override void Setup()
    {
        base.Setup();
        desk = new FakePharmacyDesk();
        Context.Services.AddSingleton<IPharmacyDesk>(desk);
        amoxicillin = PharmacyData.Item(1, "Amoxicillin 500 mg capsules", 30, price: 0.40m);
        paracetamol = PharmacyData.Item(2, "Paracetamol 500 mg tablets", 10, price: 0.10m);
        desk.Prescriptions[30] = new PrescriptionDetail(PharmacyData.Header(30), [amoxicillin, paracetamol]);
        desk.Previews[30] = PreviewOf;
    }

    /// <summary>
    /// What prescription_dispense_preview answers for the quantities sent (null: none, so each item starts at what
    /// remains, no more than unexpired stock covers). FEFO empties the lot expiring first before the next one; only
    /// 4 paracetamol are left in unexpired lots, 50 more in expired ones.
    /// </summary>
    private DispensePreview PreviewOf(IReadOnlyList<DispenseItemInput>? quantities)
    {
        var amox = quantities?.Single(q => q.PrescriptionItemId == 1).Quantity ?? 30;
        var pcm = quantities?.Single(q => q.PrescriptionItemId == 2).Quantity ?? 4;
        DispensePreviewLot[] amoxLots = amox switch
        {
            30 => [PharmacyData.Lot(501, "AMX-A1", Soon, 20, 20), PharmacyData.Lot(502, "AMX-B2", Later, 100, 10)],
            15 => [PharmacyData.Lot(501, "AMX-A1", Soon, 20, 15)],
            0 => [],
            _ => throw new AssertionException($"no canned preview for {amox} amoxicillin"),
        };
        DispensePreviewLot[] pcmLots = pcm == 0 ? [] : [PharmacyData.Lot(601, "PCM-77", Soon, 4, 4)];
        var items = new[]
        {
            PharmacyData.Preview(amoxicillin, amox, 120, 0, 0, amox * 0.40m, amoxLots),
            PharmacyData.Preview(paracetamol, pcm, 4, 6, Math.Max(0, pcm - 4), pcm * 0.10m, pcmLots) with { ExpiredOnHand = 50 },
        };
        return new DispensePreview { Items = items, UnitsNow = amox + pcm, EstimatedTotal = items.Sum(i => i.AmountNow) };
    }

    private IRenderedComponent<DispensePrescription> RenderPage(int id = 30)
    {
        RenderProvidersWith(Permissions.PharmacyWork);
        return Context.Render<DispensePrescription>(p => p.Add(x => x.PrescriptionId, id));
    }

    private static string[] LotsOf(IRenderedComponent<DispensePrescription> page, int itemId) =>
        page.FindAll($"[data-testid=dispense-lots-{itemId}] [data-testid=preview-lot]")
            .Select(l => $"{l.QuerySelector("[data-testid=preview-batch]")!.TextContent} x{l.QuerySelector("[data-testid=preview-take]")!.TextContent}").ToArray();

    [Test]
    public void Shows_the_prescription_and_the_lots_first_expiry_first_out_will_use()
    {
        var page = RenderPage();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dispense-item]"), Has.Count.EqualTo(2)));
        Assert.That(page.Find("[data-testid=dispense-title]").TextContent, Is.EqualTo("Prescription #30"));
        Assert.That(page.Find("[data-testid=rx-status]").TextContent.Trim(), Is.EqualTo("Issued"));
        Assert.That(page.Find("[data-testid=dispense-patient]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(page.Find("[data-testid=dispense-header]").TextContent, Does.Contain("HMS/000012").And.Contain("Female"));
        Assert.That(page.Find("[data-testid=dispense-age]").TextContent, Is.EqualTo("36 years"), "the age prescription_get computed");
        Assert.That(page.Find("[data-testid=dispense-allergies]").TextContent, Does.Contain("penicillin (severe)"));
        Assert.That(page.Find("[data-testid=dispense-doctor]").TextContent, Is.EqualTo("Dr Sarah Okello"));
        var first = page.Find("[data-testid=dispense-item][data-item-id='1']");
        Assert.That(first.TextContent, Does.Contain("1 tablet · oral · three times a day").And.Contain("for 5 days").And.Contain("after meals"));
        Assert.That(first.QuerySelector("[data-testid=item-remaining]")!.TextContent, Is.EqualTo("30"));

        Assert.That(LotsOf(page, 1), Is.EqualTo(new[] { "AMX-A1 x20", "AMX-B2 x10" }));
        Assert.That(page.Find("[data-testid=dispense-lots-1]").TextContent, Does.Contain($"exp {Soon:yyyy-MM-dd}"));
        // A shortfall starts as what stock can cover, and says so.
        Assert.That(page.Find("input[data-testid=dispense-qty-2]").GetAttribute("value"), Is.EqualTo("4"));
        Assert.That(LotsOf(page, 2), Is.EqualTo(new[] { "PCM-77 x4" }));
        Assert.That(page.Find("[data-testid=dispense-lots-2] [data-testid=preview-shortfall]").TextContent, Does.Contain("6 of the 10 remaining"));
        Assert.That(page.Find("[data-testid=dispense-lots-2] [data-testid=preview-expired]").TextContent, Does.Contain("50 more sit in expired lots"));
        Assert.That(page.Find("[data-testid=dispense-estimate]").TextContent, Does.Contain("34 units").And.Contain("12.40"));
        Assert.That(page.Find("a[data-testid=print-prescription]").GetAttribute("href"), Is.EqualTo("/print/prescriptions/30"));
        Assert.That(desk.PreviewCalls.Single(), Is.EqualTo((30, (IReadOnlyList<DispenseItemInput>?)null)), "the first preview sends no quantities");
    }

    [Test]
    public void Partial_quantities_are_sent_and_the_receipt_link_and_new_status_follow()
    {
        desk.AfterDispense = id => desk.Prescriptions[id] = new PrescriptionDetail(PharmacyData.Header(id, PrescriptionStatus.PartiallyDispensed),
            [amoxicillin with { QuantityDispensed = 15, QuantityRemaining = 15 }, paracetamol]);
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("input[data-testid=dispense-qty-1]"), Has.Count.EqualTo(1)));

        page.Find("input[data-testid=dispense-qty-1]").Change("15");
        page.Find("input[data-testid=dispense-qty-2]").Change("0");

        // Each change asks the database again with every item's quantity; the page shows the lots and the total it answers.
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dispense-lots-2] [data-testid=preview-skipped]"), Has.Count.EqualTo(1)));
        Assert.That(LotsOf(page, 1), Is.EqualTo(new[] { "AMX-A1 x15" }));
        Assert.That(desk.PreviewCalls.Skip(1).Select(c => c.Quantities), Is.EqualTo(new[]
        {
            new[] { new DispenseItemInput(1, 15), new DispenseItemInput(2, 4) },
            new[] { new DispenseItemInput(1, 15), new DispenseItemInput(2, 0) },
        }));
        Assert.That(page.Find("[data-testid=dispense-estimate]").TextContent, Does.Contain("15 units").And.Contain("6.00"));
        page.Find("button[data-testid=dispense-submit]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=receipt-link]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Dispensed.Single().PrescriptionId, Is.EqualTo(30));
        Assert.That(desk.Dispensed.Single().Items, Is.EqualTo(new[] { new DispenseItemInput(1, 15) }));
        Assert.That(page.Find("[data-testid=receipt-number]").TextContent, Is.EqualTo("RX-000077"));
        Assert.That(page.Find("a[data-testid=receipt-link]").GetAttribute("href"), Is.EqualTo("/print/receipts/77"));
        Assert.That(page.Find("[data-testid=rx-status]").TextContent.Trim(), Is.EqualTo("Partially dispensed"));
        Assert.That(page.Find("[data-testid=dispense-item][data-item-id='1'] [data-testid=item-dispensed]").TextContent, Is.EqualTo("15"));
        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Dispensed: receipt RX-000077.")));
    }

    [Test]
    public void Nothing_chosen_disables_dispense_so_an_empty_list_never_means_everything()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("input[data-testid=dispense-qty-1]"), Has.Count.EqualTo(1)));

        page.Find("input[data-testid=dispense-qty-1]").Change("0");
        page.Find("input[data-testid=dispense-qty-2]").Change("0");

        WaitUntil(page, () => Assert.That(page.Find("button[data-testid=dispense-submit]").HasAttribute("disabled"), Is.True));
        Assert.That(desk.Dispensed, Is.Empty);
    }

    [Test]
    public void A_refusal_shows_the_database_message_and_no_receipt()
    {
        desk.DispenseFailure = new ClinicRuleException(DispensingCodes.NotEnoughStock, "Not enough unexpired stock of Amoxicillin 500 mg: 30 needed, 12 available.");
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=dispense-submit]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=dispense-submit]").Click();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("Not enough unexpired stock of Amoxicillin 500 mg: 30 needed, 12 available.")));
        Assert.That(desk.Dispensed.Single().Items, Is.EqualTo(new[] { new DispenseItemInput(1, 30), new DispenseItemInput(2, 4) }));
        Assert.That(page.FindAll("[data-testid=receipt-link]"), Is.Empty);
        Assert.That(page.Find("[data-testid=rx-status]").TextContent.Trim(), Is.EqualTo("Issued"));
    }

    [Test]
    public void A_cancelled_prescription_cannot_be_dispensed()
    {
        desk.Prescriptions[31] = new PrescriptionDetail(PharmacyData.Header(31, PrescriptionStatus.Cancelled) with
        {
            CancelReason = "Changed to another antibiotic", CancelledAt = DateTime.Today, CancelledByName = "Dr Sarah Okello",
        }, [amoxicillin]);

        var page = RenderPage(31);

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dispense-cancelled]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=rx-status]").TextContent.Trim(), Is.EqualTo("Cancelled"));
        Assert.That(page.Find("[data-testid=dispense-cancelled]").TextContent, Does.Contain("Changed to another antibiotic"));
        Assert.That(page.FindAll("[data-testid=dispense-submit]"), Is.Empty);
        Assert.That(page.FindAll("input[data-testid=dispense-qty-1]"), Is.Empty);
    }

    [Test]
    public void An_unknown_prescription_says_so()
    {
        var page = RenderPage(999);

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dispense-not-found]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=dispense-not-found]").TextContent, Does.Contain("#999"));
    }
    [Test]
    public void The_lots_shortfall_and_estimate_are_what_the_procedure_returns_not_computed_here()
    {
        // Prices changed since the rows were read: the page must show the database's total, not quantity x a price it holds.
        desk.Previews[30] = q => PreviewOf(q) with { UnitsNow = 34, EstimatedTotal = 99.99m };
        var page = RenderPage();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dispense-estimate]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=dispense-estimate]").TextContent, Does.Contain("34 units").And.Contain("99.99"));
        Assert.That(page.Find("input[data-testid=dispense-qty-1]").GetAttribute("value"), Is.EqualTo("30"), "the starting quantity is quantity_now");
    }

    [Test]
    public void Asking_for_more_than_unexpired_stock_shows_the_shortfall_the_database_reports()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("input[data-testid=dispense-qty-2]"), Has.Count.EqualTo(1)));

        page.Find("input[data-testid=dispense-qty-2]").Change("10");

        WaitUntil(page, () => Assert.That(page.Find("[data-testid=dispense-lots-2] [data-testid=preview-shortfall]").TextContent,
            Does.Contain("Only 4 in unexpired stock: short by 6.")));
        Assert.That(page.Find("[data-testid=dispense-estimate]").TextContent, Does.Contain("40 units").And.Contain("13.00"));
    }

    [Test]
    public void A_refused_preview_shows_the_database_message_and_reloads_the_prescription()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("input[data-testid=dispense-qty-1]"), Has.Count.EqualTo(1)));
        desk.PreviewFailure = new ClinicRuleException(DispensingCodes.BadQuantity, "Amoxicillin 500 mg capsules: dispense 0 to 30 (what remains on the prescription).");

        page.Find("input[data-testid=dispense-qty-1]").Change("15");

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("dispense 0 to 30")));
        WaitUntil(page, () => Assert.That(page.Find("input[data-testid=dispense-qty-1]").GetAttribute("value"), Is.EqualTo("30")));
        Assert.That(desk.PreviewCalls.Last().Quantities, Is.Null, "reloaded from the start");
        Assert.That(LotsOf(page, 1), Is.EqualTo(new[] { "AMX-A1 x20", "AMX-B2 x10" }));
    }
}
