using Clinic.Data.Billing;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The analysts' billing views (db/views/rpt_revenue_daily.sql, rpt_receivables_ageing.sql,
/// rpt_payment_method_mix.sql, rpt_claim_status.sql), read as the analyst account on databases of their
/// own, so every number can be asserted exactly. Invoices, payments, refunds, discounts, credit notes and
/// voids go through the billing procedures as a billing clerk, and an insured invoice's claim, outcome and
/// remittance through the claim procedures. Written as the schema owner: the passing of time (an issue date
/// weeks ago), and the claims of the per-status test (every status and a known turnaround in days).
/// </summary>
public class BillingReportTests
{
    private static readonly string[] Views = ["rpt_revenue_daily", "rpt_receivables_ageing", "rpt_payment_method_mix", "rpt_claim_status"];

    /// <summary>Columns that would identify a patient (or point to a record that does) never appear in an rpt_* view.</summary>
    private static readonly string[] Identifying =
    [
        "patient_id", "mrn", "given_name", "family_name", "patient_name", "phone", "email", "address", "date_of_birth",
        "national_id", "member_number", "holder_name", "invoice_id", "invoice_number", "receipt_number", "claim_number",
        "visit_id", "emergency_contact_name", "emergency_contact_phone", "reference",
    ];

    public sealed record RevenueRow
    {
        public DateTime BusinessDay { get; init; }
        public string Department { get; init; } = "";
        public string CategoryCode { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string PayerType { get; init; } = "";
        public string Payer { get; init; } = "";
        public long InvoiceLines { get; init; }
        public decimal Charged { get; init; }
        public decimal PatientShare { get; init; }
        public decimal InsurerShare { get; init; }
        public decimal Discounted { get; init; }
        public decimal Credited { get; init; }
        public decimal Net { get; init; }
    }

    public sealed record MixRow
    {
        public DateTime BusinessDay { get; init; }
        public string Method { get; init; } = "";
        public long Payments { get; init; }
        public decimal Amount { get; init; }
        public decimal HeldAsCredit { get; init; }
        public long Refunds { get; init; }
        public decimal Refunded { get; init; }
        public decimal Net { get; init; }
    }

    public sealed record AgeingRow
    {
        public string DebtorType { get; init; } = "";
        public int? PayerId { get; init; }
        public string PayerName { get; init; } = "";
        public long OpenItems { get; init; }
        public decimal Days_0_30 { get; init; }
        public decimal Days_31_60 { get; init; }
        public decimal Days_61_90 { get; init; }
        public decimal Days_over_90 { get; init; }
        public decimal Outstanding { get; init; }
        public DateTime OldestIssuedOn { get; init; }
    }

    public sealed record ClaimStatusRow
    {
        public int PayerId { get; init; }
        public string PayerName { get; init; } = "";
        public string PayerType { get; init; } = "";
        public string Status { get; init; } = "";
        public long Claims { get; init; }
        public decimal Claimed { get; init; }
        public decimal Accepted { get; init; }
        public decimal Paid { get; init; }
        public decimal Rejected { get; init; }
        public decimal? AvgDaysToDecision { get; init; }
    }

    private static async Task<IReadOnlyList<T>> AsAnalystAsync<T>(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync(db.Analyst);
        return (await connection.QueryAsync<T>(sql)).AsList();
    }

    private static async Task<int> DraftOfChargeAsync(TestDatabase db, int chargeId) =>
        await db.ScalarAsync<int>("SELECT invoice_id FROM charge WHERE charge_id = @chargeId", new { chargeId });

    /// <summary>Time passing: the invoice was issued <paramref name="days"/> days ago (the schema owner moves the date; nothing else changes).</summary>
    private static Task BackdateIssueAsync(TestDatabase db, int invoiceId, int days) =>
        db.OwnerExecuteAsync("UPDATE invoice SET issued_at = issued_at - INTERVAL @days DAY WHERE invoice_id = @invoiceId", new { invoiceId, days });

