using Dapper;
using AppointmentData = Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind invoice (internal/import_invoice_check and _apply, migration 0108): the bills of past visits, one
/// row per line, with their payments. Every rule reported by line, column and code; good invoices written as the
/// screens bill a visit (charges, the invoice issued on the visit's day, payments), with the totals, the balance and
/// the status computed by the database, the revenue summary and the audit trail; a file imported again is a no-op.
/// </summary>
public class ImportInvoiceTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind invoice, in the canonical column order (positions 1-9).</summary>
    private static string?[] Row(string? visit, string? service, string? invoice = null, string? quantity = null, string? paid = null,
        string? method = null, string? provider = null, string? reference = null, string? paidOn = null) =>
        [invoice, visit, service, quantity, paid, method, provider, reference, paidOn];

    /// <summary>
    /// Completed appointments of a new doctor and patient, each one day further back (10+ days ago), and their visits
    /// imported: returns the visits' external ids, ids and days.
    /// </summary>
    private static async Task<(string[] Ext, long[] Id, DateTime[] Day)> PastVisitsAsync(int count)
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var (mrn, doctorName) = (await AppointmentData.MrnOfAsync(patient), await AppointmentData.DoctorNameAsync(doctor));
        var tag = "IA-" + ImportKindTestKit.Tag();
        var days = Enumerable.Range(0, count).Select(i => DateTime.Today.AddDays(-10 - i)).ToArray();
        var appointments = days.Select((day, i) => AppointmentData.Row(mrn, doctorName, day.Iso(), "09:00", $"{tag}-{i}", minutes: "20",
            status: "completed", reason: "Fever")).ToArray();
        Assert.That(await AppointmentData.ImportAsync(await AppointmentData.NewBatchAsync(appointments)), Is.Empty);
        var ext = days.Select((_, i) => $"IV-{tag}-{i}").ToArray();
        var visitBatch = await Db.NewBatchAsync("visit", ext.Select((e, i) => new string?[] { e, $"{tag}-{i}" }).ToArray());
        Assert.That(await Db.CheckAndApplyAsync("visit", visitBatch, adminId), Is.Empty);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
            ids[i] = await Db.ScalarAsync<long>("SELECT entity_id FROM import_key WHERE kind = 'visit' AND external_id = @e", new { e = ext[i] });
        return (ext, ids, days);
    }

    /// <summary>
    /// Three new services through the price-list import: a consultation at 30,000 (35,000 from 5 days ago), a procedure
    /// at 15,000, and one priced only from 3 days ago (after every visit of <see cref="PastVisitsAsync"/>).
    /// </summary>
    private static async Task<(string Cons, string Proc, string Late)> ServicesAsync()
    {
        var adminId = await Db.AdminIdAsync();
        var tag = ImportKindTestKit.Tag();
        var (cons, proc, late) = ($"TC-{tag}", $"TP-{tag}", $"TL-{tag}");
        var batch = await Db.NewBatchAsync("price_list",
            [cons, $"Consultation {tag}", "consultation", "30000", DateTime.Today.AddDays(-400).Iso()],
            [cons, $"Consultation {tag}", "consultation", "35000", DateTime.Today.AddDays(-5).Iso()],
            [proc, $"Dressing {tag}", "procedure", "15000", DateTime.Today.AddDays(-400).Iso()],
            [late, $"New service {tag}", "other", "9000", DateTime.Today.AddDays(-3).Iso()]);
        Assert.That(await Db.CheckAndApplyAsync("price_list", batch, adminId), Is.Empty);
        return (cons, proc, late);
    }

    /// <summary>The kind's check and the shared rules as the framework runs them (acting as the administrator), then outcomes and apply.</summary>
    private static async Task<IReadOnlyList<ImportErrorRow>> ImportAsync(int batch)
    {
        var adminId = await Db.AdminIdAsync();
        await using (var connection = await Db.OpenAsync(Db.Migrator))
            await connection.ExecuteAsync("SET @clinic_actor_id = @adminId; CALL import_invoice_check(@batch); " +
                                          "CALL import_batch_check_columns(@batch, 'invoice'); SET @clinic_actor_id = NULL;", new { adminId, batch });
        var errors = await Db.QueryAsync<ImportErrorRow>(
            "SELECT line_no, column_name, cell_value, error_code, message FROM import_error WHERE import_batch_id = @batch " +
            "ORDER BY line_no, import_error_id", new { batch });
        await Db.MarkOutcomesAsync(batch);
        await Db.ApplyAsync("invoice", batch, adminId);
        return errors;
    }

    [Test]
    public async Task Good_invoices_are_charged_issued_on_the_visit_day_and_paid_with_totals_and_status_from_the_database()
    {
        var adminId = await Db.AdminIdAsync();
        var (cons, proc, _) = await ServicesAsync();
        var v = await PastVisitsAsync(3);
        var tag = ImportKindTestKit.Tag();
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        string?[][] file =
        [
            Row(v.Ext[0], cons, $"I-{tag}-1", paid: "40000", method: "Mobile money", provider: "MTN Mobile Money", reference: $"MP-{tag}",
                paidOn: v.Day[0].Iso()),
            Row(v.Ext[0], proc.ToLowerInvariant(), $"I-{tag}-1", quantity: "2", paid: "20000", method: "cash", paidOn: v.Day[0].AddDays(1).Iso()),
            Row(v.Ext[1], cons, $"I-{tag}-2", paid: "10000", method: "card", reference: "SLIP-77"),
            Row(v.Ext[2], cons),
            Row(v.Ext[2], proc, quantity: "0.5"),
        ];
        var batch = await Db.NewBatchAsync("invoice", file);
        var errors = await ImportAsync(batch);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var invoices = (await Db.QueryAsync<(long InvoiceId, long VisitId, string Status, decimal Subtotal, decimal Total, decimal Paid,
            decimal PatientShare, decimal InsurerShare, DateTime IssuedAt, long IssuedBy, string Number)>(
            "SELECT invoice_id, visit_id, status, subtotal, total, paid_total, patient_share, insurer_share, issued_at, issued_by, invoice_number " +
            "FROM invoice WHERE visit_id IN @ids ORDER BY visit_id", new { ids = v.Id })).ToDictionary(i => i.VisitId);
        Assert.That(invoices, Has.Count.EqualTo(3), "one invoice per visit");
        // The price on the visit's day (30,000, not today's 35,000), times the quantity; totals and status by the database.
        Assert.That(invoices.Values.Select(i => (i.VisitId, i.Status, i.Subtotal, i.Total, i.Paid, i.PatientShare, i.InsurerShare, i.IssuedBy)),
            Is.EquivalentTo(new[]
            {
                (v.Id[0], "paid", 60000m, 60000m, 60000m, 60000m, 0m, (long)adminId),
                (v.Id[1], "partially_paid", 30000m, 30000m, 10000m, 30000m, 0m, (long)adminId),
                (v.Id[2], "issued", 37500m, 37500m, 0m, 37500m, 0m, (long)adminId),
            }));
        Assert.That(invoices.Values.Select(i => i.IssuedAt.Date), Is.EquivalentTo(v.Day), "issued on the visit's day");
        Assert.That(invoices.Values.Select(i => i.Number), Has.All.Match(@"^INV-\d{6,}$"));
        Assert.That(outcomes.Select(o => o.EntityId), Is.EqualTo(new long?[]
        {
            invoices[v.Id[0]].InvoiceId, invoices[v.Id[0]].InvoiceId, invoices[v.Id[1]].InvoiceId, invoices[v.Id[2]].InvoiceId,
            invoices[v.Id[2]].InvoiceId,
        }));

        var lines = await Db.QueryAsync<(long InvoiceId, string Category, decimal Quantity, decimal UnitPrice, decimal Amount, DateTime Day,
            string Source, long? ChargeInvoice)>(
            "SELECT l.invoice_id, l.category_code, l.quantity, l.unit_price, l.amount, l.service_date, c.source_type, c.invoice_id " +
            "FROM invoice_line AS l JOIN charge AS c ON c.charge_id = l.charge_id JOIN service_charge AS s ON s.service_charge_id = c.source_id " +
            "WHERE l.invoice_id IN @ids ORDER BY l.invoice_line_id", new { ids = invoices.Values.Select(i => i.InvoiceId).ToArray() });
        Assert.That(lines.Select(l => (l.InvoiceId, l.Category, l.Quantity, l.UnitPrice, l.Amount, l.Day, l.Source, l.ChargeInvoice)), Is.EqualTo(new[]
        {
            (invoices[v.Id[0]].InvoiceId, "consultation", 1m, 30000m, 30000m, v.Day[0], "service_charge", (long?)invoices[v.Id[0]].InvoiceId),
            (invoices[v.Id[0]].InvoiceId, "procedure", 2m, 15000m, 30000m, v.Day[0], "service_charge", (long?)invoices[v.Id[0]].InvoiceId),
            (invoices[v.Id[1]].InvoiceId, "consultation", 1m, 30000m, 30000m, v.Day[1], "service_charge", (long?)invoices[v.Id[1]].InvoiceId),
            (invoices[v.Id[2]].InvoiceId, "consultation", 1m, 30000m, 30000m, v.Day[2], "service_charge", (long?)invoices[v.Id[2]].InvoiceId),
            (invoices[v.Id[2]].InvoiceId, "procedure", 0.5m, 15000m, 7500m, v.Day[2], "service_charge", (long?)invoices[v.Id[2]].InvoiceId),
        }));

        var payments = await Db.QueryAsync<(long InvoiceId, string Method, decimal Amount, string? Provider, string? Reference, DateTime Day,
            long By, string Receipt)>(
            "SELECT invoice_id, method, amount, provider, reference, business_day, received_by, receipt_number FROM payment " +
            "WHERE invoice_id IN @ids ORDER BY payment_id", new { ids = invoices.Values.Select(i => i.InvoiceId).ToArray() });
        Assert.That(payments.Select(p => (p.InvoiceId, p.Method, p.Amount, p.Provider, p.Reference, p.Day, p.By)), Is.EqualTo(new[]
        {
            (invoices[v.Id[0]].InvoiceId, "mobile_money", 40000m, (string?)"MTN Mobile Money", (string?)$"MP-{tag}", v.Day[0], (long)adminId),
            (invoices[v.Id[0]].InvoiceId, "cash", 20000m, null, null, v.Day[0].AddDays(1), (long)adminId),
            (invoices[v.Id[1]].InvoiceId, "card", 10000m, null, (string?)"SLIP-77", v.Day[1], (long)adminId),
        }));
        Assert.That(payments.Select(p => p.Receipt), Has.All.Match(@"^RCT-\d{6,}$"));
        Assert.That(payments.Select(p => p.Receipt), Is.Unique);

        // The revenue summary counts each invoice on its visit's day, exactly as a recount from the invoice does.
        var ids = invoices.Values.Select(i => i.InvoiceId).ToArray();
        const string summary = "SELECT invoice_id, business_day, specialisation_id, category_code, payer_id, events, invoice_lines, charged, " +
                               "patient_share, insurer_share FROM report_revenue_invoice WHERE invoice_id IN @ids " +
                               "ORDER BY invoice_id, business_day, specialisation_id, category_code";
        var counted = await Db.QueryAsync<(long Invoice, DateTime Day, long Spec, string Cat, long Payer, long Events, long Lines, decimal Charged,
            decimal Patient, decimal Insurer)>(summary, new { ids });
        Assert.That(counted.GroupBy(c => c.Invoice).Select(g => (g.Key, g.Sum(c => c.Charged), g.Sum(c => c.Lines))),
            Is.EquivalentTo(invoices.Values.Select(i => (i.InvoiceId, i.Total, (long)lines.Count(l => l.InvoiceId == i.InvoiceId)))));
        Assert.That(counted.Select(c => c.Day).Distinct(), Is.EquivalentTo(v.Day));
        // The days' sums hold every invoice's share counted on them (the import adds its own with one statement).
        var days = await Db.QueryAsync<(long Keys, long Wrong)>(
            "SELECT COUNT(*), COALESCE(SUM(d.events IS NULL OR d.events <> s.events OR d.invoice_lines <> s.invoice_lines " +
            "OR d.charged <> s.charged OR d.patient_share <> s.patient_share OR d.insurer_share <> s.insurer_share), 0) " +
            "FROM (SELECT r.business_day, r.specialisation_id, r.category_code, r.payer_id, SUM(r.events) AS events, " +
            "SUM(r.invoice_lines) AS invoice_lines, SUM(r.charged) AS charged, SUM(r.patient_share) AS patient_share, " +
            "SUM(r.insurer_share) AS insurer_share FROM report_revenue_invoice AS r " +
            "WHERE (r.business_day, r.specialisation_id, r.category_code, r.payer_id) IN " +
            "(SELECT business_day, specialisation_id, category_code, payer_id FROM report_revenue_invoice WHERE invoice_id IN @ids) " +
            "GROUP BY r.business_day, r.specialisation_id, r.category_code, r.payer_id) AS s " +
            "LEFT JOIN report_revenue_day AS d ON d.business_day = s.business_day AND d.specialisation_id = s.specialisation_id " +
            "AND d.category_code = s.category_code AND d.payer_id = s.payer_id", new { ids });
        Assert.That(days.Single(), Is.EqualTo((counted.Select(c => (c.Day, c.Spec, c.Cat, c.Payer)).Distinct().LongCount(), 0L)),
            "report_revenue_day is the sum of the invoices' shares");
        foreach (var id in ids)
            await Db.ExecuteAsOwnerAsync("CALL report_revenue_invoice_refresh(@id)", new { id });
        Assert.That(await Db.QueryAsync<(long, DateTime, long, string, long, long, long, decimal, decimal, decimal)>(summary, new { ids }),
            Is.EqualTo(counted), "as billed through the screens");

        // The audit trail: every row written, as the administrator.
        var rowKeys = (await Db.QueryAsync<string>(
            "SELECT CONCAT('invoice:', invoice_id) FROM invoice WHERE invoice_id IN @ids UNION ALL " +
            "SELECT CONCAT('invoice_line:', invoice_line_id) FROM invoice_line WHERE invoice_id IN @ids UNION ALL " +
            "SELECT CONCAT('charge:', charge_id) FROM charge WHERE invoice_id IN @ids UNION ALL " +
            "SELECT CONCAT('service_charge:', source_id) FROM charge WHERE invoice_id IN @ids UNION ALL " +
            "SELECT CONCAT('payment:', payment_id) FROM payment WHERE invoice_id IN @ids", new { ids })).ToHashSet();
        var audit = (await Db.QueryAsync<(string Table, string Action, long? Actor, string RowKey)>(
            "SELECT table_name, action, actor_user_id, CAST(row_key AS CHAR) FROM audit_trail WHERE audit_log_id > @before " +
            "AND table_name IN ('invoice', 'invoice_line', 'charge', 'service_charge', 'payment') ORDER BY audit_log_id",
            new { before })).Where(a => rowKeys.Contains(a.Table + ":" + a.RowKey)).ToList();
        Assert.That(audit.Select(a => a.Actor), Has.All.EqualTo((long?)adminId));
        Assert.That(audit.GroupBy(a => (a.Table, a.Action)).Select(g => (g.Key.Table, g.Key.Action, g.Count())), Is.EquivalentTo(new[]
        {
            ("invoice", "INSERT", 3), ("invoice", "UPDATE", 5), ("service_charge", "INSERT", 5), ("charge", "INSERT", 5),
            ("invoice_line", "INSERT", 5), ("payment", "INSERT", 3),
        }));
        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'invoice' AND import_batch_id = @batch ORDER BY external_id", new { batch });
        Assert.That(keys, Is.EqualTo(new[] { ($"I-{tag}-1", invoices[v.Id[0]].InvoiceId), ($"I-{tag}-2", invoices[v.Id[1]].InvoiceId) }));

        // The same invoices again, through the framework's check: every line skipped, nothing written.
        // (Counted on this test's visits: other tests bill in the same database meanwhile.)
        const string billed = "SELECT (SELECT COUNT(*) FROM invoice WHERE visit_id IN @visits) + (SELECT COUNT(*) FROM charge WHERE visit_id IN @visits) " +
                              "+ (SELECT COUNT(*) FROM service_charge WHERE visit_id IN @visits) " +
                              "+ (SELECT COUNT(*) FROM payment AS p JOIN invoice AS i ON i.invoice_id = p.invoice_id WHERE i.visit_id IN @visits)";
        var billedCount = await Db.ScalarAsync<long>(billed, new { visits = v.Id });
        Assert.That(billedCount, Is.EqualTo(3 + 5 + 5 + 3));
        var again = await Db.NewBatchAsync("invoice", file[..3]);
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'invoice', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("invoice", again, adminId);
        Assert.That((await Db.OutcomesAsync(again)).Select(o => (o.Outcome, o.EntityId)), Is.EqualTo(new[]
        {
            ("skipped", (long?)invoices[v.Id[0]].InvoiceId), ("skipped", (long?)invoices[v.Id[0]].InvoiceId),
            ("skipped", (long?)invoices[v.Id[1]].InvoiceId),
        }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_error WHERE import_batch_id = @again", new { again }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(billed, new { visits = v.Id }), Is.EqualTo(billedCount), "a re-import writes nothing");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_key WHERE kind = 'invoice' AND import_batch_id = @again", new { again }),
            Is.Zero);
    }

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_invoices_still_land()
    {
        var adminId = await Db.AdminIdAsync();
        var (cons, proc, late) = await ServicesAsync();
        var w = await PastVisitsAsync(26);
        var tag = ImportKindTestKit.Tag();
        // Visit 2 billed before (with a mobile-money payment whose reference line 25 repeats); day 24 closed by the clerk.
        var first = await Db.NewBatchAsync("invoice", Row(w.Ext[2], cons, paid: "1000", method: "mobile_money", provider: "MTN", reference: $"DB-{tag}"));
        Assert.That(await ImportAsync(first), Is.Empty);
        await Db.ExecuteAsOwnerAsync("INSERT INTO cash_up (user_account_id, business_day) VALUES (@adminId, @day)", new { adminId, day = w.Day[24] });

        var batch = await Db.NewBatchAsync("invoice",
            Row(w.Ext[0], cons, $"A-{tag}", paid: "1000", method: "mobile_money", provider: "Airtel Money", reference: $"R1-{tag}"), // 2: good
            Row(null, cons), // 3: visit missing
            Row(w.Ext[1], null), // 4: service missing
            Row("NO-SUCH-" + tag, cons), // 5
            Row(w.Ext[2], cons), // 6: billed before
            Row(w.Ext[3], cons), // 7: first line of visit 3 (its line 9 is apart)
            Row(w.Ext[4], cons), // 8: good
            Row(w.Ext[3], proc), // 9: apart from line 7
            Row(w.Ext[5], cons, "X-1"), // 10
            Row(w.Ext[5], proc, "X-2"), // 11: another invoice id than line 10
            Row(w.Ext[6], cons, $"A-{tag}"), // 12: the invoice id of line 2's visit
            Row(w.Ext[7], "NOPE-" + tag), // 13
            Row(w.Ext[8], late), // 14: no price on the visit's day
            Row(w.Ext[9], cons, quantity: "0"), // 15
            Row(w.Ext[10], cons, quantity: "abc"), // 16
            Row(w.Ext[11], cons, paid: "1000"), // 17: no method
            Row(w.Ext[12], cons, method: "cash"), // 18: no amount
            Row(w.Ext[13], cons, paid: "12.5", method: "cash"), // 19: not whole shillings
            Row(w.Ext[14], cons, paid: "1000", method: "insurer"), // 20
            Row(w.Ext[15], cons, paid: "1000", method: "cheque"), // 21
            Row(w.Ext[16], cons, paid: "1000", method: "mobile money", provider: "MTN"), // 22: no reference
            Row(w.Ext[17], cons, paid: "1000", method: "card"), // 23: no slip reference
            Row(w.Ext[18], cons, paid: "1000", method: "mobile_money", provider: "Airtel Money", reference: $"R1-{tag}"), // 24: as line 2
            Row(w.Ext[19], cons, paid: "1000", method: "mobile_money", provider: "MTN", reference: $"DB-{tag}"), // 25: recorded before
            Row(w.Ext[20], cons, paid: "1000", method: "cash", paidOn: "31/31/2026"), // 26
            Row(w.Ext[21], cons, paid: "1000", method: "cash", paidOn: w.Day[21].AddDays(-1).Iso()), // 27: before the visit
            Row(w.Ext[22], cons, paid: "1000", method: "cash", paidOn: DateTime.Today.AddDays(1).Iso()), // 28: tomorrow
            Row(w.Ext[23], cons, paid: "20000", method: "cash"), // 29
            Row(w.Ext[23], proc, paid: "30000", method: "cash"), // 30: 50,000 paid on 45,000 (25,000 left)
            Row(w.Ext[24], cons, paid: "1000", method: "cash"), // 31: a closed day
            Row(w.Ext[25], cons, quantity: "1234567890123")); // 32: not a quantity (and longer than the column)
        var errors = await ImportAsync(batch);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (3, "visit", 51740),
            (4, "service_code", 51740),
            (5, "visit", 51741),
            (6, "visit", 51742),
            (7, "visit", 51749),
            (9, "visit", 51743),
            (10, "visit", 51749),
            (11, "invoice", 51744),
            (12, "invoice", 51744),
            (13, "service_code", 51109),
            (14, "service_code", 51748),
            (15, "quantity", 51117),
            (16, "quantity", 51117),
            (17, "method", 51745),
            (18, "amount_paid", 51745),
            (19, "amount_paid", 51166),
            (20, "method", 51224),
            (21, "method", 51165),
            (22, "reference", 51168),
            (23, "reference", 51169),
            (24, "reference", 51170),
            (25, "reference", 51170),
            (26, "paid_on", 51746),
            (27, "paid_on", 51747),
            (28, "paid_on", 51747),
            (29, "visit", 51749),
            (30, "amount_paid", 51172),
            (31, "paid_on", 51174),
            (32, "quantity", 51117),
        }), string.Join("\n", errors));
        Assert.That(errors.Single(e => e.LineNo == 30).Message, Does.Contain("UGX 25,000"), "the balance left after line 29's payment");
        Assert.That(errors.Single(e => e.LineNo == 7).Message, Does.Contain("Line 9"));

        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new long[] { 2, 8 }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice WHERE visit_id IN @ids", new { ids = w.Id }), Is.EqualTo(3),
            "visits 0, 2 (before) and 4: nothing of a rejected invoice");
        Assert.That(await Db.QueryAsync<(string Status, decimal Total, decimal Paid)>(
                "SELECT status, total, paid_total FROM invoice WHERE visit_id IN @ids ORDER BY visit_id", new { ids = new[] { w.Id[0], w.Id[4] } }),
            Is.EqualTo(new[] { ("partially_paid", 30000m, 1000m), ("issued", 30000m, 0m) }));
    }
}

