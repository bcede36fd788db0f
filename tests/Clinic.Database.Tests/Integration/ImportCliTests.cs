using Clinic.Database.Tests.Support;
using System.Text.RegularExpressions;
using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// clinic-db import (src/Clinic.Database/Cli.cs) on a database of its own: the sample files of docs/samples import
/// cleanly, a second run skips every row, a bad file exits 6 with the error report written; and docs/import.md
/// lists exactly the columns of import_column for every kind that exists.
/// </summary>
[NonParallelizable]
public partial class ImportCliTests
{
    private static TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        _db = await DatabaseFixture.CreateDatabaseAsync();
        var adminId = await _db.AdminIdAsync();
        // The sample staff file names these.
        await _db.FacilitiesAs(adminId).CreateDepartmentAsync("Outpatients");
        await _db.FacilitiesAs(adminId).CreateSpecialisationAsync("General Practice", 20);
    }

    private static string Sample(string name) => Path.Combine(Migrations.ScriptCatalogTests.RepoRoot(), "docs", "samples", name);

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        ClinicDbCli.RunAsync("admin-password-1", ["import", .. args, "--connection", _db.App, "--username", "admin"]);

    [Test]
    public async Task The_sample_files_import_cleanly_and_a_second_run_skips_them()
    {
        var (code, output, error) = await RunAsync("patient", Sample("patients.csv"));
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("Rows: 5 read, 5 valid, 0 rejected, 0 skipped (imported before), 5 imported."));
        (code, output, error) = await RunAsync("staff", Sample("staff.csv"));
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("4 imported"));
        (code, output, error) = await RunAsync("working_hours", Sample("working_hours.csv"));
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("5 imported"));

        Assert.That(await _db.ScalarAsync<string>("SELECT address FROM patient WHERE family_name = 'Nakato'"), Is.EqualTo("Plot 4, Kira Road, Kampala"));
        Assert.That(await _db.ScalarAsync<string>("SELECT mrn FROM patient WHERE family_name = 'Atim'"), Is.EqualTo("OLD-00017"));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM doctor_working_hours"), Is.EqualTo(5));

        (code, output, error) = await RunAsync("patient", Sample("patients.csv"));
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("5 skipped (imported before), 0 imported."));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(5));
    }

    [Test]
    public async Task A_bad_file_exits_6_writes_nothing_and_the_report_names_each_bad_cell()
    {
        var file = Path.Combine(Path.GetTempPath(), "import-" + Guid.NewGuid().ToString("N") + ".csv");
        var report = Path.ChangeExtension(file, ".errors.csv");
        await File.WriteAllTextAsync(file, "given_name,family_name,sex,date_of_birth,phone\nZelda,Quorbant,female,1990-01-01,\nXavier,Plimsoth,x,31/02/1990,\"12, 34\"\n");
        try
        {
            var patients = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient");
            var (code, output, error) = await RunAsync("patient", file, "--errors", report);
            Assert.That(code, Is.EqualTo(6), output + error);
            Assert.That(output, Does.Contain("rejected"));
            Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(patients));
            var lines = await File.ReadAllLinesAsync(report);
            Assert.That(lines, Is.EqualTo(new[]
            {
                "line,column,value,message,code",
                "3,sex,x,\"Please choose the sex: female, male, other or unknown.\",50206",
                "3,date_of_birth,31/02/1990,Please write a real date as YYYY-MM-DD or DD/MM/YYYY or D/M/YYYY.,51613",
                "3,phone,\"12, 34\",That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX.,50204",
            }));

            (code, output, error) = await RunAsync("patient", file, "--valid-rows", "--dry-run");
            Assert.That(code, Is.EqualTo(6));
            Assert.That(output, Does.Contain("1 valid, 1 rejected"));
            Assert.That(error, Does.Contain("line 3, sex 'x': Please choose the sex"));
            Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(patients));

            await File.WriteAllTextAsync(file, "given_name,family_name\n\"Unclosed,quote\n");
            (code, _, error) = await RunAsync("patient", file);
            Assert.That(code, Is.EqualTo(7), error);
        }
        finally
        {
            File.Delete(file);
            File.Delete(report);
        }
    }

    [Test]
    public async Task Notify_is_kept_on_the_import_and_is_off_unless_asked_for()
    {
        const string newest = "SELECT notify_patients FROM import_batch ORDER BY import_batch_id DESC LIMIT 1";
        var (_, output, error) = await RunAsync("patient", Sample("patients.csv"), "--dry-run");
        Assert.That(output, Does.Contain("dry run"), output + error);
        Assert.That(await _db.ScalarAsync<int>(newest), Is.EqualTo(0), "without --notify no patient is told");
        (_, output, error) = await RunAsync("patient", Sample("patients.csv"), "--dry-run", "--notify");
        Assert.That(output, Does.Contain("dry run"), output + error);
        Assert.That(await _db.ScalarAsync<int>(newest), Is.EqualTo(1), "--notify is the batch's notify_patients");
    }

    [Test]
    public async Task A_wrong_password_or_a_non_admin_is_refused()
    {
        var (_, username) = await _db.NewAccountAsync("receptionist", "password-123");
        var output = new StringWriter();
        var error = new StringWriter();
        Environment.SetEnvironmentVariable("CLINIC_IMPORT_PASSWORD", "password-123");
        try
        {
            var code = await Cli.RunAsync(["import", "patient", Sample("patients.csv"), "--connection", _db.App, "--username", username], output, error);
            Assert.That(code, Is.EqualTo(6), error.ToString());
            Assert.That(error.ToString(), Does.Contain("Your role is not allowed to do this."));
            code = await Cli.RunAsync(["import", "patient", Sample("patients.csv"), "--connection", _db.App, "--username", "admin"], output, error);
            Assert.That(code, Is.EqualTo(3), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINIC_IMPORT_PASSWORD", null);
        }
    }

    [Test]
    public async Task Docs_import_md_lists_the_columns_of_every_kind()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Migrations.ScriptCatalogTests.RepoRoot(), "docs", "import.md"));
        var kinds = await _db.QueryAsync<string>("SELECT kind FROM import_kind ORDER BY kind");
        Assert.That(kinds, Is.SupersetOf(new[] { "patient", "staff", "working_hours" }));
        foreach (var kind in kinds)
        {
            var section = Regex.Match(doc, $@"^### {Regex.Escape(kind)}\s*$(.*?)(?=^#{{1,3}} |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.That(section.Success, Is.True, $"docs/import.md has no section '### {kind}'");
            var documented = TableRow().Matches(section.Groups[1].Value)
                .Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{(m.Groups[3].Value == "yes" ? 1 : 0)}|{m.Groups[4].Value}").ToList();
            var columns = (await _db.QueryAsync<(int Position, string Name, bool Required, int MaxLength)>(
                    "SELECT position, column_name, is_required, max_length FROM import_column WHERE kind = @kind ORDER BY position", new { kind }))
                .Select(c => $"{c.Position}|{c.Name}|{(c.Required ? 1 : 0)}|{c.MaxLength}").ToList();
            Assert.That(documented, Is.EqualTo(columns), $"the column table of '{kind}' in docs/import.md");
        }
    }

    [GeneratedRegex(@"^\| (\d+) \| ([a-z_0-9]+) \| (yes|no) \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
