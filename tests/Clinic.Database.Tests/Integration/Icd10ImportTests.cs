using Clinic.Database.Icd10;

namespace Clinic.Database.Tests.Integration;

/// <summary>clinic-db import-icd10 against a fresh database: validate everything, then upsert in one transaction; exit codes as documented.</summary>
public class Icd10ImportTests
{
    private TestDatabase db = null!;
    private readonly List<string> files = [];

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => db = await DatabaseFixture.CreateDatabaseAsync();

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        foreach (var file in files)
            File.Delete(file);
    }

    private string CsvFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"icd10-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        files.Add(path);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<long> CountAsync() => db.ScalarAsync<long>("SELECT COUNT(*) FROM icd10_code");

    [Test]
    public async Task The_starter_set_holds_hundreds_of_codes_from_every_chapter()
    {
        Assert.That(await CountAsync(), Is.GreaterThanOrEqualTo(300));
        var chapters = await db.QueryAsync<string>("SELECT DISTINCT chapter FROM icd10_code");
        Assert.That(chapters, Is.EquivalentTo(new[]
        {
            "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII",
        }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM icd10_code WHERE chapter <> icd10_chapter(icd10_code)"), Is.EqualTo(0),
            "every seeded chapter agrees with icd10_chapter");
        foreach (var code in new[] { "B50.9", "B54", "A01.0", "A15.0", "B24", "I10", "E11.9", "O14.9", "R50.9", "Z34.9", "J18.9", "S52.5" })
            Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM icd10_code WHERE icd10_code = @code AND is_active = 1", new { code }), Is.EqualTo(1), code);
    }

    [Test]
    public async Task A_valid_file_inserts_new_codes_updates_changed_ones_and_reports_the_counts()
    {
        await db.OwnerExecuteAsync("UPDATE icd10_code SET is_active = 0 WHERE icd10_code = 'A00.9'");
        var before = await CountAsync();
        var auditBefore = await db.MaxAuditIdAsync();
        var file = CsvFile(
            "code,title,chapter\r\n" +
            "A01.0,\"Typhoid fever\",I\r\n" +                                   // unchanged
            "A00.9,\"Cholera, unspecified\",I\r\n" +                             // reactivated
            "B54,\"Malaria, unspecified (renamed)\",\r\n" +                      // new title, chapter kept
            "A000,Cholera due to Vibrio cholerae 01 biovar cholerae,\r\n" +      // new, written without its dot, chapter derived
            "K35.2,\"Acute appendicitis with generalized peritonitis\",XI\r\n" + // new
            "U85,Resistance to antineoplastic drugs\r\n");                      // new, two fields

        var (code, output, error) = await RunCliAsync("import-icd10", file, "--connection", db.Migrator);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("Read 6 code(s)").And.Contain("3 inserted, 2 updated, 1 unchanged"));
        Assert.That(await CountAsync(), Is.EqualTo(before + 3));
        var rows = (await db.QueryAsync<(string Code, string Title, string Chapter, bool Active)>(
                "SELECT icd10_code, title, chapter, is_active FROM icd10_code WHERE icd10_code IN ('A00.0', 'A00.9', 'B54', 'K35.2', 'U85')"))
            .ToDictionary(r => r.Code);
        Assert.That(rows["A00.0"], Is.EqualTo(("A00.0", "Cholera due to Vibrio cholerae 01 biovar cholerae", "I", true)));
        Assert.That(rows["A00.9"].Active, Is.True);
        Assert.That((rows["B54"].Title, rows["B54"].Chapter), Is.EqualTo(("Malaria, unspecified (renamed)", "I")));
        Assert.That(rows["K35.2"].Chapter, Is.EqualTo("XI"));
        Assert.That(rows["U85"].Chapter, Is.EqualTo("XXII"));
        var audit = await db.QueryAsync<(string RowKey, string Action, string DbUser)>(
            "SELECT row_key, action, db_user FROM audit_trail WHERE audit_log_id > @auditBefore AND table_name = 'icd10_code' ORDER BY audit_log_id",
            new { auditBefore });
        Assert.That(audit.Select(a => (a.RowKey, a.Action)), Is.EquivalentTo(new[]
        {
            ("A00.0", "INSERT"), ("K35.2", "INSERT"), ("U85", "INSERT"), ("A00.9", "UPDATE"), ("B54", "UPDATE"),
        }));
        Assert.That(audit.Select(a => a.DbUser), Is.All.StartsWith(db.Name + "_migrator@"));

        // Importing the same file again changes nothing.
        var again = await RunCliAsync("import-icd10", file, "--connection", db.Migrator);
        Assert.That(again.Output, Does.Contain("0 inserted, 0 updated, 6 unchanged"));
    }

    [Test]
    public async Task A_file_with_any_bad_line_imports_nothing_and_names_every_bad_line()
    {
        var before = await CountAsync();
        var file = CsvFile("Z99.1,Dependence on respirator\nnot-a-code,Whatever\nZ99.2,\nZ99.1,Twice\n");

        var (code, _, error) = await RunCliAsync("import-icd10", file, "--connection", db.Migrator);

        Assert.That(code, Is.EqualTo(7));
        Assert.That(error, Does.Contain("3 bad record(s); nothing was imported")
            .And.Contain("line 2:").And.Contain("line 3:").And.Contain("line 4: Z99.1 is already on line 1"));
        Assert.That(await CountAsync(), Is.EqualTo(before));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM icd10_code WHERE icd10_code = 'Z99.1'"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_large_file_goes_in_several_batches_in_one_transaction()
    {
        // W60.00-W71.99: no such subdivisions exist in the starter set.
        var lines = Enumerable.Range(0, 1200).Select(i => $"W{60 + i / 100:D2}.{i % 100:D2},\"Test code {i}, imported\"");
        var file = CsvFile(string.Join("\n", lines));
        var before = await CountAsync();

        var (code, output, error) = await RunCliAsync("import-icd10", "--connection", db.Migrator, "--file", file);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("1200 inserted"));
        Assert.That(await CountAsync(), Is.EqualTo(before + 1200));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM icd10_code WHERE title LIKE 'Test code %, imported'"), Is.EqualTo(1200));
        Assert.That(await db.ScalarAsync<string>("SELECT chapter FROM icd10_code WHERE icd10_code = 'W71.99'"), Is.EqualTo("XX"));
    }

    [Test]
    public async Task A_missing_file_or_argument_is_reported()
    {
        var missing = await RunCliAsync("import-icd10", "/nonexistent/codes.csv", "--connection", db.Migrator);
        Assert.That((missing.Code, missing.Error.Contains("does not exist")), Is.EqualTo((7, true)));
        var noFile = await RunCliAsync("import-icd10", "--connection", db.Migrator);
        Assert.That((noFile.Code, noFile.Error.Contains("needs the CSV file")), Is.EqualTo((1, true)));
    }

    [Test]
    public async Task The_importer_reports_its_counts_to_callers_too()
    {
        var result = await new Icd10Importer(db.Migrator, TextWriter.Null).ImportAsync([new Icd10CsvRow(1, "Y09", "Assault by unspecified means", "XX")]);
        Assert.That(result, Is.EqualTo(new Icd10ImportResult(1, 0, 0, 1)));
    }
}
