using System.Diagnostics;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Staff;

namespace Clinic.Demo;

/// <summary>What one run of <see cref="DemoBilling.SeedAsync"/> loaded; <see cref="AlreadyLoaded"/> when it found the price list and added nothing.</summary>
public sealed record DemoBillingSummary(bool AlreadyLoaded, int Services, int Invoices, int Payments, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: the clinic's billing, through the billing procedures as the demo accounts, so every
/// rule runs (numbering, the status following the money, overpayment as credit, refunds, the cash-up):
/// <list type="bullet">
/// <item>a price list (as the administrator): a consultation per specialisation, procedures and other services,
/// priced from today, and one price rise from the first of next month (lab tests and medicines are priced by their
/// catalogues);</item>
/// <item>invoices in every state (as the billing clerk "billing"): today's consultations stay drafts while their
/// visits are open; others are issued, partially paid (mobile money), paid (cash with change, mobile money then cash,
/// card, bank transfer), void, credited, discounted, waiting for a waiver's approval, and one overpaid on purpose, the
/// excess held as the patient's credit; one cash payment partly refunded;</item>
/// <item>one closed cash-up: the receptionist "reception" takes two payments at the front desk and closes her day
/// (cash counted 500 short), so the billing clerk's own day stays open for the demo.</item>
/// </list>
/// Idempotent: when the service <see cref="MarkerService"/> exists, nothing is added.
/// </summary>
public static class DemoBilling
{
    public const string MarkerService = "CONS-GP";

    private static readonly (string Code, string Specialisation, decimal Price)[] Consultations =
    [
        (MarkerService, "General Practice", 30_000m), ("CONS-IM", "Internal Medicine", 60_000m), ("CONS-PAED", "Paediatrics", 40_000m),
        ("CONS-OBGYN", "Obstetrics & Gynaecology", 50_000m), ("CONS-DENT", "Dentistry", 45_000m),
    ];

    private static readonly (string Code, string Name, string Category, decimal Price)[] Services =
    [
        ("PROC-DRESS", "Wound dressing", ServiceCategory.Procedure, 15_000m),
        ("PROC-SUTURE", "Suturing of a minor wound", ServiceCategory.Procedure, 40_000m),
        ("PROC-ID", "Incision and drainage of an abscess", ServiceCategory.Procedure, 50_000m),
        ("PROC-NEB", "Nebulisation", ServiceCategory.Procedure, 20_000m),
        ("PROC-IV", "IV cannulation and infusion", ServiceCategory.Procedure, 25_000m),
        ("PROC-ECG", "Electrocardiogram (ECG)", ServiceCategory.Procedure, 50_000m),
        ("PROC-USS-OB", "Obstetric ultrasound scan", ServiceCategory.Procedure, 60_000m),
        ("PROC-EXTRACT", "Tooth extraction", ServiceCategory.Procedure, 35_000m),
        ("PROC-FILL", "Dental filling", ServiceCategory.Procedure, 80_000m),
        ("OTH-CARD", "Patient card (registration)", ServiceCategory.Other, 5_000m),
        ("OTH-CERT", "Medical certificate", ServiceCategory.Other, 10_000m),
        ("OTH-REPORT", "Medical report", ServiceCategory.Other, 30_000m),
        ("OTH-AMB", "Ambulance within Kampala", ServiceCategory.Other, 100_000m),
    ];

    /// <summary>
    /// Loads the price list and the demo invoices once. <paramref name="admin"/> keeps the price list,
    /// <paramref name="billing"/> (the billing clerk) bills and takes payments, <paramref name="reception"/> takes
    /// two payments and closes her cash-up.
    /// </summary>
    public static async Task<DemoBillingSummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, ISessionAccessor billing,
        ISessionAccessor reception, ILogger logger, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var prices = new BillingProcedures(runner, admin);
        if ((await prices.ListServicesAsync(null, null, 0, BillingProcedures.MaxPageSize, ct)).Any(s => s.ServiceCode == MarkerService))
            return new DemoBillingSummary(true, 0, 0, 0, watch.Elapsed);

        var today = DateTime.Today;
        var specialisations = (await new FacilityProcedures(runner, admin).ListSpecialisationsAsync(includeInactive: true, ct))
            .ToDictionary(s => s.Name, s => s.SpecialisationId);
        var ids = new Dictionary<string, int>();
        foreach (var (code, specialisation, price) in Consultations)
        {
            if (!specialisations.TryGetValue(specialisation, out var specialisationId))
                continue;
            ids[code] = await prices.SaveServiceAsync(null, new ServiceInput
            {
                ServiceCode = code, Name = $"Consultation, {specialisation}", CategoryCode = ServiceCategory.Consultation, SpecialisationId = specialisationId,
            }, ct);
            await prices.SetServicePriceAsync(ids[code], today, price, ct);
        }
        foreach (var (code, name, category, price) in Services)
        {
            ids[code] = await prices.SaveServiceAsync(null, new ServiceInput { ServiceCode = code, Name = name, CategoryCode = category }, ct);
            await prices.SetServicePriceAsync(ids[code], today, price, ct);
        }
        // A price rise announced for next month: today's charges keep today's price.
        await prices.SetServicePriceAsync(ids["OTH-REPORT"], new DateTime(today.Year, today.Month, 1).AddMonths(1), 35_000m, ct);

        var charges = new BillingProcedures(runner, billing);
        var invoices = new InvoiceProcedures(runner, billing);
        var payments = new PaymentProcedures(runner, billing);
        var patients = new PatientProcedures(runner, admin);
        var made = 0;
        var paid = 0;

        // Patients of the register who are not at the clinic today (the end of the register, MRN order).
        var next = DemoClinic.PatientCount - 40;
        async Task<int> NextPatientAsync()
        {
            while (next <= DemoClinic.PatientCount)
            {
                var mrn = $"HMS/{next++:D6}";
                var found = (await patients.SearchAsync(mrn, 0, 1, ct)).FirstOrDefault(p => p.Mrn == mrn);
                if (found is not null)
                    return found.PatientId;
            }
            throw new InvalidOperationException("Demo billing ran out of demo patients.");
        }

        // A new draft for a patient without a visit, with the given services; returns the draft invoice's id.
        async Task<int> DraftAsync(params (string Code, decimal Quantity)[] services)
        {
            var patient = await NextPatientAsync();
            ServiceChargeResult? last = null;
            foreach (var (code, quantity) in services)
                last = await charges.AddServiceChargeAsync(patient, null, ids[code], quantity, null, ct);
            var drafts = await invoices.SearchAsync(new InvoiceSearchFilter { Status = "draft" }, 0, 100, ct);
            made++;
            return drafts.First(d => d.PatientId == patient && d.VisitId is null).InvoiceId;
        }

        async Task<int> IssuedAsync(params (string Code, decimal Quantity)[] services)
        {
            var id = await DraftAsync(services);
            await invoices.IssueAsync(id, ct);
            return id;
        }

        async Task<PaymentResult> PayAsync(PaymentProcedures by, int invoiceId, PaymentInput input)
        {
            paid++;
            return await by.TakeAsync(invoiceId, input, ct);
        }

        static string Ref(string prefix, int n) => $"{prefix}{DateTime.Today:yyMMdd}{n:D4}";

        // Today's consultations: the drafts of completed visits are issued; a visit still open keeps its draft.
        var visitDrafts = (await invoices.SearchAsync(new InvoiceSearchFilter { Status = "draft" }, 0, 100, ct))
            .Where(d => d.VisitId is not null && d.Total > 0)
            .OrderBy(d => d.InvoiceId)
            .ToList();
        if (visitDrafts.Count > 0)
        {
            // The first: a medical certificate added, issued, not yet paid.
            await charges.AddServiceChargeAsync(visitDrafts[0].PatientId, visitDrafts[0].VisitId, ids["OTH-CERT"], 1m, "For the employer", ct);
            await invoices.IssueAsync(visitDrafts[0].InvoiceId, ct);
            made++;
        }
        if (visitDrafts.Count > 1)
        {
            // The second: the wound was dressed too; part paid by mobile money, the rest owed.
            await charges.AddServiceChargeAsync(visitDrafts[1].PatientId, visitDrafts[1].VisitId, ids["PROC-DRESS"], 1m, null, ct);
            var issued = await invoices.IssueAsync(visitDrafts[1].InvoiceId, ct);
            await PayAsync(payments, visitDrafts[1].InvoiceId, new PaymentInput
            {
                Method = "mobile_money", Amount = Math.Floor(issued.Total / 2_000m) * 1_000m, Provider = "MTN Mobile Money", Reference = Ref("MP", 1),
            });
            made++;
        }

        // Left as drafts: a visit's charges still open, and a patient's services not yet billed.
        await DraftAsync(("OTH-CARD", 1m), ("PROC-NEB", 1m));

        // Issued, nothing paid yet.
        await IssuedAsync(("PROC-ECG", 1m), ("OTH-REPORT", 1m));

        // Partially paid by mobile money (Airtel).
        var partial = await IssuedAsync(("PROC-SUTURE", 1m), ("PROC-DRESS", 2m));
        await PayAsync(payments, partial, new PaymentInput { Method = "mobile_money", Amount = 40_000m, Provider = "Airtel Money", Reference = Ref("AM", 2) });

        // Paid: cash with change; mobile money then cash; card; bank transfer.
        var cash = await IssuedAsync(("PROC-IV", 1m), ("OTH-CARD", 1m));
        await PayAsync(payments, cash, new PaymentInput { Method = "cash", Amount = 30_000m, Tendered = 50_000m });
        var mixed = await IssuedAsync(("PROC-USS-OB", 1m));
        await PayAsync(payments, mixed, new PaymentInput { Method = "mobile_money", Amount = 40_000m, Provider = "MTN Mobile Money", Reference = Ref("MP", 3) });
        await PayAsync(payments, mixed, new PaymentInput { Method = "cash", Amount = 20_000m, Tendered = 20_000m });
        var card = await IssuedAsync(("PROC-ECG", 1m), ("OTH-CERT", 1m));
        await PayAsync(payments, card, new PaymentInput { Method = "card", Amount = 60_000m, Reference = "POS 004417" });
        var bank = await IssuedAsync(("OTH-REPORT", 2m));
        await PayAsync(payments, bank, new PaymentInput { Method = "bank_transfer", Amount = 60_000m, Reference = "Stanbic TT 88213" });

        // Paid in cash, then part refunded: the dressing was not done.
        var refunded = await IssuedAsync(("PROC-ID", 1m), ("PROC-DRESS", 1m));
        var refundable = await PayAsync(payments, refunded, new PaymentInput { Method = "cash", Amount = 65_000m, Tendered = 70_000m });
        await payments.RefundAsync(refundable.PaymentId, 15_000m, "Dressing not done: the patient was referred", ct);

        // A discount below the approval threshold counts at once; then paid in cash.
        var discounted = await DraftAsync(("PROC-FILL", 1m));
        await invoices.RequestAdjustmentAsync(discounted, "discount", 10_000m, "Staff family member", ct);
        var discountedIssued = await invoices.IssueAsync(discounted, ct);
        await PayAsync(payments, discounted, new PaymentInput { Method = "cash", Amount = discountedIssued.Total });

        // A waiver above the threshold waits for the administrator.
        var waived = await IssuedAsync(("OTH-AMB", 1m));
        await invoices.RequestAdjustmentAsync(waived, "waiver", 60_000m, "Emergency transfer of a child: the family cannot pay", ct);

        // Void: issued to the wrong patient.
        var wrong = await IssuedAsync(("PROC-EXTRACT", 1m));
        await invoices.VoidAsync(wrong, "Issued to the wrong patient", ct);

        // Credited: the nebuliser broke before the treatment.
        var credited = await IssuedAsync(("PROC-NEB", 1m));
        await invoices.AddCreditNoteAsync(credited, 20_000m, "Not given: the nebuliser was out of order", ct);

        // An overpayment on purpose: 50,000 for 35,000, the rest held as the patient's credit for the next visit.
        var overpaid = await IssuedAsync(("PROC-EXTRACT", 1m));
        await PayAsync(payments, overpaid, new PaymentInput { Method = "cash", Amount = 50_000m, Tendered = 50_000m, KeepAsCredit = true });

        // The front desk takes two payments and closes its day: the cash counted is 500 short.
        var frontDesk = new PaymentProcedures(runner, reception);
        var desk1 = await IssuedAsync(("OTH-CARD", 1m), ("OTH-CERT", 1m));
        await PayAsync(frontDesk, desk1, new PaymentInput { Method = "cash", Amount = 15_000m, Tendered = 20_000m });
        var desk2 = await IssuedAsync(("PROC-DRESS", 1m));
        await PayAsync(frontDesk, desk2, new PaymentInput { Method = "mobile_money", Amount = 15_000m, Provider = "MTN Mobile Money", Reference = Ref("MP", 4) });
        var expected = (await frontDesk.CashUpPreviewAsync(null, ct)).ToDictionary(l => l.Method, l => l.Expected);
        var counted = expected.ToDictionary(e => e.Key, e => e.Key == "cash" ? Math.Max(e.Value - 500m, 0m) : e.Value);
        await frontDesk.CashUpCloseAsync(counted, null, "Cash 500 short: change given twice", ct);

        logger.LogInformation("Demo billing: {Services} services, {Invoices} invoices, {Payments} payments in {Seconds:0.0} s",
            ids.Count, made, paid, watch.Elapsed.TotalSeconds);
        return new DemoBillingSummary(false, ids.Count, made, paid, watch.Elapsed);
    }
}
