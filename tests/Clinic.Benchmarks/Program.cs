using System.Diagnostics;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Database.Provisioning;
using Dapper;
using MySqlConnector;

// Clinic benchmarks: loads a dataset into its own database and prints a markdown table of latencies.
//   dotnet run --project tests/Clinic.Benchmarks -c Release -- --admin "<server admin connection>" [--patients 200000]
//   [--only booking|slots|search|history|access|billing]: only the booking throughput, only free slots, only the patient
//   search cases, only the medical history,
//   only the cost of the read-access log on patient_get, or only billing (invoice of 20 charges, payment throughput,
//   invoice search at --invoices 1000000; see Billing.cs), or only the invoice search of billing (billing-search),
//   or only the reporting views (reports: load the clinical dataset, then time one year of every rpt_ view as the
//   analyst; reports-measure: only time them; see Reports.cs, --runs 5)
var options = Args.Parse(args);
var admin = options.GetValueOrDefault("admin") ?? Environment.GetEnvironmentVariable("CLINIC_BENCH_ADMIN_DB")
    ?? throw new ArgumentException("give --admin or set CLINIC_BENCH_ADMIN_DB");
var patients = int.Parse(options.GetValueOrDefault("patients") ?? "200000");
var database = options.GetValueOrDefault("database") ?? "clinic_bench";
var iterations = int.Parse(options.GetValueOrDefault("iterations") ?? "300");

DefaultTypeMap.MatchNamesWithUnderscores = true;
var accounts = new Provisioner(TextWriter.Null).Provision(new ProvisionOptions(admin, database, "%", "bench-migrator-1", "bench-app-1", "bench-analyst-1"));
// The app's data source keeps pooled sessions as they are (ConnectionReset=false, see Clinic.Data's
// DependencyInjection: the procedures set the actor on every call), so the benchmark does the same by default and
// measures what users get; --connection-reset true resets every pooled connection on open instead.
var appConnection = new MySqlConnectionStringBuilder(accounts.AppConnectionString)
{
    ConnectionReset = (options.GetValueOrDefault("connection-reset") ?? "false") == "true",
}.ConnectionString;
await using var appSource = new MySqlDataSource(appConnection);
var runner = new ProcedureRunner(appSource);
BenchSession.Migrator = accounts.MigratorConnectionString;
var adminId = await Dataset.EnsureAdminAsync(runner, accounts.MigratorConnectionString);

string version;
await using (var connection = new MySqlConnection(accounts.MigratorConnectionString))
{
    await connection.OpenAsync();
    version = await connection.ExecuteScalarAsync<string>("SELECT VERSION()") ?? "";
}
Console.WriteLine($"Server {version}; database {database}");

var loadSeconds = await Dataset.EnsurePatientsAsync(new MySqlConnectionStringBuilder(admin) { Database = database }.ConnectionString, patients);
Console.WriteLine(loadSeconds > 0 ? $"Loaded {patients:N0} patients in {loadSeconds:N0} s" : $"{patients:N0} patients already loaded");

var search = new PatientProcedures(runner, new BenchSession(adminId));
var results = new List<(string Name, Stats Stats)>();
var random = new Random(42);
string[] families = Dataset.FamilyNames;
string[] givens = Dataset.GivenNames;
var cases = new (string Name, Func<string> Query)[]
{
    ("name: family-name prefix (3 letters)", () => families[random.Next(families.Length)][..3]),
    ("name: given + family", () => $"{givens[random.Next(givens.Length)]} {families[random.Next(families.Length)]}"),
    ("MRN exact (digits)", () => random.Next(1, patients).ToString()),
    ("MRN with prefix", () => $"HMS/{random.Next(1, patients):D6}"),
    ("phone (local format)", () => $"07{Dataset.PhoneSuffix(random.Next(1, patients))}"),
    ("email prefix", () => $"p{random.Next(1, patients)}@"),
};
var only = options.GetValueOrDefault("only");
if (only is "reports" or "reports-measure")
{
    var reportsAdminDb = new MySqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    if (only == "reports")
    {
        var loadWatch = Stopwatch.StartNew();
        var phases = await ReportsBench.EnsureAsync(runner, adminId, reportsAdminDb, patients);
        Console.WriteLine();
        Console.WriteLine("| load phase | seconds |");
        Console.WriteLine("|---|---:|");
        foreach (var (phase, seconds) in phases)
            Console.WriteLine($"| {phase} | {seconds:N0} |");
        Console.WriteLine($"| total | {loadWatch.Elapsed.TotalSeconds:N0} |");
    }
    await ReportsBench.PrintSizesAsync(reportsAdminDb);
    await ReportsBench.MeasureAsync(accounts.AnalystConnectionString, int.Parse(options.GetValueOrDefault("runs") ?? "5"));
    return;
}

