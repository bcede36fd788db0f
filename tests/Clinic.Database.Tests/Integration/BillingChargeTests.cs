using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Data.Lab;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Charges come from the care, not from typing (issue 11): the database charges the consultation when a
/// visit opens, a lab test when it is ordered (and credits it when the order is cancelled), medication per
/// dispensing line, and other services a clerk adds, each on the patient's draft invoice for the visit.
/// </summary>
public class BillingChargeTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => AppointmentTests.CodeOf(call);

    [Test]
    public async Task The_service_categories_are_listed_in_their_order_and_a_role_without_billing_read_is_refused()
    {
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        var categories = await clerk.ListCategoriesAsync();
        Assert.That(categories.Select(c => c.CategoryCode),
            Is.EqualTo(await Db.QueryAsync<string>("SELECT category_code FROM service_category ORDER BY sort_order, category_code")));
        Assert.That(categories.Select(c => c.CategoryCode), Is.SupersetOf(new[] { "consultation", "lab", "medication", "procedure", "other" }));
        Assert.That(categories.Single(c => c.CategoryCode == "lab").Name, Is.Not.Empty);

        var pharmacist = Db.BillingAs((await Db.NewAccountAsync("pharmacist")).Id);
        Assert.That(await InvoiceTestData.CodeOf(() => pharmacist.ListCategoriesAsync()), Is.EqualTo(50102));
    }

    [Test]
    public async Task A_visit_with_a_consultation_a_lab_test_and_medication_is_charged_exactly_those_at_their_prices()
    {
        var labTest = await Db.NewLabTestAsync(price: 7_500m);
        var medication = await Db.NewMedicationAsync(unitPrice: 350m);
        // Two lots, so the dispensing takes units from both: one charge per dispensing line.
        await Db.NewLotAsync(medication, 4, 30);
        await Db.NewLotAsync(medication, 50, 300);
        var visit = await Db.NewOpenVisitAsync();
        var order = await Db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, labTest, null);
        var rx = await Db.IssueAsync(visit, (medication, 10));
        var dispensed = await Db.DispensingAs(await Db.NewPharmacistAsync()).DispenseAsync(rx);

        var charges = await Db.ChargesOfVisitAsync(visit.VisitId);
        var lines = await Db.QueryAsync<int>(
            "SELECT dispensing_line_id FROM dispensing_line WHERE dispensing_id = @id ORDER BY dispensing_line_id", new { id = dispensed.DispensingId });
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(charges.Select(c => (c.SourceType, c.SourceId, c.CategoryCode, c.Amount)), Is.EqualTo(new[]
        {
            (ChargeSource.Visit, visit.VisitId, ServiceCategory.Consultation, 10_000m), // the doctor's consultation fee
            (ChargeSource.LabOrder, order, ServiceCategory.Lab, 7_500m),
            (ChargeSource.DispensingLine, lines[0], ServiceCategory.Medication, 4 * 350m),
            (ChargeSource.DispensingLine, lines[1], ServiceCategory.Medication, 6 * 350m),
        }));
        Assert.That(charges.Select(c => c.CreatedBy), Is.All.Not.Null);
        Assert.That(dispensed.TotalAmount, Is.EqualTo(charges.Where(c => c.SourceType == ChargeSource.DispensingLine).Sum(c => c.Amount)),
            "the pharmacy receipt shows what is billed");

        var invoices = await Db.InvoicesOfVisitAsync(visit.VisitId);
        Assert.That(invoices, Has.Count.EqualTo(1));
        var invoice = invoices[0];
        Assert.That(charges.Select(c => c.InvoiceId), Is.All.EqualTo(invoice.InvoiceId));
        Assert.That((invoice.Status, invoice.CurrencyCode, invoice.Subtotal, invoice.Total, invoice.PatientShare, invoice.InsurerShare),
            Is.EqualTo(("draft", "UGX", 21_000m, 21_000m, 21_000m, 0m)));
    }

    [Test]
    public async Task The_consultation_is_priced_for_the_doctor_else_the_specialisation_else_the_doctors_fee()
    {
        var first = await Db.NewOpenVisitAsync();
        var specialisation = await Db.ScalarAsync<int>("SELECT specialisation_id FROM staff WHERE staff_id = @id", new { id = first.DoctorStaffId });
        await Db.NewServiceAsync(15_000m, ServiceCategory.Consultation, specialisationId: specialisation);
        var second = await Db.NewVisitForDoctorAsync(first);
        await Db.NewServiceAsync(20_000m, ServiceCategory.Consultation, staffId: first.DoctorStaffId);
        var third = await Db.NewVisitForDoctorAsync(first);

        async Task<decimal> ConsultationOf(int visitId) =>
            (await Db.ChargesOfVisitAsync(visitId)).Single(c => c.SourceType == ChargeSource.Visit).Amount;
        Assert.That(await ConsultationOf(first.VisitId), Is.EqualTo(10_000m), "staff.consultation_fee");
        Assert.That(await ConsultationOf(second), Is.EqualTo(15_000m), "the specialisation's consultation");
        Assert.That(await ConsultationOf(third), Is.EqualTo(20_000m), "the doctor's own consultation");
    }

    [Test]
    public async Task A_price_change_after_the_invoice_is_issued_changes_nothing_on_it_and_a_later_charge_opens_a_new_draft()
    {
        var service = await Db.NewServiceAsync(4_000m);
        var visit = await Db.NewOpenVisitAsync();
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        var first = await clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service, 2m, "Two dressings");
        var invoice = (await Db.InvoicesOfVisitAsync(visit.VisitId)).Single();
        Assert.That(invoice.Total, Is.EqualTo(18_000m), "consultation 10,000 + 2 x 4,000");
        await Db.IssueAsOwnerAsync(invoice.InvoiceId);

        var admin = Db.BillingAs(await Db.AdminIdAsync());
        await admin.SetServicePriceAsync(service, await Db.TodayAsync(), 9_000m);
        var second = await clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service);

        var invoices = await Db.InvoicesOfVisitAsync(visit.VisitId);
        Assert.That(invoices, Has.Count.EqualTo(2));
        Assert.That((invoices[0].InvoiceId, invoices[0].Status, invoices[0].Subtotal, invoices[0].Total),
            Is.EqualTo((invoice.InvoiceId, "issued", 18_000m, 18_000m)), "the issued invoice keeps its sums");
        Assert.That((invoices[1].Status, invoices[1].Total), Is.EqualTo(("draft", 9_000m)), "the new charge at the new price, on a new draft");
        var charges = await Db.ChargesOfVisitAsync(visit.VisitId);
        var firstCharge = charges.Single(c => c.ChargeId == first.ChargeId);
        Assert.That((firstCharge.UnitPrice, firstCharge.Amount, firstCharge.InvoiceId), Is.EqualTo((4_000m, 8_000m, (int?)invoice.InvoiceId)));
        var secondCharge = charges.Single(c => c.ChargeId == second.ChargeId);
        Assert.That((secondCharge.UnitPrice, secondCharge.InvoiceId), Is.EqualTo((9_000m, (int?)invoices[1].InvoiceId)));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE invoice_id = @id", new { id = invoice.InvoiceId }), Is.EqualTo(2));
    }

    [Test]
    public async Task A_cancelled_lab_order_is_credited_once_on_the_visits_draft()
    {
        var labTest = await Db.NewLabTestAsync(price: 6_000m);
        var visit = await Db.NewOpenVisitAsync();
        var order = await Db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, labTest, null);
        Assert.That((await Db.InvoicesOfVisitAsync(visit.VisitId)).Single().Total, Is.EqualTo(16_000m));

        await Db.LabAs(visit.DoctorAccountId).CancelAsync(order, "Ordered in error");

        var charges = await Db.ChargesOfVisitAsync(visit.VisitId);
        Assert.That(charges.Where(c => c.SourceId == order && c.SourceType != ChargeSource.Visit).Select(c => (c.SourceType, c.Amount)),
            Is.EqualTo(new[] { (ChargeSource.LabOrder, 6_000m), (ChargeSource.LabOrderCredit, -6_000m) }));
        var invoice = (await Db.InvoicesOfVisitAsync(visit.VisitId)).Single();
        Assert.That((invoice.Subtotal, invoice.Total, invoice.PatientShare), Is.EqualTo((10_000m, 10_000m, 10_000m)));
    }

    [Test]
    public async Task A_lab_order_cancelled_after_its_invoice_was_issued_is_credited_on_a_new_draft_not_on_the_issued_invoice()
    {
        var labTest = await Db.NewLabTestAsync(price: 6_000m);
        var visit = await Db.NewOpenVisitAsync();
        var order = await Db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, labTest, null);
        var issued = (await Db.InvoicesOfVisitAsync(visit.VisitId)).Single();
        await Db.IssueAsOwnerAsync(issued.InvoiceId);

        await Db.LabAs(visit.DoctorAccountId).CancelAsync(order, "Patient left");

        var invoices = await Db.InvoicesOfVisitAsync(visit.VisitId);
        Assert.That(invoices.Select(i => (i.Status, i.Total)), Is.EqualTo(new[] { ("issued", 16_000m), ("draft", -6_000m) }));
        var credit = (await Db.ChargesOfVisitAsync(visit.VisitId)).Single(c => c.SourceType == ChargeSource.LabOrderCredit);
        Assert.That(credit.InvoiceId, Is.EqualTo(invoices[1].InvoiceId));
    }

    [Test]
    public async Task A_visit_without_charges_has_no_invoice_and_a_service_without_a_visit_goes_on_the_patients_own_draft()
    {
        var patient = await Db.NewPatientAsync();
        var service = await Db.NewServiceAsync(2_500m);
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        await clerk.AddServiceChargeAsync(patient, null, service, 3m);
        await clerk.AddServiceChargeAsync(patient, null, service);
        var drafts = await Db.QueryAsync<InvoiceSums>("SELECT * FROM invoice WHERE patient_id = @patient", new { patient });
        Assert.That(drafts.Select(d => (d.Status, d.Total)), Is.EqualTo(new[] { ("draft", 10_000m) }));
    }

    [Test]
    public async Task Amounts_are_rounded_once_to_the_currencys_minor_units()
    {
        var service = await Db.NewServiceAsync(333m);
        var patient = await Db.NewPatientAsync();
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        var added = await clerk.AddServiceChargeAsync(patient, null, service, 1.5m);
        var amount = await Db.ScalarAsync<decimal>("SELECT amount FROM charge WHERE charge_id = @id", new { id = added.ChargeId });
        Assert.That(amount, Is.EqualTo(500m), "1.5 x 333 = 499.5, rounded half away from zero to whole shillings");
        var admin = Db.BillingAs(await Db.AdminIdAsync());
        Assert.That(await CodeOf(() => admin.SetServicePriceAsync(service, DateTime.Today.AddDays(1), 10.5m)),
            Is.EqualTo(BillingProcedures.PriceNotAllowed), "UGX has no minor units");
    }

    [Test]
    public async Task The_price_list_refuses_what_it_cannot_hold()
    {
        var admin = Db.BillingAs(await Db.AdminIdAsync());
        var code = "X" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var id = await admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code.ToLowerInvariant(), Name = " Wound dressing ", CategoryCode = "procedure" });
        var row = (await admin.ListServicesAsync(ServiceCategory.Procedure, null, 0, 200)).Single(r => r.ServiceId == id);
        Assert.That((row.ServiceCode, row.Name, row.Price, row.CanEdit), Is.EqualTo((code, "Wound dressing", (decimal?)null, true)));

        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = "bad code", Name = "X" })), Is.EqualTo(BillingProcedures.ServiceCodeFormat));
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code, Name = "X" })), Is.EqualTo(BillingProcedures.ServiceCodeTaken));
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code + "2", Name = "  " })), Is.EqualTo(BillingProcedures.ServiceNameRequired));
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code + "2", Name = "X", CategoryCode = "lab" })),
            Is.EqualTo(BillingProcedures.ServiceCategoryNotAllowed));
        var nurseStaff = await Db.ScalarAsync<int>("SELECT staff_id FROM staff WHERE user_account_id = @id", new { id = await Db.NewStaffAccountAsync("nurse") });
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code + "3", Name = "X", CategoryCode = "consultation", StaffId = nurseStaff })),
            Is.EqualTo(BillingProcedures.ConsultationDoctorOnly));
        var doctor = await Db.NewDoctorAsync(withHours: false);
        await Db.NewServiceAsync(1_000m, ServiceCategory.Consultation, staffId: doctor);
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = code + "4", Name = "X", CategoryCode = "consultation", StaffId = doctor })),
            Is.EqualTo(BillingProcedures.ConsultationAlreadyActive));
        Assert.That(await CodeOf(() => admin.SaveServiceAsync(999_999_999, new ServiceInput { ServiceCode = code + "5", Name = "X" })), Is.EqualTo(BillingProcedures.ServiceNotFound));

        Assert.That(await CodeOf(() => admin.SetServicePriceAsync(id, DateTime.Today.AddDays(-1), 100m)), Is.EqualTo(BillingProcedures.PriceStartsToday));
        Assert.That(await CodeOf(() => admin.SetServicePriceAsync(id, DateTime.Today.AddDays(1), -1m)), Is.EqualTo(BillingProcedures.PriceNotAllowed));
        await admin.SetServicePriceAsync(id, await Db.TodayAsync(), 3_000m);
        await admin.SetServicePriceAsync(id, (await Db.TodayAsync()).AddDays(10), 3_500m);
        row = (await admin.ListServicesAsync(ServiceCategory.Procedure, true, 0, 200)).Single(r => r.ServiceId == id);
        Assert.That((row.Price, row.NextPrice, row.NextValidFrom), Is.EqualTo(((decimal?)3_000m, (decimal?)3_500m, (DateTime?)(await Db.TodayAsync()).AddDays(10))));
    }

    [Test]
    public async Task Adding_a_service_to_a_bill_refuses_an_unusable_service_visit_or_quantity()
    {
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        var admin = Db.BillingAs(await Db.AdminIdAsync());
        var visit = await Db.NewOpenVisitAsync();
        var other = await Db.NewPatientAsync();
        var service = await Db.NewServiceAsync(1_000m);
        var unpriced = await admin.SaveServiceAsync(null, new ServiceInput { ServiceCode = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = "Unpriced" });
        var retired = await Db.NewServiceAsync(1_000m);
        await admin.SaveServiceAsync(retired, new ServiceInput
        {
            ServiceCode = (await Db.ScalarAsync<string>("SELECT service_code FROM service WHERE service_id = @retired", new { retired })),
            Name = "Retired", CategoryCode = ServiceCategory.Other, IsActive = false,
        });

        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, 999_999_999)), Is.EqualTo(BillingProcedures.ServiceNotFound));
        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, unpriced)), Is.EqualTo(BillingProcedures.ServiceNoPrice));
        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, retired)), Is.EqualTo(BillingProcedures.ServiceNoLongerOffered));
        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(other, visit.VisitId, service)), Is.EqualTo(BillingProcedures.VisitAnotherPatient));
        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service, 0m)), Is.EqualTo(BillingProcedures.QuantityOutOfRange));
        Assert.That(await CodeOf(() => clerk.AddServiceChargeAsync(999_999_999, null, service)), Is.EqualTo(50209));
        Assert.That((await Db.ChargesOfVisitAsync(visit.VisitId)).Select(c => c.SourceType), Is.EqualTo(new[] { ChargeSource.Visit }), "nothing was charged");
    }

    [Test]
    public async Task Each_role_is_refused_what_its_permissions_do_not_allow()
    {
        var service = await Db.NewServiceAsync(1_000m);
        var visit = await Db.NewOpenVisitAsync();
        var receptionist = Db.BillingAs((await Db.NewAccountAsync("receptionist")).Id);
        var nurse = Db.BillingAs(await Db.NewStaffAccountAsync("nurse"));
        var pharmacist = Db.BillingAs(await Db.NewPharmacistAsync());
        var clerk = Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id);
        var doctor = Db.BillingAs(visit.DoctorAccountId);

        Assert.That(await CodeOf(() => pharmacist.ListServicesAsync()), Is.EqualTo(50102), "no billing.read");
        Assert.That(await CodeOf(() => nurse.ListServicesAsync()), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => receptionist.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service)), Is.EqualTo(50102), "no billing.charge");
        Assert.That(await CodeOf(() => nurse.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => clerk.SaveServiceAsync(null, new ServiceInput { ServiceCode = "NOPE", Name = "No" })), Is.EqualTo(50102), "no billing.price_list");
        Assert.That(await CodeOf(() => clerk.SetServicePriceAsync(service, DateTime.Today.AddDays(1), 1m)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => doctor.SetServicePriceAsync(service, DateTime.Today.AddDays(1), 1m)), Is.EqualTo(50102));

        Assert.That((await receptionist.ListServicesAsync(null, null, 0, 1)).Single().CanEdit, Is.False);
        await doctor.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service);
        await clerk.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service);
        Assert.That((await Db.ChargesOfVisitAsync(visit.VisitId)).Count(c => c.SourceType == ChargeSource.ServiceCharge), Is.EqualTo(2));
        Assert.That((await Db.InvoicesOfVisitAsync(visit.VisitId)).Single().Total, Is.EqualTo(12_000m));
    }
}