    [Test]
    public async Task Revenue_payment_mix_and_patient_ageing_add_up_to_what_the_clerk_did()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var clerk = await db.NewClerkAsync();
        var billing = db.BillingAs(clerk);
        var invoices = db.InvoicesAs(clerk);
        var payments = db.PaymentsAs(clerk);
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        // A: a visit (consultation 10,000 when it opened), a lab test of 5,000, a procedure of 7,000.
        var visit = await db.NewOpenVisitAsync();
        var specialisation = await db.ScalarAsync<string>(
            "SELECT sp.name FROM staff s JOIN specialisation sp ON sp.specialisation_id = s.specialisation_id WHERE s.staff_id = @id",
            new { id = visit.DoctorStaffId });
        var labTest = await db.NewLabTestAsync(price: 5_000m);
        await db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, labTest, "Routine check");
        var procedure = await db.NewServiceAsync(7_000m, ServiceCategory.Procedure);
        await billing.AddServiceChargeAsync(visit.PatientId, visit.VisitId, procedure);
        var a = (await db.InvoicesOfVisitAsync(visit.VisitId)).Single().InvoiceId;
        Assert.That((await invoices.IssueAsync(a)).Total, Is.EqualTo(22_000m));
        await payments.TakeAsync(a, new PaymentInput { Method = "mobile_money", Amount = 12_000m, Provider = "MTN", Reference = "TX" + Guid.NewGuid().ToString("N")[..10] });
        var cash = await payments.TakeAsync(a, new PaymentInput { Method = "cash", Amount = 5_000m, Tendered = 10_000m });
        await payments.RefundAsync(cash.PaymentId, 2_000m, "Charged twice for the dressing");
        var credit = await invoices.AddCreditNoteAsync(a, 3_000m, "Consultation fee reduced by the doctor");
        Assert.That((credit.Total, credit.PaidTotal, credit.Status), Is.EqualTo((19_000m, 15_000m, "partially_paid")));

        // B: no visit, another service 4,000 x 2, paid by card.
        var other = await db.NewServiceAsync(4_000m);
        var b = await DraftOfChargeAsync(db, (await billing.AddServiceChargeAsync(await db.NewPatientAsync(), null, other, 2m)).ChargeId);
        await invoices.IssueAsync(b);
        await payments.TakeAsync(b, new PaymentInput { Method = "card", Amount = 8_000m, Reference = "slip 42" });

        // C: issued, then void (never revenue); D: left a draft (not yet revenue).
        var c = await DraftOfChargeAsync(db, (await billing.AddServiceChargeAsync(await db.NewPatientAsync(), null, other)).ChargeId);
        await invoices.IssueAsync(c);
        await invoices.VoidAsync(c, "Wrong patient");
        await billing.AddServiceChargeAsync(await db.NewPatientAsync(), null, other, 3m);

        // E: a 20,000 service with a 5,000 discount (below the approval threshold: counts at once), issued, unpaid.
        var big = await db.NewServiceAsync(20_000m);
        var e = await DraftOfChargeAsync(db, (await billing.AddServiceChargeAsync(await db.NewPatientAsync(), null, big)).ChargeId);
        Assert.That((await invoices.RequestAdjustmentAsync(e, "discount", 5_000m, "Staff relative")).Status, Is.EqualTo("approved"));
        Assert.That((await invoices.IssueAsync(e)).Total, Is.EqualTo(15_000m));

        // F, G, H: unpaid invoices of 4,000 issued 45, 75 and 120 days ago (one 8,000 part-paid in cash today).
        var aged = new List<int>();
        foreach (var (days, quantity) in new[] { (45, 1m), (75, 1m), (120, 2m) })
        {
            var id = await DraftOfChargeAsync(db, (await billing.AddServiceChargeAsync(await db.NewPatientAsync(), null, other, quantity)).ChargeId);
            await invoices.IssueAsync(id);
            await BackdateIssueAsync(db, id, days);
            aged.Add(id);
        }
        await payments.TakeAsync(aged[2], new PaymentInput { Method = "cash", Amount = 1_000m });

