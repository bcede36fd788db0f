using System.Diagnostics;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

/// <summary>
/// Billing benchmarks (issue 11), `--only billing`:
/// <list type="bullet">
/// <item>building and issuing the invoice of a visit with 20 charges, as a billing clerk, one patient per iteration:
/// the 20 charges are recorded first, one service_charge_add call each (as the care records them, minutes apart in a
/// clinic; timed per call and reported), then invoice_issue builds the invoice from them (lines frozen, insurance split,
/// number) and issues it in one call: the clerk's step, target p95 &lt;= 20 ms;</item>
/// <item>payment throughput: 16 clerks on 16 connections, payment_take on distinct invoices, against a plain
/// single-row INSERT into payment on 16 connections (target ratio &gt;= 0.5);</item>
/// <item>invoice_search at 1,000,000 invoices (target p95 &lt;= 10 ms), through the procedure as the app account.</item>
/// </list>
/// The invoices are loaded once, set-based, as the server administrator: drafts inserted 20,000 at a time (one per
/// patient, as the draft key demands), then issued with a number, an issue time one minute apart going back about
/// two years, and the older ones marked paid (every trigger runs: the insert guard, the status guard, the audit).
/// </summary>
internal static class BillingBench
{
    public const string ServiceCode = "BENCH-DRESSING";
    private const int Batch = 20_000;
    public const int Clerks = 16;
    private const int Warm = 3;

    public sealed record Setup(int ServiceId, int[] ClerkIds);

    public static async Task<Setup> EnsureSetupAsync(ProcedureRunner runner, int adminId, string migrator)
    {
        await using var connection = new MySqlConnection(migrator);
        var billing = new BillingProcedures(runner, new BenchSession(adminId));
        var serviceId = await connection.QueryFirstOrDefaultAsync<int?>("SELECT service_id FROM service WHERE service_code = @ServiceCode", new { ServiceCode });
        if (serviceId is null)
        {
            serviceId = await billing.SaveServiceAsync(null, new ServiceInput { ServiceCode = ServiceCode, Name = "Wound dressing (bench)", CategoryCode = ServiceCategory.Procedure });
            await billing.SetServicePriceAsync(serviceId.Value, await connection.ExecuteScalarAsync<DateTime>("SELECT CURDATE()"), 5_000m);
        }
        var accounts = new UserAccountProcedures(runner, new BenchSession(adminId), new ClinicPasswordHasher());
        var clerks = new int[Clerks];
        for (var i = 0; i < Clerks; i++)
        {
            var username = $"bench.clerk{i:D2}";
            clerks[i] = await connection.QueryFirstOrDefaultAsync<int?>("SELECT user_account_id FROM user_account WHERE username = @username", new { username })
                ?? await accounts.CreateAsync(username, $"Bench Clerk {i:D2}", "billing_clerk", $"bench-clerk-{i:D2}-pw");
        }
        // Created with a temporary password; a benchmark session acts as if it had been changed.
        await connection.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE username LIKE 'bench.clerk%'");
        return new Setup(serviceId.Value, clerks);
    }

