using Clinic.Data.Billing;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// What the billing screens and the printed documents read (issue 11): the pharmacy receipt shows the amounts that were
/// billed (the dispensing lines' charges), the invoice carries the clinic's letterhead, the approval list its currency.
/// </summary>
public class BillingReadTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task The_dispensing_receipt_reads_the_charges_billed_for_its_lines_rounded_once_by_the_database()
    {
        // 3 x 250.50 = 751.50, which the shilling (no minor units) bills as 752: the receipt must show 752, not 751.50.
        var medication = await Db.NewMedicationAsync(unitPrice: 250.50m);
        await Db.NewLotAsync(medication, 50, 300);
        var (_, rx) = await Db.NewPrescriptionAsync((medication, 3));
        var pharmacist = await Db.NewPharmacistAsync();
        var dispensed = await Db.DispensingAs(pharmacist).DispenseAsync(rx);

        var receipt = (await Db.DispensingAs(pharmacist).GetAsync(dispensed.DispensingId))!;

        var charged = await Db.QueryAsync<decimal>(
            """
            SELECT c.amount FROM dispensing_line AS l
              JOIN charge AS c ON c.source_type = 'dispensing_line' AND c.source_id = l.dispensing_line_id
             WHERE l.dispensing_id = @id ORDER BY l.dispensing_line_id
            """, new { id = dispensed.DispensingId });
        Assert.That(charged, Is.EqualTo(new[] { 752m }));
        Assert.That(receipt.Lines.Select(l => (l.LineTotal, l.BilledAmount)), Is.EqualTo(new[] { (751.50m, (decimal?)752m) }));
        Assert.That(receipt.Header.BilledTotal, Is.EqualTo(752m));
    }

    [Test]
    public async Task The_invoice_carries_the_clinic_letterhead_and_the_approval_list_the_currency()
    {
        var (invoiceId, _) = await Db.NewIssuedInvoiceAsync(120_000m);
        var admin = await Db.AdminIdAsync();

        var invoice = (await Db.InvoicesAs(admin).GetAsync(invoiceId))!;
        var clinicName = await Db.ScalarAsync<string>("SELECT setting_value FROM clinic_setting WHERE setting_key = 'clinic.name'");
        Assert.That(invoice.Header.ClinicName, Is.EqualTo(clinicName).And.Not.Empty);

        var clerk = await Db.NewClerkAsync();
        var request = await Db.InvoicesAs(clerk).RequestAdjustmentAsync(invoiceId, "waiver", 60_000m, "Hardship");
        Assert.That(request.Status, Is.EqualTo("pending"), "above the threshold it waits");
        // Other tests share the database: read the worklist page by page until this request.
        PendingAdjustmentRow? row = null;
        for (var offset = 0; row is null; offset += 100)
        {
            var page = await Db.InvoicesAs(admin).PendingAdjustmentsAsync(offset, 100);
            Assert.That(page, Is.Not.Empty, "the request is on the worklist");
            row = page.SingleOrDefault(p => p.InvoiceAdjustmentId == request.InvoiceAdjustmentId);
        }
        Assert.That((row.CurrencyCode, row.Amount, row.InvoiceTotal), Is.EqualTo(("UGX", 60_000m, 120_000m)));
    }
}