        var today = await db.TodayAsync();
        var revenue = await AsAnalystAsync<RevenueRow>(db, "SELECT * FROM rpt_revenue_daily ORDER BY business_day, department, category_code");
        var todays = revenue.Where(r => r.BusinessDay == today).ToDictionary(r => (r.Department, r.CategoryCode));
        Assert.That(todays.Keys, Is.EquivalentTo(new[]
        {
            (specialisation, "consultation"), ("Laboratory", "lab"), (specialisation, "procedure"), ("General services", "other"),
        }));
        Assert.That(todays.Values.Select(r => (r.PayerType, r.Payer)).Distinct(), Is.EqualTo(new[] { ("self_pay", "patient") }));
        var consultation = todays[(specialisation, "consultation")];
        Assert.That((consultation.CategoryName, consultation.InvoiceLines, consultation.Charged, consultation.PatientShare, consultation.InsurerShare,
                consultation.Discounted, consultation.Credited, consultation.Net),
            Is.EqualTo(("Consultation", 1L, 10_000m, 10_000m, 0m, 0m, 3_000m, 7_000m)), "the credit note is spread over the lines in line order");
        Assert.That((todays[("Laboratory", "lab")].Charged, todays[("Laboratory", "lab")].Credited), Is.EqualTo((5_000m, 0m)));
        Assert.That(todays[(specialisation, "procedure")].Charged, Is.EqualTo(7_000m));
        var general = todays[("General services", "other")];
        Assert.That((general.InvoiceLines, general.Charged, general.Discounted, general.Credited, general.Net),
            Is.EqualTo((2L, 28_000m, 5_000m, 0m, 23_000m)), "B and E today; the void C and the draft D are not revenue");
        var earlier = revenue.Where(r => r.BusinessDay < today).Select(r => (r.BusinessDay, r.Charged)).ToList();
        Assert.That(earlier, Is.EqualTo(new[] { (today.AddDays(-120), 8_000m), (today.AddDays(-75), 4_000m), (today.AddDays(-45), 4_000m) }));
        Assert.That(revenue.Sum(r => r.Net), Is.EqualTo(
            await db.ScalarAsync<decimal>("SELECT SUM(total) FROM invoice WHERE status NOT IN ('draft', 'void')")), "net revenue is what the issued invoices owe");

        var mix = (await AsAnalystAsync<MixRow>(db, "SELECT * FROM rpt_payment_method_mix")).ToDictionary(r => r.Method);
        Assert.That(mix.Values.Select(r => r.BusinessDay).Distinct(), Is.EqualTo(new[] { today }));
        Assert.That(mix.Keys, Is.EquivalentTo(new[] { "cash", "mobile_money", "card" }));
        Assert.That((mix["cash"].Payments, mix["cash"].Amount, mix["cash"].Refunds, mix["cash"].Refunded, mix["cash"].Net),
            Is.EqualTo((2L, 6_000m, 1L, 2_000m, 4_000m)));
        Assert.That((mix["mobile_money"].Payments, mix["mobile_money"].Amount, mix["mobile_money"].Net), Is.EqualTo((1L, 12_000m, 12_000m)));
        Assert.That((mix["card"].Payments, mix["card"].Amount, mix["card"].Refunded, mix["card"].Net), Is.EqualTo((1L, 8_000m, 0m, 8_000m)));
        Assert.That(mix.Values.Sum(r => r.Net), Is.EqualTo(await db.ScalarAsync<decimal>("SELECT SUM(paid_total) FROM invoice")),
            "what the clinic kept is what the invoices show as paid");