foreach (var (name, query) in only is "booking" or "slots" or "history" or "access" or "billing" or "billing-search" ? [] : cases)
{
    for (var i = 0; i < 20; i++)
        await search.SearchAsync(query(), 0, 25);
    var samples = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var q = query();
        var watch = Stopwatch.StartNew();
        await search.SearchAsync(q, 0, 25);
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }
    results.Add(($"patient_search, {name}", Stats.Of(samples)));
}

if (only == "search")
{
    Print(results, patients, iterations);
    return;
}

if (only is null or "access")
    results.AddRange(await AccessLogBench.MeasureAsync(runner, adminId, accounts.MigratorConnectionString, patients, iterations));
if (only == "access")
{
    Print(results, patients, iterations);
    return;
}

if (only is "billing" or "billing-search")
{
    var billingAdminDb = new MySqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    var invoiceCount = int.Parse(options.GetValueOrDefault("invoices") ?? "1000000");
    var billingSetup = await BillingBench.EnsureSetupAsync(runner, adminId, accounts.MigratorConnectionString);
    var invoiceSeconds = await BillingBench.EnsureInvoicesAsync(billingAdminDb, adminId, invoiceCount, patients);
    var invoiceTotal = await new MySqlConnection(billingAdminDb).ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoice");
    Console.WriteLine(invoiceSeconds > 0 ? $"Loaded {invoiceTotal:N0} invoices in {invoiceSeconds:N0} s" : $"{invoiceTotal:N0} invoices already loaded");
    if (only == "billing-search")
    {
        results.AddRange(await BillingBench.MeasureSearchAsync(runner, accounts.MigratorConnectionString, billingSetup, patients,
            int.Parse(options.GetValueOrDefault("search-iterations") ?? iterations.ToString())));
        Print(results, patients, iterations);
        return;
    }
    results.AddRange(await BillingBench.MeasureInvoiceAsync(runner, accounts.MigratorConnectionString, billingSetup, iterations));
    var paymentsPerClerk = int.Parse(options.GetValueOrDefault("payments-per-clerk") ?? "100");
    var (taken, insertedPayments, refusedPayments) = await BillingBench.PaymentThroughputAsync(runner, billingAdminDb, billingSetup, paymentsPerClerk);
    results.AddRange(await BillingBench.MeasureSearchAsync(runner, accounts.MigratorConnectionString, billingSetup, patients,
        int.Parse(options.GetValueOrDefault("search-iterations") ?? iterations.ToString())));
    Console.WriteLine();
    Console.WriteLine($"| payment throughput, {BillingBench.Clerks} clerks x {paymentsPerClerk} payments | per second |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| payment_take (all rules, row locks, receipt number, audit) | {taken:N0} |");
    Console.WriteLine($"| plain single-row INSERT into payment (audit trigger too) | {insertedPayments:N0} |");
    Console.WriteLine($"| ratio (target >= 0.5) | {taken / insertedPayments:F2} |");
    Console.WriteLine($"| deadlocks in payment_take, retried (timed run) | {BillingBench.Deadlocks} |");
    if (refusedPayments > 0)
        Console.WriteLine($"| payments refused (should be 0) | {refusedPayments} |");
    Print(results, patients, iterations);
    return;
}

