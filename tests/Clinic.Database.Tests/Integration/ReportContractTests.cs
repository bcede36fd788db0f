using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The analysts' contract, for every rpt_* view at once (issue 12):
/// <list type="bullet">
/// <item>every view and every column is described in the catalogue (rpt_catalog), in column order;</item>
/// <item>no column identifies a patient;</item>
/// <item>each view's column names and types are pinned in tests/Clinic.Database.Tests/Reports/Contract/&lt;view&gt;.txt
/// (changing a view means a new rpt_x_v2, never a silent break of a saved query);</item>
/// <item>the analyst account sees the rpt_* views and nothing else;</item>
/// <item>every ```sql sample in docs/analysts.md runs as the analyst through the command-line client.</item>
/// </list>
/// </summary>
public partial class ReportContractTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>Column names that identify a patient, or point to a record that does.</summary>
    private static readonly string[] Identifying =
    [
        "patient_id", "mrn", "given_name", "family_name", "patient_name", "full_name", "phone", "email", "address",
        "date_of_birth", "dob", "national_id", "member_number", "holder_name", "invoice_id", "invoice_number",
        "receipt_number", "claim_id", "claim_number", "visit_id", "appointment_id", "queue_entry_id", "lab_order_id",
        "prescription_id", "dispensing_id", "emergency_contact_name", "emergency_contact_phone", "reference",
        "walk_in_name", "walk_in_phone", "queue_number",
    ];

    /// <summary>Parts of a column name that give away an identifier whatever the prefix.</summary>
    private static readonly string[] IdentifyingParts = ["phone", "email", "address", "birth", "mrn", "national", "member_no", "walk_in_name"];

    public sealed record ViewColumn(string View, string Column, long Position, string DataType, long? Scale);

    public sealed class CatalogRow
    {
        public string ViewName { get; init; } = "";
        public long Position { get; init; }
        public string? ColumnName { get; init; }
        public string Description { get; init; } = "";
        public string Freshness { get; init; } = "";
    }

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Clinic.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Clinic.sln not found above the test directory");
        }
    }

    /// <summary>The rpt_* views and their columns, as the analyst account sees them.</summary>
    private static async Task<IReadOnlyList<ViewColumn>> AnalystColumnsAsync()
    {
        await using var analyst = await Db.OpenAsync(Db.Analyst);
        return (await analyst.QueryAsync<ViewColumn>(
            """
            SELECT c.TABLE_NAME AS `View`, c.COLUMN_NAME AS `Column`, CAST(c.ORDINAL_POSITION AS SIGNED) AS Position,
                   LOWER(c.DATA_TYPE) AS DataType, CAST(c.NUMERIC_SCALE AS SIGNED) AS Scale
              FROM information_schema.COLUMNS AS c
             WHERE c.TABLE_SCHEMA = DATABASE()
             ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
            """)).ToList();
    }

    private static async Task<IReadOnlyList<string>> RptViewsAsync()
    {
        await using var admin = await Db.OpenAsync(Db.Admin);
        return (await admin.QueryAsync<string>(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'VIEW' AND TABLE_NAME LIKE 'rpt\\_%' ORDER BY TABLE_NAME")).ToList();
    }

    [Test]
    public async Task Every_rpt_view_and_every_column_is_described_in_the_catalogue_in_column_order()
    {
        var views = await RptViewsAsync();
        Assert.That(views, Has.Count.GreaterThanOrEqualTo(22), "the issue-12 views and the billing views");
        var columns = await AnalystColumnsAsync();
        await using var analyst = await Db.OpenAsync(Db.Analyst);
        var catalog = (await analyst.QueryAsync<CatalogRow>(
            "SELECT view_name AS ViewName, CAST(position AS SIGNED) AS Position, column_name AS ColumnName, description AS Description, freshness AS Freshness FROM rpt_catalog ORDER BY view_name, position")).ToList();

        Assert.Multiple(() =>
        {
            foreach (var view in views)
            {
                var header = catalog.SingleOrDefault(c => c.ViewName == view && c.Position == 0);
                Assert.That(header, Is.Not.Null, $"{view} has no row in the catalogue (position 0): add it to db/views/{view}.sql");
                if (header != null)
                {
                    Assert.That(header.Description.Length, Is.GreaterThan(20), $"{view}: say what the view is and its grain");
                    Assert.That(header.Freshness, Is.Not.Empty, $"{view}: say how fresh it is");
                }
                var actual = columns.Where(c => c.View == view).Select(c => $"{c.Position}:{c.Column}").ToList();
                var documented = catalog.Where(c => c.ViewName == view && c.Position > 0).Select(c => $"{c.Position}:{c.ColumnName}").ToList();
                Assert.That(documented, Is.EqualTo(actual), $"{view}: the catalogue must describe every column, in the view's order");
                foreach (var row in catalog.Where(c => c.ViewName == view && c.Position > 0))
                    Assert.That(row.Description.Trim().Length, Is.GreaterThan(3), $"{view}.{row.ColumnName}: describe it");
            }
            var stale = catalog.Select(c => c.ViewName).Distinct().Except(views).ToList();
            Assert.That(stale, Is.Empty, "the catalogue describes views that do not exist");
        });
    }

    [Test]
    public async Task No_rpt_view_has_a_column_that_identifies_a_patient()
    {
        var columns = await AnalystColumnsAsync();
        Assert.That(columns, Is.Not.Empty);
        var offending = columns
            .Where(c => Identifying.Contains(c.Column.ToLowerInvariant())
                        || IdentifyingParts.Any(p => c.Column.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Select(c => $"{c.View}.{c.Column}")
            .ToList();
        Assert.That(offending, Is.Empty, "analysts' views carry no direct identifiers; use patient_key, age_band, sex");
    }

    [Test]
    public async Task Each_rpt_view_matches_its_pinned_contract_of_column_names_and_types()
    {
        var folder = Path.Combine(RepoRoot, "tests", "Clinic.Database.Tests", "Reports", "Contract");
        var views = await RptViewsAsync();
        var columns = await AnalystColumnsAsync();
        Assert.Multiple(() =>
        {
            foreach (var view in views)
            {
                var file = Path.Combine(folder, view + ".txt");
                var actual = columns.Where(c => c.View == view).Select(c => $"{c.Column} {TypeFamily(c)}").ToList();
                if (!File.Exists(file))
                {
                    Assert.Fail($"{view} has no pinned contract: add tests/Clinic.Database.Tests/Reports/Contract/{view}.txt with\n{string.Join("\n", actual)}");
                    continue;
                }
                var pinned = File.ReadAllLines(file)
                    .Select(l => l.Trim())
                    .Where(l => l.Length > 0 && !l.StartsWith('#'))
                    .ToList();
                Assert.That(actual, Is.EqualTo(pinned),
                    $"{view} no longer matches its contract. Never change a published view's columns: add {view}_v2 instead.");
            }
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.txt") : [])
                Assert.That(views, Does.Contain(Path.GetFileNameWithoutExtension(file)), $"{file} pins a view that does not exist");
        });
    }

    /// <summary>The type as the contract writes it: int, decimal(scale), double, date, datetime or text.</summary>
    public static string TypeFamily(ViewColumn c) => c.DataType switch
    {
        "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" => "int",
        "decimal" or "numeric" => $"decimal({c.Scale ?? 0})",
        "double" or "float" or "real" => "double",
        "date" => "date",
        "datetime" or "timestamp" => "datetime",
        "char" or "varchar" or "text" or "tinytext" or "mediumtext" or "longtext" or "enum" => "text",
        _ => c.DataType,
    };

    [Test]
    public async Task The_analyst_sees_the_rpt_views_and_cannot_read_any_table_or_other_view()
    {
        await using var admin = await Db.OpenAsync(Db.Admin);
        var objects = (await admin.QueryAsync<(string Name, string Type)>(
            "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")).ToList();
        var rpt = objects.Where(o => o.Name.StartsWith("rpt_", StringComparison.Ordinal)).Select(o => o.Name).ToList();
        var closed = objects.Where(o => !o.Name.StartsWith("rpt_", StringComparison.Ordinal)).ToList();
        Assert.That(closed.Count(o => o.Type == "VIEW"), Is.GreaterThan(0), "there are app views (v_*) to be closed to the analyst");

        await using var analyst = await Db.OpenAsync(Db.Analyst);
        var visible = (await analyst.QueryAsync<string>(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")).ToList();
        Assert.That(visible, Is.EquivalentTo(rpt), "the analyst sees exactly the rpt_* views");

        // LIMIT 0: the privilege is checked, but no view is computed (this database holds every test's rows, and a
        // view over all of them is the benchmarks' business, not this test's).
        foreach (var view in rpt)
            await analyst.QueryAsync($"SELECT * FROM `{view}` LIMIT 0"); // throws if the analyst may not read it

        var readable = new List<string>();
        foreach (var (name, _) in closed)
        {
            try
            {
                await analyst.QueryAsync($"SELECT * FROM `{name}` LIMIT 0");
                readable.Add(name);
            }
            catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied)
            {
            }
        }
        Assert.That(readable, Is.Empty, "the analyst can read these, and should not");
    }

    [GeneratedRegex(@"^```sql\s*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    [Test]
    public async Task Every_sql_sample_in_the_analysts_guide_runs_as_the_analyst_through_the_command_line_client()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(RepoRoot, "docs", "analysts.md"));
        var samples = SqlBlock().Matches(guide).Select(m => m.Groups["body"].Value).ToList();
        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(24), "the guide has worked samples");

        // A database of its own: the samples must run, and the shared database holds every test's rows (how fast a
        // view is on volume is for the benchmarks, not for a test's timeout).
        var own = await DatabaseFixture.CreateDatabaseAsync();
        var cs = new MySqlConnectionStringBuilder(own.Analyst);
        var isMariaDb = DatabaseFixture.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        // The host's MariaDB client speaks to both servers (it authenticates with caching_sha2_password too);
        // on a machine with MySQL's own client, that one is used against MySQL.
        var client = isMariaDb || !OnPath("mysql") || IsMariaDbClient("mysql") ? "mariadb" : "mysql";
        if (!OnPath(client))
            Assert.Fail($"the {client} command-line client is not installed");

        var failures = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var (exit, output, error) = await RunClientAsync(client, cs, samples[i]);
            if (exit != 0)
                failures.Add($"sample {i + 1}:\n{samples[i]}\n--> {error.Trim()}");
            else if (output.Contains("ERROR", StringComparison.Ordinal))
                failures.Add($"sample {i + 1}: {output}");
        }
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    [Test]
    public async Task A_sample_that_reads_a_base_table_fails_through_the_client_so_the_guide_test_can_fail()
    {
        var cs = new MySqlConnectionStringBuilder(Db.Analyst);
        var (exit, _, error) = await RunClientAsync("mariadb", cs, "SELECT COUNT(*) FROM patient;");
        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("denied"));
        var (ok, output, _) = await RunClientAsync("mariadb", cs, "SELECT COUNT(*) AS views FROM rpt_catalog WHERE position = 0;");
        Assert.That(ok, Is.EqualTo(0));
        Assert.That(output, Does.Match(@"\b[1-9][0-9]*\b"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunClientAsync(string client, MySqlConnectionStringBuilder cs, string sql)
    {
        var start = new ProcessStartInfo(client)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--no-defaults", "--protocol=TCP", $"-h{cs.Server}", $"-P{cs.Port}", $"-u{cs.UserID}", "--batch",
                     "--connect-timeout=10", cs.Database,
                 })
            start.ArgumentList.Add(arg);
        start.Environment["MYSQL_PWD"] = cs.Password; // never on the command line
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(sql);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static bool IsMariaDbClient(string program)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