        var ageing = await AsAnalystAsync<AgeingRow>(db, "SELECT * FROM rpt_receivables_ageing");
        var patients = ageing.Single();
        Assert.That((patients.DebtorType, patients.PayerId, patients.PayerName), Is.EqualTo(("patient", (int?)null, "patient")));
        // A owes 4,000 and E 15,000 (today), F 4,000 (45 days), G 4,000 (75 days), H 8,000 - 1,000 (120 days).
        Assert.That((patients.OpenItems, patients.Days_0_30, patients.Days_31_60, patients.Days_61_90, patients.Days_over_90, patients.Outstanding),
            Is.EqualTo((5L, 19_000m, 4_000m, 4_000m, 7_000m, 34_000m)));
        Assert.That(patients.OldestIssuedOn, Is.EqualTo(today.AddDays(-120)));
        Assert.That(patients.Outstanding, Is.EqualTo(
            await db.ScalarAsync<decimal>("SELECT SUM(total - paid_total) FROM invoice WHERE status NOT IN ('draft', 'void')")));
    }

    [Test]
    public async Task Claims_are_summed_per_payer_and_status_and_insurers_owe_what_is_submitted_or_accepted_and_unpaid()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var clerk = await db.NewClerkAsync();
        var billing = db.BillingAs(clerk);
        var invoices = db.InvoicesAs(clerk);
        var service = await db.NewServiceAsync(10_000m);
        var admin = await db.AdminIdAsync();

        // Claims in every status with submission and decision days in the past: written as the schema owner (the
        // procedures stamp "now"); the invoices are issued through invoice_issue.
        await db.OwnerExecuteAsync("INSERT INTO payer (name, payer_type) VALUES ('Jubilee Health', 'insurer'), ('Stanbic Staff Scheme', 'employer')");
        var jubilee = await db.ScalarAsync<int>("SELECT payer_id FROM payer WHERE name = 'Jubilee Health'");
        var scheme = await db.ScalarAsync<int>("SELECT payer_id FROM payer WHERE name = 'Stanbic Staff Scheme'");
        var n = 0;
        async Task<int> ClaimAsync(int payer, string status, decimal claimed, decimal accepted, decimal paid, int? submittedDaysAgo,
            int? decidedDaysAgo, int issuedDaysAgo = 0)
        {
            n++;
            var patient = await db.NewPatientAsync();
            var invoice = await DraftOfChargeAsync(db, (await billing.AddServiceChargeAsync(patient, null, service)).ChargeId);
            await invoices.IssueAsync(invoice);
            if (issuedDaysAgo > 0)
                await BackdateIssueAsync(db, invoice, issuedDaysAgo);
            await db.OwnerExecuteAsync(
                """
                INSERT INTO claim (claim_number, payer_id, invoice_id, status, claimed_amount, accepted_amount, paid_amount,
                                   submitted_at, submitted_by, decided_at, created_by)
                VALUES (CONCAT('CLM-T', @n), @payer, @invoice, @status, @claimed, @accepted, @paid,
                        NOW() - INTERVAL @submitted DAY, IF(@submitted IS NULL, NULL, @admin), NOW() - INTERVAL @decided DAY, @admin)
                """, new { n, payer, invoice, status, claimed, accepted, paid, submitted = submittedDaysAgo, decided = decidedDaysAgo, admin });
            return invoice;
        }

        await ClaimAsync(jubilee, "draft", 1_000m, 0m, 0m, null, null);
        await ClaimAsync(jubilee, "submitted", 6_000m, 0m, 0m, 2, null);
        await ClaimAsync(jubilee, "submitted", 4_000m, 0m, 0m, 3, null, issuedDaysAgo: 70);
        await ClaimAsync(jubilee, "partially_accepted", 10_000m, 7_000m, 2_000m, 10, 4, issuedDaysAgo: 35);
        await ClaimAsync(jubilee, "rejected", 4_000m, 0m, 0m, 6, 4);
        await ClaimAsync(jubilee, "paid", 8_000m, 8_000m, 8_000m, 20, 12);
        await ClaimAsync(scheme, "accepted", 5_000m, 5_000m, 0m, 9, 1, issuedDaysAgo: 100);

        var status = (await AsAnalystAsync<ClaimStatusRow>(db, "SELECT * FROM rpt_claim_status")).ToDictionary(r => (r.PayerName, r.Status));
        Assert.That(status.Keys, Is.EquivalentTo(new[]
        {
            ("Jubilee Health", "draft"), ("Jubilee Health", "submitted"), ("Jubilee Health", "partially_accepted"),
            ("Jubilee Health", "rejected"), ("Jubilee Health", "paid"), ("Stanbic Staff Scheme", "accepted"),
        }));
        ClaimStatusRow Row(string payer, string s) => status[(payer, s)];
        Assert.That((Row("Jubilee Health", "submitted").Claims, Row("Jubilee Health", "submitted").Claimed, Row("Jubilee Health", "submitted").Rejected,
            Row("Jubilee Health", "submitted").AvgDaysToDecision), Is.EqualTo((2L, 10_000m, 0m, (decimal?)null)));
        var partial = Row("Jubilee Health", "partially_accepted");
        Assert.That((partial.Claims, partial.Claimed, partial.Accepted, partial.Paid, partial.Rejected, partial.AvgDaysToDecision),
            Is.EqualTo((1L, 10_000m, 7_000m, 2_000m, 3_000m, (decimal?)6.0m)));
        var rejected = Row("Jubilee Health", "rejected");
        Assert.That((rejected.Claimed, rejected.Accepted, rejected.Rejected, rejected.AvgDaysToDecision), Is.EqualTo((4_000m, 0m, 4_000m, (decimal?)2.0m)));
        Assert.That((Row("Jubilee Health", "paid").Paid, Row("Jubilee Health", "paid").Rejected), Is.EqualTo((8_000m, 0m)));
        Assert.That((Row("Stanbic Staff Scheme", "accepted").PayerType, Row("Stanbic Staff Scheme", "accepted").AvgDaysToDecision),
            Is.EqualTo(("employer", (decimal?)8.0m)));
        Assert.That(Row("Jubilee Health", "draft").Claimed, Is.EqualTo(1_000m));

        var ageing = (await AsAnalystAsync<AgeingRow>(db, "SELECT * FROM rpt_receivables_ageing WHERE debtor_type = 'insurer'"))
            .ToDictionary(r => r.PayerName);
        // Jubilee: submitted 6,000 (today) and 4,000 (70 days), accepted 7,000 less 2,000 paid (35 days); the draft,
        // the rejected and the paid claim owe nothing. The scheme: 5,000 accepted, unpaid, issued 100 days ago.
        var j = ageing["Jubilee Health"];
        Assert.That((j.PayerId, j.OpenItems, j.Days_0_30, j.Days_31_60, j.Days_61_90, j.Days_over_90, j.Outstanding),
            Is.EqualTo(((int?)jubilee, 3L, 6_000m, 5_000m, 4_000m, 0m, 15_000m)));
        var s = ageing["Stanbic Staff Scheme"];
        Assert.That((s.PayerId, s.OpenItems, s.Days_over_90, s.Outstanding), Is.EqualTo(((int?)scheme, 1L, 5_000m, 5_000m)));
    }

    [Test]
    public async Task An_insured_invoice_its_claim_and_remittance_show_in_every_view_through_the_claim_procedures()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var clerk = await db.NewClerkAsync();
        var (payerId, planId) = await db.NewPlanAsync(null, new RuleSpec("consultation", 80m), new RuleSpec("procedure", 50m));
        var payer = await db.ScalarAsync<string>("SELECT name FROM payer WHERE payer_id = @payerId", new { payerId });
        var (patientId, _) = await db.NewInsuredPatientAsync(planId);
        var invoiceId = await db.NewDraftWithLinesAsync(patientId, ("consultation", 10_000m, 0), ("procedure", 6_000m, 0));
        await db.InvoicesAs(clerk).IssueAsync(invoiceId);
        var claims = db.ClaimsAs(clerk);
        var claimId = await db.ClaimIdOfAsync(invoiceId);
        var claim = (await claims.GetAsync(claimId))!;
        Assert.That(claim.Claim.ClaimedAmount, Is.EqualTo(11_000m), "80% of 10,000 and 50% of 6,000");
        await claims.SubmitAsync(claimId);
        var consultationLine = claim.Lines.Single(l => l.CategoryCode == "consultation");
        var procedureLine = claim.Lines.Single(l => l.CategoryCode == "procedure");
        await claims.RecordOutcomeAsync(claimId,
            [new ClaimLineOutcome(consultationLine.ClaimLineId, 8_000m, null), new ClaimLineOutcome(procedureLine.ClaimLineId, 1_000m, "Above the scheme's tariff")]);
        var remittance = await claims.AddRemittanceAsync(payerId, "EFT-1", 5_000m, await db.TodayAsync());
        await claims.AllocateAsync(remittance, [new RemittanceAllocationInput(consultationLine.ClaimLineId, 5_000m)]);
        await db.PaymentsAs(clerk).TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = 2_000m });

        var revenue = (await AsAnalystAsync<RevenueRow>(db, "SELECT * FROM rpt_revenue_daily")).ToDictionary(r => r.CategoryCode);
        Assert.That(revenue.Values.Select(r => (r.PayerType, r.Payer, r.Department)).Distinct(), Is.EqualTo(new[] { ("insurer", payer, "General services") }));
        Assert.That((revenue["consultation"].Charged, revenue["consultation"].PatientShare, revenue["consultation"].InsurerShare), Is.EqualTo((10_000m, 2_000m, 8_000m)));
        Assert.That((revenue["procedure"].Charged, revenue["procedure"].PatientShare, revenue["procedure"].InsurerShare), Is.EqualTo((6_000m, 3_000m, 3_000m)));

        var status = (await AsAnalystAsync<ClaimStatusRow>(db, "SELECT * FROM rpt_claim_status")).Single();
        Assert.That((status.PayerId, status.Status, status.Claims, status.Claimed, status.Accepted, status.Paid, status.Rejected),
            Is.EqualTo((payerId, "partially_accepted", 1L, 11_000m, 9_000m, 5_000m, 2_000m)));
        Assert.That(status.AvgDaysToDecision, Is.EqualTo(0.0m), "decided the moment it was submitted");

        var mix = (await AsAnalystAsync<MixRow>(db, "SELECT * FROM rpt_payment_method_mix")).ToDictionary(r => r.Method);
        Assert.That((mix["insurer"].Payments, mix["insurer"].Net, mix["cash"].Net), Is.EqualTo((1L, 5_000m, 2_000m)));

        // The insurer owes what it accepted and has not paid (9,000 - 5,000); the patient their share less what they paid
        // (5,000 - 2,000). The refused 2,000 is owed by nobody until the clerk moves it to the patient.
        async Task<Dictionary<string, AgeingRow>> AgeingAsync() =>
            (await AsAnalystAsync<AgeingRow>(db, "SELECT * FROM rpt_receivables_ageing")).ToDictionary(r => r.DebtorType);
        var ageing = await AgeingAsync();
        Assert.That((ageing["insurer"].PayerId, ageing["insurer"].Days_0_30, ageing["patient"].Days_0_30), Is.EqualTo(((int?)payerId, 4_000m, 3_000m)));
        await claims.MoveToPatientAsync(procedureLine.ClaimLineId);
        ageing = await AgeingAsync();
        Assert.That((ageing["insurer"].Outstanding, ageing["patient"].Outstanding), Is.EqualTo((4_000m, 5_000m)));
    }

    /// <summary>
    /// rpt_revenue_daily as it was computed live before the summary (0076): every invoice's discounts and credit notes
    /// spread over its lines with window functions on each query. The summary must give the same rows.
    /// </summary>
    private const string LiveRevenueSql =
        """
        SELECT e.business_day,
               ln.department,
               ln.category_code,
               sc.name AS category_name,
               ln.payer_type,
               ln.payer,
               SUM(CASE WHEN e.kind = 'issue' THEN 1 ELSE 0 END) AS invoice_lines,
               SUM(CASE WHEN e.kind = 'issue' THEN ln.amount ELSE 0 END) AS charged,
               SUM(CASE WHEN e.kind = 'issue' THEN ln.patient_share ELSE 0 END) AS patient_share,
               SUM(CASE WHEN e.kind = 'issue' THEN ln.insurer_share ELSE 0 END) AS insurer_share,
               SUM(CASE WHEN e.kind = 'discount'
                        THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                        ELSE 0 END) AS discounted,
               SUM(CASE WHEN e.kind = 'credit'
                        THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                        ELSE 0 END) AS credited,
               SUM(CASE WHEN e.kind = 'issue' THEN ln.amount
                        ELSE -GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                        END) AS net
          FROM (SELECT l.invoice_id,
                       l.category_code,
                       l.amount,
                       l.patient_share,
                       l.insurer_share,
                       GREATEST(l.amount, 0) AS spread_amount,
                       SUM(GREATEST(l.amount, 0)) OVER (PARTITION BY l.invoice_id ORDER BY l.invoice_line_id) AS spread_to,
                       CASE l.category_code
                           WHEN 'lab' THEN 'Laboratory'
                           WHEN 'medication' THEN 'Pharmacy'
                           ELSE COALESCE(vsp.name, ssp.name, 'General services') END AS department,
                       COALESCE(py.payer_type, 'self_pay') AS payer_type,
                       COALESCE(py.name, 'patient') AS payer
                  FROM invoice_line AS l
                  JOIN invoice AS i ON i.invoice_id = l.invoice_id
                  JOIN charge AS c ON c.charge_id = l.charge_id
                  LEFT JOIN visit AS v ON v.visit_id = c.visit_id
                  LEFT JOIN staff AS vd ON vd.staff_id = v.staff_id
                  LEFT JOIN specialisation AS vsp ON vsp.specialisation_id = vd.specialisation_id
                  LEFT JOIN service AS s ON s.service_id = c.service_id
                  LEFT JOIN staff AS sd ON sd.staff_id = s.staff_id
                  LEFT JOIN specialisation AS ssp ON ssp.specialisation_id = COALESCE(s.specialisation_id, sd.specialisation_id)
                  LEFT JOIN invoice_insurance AS ii ON ii.invoice_id = i.invoice_id
                  LEFT JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
                  LEFT JOIN insurance_plan AS ip ON ip.insurance_plan_id = pp.insurance_plan_id
                  LEFT JOIN payer AS py ON py.payer_id = ip.payer_id
                 WHERE i.status NOT IN ('draft', 'void')) AS ln
          JOIN (SELECT i.invoice_id, DATE(i.issued_at) AS business_day, 'issue' AS kind, 0 AS spread_from, 0 AS spread_to
                  FROM invoice AS i
                 WHERE i.status NOT IN ('draft', 'void')
                UNION ALL
                SELECT r.invoice_id, r.business_day, r.kind, r.spread_to - r.amount, r.spread_to
                  FROM (SELECT x.invoice_id, x.business_day, x.kind, x.amount,
                               SUM(x.amount) OVER (PARTITION BY x.invoice_id ORDER BY x.business_day, x.kind, x.row_id) AS spread_to
                          FROM (SELECT a.invoice_id,
                                       GREATEST(DATE(i.issued_at), DATE(COALESCE(a.decided_at, a.requested_at))) AS business_day,
                                       'discount' AS kind, a.amount, a.invoice_adjustment_id AS row_id
                                  FROM invoice_adjustment AS a
                                  JOIN invoice AS i ON i.invoice_id = a.invoice_id
                                 WHERE a.status = 'approved' AND i.status NOT IN ('draft', 'void')
                                UNION ALL
                                SELECT cn.invoice_id, DATE(cn.created_at), 'credit', cn.amount, cn.credit_note_id
                                  FROM credit_note AS cn) AS x) AS r) AS e ON e.invoice_id = ln.invoice_id
          JOIN service_category AS sc ON sc.category_code = ln.category_code
         WHERE e.kind = 'issue'
            OR LEAST(e.spread_to, ln.spread_to) > GREATEST(e.spread_from, ln.spread_to - ln.spread_amount)
         GROUP BY e.business_day, ln.department, ln.category_code, sc.name, ln.payer_type, ln.payer
        """;

    private static async Task AssertRevenueSummaryIsLiveAsync(TestDatabase db, string step)
    {
        static string Row(RevenueRow r) =>
            $"{r.BusinessDay:yyyy-MM-dd}|{r.Department}|{r.CategoryCode}|{r.CategoryName}|{r.PayerType}|{r.Payer}|{r.InvoiceLines}|" +
            $"{r.Charged:0.00}|{r.PatientShare:0.00}|{r.InsurerShare:0.00}|{r.Discounted:0.00}|{r.Credited:0.00}|{r.Net:0.00}";
        var live = (await db.QueryAsync<RevenueRow>(LiveRevenueSql)).Select(Row).Order().ToList();
        var view = (await AsAnalystAsync<RevenueRow>(db, "SELECT * FROM rpt_revenue_daily")).Select(Row).Order().ToList();
        Assert.That(view, Is.EqualTo(live), step);
    }

    [Test]
    public async Task The_revenue_summary_equals_the_live_computation_after_issues_discounts_credit_notes_voids_and_corrections()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var clerk = db.InvoicesAs(await db.NewClerkAsync());
        var admin = db.InvoicesAs(await db.AdminIdAsync());
        var (_, planId) = await db.NewPlanAsync(null, new RuleSpec("consultation", 80m));

        // Two self-pay invoices of three lines each, on the same day and in the same groups, and an insured one.
        var first = await db.NewDraftWithLinesAsync(await db.NewPatientAsync(), ("consultation", 10_000m, 0), ("lab", 5_000m, 0), ("procedure", 7_000m, 0));
        var second = await db.NewDraftWithLinesAsync(await db.NewPatientAsync(), ("consultation", 10_000m, 0), ("lab", 5_000m, 0), ("procedure", 7_000m, 0));
        var insured = await db.NewDraftWithLinesAsync((await db.NewInsuredPatientAsync(planId)).PatientId, ("consultation", 10_000m, 0), ("other", 3_000m, 0));
        await AssertRevenueSummaryIsLiveAsync(db, "drafts are not revenue");
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM report_revenue_day"), Is.Zero, "drafts add nothing");
        foreach (var id in new[] { first, second, insured })
            await clerk.IssueAsync(id);
        await AssertRevenueSummaryIsLiveAsync(db, "issued");
        Assert.That((await AsAnalystAsync<RevenueRow>(db, "SELECT * FROM rpt_revenue_daily WHERE category_code = 'lab'")).Single().Charged,
            Is.EqualTo(10_000m), "two invoices in one group add up");

        // The first was issued three days ago; then a small discount (approved at once) and a large waiver approved later
        // count today, spread over its lines in line order; a credit note follows them.
        await BackdateIssueAsync(db, first, 3);
        await AssertRevenueSummaryIsLiveAsync(db, "issue day corrected");
        await clerk.RequestAdjustmentAsync(first, "discount", 12_000m, "Staff relative");
        await AssertRevenueSummaryIsLiveAsync(db, "a discount approved at once, spread over two lines");
        var waiver = await clerk.RequestAdjustmentAsync(second, "waiver", 15_000m, "Hardship");
        await AssertRevenueSummaryIsLiveAsync(db, "a waiver under the threshold");
        await clerk.AddCreditNoteAsync(first, 6_000m, "Procedure shortened");
        await AssertRevenueSummaryIsLiveAsync(db, "a credit note after the discount");
        await clerk.AddCreditNoteAsync(insured, 1_000m, "Goodwill");
        await AssertRevenueSummaryIsLiveAsync(db, "a credit note on the insured invoice");
        Assert.That(waiver.Status, Is.EqualTo("approved"));

        // A pending discount counts only once an administrator approves it.
        var third = await db.NewDraftWithLinesAsync(await db.NewPatientAsync(), ("procedure", 200_000m, 0));
        await clerk.IssueAsync(third);
        var pending = await clerk.RequestAdjustmentAsync(third, "waiver", 60_000m, "Hardship");
        Assert.That(pending.Status, Is.EqualTo("pending"));
        await AssertRevenueSummaryIsLiveAsync(db, "a pending waiver is not counted");
        await admin.DecideAdjustmentAsync(pending.InvoiceAdjustmentId, true);
        await AssertRevenueSummaryIsLiveAsync(db, "the waiver approved");

        // A void takes the whole invoice away, with its discount; the day rows it alone held go too.
        await clerk.VoidAsync(second, "Wrong patient");
        await AssertRevenueSummaryIsLiveAsync(db, "the second voided");
        await clerk.VoidAsync(third, "Entered twice");
        await AssertRevenueSummaryIsLiveAsync(db, "the third voided");
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM report_revenue_day WHERE events = 0"), Is.Zero, "no empty day rows are left");
        Assert.That(await db.ScalarAsync<long>(
                "SELECT COUNT(*) FROM report_revenue_invoice WHERE invoice_id IN (@second, @third)", new { second, third }),
            Is.Zero, "a void invoice keeps no share");
        Assert.That((await AsAnalystAsync<RevenueRow>(db, "SELECT * FROM rpt_revenue_daily")).Sum(r => r.Net), Is.EqualTo(
            await db.ScalarAsync<decimal>("SELECT SUM(total) FROM invoice WHERE status NOT IN ('draft', 'void')")));
    }

    [Test]
    public async Task The_analyst_reads_every_billing_view_and_no_rpt_view_has_an_identifying_column()
    {
        var db = DatabaseFixture.Main;
        await using var analyst = await db.OpenAsync(db.Analyst);
        foreach (var view in Views)
            await analyst.QueryAsync($"SELECT * FROM {view} LIMIT 5"); // throws if the analyst may not read it

        var columns = (await analyst.QueryAsync<(string View, string Column)>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position")).ToList();
        Assert.That(columns.Select(c => c.View).Distinct(), Is.SupersetOf(Views), "the analyst sees the billing views");
        Assert.That(columns.Select(c => c.View).Distinct(), Has.All.StartWith("rpt_"), "and nothing but rpt_* views");
        var identifying = columns.Where(c => Identifying.Contains(c.Column.ToLowerInvariant())).ToList();
        Assert.That(identifying, Is.Empty);

        // The tables behind them stay closed to the analyst.
        foreach (var table in new[] { "invoice", "invoice_line", "payment", "refund", "credit_note", "claim", "payer", "patient_policy" })
        {
            var ex = await Assert.CatchAsync<MySqlException>(async () => await analyst.QueryAsync($"SELECT * FROM {table} LIMIT 1"), table);
            Assert.That(ex!.Number, Is.EqualTo(1142), table);
        }
    }
}