var appointments = int.Parse(options.GetValueOrDefault("appointments") ?? "2000000");
var clients = int.Parse(options.GetValueOrDefault("clients") ?? "16");
var perClient = int.Parse(options.GetValueOrDefault("bookings-per-client") ?? "200");
var adminDb = new MySqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
var setup = await SchedulingBench.EnsureDoctorsAsync(runner, adminId, accounts.MigratorConnectionString);
var appointmentSeconds = await SchedulingBench.EnsureAppointmentsAsync(adminDb, setup, appointments, patients);
var appointmentCount = await new MySqlConnection(adminDb).ExecuteScalarAsync<long>("SELECT COUNT(*) FROM appointment");
Console.WriteLine(appointmentSeconds > 0 ? $"Loaded {appointmentCount:N0} appointments in {appointmentSeconds:N0} s" : $"{appointmentCount:N0} appointments already loaded");

var slots = new Clinic.Data.Scheduling.AppointmentProcedures(runner, new BenchSession(adminId));
var loadedUntil = SchedulingBench.LoadedUntil(appointments);
// --slot-doctors N: the one-doctor case picks among the first N doctors only (all 200 by default), e.g. when only
// their calendars are loaded.
var slotDoctors = Math.Min(setup.DoctorIds.Length, int.Parse(options.GetValueOrDefault("slot-doctors") ?? setup.DoctorIds.Length.ToString()));
var slotCases = new (string Name, Func<Task> Call)[]
{
    ("appointment_free_slots, one doctor, next 5", () => slots.FreeSlotsAsync(
        setup.DoctorIds[random.Next(slotDoctors)], null, DateTime.Today.AddDays(random.Next(1, 60)).AddHours(random.Next(8, 16)), 5)),
    ("appointment_free_slots, specialisation of 10 doctors, next 5", () => slots.FreeSlotsAsync(
        null, setup.SmallSpecialisationId, DateTime.Today.AddDays(random.Next(1, 60)).AddHours(random.Next(8, 16)), 5)),
};
foreach (var (name, call) in only is "booking" or "history" ? [] : slotCases)
{
    for (var i = 0; i < 10; i++)
        await call();
    var samples = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        await call();
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }
    results.Add(($"{name} ({appointmentCount:N0} appointments, booked until {loadedUntil:yyyy-MM-dd})", Stats.Of(samples)));
}

if (only == "booking")
    results.Clear();
if (only is null or "history")
{
    var (historySetup, historySeconds) = await HistoryBench.EnsureAsync(runner, adminId, adminDb, setup.DoctorIds[0], patients);
    Console.WriteLine(historySeconds > 0
        ? $"Loaded {HistoryBench.Visits:N0} visits of patient {HistoryBench.Mrn(patients)} in {historySeconds:N0} s"
        : $"{HistoryBench.Visits:N0} visits of patient {HistoryBench.Mrn(patients)} already loaded");
    results.AddRange(await HistoryBench.MeasureAsync(runner, adminId, historySetup, iterations));
}

if (only is not ("slots" or "history"))
{
    var (booked, inserted, refused) = await SchedulingBench.ThroughputAsync(runner, adminId, adminDb, setup, appointments, patients, clients, perClient);

    Console.WriteLine();
    Console.WriteLine($"| booking throughput, {clients} clients x {perClient} | per second |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| appointment_book (all rules, audit) | {booked:N0} |");
    Console.WriteLine($"| plain single-row INSERT, same table | {inserted:N0} |");
    Console.WriteLine($"| ratio (target >= 0.5) | {booked / inserted:F2} |");
    if (refused > 0)
        Console.WriteLine($"| bookings refused (should be 0) | {refused} |");
}

Print(results, patients, iterations);

static void Print(List<(string Name, Stats Stats)> results, int patients, int iterations)
{
    Console.WriteLine();
    Console.WriteLine($"| benchmark ({patients:N0} patients, {iterations} calls each, one client) | median ms | p95 ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (name, s) in results)
        Console.WriteLine($"| {name} | {s.Median:F2} | {s.P95:F2} | {s.Max:F2} |");
}

internal sealed record Stats(double Median, double P95, double Max)
{
    public static Stats Of(List<double> samples)
    {
        samples.Sort();
        return new Stats(samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1], samples[^1]);
    }
}

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            result[args[i].TrimStart('-')] = args[i + 1];
        return result;
    }
}