/// <summary>
/// docs/import.md documents the invoice kind's columns exactly as import_column holds them, and docs/samples/invoices.csv
/// imports cleanly after the appointments, visits and price-list samples.
/// </summary>
public class ImportInvoiceSampleTests
{
    [Test]
    public async Task The_columns_in_docs_import_md_are_the_invoice_kinds_import_columns()
        => await ImportDocs.AssertDocumentedAsync(Clinic.Generator.ImportFormats.Invoice, 9);

    [Test]
    public async Task The_sample_file_imports_after_the_visits_and_price_list_samples_without_errors()
    {
        var (db, adminId) = await ImportSamples.NewSampleClinicAsync();

        var appointments = ImportSamples.PastAppointments();
        foreach (var (kind, rows) in new[] { ("appointment", appointments), ("visit", ImportSamples.Rows("visits.csv")), ("price_list", ImportSamples.Rows("price_list.csv")) })
        {
            var before = await db.NewBatchAsync(kind, rows);
            Assert.That(await db.CheckAndApplyAsync(kind, before, adminId), Is.Empty, kind);
        }

        var header = ImportSamples.Header("invoices.csv");
        Assert.That(header, Is.EqualTo(Clinic.Generator.ImportFormats.Invoice.Columns));
        var batch = await db.NewBatchAsync("invoice", ImportSamples.Rows("invoices.csv"));
        var errors = await db.CheckAndApplyAsync("invoice", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        Assert.That((await db.OutcomesAsync(batch)).Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var invoices = await db.QueryAsync<(string Status, decimal Total, decimal Paid)>(
            "SELECT status, total, paid_total FROM invoice ORDER BY invoice_id");
        Assert.That(invoices, Is.EqualTo(new[] { ("paid", 25000m, 25000m), ("partially_paid", 20000m, 5000m) }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM payment"), Is.EqualTo(2));
    }
}
