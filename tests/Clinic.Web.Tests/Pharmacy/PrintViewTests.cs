using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Web.Components.Layout;
using Clinic.Web.Components.Print;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class PrintViewTests : BunitTest
{
    private FakePrescribing prescribing = default!;
    private FakePharmacyDesk desk = default!;

    public override void Setup()
    {
        base.Setup();
        prescribing = new FakePrescribing();
        desk = new FakePharmacyDesk();
        Context.Services.AddSingleton<IPrescribing>(prescribing);
        Context.Services.AddSingleton<IPharmacyDesk>(desk);
    }

    [Test]
    public void The_print_layout_has_a_print_button_outside_the_printed_area_and_no_navigation()
    {
        var layout = Context.Render<PrintLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"doc\">Document</p>"))));

        var button = layout.Find("button[data-testid=print-button]");
        Assert.That(button.GetAttribute("onclick"), Is.EqualTo("window.print()"));
        Assert.That(layout.Find("[data-testid=print-toolbar]").ClassList, Does.Contain("no-print"));
        Assert.That(layout.Find("#doc").TextContent, Is.EqualTo("Document"));
        Assert.That(layout.FindAll(".mud-drawer, .mud-appbar, .mud-nav-link"), Is.Empty);
    }

    [Test]
    public void A_prescription_prints_with_the_clinic_header_patient_items_and_a_signature_line()
    {
        var header = PharmacyData.Header(30) with { Notes = "Review in one week" };
        prescribing.Details[30] = new PrescriptionDetail(header,
        [
            PharmacyData.Item(1, "Amoxicillin 500 mg capsules", 15),
            PharmacyData.Item(2, "Paracetamol 500 mg tablets", 10) with { Route = PrescriptionRoute.Oral, Frequency = "as needed", Instructions = null },
        ]);

        var page = Context.Render<PrintPrescription>(p => p.Add(x => x.PrescriptionId, 30));

        page.WaitForState(() => page.FindAll("[data-testid=print-prescription]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=print-clinic-name]").TextContent, Is.EqualTo("Hope Medical Centre"));
        Assert.That(page.Find("[data-testid=print-clinic-address]").TextContent, Is.EqualTo("Plot 12, Kampala Road"));
        Assert.That(page.Find("[data-testid=print-clinic-phone]").TextContent, Is.EqualTo("Tel. +256 414 000000"));
        Assert.That(page.Find("[data-testid=print-rx-number]").TextContent, Is.EqualTo("30"));
        Assert.That(page.Find("[data-testid=print-rx-date]").TextContent, Is.EqualTo("2026-05-04"));
        Assert.That(page.Find("[data-testid=print-patient]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(page.Find("[data-testid=print-mrn]").TextContent, Is.EqualTo("HMS/000012"));
        // The age on the day it was issued, as prescription_get computed it (age_at_issue_years), not today's.
        Assert.That(page.Find("[data-testid=print-age-sex]").TextContent, Is.EqualTo("35 years / Female"));
        Assert.That(page.Find("[data-testid=print-doctor]").TextContent, Is.EqualTo("Dr Sarah Okello"));
        Assert.That(page.Find("[data-testid=print-allergies]").TextContent, Is.EqualTo("penicillin (severe)"));
        var items = page.FindAll("[data-testid=print-item]");
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].TextContent, Does.Contain("Amoxicillin 500 mg capsules").And.Contain("1 tablet").And.Contain("Oral").And.Contain("three times a day")
            .And.Contain("5 days").And.Contain("15").And.Contain("after meals").And.Contain("2026-05-04 to 2026-05-08"));
        Assert.That(items[1].TextContent, Does.Contain("Paracetamol 500 mg tablets").And.Contain("as needed"));
        Assert.That(page.Find("[data-testid=print-notes]").TextContent, Does.Contain("Review in one week"));
        Assert.That(page.Find("[data-testid=print-signature]").TextContent, Does.Contain("Dr Sarah Okello").And.Contain("signature"));
        Assert.That(page.FindAll("[data-testid=print-cancelled]"), Is.Empty);
    }

    [Test]
    public void A_cancelled_prescription_prints_with_a_cancelled_stamp()
    {
        prescribing.Details[31] = new PrescriptionDetail(PharmacyData.Header(31, PrescriptionStatus.Cancelled) with
        {
            CancelledAt = new DateTime(2026, 5, 5), CancelReason = "Entered in error",
        }, [PharmacyData.Item(1, "Amoxicillin 500 mg capsules", 15)]);

        var page = Context.Render<PrintPrescription>(p => p.Add(x => x.PrescriptionId, 31));

        page.WaitForState(() => page.FindAll("[data-testid=print-cancelled]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=print-cancelled]").TextContent, Does.Contain("CANCELLED 2026-05-05").And.Contain("Entered in error"));
    }

    [Test]
    public void A_prescription_that_cannot_be_read_shows_why_in_place_of_the_document()
    {
        prescribing.GetFailure = new ClinicRuleException(1, "You are not allowed to do this.");

        var page = Context.Render<PrintPrescription>(p => p.Add(x => x.PrescriptionId, 30));

        page.WaitForState(() => page.FindAll("[data-testid=print-failure]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=print-failure]").TextContent, Is.EqualTo("You are not allowed to do this."));

        var missing = Context.Render<PrintReceipt>(p => p.Add(x => x.DispensingId, 5));
        missing.WaitForState(() => missing.FindAll("[data-testid=print-not-found]").Count == 1, TimeSpan.FromSeconds(5));
    }

    [Test]
    public void A_receipt_prints_its_number_header_lines_with_lots_and_the_total()
    {
        desk.Receipts[77] = new DispensingReceipt(new DispensingHeader
        {
            DispensingId = 77, ReceiptNumber = "RX-000077", DispensedAt = new DateTime(2026, 5, 4, 11, 15, 0), TotalAmount = 12.40m, BilledTotal = 12.40m, PrescriptionId = 30,
            IssuedAt = new DateTime(2026, 5, 4, 9, 30, 0), PatientId = 12, Mrn = "HMS/000012", PatientName = "Mary Nakato", StaffId = 3, DoctorName = "Sarah Okello",
            DispensedBy = 9, PharmacistName = "Peter Pharm", ClinicName = "Hope Medical Centre", ClinicAddress = "Plot 12, Kampala Road", ClinicPhone = "+256 414 000000",
        },
        [
            Line(1, "Amoxicillin 500 mg capsules", "AMX-A1", new DateTime(2026, 6, 30), 20, 0.40m),
            Line(2, "Amoxicillin 500 mg capsules", "AMX-B2", new DateTime(2027, 8, 31), 10, 0.40m),
            Line(3, "Paracetamol 500 mg tablets", "PCM-77", new DateTime(2026, 9, 30), 4, 0.10m),
        ]);

        var page = Context.Render<PrintReceipt>(p => p.Add(x => x.DispensingId, 77));

        page.WaitForState(() => page.FindAll("[data-testid=print-receipt]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=print-receipt-number]").TextContent, Is.EqualTo("RX-000077"));
        Assert.That(page.Find("[data-testid=print-clinic-name]").TextContent, Is.EqualTo("Hope Medical Centre"));
        Assert.That(page.Find("[data-testid=print-patient]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(page.Find("[data-testid=print-mrn]").TextContent, Is.EqualTo("HMS/000012"));
        Assert.That(page.Find("[data-testid=print-pharmacist]").TextContent, Is.EqualTo("Peter Pharm"));
        Assert.That(page.FindAll("[data-testid=print-line-batch]").Select(b => b.TextContent), Is.EqualTo(new[] { "AMX-A1", "AMX-B2", "PCM-77" }));
        Assert.That(page.FindAll("[data-testid=print-line-qty]").Select(b => b.TextContent), Is.EqualTo(new[] { "20", "10", "4" }));
        Assert.That(page.FindAll("[data-testid=print-line-amount]").Select(b => b.TextContent), Is.EqualTo(new[] { "8.00", "4.00", "0.40" }));
        Assert.That(page.FindAll("[data-testid=print-line]")[0].TextContent, Does.Contain("2026-06-30").And.Contain("0.40"));
        Assert.That(page.Find("[data-testid=print-total]").TextContent, Is.EqualTo("12.40"));
    }

    [Test]
    public void A_receipt_prints_the_amounts_that_were_billed_not_a_recomputed_price()
    {
        // dispensing_get's billed_amount is the line's charge (rounded once by money_round), which is what the invoice asks for.
        desk.Receipts[78] = new DispensingReceipt(new DispensingHeader
        {
            DispensingId = 78, ReceiptNumber = "RX-000078", DispensedAt = new DateTime(2026, 5, 4, 11, 15, 0), TotalAmount = 1_252.50m, BilledTotal = 1_253m,
            PrescriptionId = 30, IssuedAt = new DateTime(2026, 5, 4, 9, 30, 0), PatientName = "Mary Nakato", DoctorName = "Sarah Okello", ClinicName = "Hope Medical Centre",
        },
        [Line(1, "Amoxicillin 500 mg capsules", "AMX-A1", new DateTime(2026, 6, 30), 5, 250.50m) with { BilledAmount = 1_253m }]);
        desk.Receipts[79] = new DispensingReceipt(desk.Receipts[78].Header with { DispensingId = 79, BilledTotal = null },
            [Line(1, "Amoxicillin 500 mg capsules", "AMX-A1", new DateTime(2026, 6, 30), 5, 250.50m) with { BilledAmount = null }]);

        var page = Context.Render<PrintReceipt>(p => p.Add(x => x.DispensingId, 78));
        page.WaitForState(() => page.FindAll("[data-testid=print-receipt]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=print-line-amount]").TextContent, Is.EqualTo("1,253.00"));
        Assert.That(page.Find("[data-testid=print-total]").TextContent, Is.EqualTo("1,253.00"));

        var unbilled = Context.Render<PrintReceipt>(p => p.Add(x => x.DispensingId, 79));
        unbilled.WaitForState(() => unbilled.FindAll("[data-testid=print-receipt]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(unbilled.Find("[data-testid=print-total]").TextContent, Is.EqualTo("Not billed"));
    }

    private static DispensingLineRow Line(int id, string name, string batch, DateTime expiry, int quantity, decimal price) => new()
    {
        DispensingLineId = id, PrescriptionItemId = id, MedicationName = name, Form = "tablet", Strength = "500 mg", Dose = "1 tablet", Frequency = "three times a day",
        BatchNumber = batch, ExpiryDate = expiry, Quantity = quantity, UnitPrice = price, LineTotal = quantity * price, BilledAmount = quantity * price,
    };
}