    /// <summary>Loads issued invoices until the table holds <paramref name="count"/>; returns seconds spent (0 when loaded before).</summary>
    public static async Task<double> EnsureInvoicesAsync(string adminDb, int adminId, int count, int patients)
    {
        await using var connection = new MySqlConnection(adminDb);
        await connection.OpenAsync();
        var have = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoice");
        if (have >= count)
            return 0;
        var watch = Stopwatch.StartNew();
        var batch = Math.Min(Batch, patients);
        var numbers = Digits("a") + " CROSS JOIN " + Digits("b") + " CROSS JOIN " + Digits("c") + " CROSS JOIN " + Digits("d") + " CROSS JOIN " + Digits("e");
        for (var from = (int)have; from < count; from += batch)
        {
            var to = Math.Min(count, from + batch) - 1;
            // Only constants of this file are spliced into the SQL.
            await connection.ExecuteAsync(
                $"""
                INSERT IGNORE INTO invoice (patient_id, status, currency_code, subtotal, total, patient_share, created_at)
                SELECT p.patient_id, 'draft', 'UGX', 5000 + (n * 7919) % 40 * 2500, 5000 + (n * 7919) % 40 * 2500, 5000 + (n * 7919) % 40 * 2500,
                       NOW() - INTERVAL (@count - n) MINUTE
                  FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + @from AS n FROM {numbers}) AS numbers
                  JOIN patient AS p ON p.mrn = CONCAT('HMS/', LPAD(1 + n % @patients, 6, '0'))
                 WHERE n BETWEEN @from AND @to
                """, new { from, to, count, patients }, commandTimeout: 900);
            // Issue the batch: a number above the procedure's counter, issued when created; older than 30 days paid,
            // every third of the rest partly paid (the status guard derives the status from the money).
            var next = await connection.ExecuteScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'billing.invoice'");
            var first = await connection.ExecuteScalarAsync<long>("SELECT MIN(invoice_id) FROM invoice WHERE status = 'draft'");
            await connection.ExecuteAsync(
                """
                UPDATE invoice
                   SET status = 'issued', issued_at = created_at, issued_by = @adminId,
                       invoice_number = CONCAT('INV-', IF(invoice_id - @first + @next >= 100000, invoice_id - @first + @next, LPAD(invoice_id - @first + @next, 6, '0'))),
                       paid_total = CASE WHEN created_at < NOW() - INTERVAL 30 DAY THEN total
                                         WHEN invoice_id % 3 = 0 THEN total DIV 2 ELSE 0 END
                 WHERE status = 'draft' AND invoice_id >= @first
                """, new { adminId, first, next }, commandTimeout: 900);
            await connection.ExecuteAsync(
                """
                UPDATE sequence_counter
                   SET next_value = (SELECT MAX(invoice_id) FROM invoice) - @first + @next + 1
                 WHERE counter_name = 'billing.invoice'
                """, new { first, next });
        }
        await connection.ExecuteAsync("ANALYZE TABLE invoice");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>(a) 20 x service_charge_add then invoice_issue, one new patient each time; returns the build, issue and whole timings.</summary>
    public static async Task<List<(string Name, Stats Stats)>> MeasureInvoiceAsync(ProcedureRunner runner, string migrator, Setup setup, int iterations)
    {
        var clerk = new BenchSession(setup.ClerkIds[0]);
        var billing = new BillingProcedures(runner, clerk);
        var invoices = new InvoiceProcedures(runner, clerk);
        await using var lookup = new MySqlConnection(migrator);
        await lookup.OpenAsync();
        const int Warm = 5;
        // Patients with no open draft of their own (the drafts of earlier runs were all issued).
        var patients = (await lookup.QueryAsync<int>(
            """
            SELECT p.patient_id FROM patient AS p
             WHERE NOT EXISTS (SELECT 1 FROM invoice AS i WHERE i.patient_id = p.patient_id AND i.status = 'draft')
             ORDER BY p.patient_id DESC LIMIT @n
            """, new { n = iterations + Warm })).ToArray();
        var perCharge = new List<double>();
        var build = new List<double>();
        var issue = new List<double>();
        var whole = new List<double>();
        for (var i = 0; i < iterations + Warm; i++)
        {
            // The care: 20 charges recorded one call each, as they would be when the visit opens, tests are ordered
            // and medicines dispensed (each call its own transaction). Timed per call and summed.
            var built = 0.0;
            ServiceChargeResult last = null!;
            var watch = new Stopwatch();
            for (var k = 0; k < 20; k++)
            {
                watch.Restart();
                last = await billing.AddServiceChargeAsync(patients[i], null, setup.ServiceId, 1 + k % 3);
                var one = watch.Elapsed.TotalMilliseconds;
                built += one;
                if (i >= Warm)
                    perCharge.Add(one);
            }
            var invoiceId = await lookup.ExecuteScalarAsync<int>("SELECT invoice_id FROM charge WHERE charge_id = @id", new { id = last.ChargeId });
            // The clerk's step: the invoice is built from the 20 charges (its lines frozen, the insurance split, the
            // number) and issued in one call.
            watch.Restart();
            await invoices.IssueAsync(invoiceId);
            var issued = watch.Elapsed.TotalMilliseconds;
            if (i < Warm)
                continue;
            build.Add(built);
            issue.Add(issued);
            whole.Add(built + issued);
        }
        return
        [
            ("invoice of a visit with 20 charges: build and issue (invoice_issue, 20 lines) (target p95 20 ms)", Stats.Of(issue)),
            ("one charge recorded as the care happens (service_charge_add, one call)", Stats.Of(perCharge)),
            ("20 charges one call each + invoice_issue, summed", Stats.Of(whole)),
            ("  of which 20 x service_charge_add", Stats.Of(build)),
        ];
    }

    /// <summary>Deadlocks (1213) that payment_take ran into and the benchmark retried; reported with the throughput.</summary>
    public static int Deadlocks;

    private static async Task TakeRetryingAsync(PaymentProcedures payments, int invoiceId, decimal amount)
    {
        while (true)
        {
            try
            {
                await payments.TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = amount });
                return;
            }
            catch (MySqlException ex) when (ex.Number == 1213)
            {
                Interlocked.Increment(ref Deadlocks);
            }
        }
    }

    /// <summary>(b) 16 clerks take payments on distinct invoices, then 16 connections INSERT payment rows directly.</summary>
    public static async Task<(double Taken, double Inserted, int Refused)> PaymentThroughputAsync(ProcedureRunner runner, string adminDb, Setup setup, int perClient)
    {
        var clients = setup.ClerkIds.Length;
        (int InvoiceId, int PatientId, decimal Total, decimal Paid)[] open;
        await using (var lookup = new MySqlConnection(adminDb))
            open = (await lookup.QueryAsync<(int, int, decimal, decimal)>(
                "SELECT invoice_id, patient_id, total, paid_total FROM invoice WHERE status IN ('issued', 'partially_paid') ORDER BY invoice_id LIMIT @n",
                new { n = 2 * clients * perClient + Warm * clients })).ToArray();
        if (open.Length < 2 * clients * perClient + Warm * clients)
            throw new InvalidOperationException($"Only {open.Length} unpaid invoices; load more (--invoices).");
        // Warm-up, not timed: each clerk's session is opened and takes a few payments (the last invoices of the list).
        var clerks = setup.ClerkIds.Select(id => new PaymentProcedures(runner, new BenchSession(id))).ToArray();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < Warm; i++)
            {
                var invoice = open[2 * clients * perClient + c * Warm + i];
                await TakeRetryingAsync(clerks[c], invoice.InvoiceId, invoice.Total - invoice.Paid);
            }
        })));
        var refused = 0;
        Deadlocks = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var payments = clerks[c];
            for (var i = 0; i < perClient; i++)
            {
                var invoice = open[c * perClient + i];
                try
                {
                    await TakeRetryingAsync(payments, invoice.InvoiceId, invoice.Total - invoice.Paid);
                }
                catch (ClinicRuleException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));
        var taken = clients * perClient / watch.Elapsed.TotalSeconds;

        var tag = DateTime.UtcNow.ToString("MMddHHmmss");
        var connections = new MySqlConnection[clients];
        for (var c = 0; c < clients; c++)
        {
            connections[c] = new MySqlConnection(adminDb);
            await connections[c].OpenAsync();
        }
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using var connection = connections[c];
            for (var i = 0; i < perClient; i++)
            {
                var invoice = open[clients * perClient + c * perClient + i];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO payment (receipt_number, invoice_id, patient_id, method, amount, business_day, received_by)
                    VALUES (@receipt, @invoice, @patient, 'cash', @amount, CURDATE(), @clerk)
                    """,
                    new { receipt = $"BX{tag}{c:D2}{i:D5}", invoice = invoice.InvoiceId, patient = invoice.PatientId, amount = invoice.Total, clerk = setup.ClerkIds[c] });
            }
        })));
        var inserted = clients * perClient / watch.Elapsed.TotalSeconds;
        return (taken, inserted, refused);
    }

    /// <summary>(c) invoice_search as a clerk: each case <paramref name="iterations"/> calls after 5 warm-up calls.</summary>
    public static async Task<List<(string Name, Stats Stats)>> MeasureSearchAsync(ProcedureRunner runner, string migrator, Setup setup, int patients, int iterations)
    {
        var invoices = new InvoiceProcedures(runner, new BenchSession(setup.ClerkIds[1]));
        var random = new Random(11);
        long maxId;
        string[] numbers;
        await using (var lookup = new MySqlConnection(migrator))
        {
            maxId = await lookup.ExecuteScalarAsync<long>("SELECT MAX(invoice_id) FROM invoice");
            var sample = new List<string>();
            for (var i = 0; i < 200; i++)
                sample.Add(await lookup.ExecuteScalarAsync<string>(
                    "SELECT invoice_number FROM invoice WHERE invoice_id >= @id AND invoice_number IS NOT NULL ORDER BY invoice_id LIMIT 1",
                    new { id = random.NextInt64(1, maxId) }) ?? "INV-000001");
            numbers = sample.ToArray();
        }
        var total = await new MySqlConnection(migrator).ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoice");
        var cases = new (string Name, Func<InvoiceSearchFilter> Filter)[]
        {
            ("invoice number (exact)", () => new InvoiceSearchFilter { Query = numbers[random.Next(numbers.Length)] }),
            ("MRN (exact)", () => new InvoiceSearchFilter { Query = $"HMS/{random.Next(1, patients):D6}" }),
            ("patient name (family name, 8,000 patients)", () => new InvoiceSearchFilter { Query = Dataset.FamilyNames[random.Next(Dataset.FamilyNames.Length)] }),
            ("today's unpaid", () => new InvoiceSearchFilter { UnpaidToday = true }),
            ("status partially paid, newest first", () => new InvoiceSearchFilter { Status = "partially_paid" }),
            ("no filter, newest first", () => new InvoiceSearchFilter()),
        };
        var results = new List<(string Name, Stats Stats)>();
        foreach (var (name, filter) in cases)
        {
            for (var i = 0; i < 5; i++)
                await invoices.SearchAsync(filter(), 0, 25);
            var samples = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var f = filter();
                var watch = Stopwatch.StartNew();
                await invoices.SearchAsync(f, 0, 25);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            results.Add(($"invoice_search, {name} ({total:N0} invoices, target p95 10 ms)", Stats.Of(samples)));
        }
        return results;
    }

    private static string Digits(string alias) =>
        $"(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 " +
        $"UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS {alias}";
}