internal static class Dataset
{
    /// <summary>
    /// The generated clinic's lists (src/Clinic.Generator/Data: Ugandan given and family names), so that name searches
    /// meet a register as varied as a real one. Spliced into SQL below as constants: no name holds a quote.
    /// Female and male names alternate (an even count), so that ELT(1 + n % count) gives a female name exactly when the
    /// loader below makes patient n female (n even).
    /// </summary>
    public static readonly string[] GivenNames =
    [
        .. Clinic.Generator.ReferenceData.FemaleGivenNames.Zip(Clinic.Generator.ReferenceData.MaleGivenNames)
            .Where(p => !p.First.Contains('\'') && !p.Second.Contains('\''))
            .SelectMany(p => new[] { p.First, p.Second }),
    ];

    /// <summary>The generated clinic's family names.</summary>
    public static readonly string[] FamilyNames = [.. Clinic.Generator.ReferenceData.FamilyNames.Where(n => !n.Contains('\''))];

    public static string PhoneSuffix(int n) => (70_000_000 + n).ToString("D8");

    public static async Task<int> EnsureAdminAsync(ProcedureRunner runner, string migrator)
    {
        await using var connection = new MySqlConnection(migrator);
        var existing = await connection.QueryFirstOrDefaultAsync<int?>("SELECT user_account_id FROM user_account WHERE username = 'bench.admin'");
        if (existing is { } id)
            return id;
        await using var source = new MySqlDataSource(migrator);
        return await new UserAccountProcedures(new ProcedureRunner(source), new BenchSession(null), new ClinicPasswordHasher())
            .BootstrapAdminAsync("bench.admin", "Benchmark Admin", "bench-admin-1");
    }

    /// <summary>
    /// Bulk-loads synthetic patients with one INSERT ... SELECT over a digits cross join (portable: no
    /// recursive CTE limits). The triggers run as for any insert (audit rows, name words). Returns seconds spent.
    /// </summary>
    public static async Task<double> EnsurePatientsAsync(string adminDb, int count)
    {
        await using var connection = new MySqlConnection(adminDb);
        await connection.OpenAsync();
        var have = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patient");
        if (have >= count)
            return 0;
        var watch = Stopwatch.StartNew();
        var givens = string.Join(", ", GivenNames.Select(n => $"'{n}'"));
        var families = string.Join(", ", FamilyNames.Select(n => $"'{n}'"));
        const int batch = 20_000;
        for (var start = (int)have + 1; start <= count; start += batch)
        {
            var end = Math.Min(count, start + batch - 1);
            // Only constants from this file are spliced in; no outside input reaches this SQL.
            var sql = $"""
                INSERT INTO patient (mrn, given_name, family_name, sex, date_of_birth, phone, email)
                SELECT CONCAT('HMS/', LPAD(n, 6, '0')),
                       ELT(1 + n % {GivenNames.Length}, {givens}),
                       ELT(1 + (n DIV {GivenNames.Length}) % {FamilyNames.Length}, {families}),
                       IF(n % 2 = 0, 'female', 'male'),
                       DATE_SUB('2025-01-01', INTERVAL (n * 7919) % 30000 DAY),
                       CONCAT('+2567', LPAD(70000000 + n, 8, '0')),
                       CONCAT('p', n, '@example.org')
                  FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 1 + @start - 1 AS n
                          FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS a
                          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS b
                          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS c
                          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d
                          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) AS e) AS numbers
                 WHERE n BETWEEN @start AND @end
                """;
            await connection.ExecuteAsync(sql, new { start, end }, commandTimeout: 600);
        }
        await connection.ExecuteAsync("UPDATE sequence_counter SET next_value = GREATEST(next_value, @next) WHERE counter_name = 'patient.mrn'", new { next = count + 1 });
        await connection.ExecuteAsync("ANALYZE TABLE patient, patient_name_word");
        return watch.Elapsed.TotalSeconds;
    }
}
