using System.Text;
using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Import;
using Clinic.Data.Patients;
using Clinic.Data.Staff;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// CSV import (issue 14; db/procedures/import_*, docs/import.md): every rule of the patient, staff and working-hours
/// kinds with a bad row reported on its line and column and a good row that lands; the modes; re-import as a no-op;
/// MRNs in file order without gaps; the batch's audit row; permission and header errors. One database of its own, so
/// that other tests' patients never look like duplicates.
/// </summary>
public class ImportTests
{
    private static TestDatabase _db = null!;
    private static int _adminId;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        _db = await DatabaseFixture.CreateDatabaseAsync();
        _adminId = await _db.AdminIdAsync();
    }

    internal static ImportProcedures ImportsAs(TestDatabase db, int actorId) => new(db.Runner, db.SessionOf(actorId));

    private static ImportProcedures Imports => ImportsAs(_db, _adminId);

    /// <summary>Imports CSV text as the administrator; returns the batch and its whole error report.</summary>
    private static async Task<(ImportBatch Batch, IReadOnlyList<ImportError> Errors)> ImportAsync(string kind, string csv,
        bool validRows = false, bool dryRun = false)
    {
        var importer = new CsvImporter(Imports);
        var outcome = await importer.ImportAsync(kind, kind + ".csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), validRows, dryRun);
        var errors = await Imports.ErrorsAsync(outcome.Batch.ImportBatchId, 0, 10000);
        return (outcome.Batch, errors);
    }

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    private static readonly Random Rng = new();

    /// <summary>A name of letters only, unlike any other test's (its SOUNDEX too, most likely).</summary>
    private static string Name()
    {
        const string letters = "bcdfghjklmnpqrstvwxz";
        var chars = new char[9];
        lock (Rng)
            for (var i = 0; i < chars.Length; i++)
                chars[i] = i % 2 == 1 ? "aeiou"[Rng.Next(5)] : letters[Rng.Next(letters.Length)];
        chars[0] = char.ToUpperInvariant(chars[0]);
        return new string(chars);
    }

    private static string Phone()
    {
        lock (Rng)
            return "07" + Rng.Next(10_000_000, 99_999_999);
    }

    /// <summary>A random date of birth from 1935 on (the big file's patients are born before 1935, so never look like these).</summary>
    private static string Dob(int fromYear = 1935, int days = 20000)
    {
        lock (Rng)
            return new DateTime(fromYear, 1, 1).AddDays(Rng.Next(0, days)).ToString("yyyy-MM-dd");
    }

    private const string PatientHeader =
        "external_id,given_name,family_name,sex,date_of_birth,phone,email,address,district,emergency_contact_name,emergency_contact_phone,blood_group,mrn";

    private static string PatientRow(string? externalId = null, string? given = null, string? family = null, string sex = "female",
        string? dob = null, string? phone = null, string email = "", string address = "", string district = "", string emergencyName = "",
        string emergencyPhone = "", string bloodGroup = "", string mrn = "") =>
        string.Join(",", externalId ?? "", given ?? Name(), family ?? Name(), sex, dob ?? Dob(), phone ?? "", email, Csv(address), Csv(district),
            emergencyName, emergencyPhone, bloodGroup, mrn);

    private static string Csv(string cell) => cell.Contains(',') || cell.Contains('"') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static IEnumerable<(long Line, string? Column, int Code)> Keys(IEnumerable<ImportError> errors) =>
        errors.Select(e => (e.LineNo, e.ColumnName, e.ErrorCode));

    private static async Task<long> PatientCountAsync() => await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient");

    private static async Task<long> NextMrnAsync() =>
        await _db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'patient.mrn'");

    [Test]
    public async Task Every_patient_rule_reports_its_bad_row_and_the_good_rows_land()
    {
        // An active patient registered on the screen, and one with an MRN from an earlier import.
        var registered = new PatientInput { GivenName = Name(), FamilyName = Name(), Sex = "male", DateOfBirth = new DateTime(1950, 5, 17), Phone = Phone() };
        var existing = await _db.PatientsAs(_adminId).RegisterAsync(registered);
        var nextMrn = await NextMrnAsync();
        var inIssuedRange = "HMS/" + (nextMrn + 5).ToString("D6");
        var takenMrn = existing.Mrn;
        var sharedPhone = Phone();
        var goodFamily = Name();
        var goodExternal = "PX-" + Guid.NewGuid().ToString("N")[..8];
        var twinDob = Dob();

        var csv = Lines(PatientHeader,
            /* 2 good */ PatientRow(goodExternal, "Amina", goodFamily, "F", "05/03/1984", "+256 772 123 4" + Rng.Next(10, 99), "Amina@Example.com",
                "Plot 4, Kira Road", "Kampala", "Joseph", Phone(), "o+"),
            /* 3 */ PatientRow(given: ""),
            /* 4 */ PatientRow(sex: "woman"),
            /* 5 */ PatientRow(dob: DateTime.Today.AddDays(2).ToString("yyyy-MM-dd")),
            /* 6 */ PatientRow(dob: "05/03/84"),
            /* 7 */ PatientRow(dob: "1850-01-01"),
            /* 8 */ PatientRow(phone: "12345"),
            /* 9 */ PatientRow(emergencyPhone: "0123"),
            /* 10 */ PatientRow(email: "not-an-email"),
            /* 11 */ PatientRow(bloodGroup: "C+"),
            /* 12 */ PatientRow(given: new string('x', 101)),
            /* 13 */ PatientRow(externalId: goodExternal),
            /* 14 */ PatientRow(mrn: "OLD-7"),
            /* 15 */ PatientRow(mrn: "OLD-7"),
            /* 16 */ PatientRow(mrn: takenMrn),
            /* 17 */ PatientRow(mrn: inIssuedRange),
            /* 18 */ PatientRow(phone: sharedPhone),
            /* 19 */ PatientRow(phone: sharedPhone),
            /* 20 */ PatientRow(given: "Robert", family: "Tumusiime", dob: twinDob),
            /* 21 */ PatientRow(given: "Rob", family: "Tumusiimé", dob: twinDob),
            /* 22 */ PatientRow(given: registered.GivenName, family: registered.FamilyName, dob: "17/05/1950"),
            /* 23 */ PatientRow(phone: registered.Phone),
            /* 24 */ PatientRow(address: new string('a', 250), district: "Kampala"),
            /* 25 */ PatientRow(address: new string('b', 501)),
            /* 26 good */ PatientRow(sex: "unknown", dob: "7/1/2001"));

        var (batch, errors) = await ImportAsync("patient", csv, validRows: true);

        Assert.That(Keys(errors), Is.EquivalentTo(new (long, string?, int)[]
        {
            (3, "given_name", 50201), (4, "sex", 50206), (5, "date_of_birth", 50202), (6, "date_of_birth", 51613),
            (7, "date_of_birth", 50203), (8, "phone", 50204), (9, "emergency_contact_phone", 50204), (10, "email", 50205),
            (11, "blood_group", 50207), (12, "given_name", 51612), (13, "external_id", 51614), (15, "mrn", 51615),
            (16, "mrn", 51616), (17, "mrn", 51617), (19, "phone", 51618), (21, "family_name", 51618),
            (22, "family_name", 51619), (23, "phone", 51619), (24, "district", 51620), (25, "address", 51610),
        }), string.Join("\n", errors.Select(e => $"{e.LineNo} {e.ColumnName} {e.ErrorCode} {e.Message}")));
        Assert.That(errors.Single(e => e.LineNo == 6).Message, Is.EqualTo("Please write a real date as YYYY-MM-DD or DD/MM/YYYY or D/M/YYYY."));
        Assert.That(errors.Single(e => e.LineNo == 6).CellValue, Is.EqualTo("05/03/84"));
        Assert.That(errors.Single(e => e.LineNo == 19).Message, Does.Contain("line 18"));
        Assert.That(errors.Single(e => e.LineNo == 22).Message, Does.Contain(existing.Mrn));
        Assert.That(errors.Single(e => e.LineNo == 8).Message, Is.EqualTo("That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX."));
        Assert.That(errors.All(e => e.Message.Length <= 128), Is.True);

        Assert.That(batch.Status, Is.EqualTo("imported"));
        Assert.That((batch.RowsTotal, batch.RowsRejected, batch.RowsImported), Is.EqualTo((25, 20, 5)));
        var imported = await _db.QueryAsync<(int Line, string Given, string Family, string Sex, DateTime Dob, string? Phone, string? Email, string? Address, string? Blood)>(
            "SELECT r.line_no, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email, p.address, p.blood_group " +
            "FROM import_row r JOIN patient p ON p.patient_id = r.entity_id WHERE r.import_batch_id = @id AND r.outcome = 'imported' ORDER BY r.line_no",
            new { id = batch.ImportBatchId });
        Assert.That(imported.Select(i => i.Line), Is.EqualTo(new[] { 2, 14, 18, 20, 26 }));
        var good = imported.Single(i => i.Line == 2);
        Assert.That((good.Given, good.Family, good.Sex, good.Dob, good.Email, good.Address, good.Blood),
            Is.EqualTo(("Amina", goodFamily, "female", new DateTime(1984, 3, 5), "amina@example.com", "Plot 4, Kira Road, Kampala", "O+")));
        Assert.That(good.Phone, Does.StartWith("+256772123"));
        Assert.That(imported.Single(i => i.Line == 26).Dob, Is.EqualTo(new DateTime(2001, 1, 7)));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE mrn = 'OLD-7'"), Is.EqualTo(1), "the first line with the old MRN keeps it");
        Assert.That(await _db.ScalarAsync<long>("SELECT entity_id FROM import_key WHERE kind = 'patient' AND external_id = @goodExternal", new { goodExternal }),
            Is.EqualTo(await _db.ScalarAsync<long>("SELECT patient_id FROM patient WHERE family_name = @goodFamily", new { goodFamily })));
        // The name-search index is kept by the patient triggers, as for a registration.
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_name_word w JOIN patient p ON p.patient_id = w.patient_id WHERE p.family_name = @goodFamily",
            new { goodFamily }), Is.EqualTo(2));
    }

    [Test]
    public async Task Twins_register_when_their_line_confirms_the_duplicate_and_are_refused_otherwise()
    {
        // Their older sister, registered on the screen, shares the family's phone.
        var family = Name();
        var phone = Phone();
        var dob = Dob();
        await _db.PatientsAs(_adminId).RegisterAsync(new PatientInput
        {
            GivenName = "Babirye", FamilyName = family, Sex = "female", DateOfBirth = new DateTime(1990, 1, 1), Phone = phone,
        });
        const string header = PatientHeader + ",confirm_duplicate";
        string Twin(string given, string confirm) => PatientRow(given: given, family: family, dob: dob, phone: phone) + "," + confirm;

        // Without a yes, each twin looks like the registered sister (the same phone: 51619), the second also like the
        // first (51618); a value that is neither yes nor no is reported.
        var (refused, errors) = await ImportAsync("patient", Lines(header, Twin("Wasswa", ""), Twin("Kato", "no"), Twin("Nnyanzi", "perhaps")), dryRun: true);
        Assert.That(refused.RowsRejected, Is.EqualTo(3));
        Assert.That(errors.Select(e => (e.LineNo, e.ErrorCode)), Is.SupersetOf(new[] { (2L, 51619), (3L, 51619), (3L, 51618) }));
        Assert.That(errors.Select(e => (e.LineNo, e.ColumnName, e.CellValue, e.ErrorCode)), Does.Contain((4L, "confirm_duplicate", "perhaps", 51628)));

        var before = await PatientCountAsync();
        var (batch, none) = await ImportAsync("patient", Lines(header, Twin("Wasswa", "yes"), Twin("Kato", "Y")));
        Assert.That(none, Is.Empty);
        Assert.That(batch.RowsImported, Is.EqualTo(2));
        Assert.That(await PatientCountAsync(), Is.EqualTo(before + 2));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE family_name = @family", new { family }), Is.EqualTo(3));
    }

    [Test]
    public async Task All_or_nothing_writes_nothing_when_a_row_is_bad()
    {
        var patients = await PatientCountAsync();
        var next = await NextMrnAsync();
        var (batch, errors) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(), PatientRow(sex: "?"), PatientRow()));
        Assert.That(batch.Status, Is.EqualTo("rejected"));
        Assert.That((batch.RowsTotal, batch.RowsValid, batch.RowsRejected, batch.RowsImported), Is.EqualTo((3, 2, 1, 0)));
        Assert.That(Keys(errors), Is.EqualTo(new (long, string?, int)[] { (3, "sex", 50206) }));
        Assert.That(await PatientCountAsync(), Is.EqualTo(patients));
        Assert.That(await NextMrnAsync(), Is.EqualTo(next));
        Assert.That(batch.CanApply, Is.False);
        Assert.That(await CodeOf(() => Imports.ApplyAsync(batch.ImportBatchId)), Is.EqualTo(51604));
    }

    [Test]
    public async Task A_dry_run_checks_and_writes_nothing_then_the_same_batch_imports()
    {
        var patients = await PatientCountAsync();
        var (batch, errors) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(), PatientRow()), dryRun: true);
        Assert.That(errors, Is.Empty);
        Assert.That((batch.Status, batch.RowsValid, batch.RowsImported, batch.CanApply), Is.EqualTo(("checked", 2, 0, true)));
        Assert.That(await PatientCountAsync(), Is.EqualTo(patients));
        var applied = await Imports.ApplyAsync(batch.ImportBatchId);
        Assert.That((applied.Status, applied.RowsImported), Is.EqualTo(("imported", 2)));
        Assert.That(await PatientCountAsync(), Is.EqualTo(patients + 2));
    }

    [Test]
    public async Task Can_apply_is_false_for_a_checked_all_or_nothing_file_with_errors_and_true_for_its_good_rows_mode()
    {
        var (strict, strictErrors) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(), PatientRow(sex: "?")), dryRun: true);
        Assert.That((strict.Status, strict.Mode, strict.RowsRejected, strictErrors.Count), Is.EqualTo(("checked", "all_or_nothing", 1, 1)));
        Assert.That(strict.CanApply, Is.False, "import_batch_check: the apply would only reject it");
        Assert.That((await Imports.GetAsync(strict.ImportBatchId)).CanApply, Is.False, "import_batch_get says the same");
        Assert.That(strict.CanCancel, Is.True);

        var (lenient, _) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(), PatientRow(sex: "?")), validRows: true, dryRun: true);
        Assert.That((lenient.Status, lenient.RowsValid, lenient.CanApply), Is.EqualTo(("checked", 1, true)), "valid_rows imports the good row");
        Assert.That((await Imports.GetAsync(lenient.ImportBatchId)).CanApply, Is.True);

        var (header, _) = await ImportAsync("patient", Lines("given_name,favourite_colour", "A,blue"), validRows: true, dryRun: true);
        Assert.That(header.CanApply, Is.False, "a header error: nothing can be imported in either mode");
        await Imports.CancelAsync(strict.ImportBatchId);
        await Imports.CancelAsync(lenient.ImportBatchId);
        await Imports.CancelAsync(header.ImportBatchId);
    }

    [Test]
    public async Task The_notify_option_is_kept_on_the_batch_and_is_off_by_default()
    {
        var quiet = await Imports.BeginAsync("appointment", "a.csv", new string('c', 64), null, ["patient", "doctor", "date", "start_time"]);
        var told = await Imports.BeginAsync("appointment", "a.csv", new string('c', 64), null, ["patient", "doctor", "date", "start_time"],
            notifyPatients: true);
        Assert.That(((await Imports.GetAsync(quiet)).NotifyPatients, (await Imports.GetAsync(told)).NotifyPatients), Is.EqualTo((false, true)));
        await Imports.CancelAsync(quiet);
        await Imports.CancelAsync(told);
    }

    [Test]
    public async Task A_dry_run_returns_the_first_errors_with_the_batch()
    {
        var importer = new CsvImporter(Imports);
        var csv = Lines(PatientHeader, PatientRow(), PatientRow(sex: "?"), PatientRow(sex: "!"));
        var outcome = await importer.ImportAsync("patient", "p.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), false, dryRun: true);
        Assert.That(outcome.FirstErrors.Select(e => (e.LineNo, e.ColumnName, e.ErrorCode)),
            Is.EqualTo(new (long, string?, int)[] { (3, "sex", 50206), (4, "sex", 50206) }), "import_batch_check's own list, in line order");
        await Imports.CancelAsync(outcome.Batch.ImportBatchId);
    }

    [Test]
    public async Task Downloading_the_error_report_is_recorded_in_the_report_export_trail()
    {
        var (batch, errors) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(sex: "?"), PatientRow(given: "")), validRows: true);
        Assert.That(errors, Has.Count.EqualTo(2));
        var before = await _db.ScalarAsync<long>("SELECT COALESCE(MAX(report_export_log_id), 0) FROM report_export_trail");
        var text = new StringWriter();
        await new CsvImporter(Imports).WriteErrorReportAsync(batch.ImportBatchId, text);
        Assert.That(text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3), "the header and the two errors");
        var rows = await _db.QueryAsync<(int? UserAccountId, long? UserSessionId, string ReportCode, DateTime? RangeFrom, string ExportFormat, int? RowCount)>(
            "SELECT user_account_id, user_session_id, report_code, range_from, export_format, row_count FROM report_export_trail " +
            "WHERE report_export_log_id > @before ORDER BY report_export_log_id", new { before });
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That((rows[0].UserAccountId, rows[0].ReportCode, rows[0].RangeFrom, rows[0].ExportFormat, rows[0].RowCount),
            Is.EqualTo(((int?)_adminId, $"import_errors:{batch.ImportBatchId}", (DateTime?)null, "csv", (int?)2)));
        Assert.That(rows[0].UserSessionId, Is.Not.Null);

        var (receptionist, _) = await _db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => ImportsAs(_db, receptionist).ExportErrorsAsync(batch.ImportBatchId)), Is.EqualTo(50102));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM report_export_trail WHERE report_export_log_id > @before", new { before }),
            Is.EqualTo(1), "a refused download is not recorded");
    }

    [Test]
    public async Task Importing_the_same_file_again_skips_every_row()
    {
        var csv = Lines(PatientHeader, PatientRow("R-" + Guid.NewGuid().ToString("N")[..8]), PatientRow("R-" + Guid.NewGuid().ToString("N")[..8]));
        var (first, _) = await ImportAsync("patient", csv);
        Assert.That((first.Status, first.RowsImported), Is.EqualTo(("imported", 2)));
        var patients = await PatientCountAsync();

        var (again, errors) = await ImportAsync("patient", csv);
        Assert.That(errors, Is.Empty);
        Assert.That((again.Status, again.RowsTotal, again.RowsSkipped, again.RowsImported), Is.EqualTo(("imported", 2, 2, 0)));
        Assert.That(await PatientCountAsync(), Is.EqualTo(patients));
        Assert.That(again.FileSha256, Is.EqualTo(first.FileSha256));
    }

    [Test]
    public async Task MRNs_are_issued_in_file_order_without_gaps()
    {
        var next = await NextMrnAsync();
        var old = "LEGACY-" + Guid.NewGuid().ToString("N")[..6];
        var (batch, errors) = await ImportAsync("patient",
            Lines(PatientHeader, PatientRow(), PatientRow(), PatientRow(mrn: old), PatientRow(), PatientRow()));
        Assert.That(errors, Is.Empty);
        var rows = await _db.QueryAsync<(int Line, string Mrn, int PatientId)>(
            "SELECT r.line_no, p.mrn, p.patient_id FROM import_row r JOIN patient p ON p.patient_id = r.entity_id WHERE r.import_batch_id = @id ORDER BY r.line_no",
            new { id = batch.ImportBatchId });
        Assert.That(rows.Select(r => r.Mrn), Is.EqualTo(new[]
        {
            "HMS/" + next.ToString("D6"), "HMS/" + (next + 1).ToString("D6"), old, "HMS/" + (next + 2).ToString("D6"), "HMS/" + (next + 3).ToString("D6"),
        }));
        Assert.That(rows.Select(r => r.PatientId), Is.Ordered.Ascending);
        Assert.That(await NextMrnAsync(), Is.EqualTo(next + 4));
    }

    [Test]
    public async Task A_big_file_goes_in_chunks_and_keeps_its_order()
    {
        var next = await NextMrnAsync();
        var lines = new List<string> { PatientHeader };
        for (var i = 0; i < 4500; i++)
            lines.Add(PatientRow("B-" + i + "-" + Guid.NewGuid().ToString("N")[..6], dob: Dob(1905, 10900)));
        var started = DateTime.UtcNow;
        var (batch, errors) = await ImportAsync("patient", Lines([.. lines]), validRows: true);
        TestContext.Progress.WriteLine($"4500 patients imported in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        Assert.That(batch.RowsTotal, Is.EqualTo(4500));
        Assert.That(batch.RowsImported + batch.RowsRejected, Is.EqualTo(4500));
        Assert.That(errors.All(e => e.ErrorCode == 51618), Is.True, "only chance look-alikes of random names may be refused");
        var last = await _db.ScalarAsync<string>("SELECT p.mrn FROM import_row r JOIN patient p ON p.patient_id = r.entity_id WHERE r.import_batch_id = @id ORDER BY r.line_no DESC LIMIT 1",
            new { id = batch.ImportBatchId });
        Assert.That(last, Is.EqualTo("HMS/" + (next + batch.RowsImported - 1).ToString("D6")));
    }

    [Test]
    public async Task The_batch_is_audited_with_its_hash_and_counts_and_the_rows_by_their_own_triggers()
    {
        var before = await _db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var (batch, _) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(), PatientRow(), PatientRow()));
        var rows = await _db.QueryAsync<(string Table, string Action, string? NewRow, int? Actor)>(
            "SELECT table_name, action, new_row, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name IN ('import_batch', 'patient') ORDER BY audit_log_id",
            new { before });
        var batchRows = rows.Where(r => r.Table == "import_batch").ToList();
        Assert.That(batchRows.Select(r => r.Action), Is.EqualTo(new[] { "INSERT", "UPDATE" }), "one row when the file arrives, one when it is imported");
        using var json = JsonDocument.Parse(batchRows[1].NewRow!);
        Assert.That(json.RootElement.GetProperty("file_sha256").GetString(), Is.EqualTo(batch.FileSha256).And.Length.EqualTo(64));
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("imported"));
        Assert.That(json.RootElement.GetProperty("rows_imported").GetInt32(), Is.EqualTo(3));
        Assert.That(rows.Count(r => r.Table == "patient" && r.Action == "INSERT"), Is.EqualTo(3));
        Assert.That(rows.All(r => r.Actor == _adminId), Is.True);
    }

    [Test]
    public async Task Only_a_session_with_import_run_may_import()
    {
        var (receptionist, _) = await _db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => ImportsAs(_db, receptionist).BeginAsync("patient", "p.csv", new string('a', 64), null, ["given_name"])),
            Is.EqualTo(50102));
        var (batch, _) = await ImportAsync("patient", Lines(PatientHeader, PatientRow()), dryRun: true);
        Assert.That(await CodeOf(() => ImportsAs(_db, receptionist).ErrorsAsync(batch.ImportBatchId, 0, 10)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Imports.BeginAsync("nonsense", "x.csv", new string('a', 64), null, ["x"])),
            Is.EqualTo(51600));
        Assert.That(await CodeOf(() => Imports.BeginAsync("patient", "x.csv", "abc", null, ["x"])), Is.EqualTo(51602));
        Assert.That(await CodeOf(() => Imports.BeginAsync("patient", "x.csv", new string('a', 64), "some", ["x"])),
            Is.EqualTo(51601));
    }

    [Test]
    public async Task Header_errors_are_reported_on_line_0_and_nothing_is_imported_even_with_valid_rows()
    {
        var patients = await PatientCountAsync();
        var (batch, errors) = await ImportAsync("patient",
            Lines("Given_Name, given_name ,sex,date_of_birth,favourite_colour", $"{Name()},{Name()},female,{Dob()},blue"), validRows: true);
        Assert.That(Keys(errors), Is.EquivalentTo(new (long, string?, int)[]
        {
            (0, "given_name", 51608), (0, "favourite_colour", 51607), (0, "family_name", 51609),
        }));
        Assert.That((batch.Status, batch.HeaderErrorCount, batch.RowsRejected), Is.EqualTo(("rejected", 3L, 1)));
        Assert.That(await PatientCountAsync(), Is.EqualTo(patients));
    }

    [Test]
    public async Task Each_chunk_answers_with_the_rows_it_stored_and_the_check_counts_the_batch()
    {
        var id = await Imports.BeginAsync("patient", "p.csv", new string('d', 64), null, ["given_name", "family_name"]);
        // A row whose cells are all empty is left out; the answer is this chunk's, not the batch's so far.
        Assert.That(await Imports.AddRowsAsync(id, [(2, ["A", "B"]), (3, ["", " "]), (4, ["C", "D"])]), Is.EqualTo(2));
        Assert.That(await Imports.AddRowsAsync(id, [(5, ["E", "F"])]), Is.EqualTo(1));
        var checkedBatch = (await Imports.CheckAsync(id)).Batch;
        Assert.That(checkedBatch.RowsTotal, Is.EqualTo(3));
        await Imports.CancelAsync(id);
    }

    [Test]
    public async Task Rows_may_not_be_sent_twice_and_a_cancelled_import_is_closed()
    {
        var id = await Imports.BeginAsync("patient", "p.csv", new string('b', 64), null, ["given_name", "family_name"]);
        await Imports.AddRowsAsync(id, [(2, ["A", "B"])]);
        Assert.That(await CodeOf(() => Imports.AddRowsAsync(id, [(2, ["A", "B"])])), Is.EqualTo(51606));
        var cancelled = await Imports.CancelAsync(id);
        Assert.That((cancelled.Status, cancelled.CanApply), Is.EqualTo(("cancelled", false)));
        Assert.That(await CodeOf(() => Imports.AddRowsAsync(id, [(3, ["A", "B"])])), Is.EqualTo(51604));
        Assert.That(await CodeOf(() => Imports.GetAsync(999_999)), Is.EqualTo(51603));
        var list = await Imports.ListAsync("patient", 0, 200);
        Assert.That(list.Select(b => b.ImportBatchId), Does.Contain(id));
    }

    [Test]
    public async Task A_column_of_the_kind_beyond_the_fortieth_is_refused_and_forty_columns_are_fine()
    {
        // 40 columns with family_name last: accepted. The same file with it as the 41st: refused (51627), nothing staged.
        var filler = Enumerable.Range(1, 38).Select(i => $"unused_{i}").ToList();
        var fits = await Imports.BeginAsync("patient", "p.csv", new string('d', 64), null, ["given_name", .. filler, "family_name"]);
        await Imports.AddRowsAsync(fits, [(2, ["Akello", .. filler.Select(_ => ""), "Nakato"])]);
        Assert.That(await _db.QueryAsync<(string, string)>("SELECT c02, c03 FROM import_row WHERE import_batch_id = @fits", new { fits }),
            Is.EqualTo(new[] { ("Akello", "Nakato") }), "given_name from the first place, family_name from the fortieth");

        var wide = await Imports.BeginAsync("patient", "p.csv", new string('e', 64), null, ["given_name", .. filler, "extra", "family_name"]);
        Assert.That(await CodeOf(() => Imports.AddRowsAsync(wide, [(2, ["Akello", .. filler.Select(_ => ""), "", "Nakato"])])), Is.EqualTo(51627));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM import_row WHERE import_batch_id = @wide", new { wide }), Is.Zero);
        await Imports.CancelAsync(fits);
        await Imports.CancelAsync(wide);
    }

    [Test]
    public async Task Cells_are_read_from_every_place_of_a_row_narrow_or_wide()
    {
        // The rows are read 20 cells at a time when the kind's columns lie in the file's first 20 places and no row is
        // longer (import_batch_rows_add); otherwise all 40. Either way every cell lands, and only an empty row is left out.
        var filler = Enumerable.Range(1, 19).Select(i => $"unused_{i}").ToList();
        var narrow = await Imports.BeginAsync("patient", "p.csv", new string('7', 64), null, ["given_name", .. filler]);
        await Imports.AddRowsAsync(narrow, [
            (2, ["Akello", .. filler.Select(_ => "")]),
            (3, ["", .. filler.Select(_ => "")]),                       // empty: left out
            (4, ["", .. filler.Select(_ => ""), "", "beyond the header"]), // longer than the header: kept (then rejected)
        ]);
        Assert.That(await _db.QueryAsync<(long, string?)>(
                "SELECT line_no, c02 FROM import_row WHERE import_batch_id = @narrow ORDER BY line_no", new { narrow }),
            Is.EqualTo(new (long, string?)[] { (2, "Akello"), (4, null) }));

        var far = await Imports.BeginAsync("patient", "p.csv", new string('8', 64), null, ["given_name", .. filler, "family_name"]);
        await Imports.AddRowsAsync(far, [(2, ["Akello", .. filler.Select(_ => ""), "Nakato"]), (3, ["", .. filler.Select(_ => ""), ""])]);
        Assert.That(await _db.QueryAsync<(long, string, string)>(
                "SELECT line_no, c02, c03 FROM import_row WHERE import_batch_id = @far", new { far }),
            Is.EqualTo(new[] { (2L, "Akello", "Nakato") }), "family_name from the 21st place");
        await Imports.CancelAsync(narrow);
        await Imports.CancelAsync(far);
    }

    private const string StaffHeader = "external_id,given_name,family_name,staff_role,department,specialisation,consultation_fee,phone,email,username";

    [Test]
    public async Task Every_staff_rule_reports_its_bad_row_and_the_good_rows_land()
    {
        var facilities = _db.FacilitiesAs(_adminId);
        var department = "Dept " + Name();
        var specialisation = "Spec " + Name();
        var departmentId = await facilities.CreateDepartmentAsync(department);
        var specialisationId = await facilities.CreateSpecialisationAsync(specialisation, 20);
        var (nurseAccount, nurseUsername) = await _db.NewAccountAsync("nurse");
        var (doctorAccount, doctorUsername) = await _db.NewAccountAsync("doctor");
        var (linkedAccount, linkedUsername) = await _db.NewAccountAsync("nurse");
        var (_, otherNurseUsername) = await _db.NewAccountAsync("nurse");
        await _db.StaffAs(_adminId).CreateAsync(new StaffInput { UserAccountId = linkedAccount, GivenName = "Al", FamilyName = "Ready", StaffRole = "nurse" });
        var external = "SX-" + Guid.NewGuid().ToString("N")[..8];

        string Row(string? ext = "", string given = "Ann", string family = "Other", string role = "nurse", string dept = "", string spec = "",
            string fee = "", string phone = "", string email = "", string username = "") =>
            string.Join(",", ext, given, family, role, dept, spec, fee, phone, email, username);

        var csv = Lines(StaffHeader,
            /* 2 good */ Row(external, "Grace", "Achieng", "doctor", department, specialisation, "20000.50", "0772 000 111", "Grace@Example.com", doctorUsername),
            /* 3 */ Row(given: ""),
            /* 4 */ Row(role: "surgeon"),
            /* 5 */ Row(dept: "No Such Department"),
            /* 6 */ Row(spec: "No Such Specialisation"),
            /* 7 */ Row(role: "doctor", dept: department),
            /* 8 */ Row(fee: "-5"),
            /* 9 */ Row(fee: "12k"),
            /* 10 */ Row(username: "nobody_" + Name()),
            /* 11 */ Row(username: linkedUsername),
            /* 12 */ Row(role: "receptionist", username: otherNurseUsername),
            /* 13 */ Row(username: nurseUsername),
            /* 14 */ Row(username: nurseUsername),
            /* 15 */ Row(phone: "123"),
            /* 16 */ Row(email: "x@"),
            /* 17 */ Row(ext: external),
            /* 18 good */ Row(role: "billing clerk"));

        var (batch, errors) = await ImportAsync("staff", csv, validRows: true);
        Assert.That(Keys(errors), Is.EquivalentTo(new (long, string?, int)[]
        {
            (3, "given_name", 50308), (4, "staff_role", 50309), (5, "department", 50303), (6, "specialisation", 50306),
            (7, "specialisation", 50310), (8, "consultation_fee", 50311), (9, "consultation_fee", 51621), (10, "username", 50312),
            (11, "username", 50313), (12, "username", 50314), (14, "username", 51622), (15, "phone", 50204), (16, "email", 50205),
            (17, "external_id", 51614),
        }), string.Join("\n", errors.Select(e => $"{e.LineNo} {e.ColumnName} {e.ErrorCode} {e.Message}")));
        Assert.That((batch.Status, batch.RowsImported), Is.EqualTo(("imported", 3)));

        var grace = (await _db.QueryAsync<(int StaffId, int? Account, string Role, int? Dept, int? Spec, decimal? Fee, string? Phone, string? Email)>(
            "SELECT staff_id, user_account_id, staff_role, department_id, specialisation_id, consultation_fee, phone, email FROM staff " +
            "WHERE staff_id = (SELECT entity_id FROM import_key WHERE kind = 'staff' AND external_id = @external)", new { external })).Single();
        Assert.That(grace, Is.EqualTo((grace.StaffId, (int?)doctorAccount, "doctor", (int?)departmentId, (int?)specialisationId, (decimal?)20000.50m,
            (string?)"+256772000111", (string?)"grace@example.com")));
        Assert.That(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM staff WHERE user_account_id = @nurseAccount", new { nurseAccount }), Is.EqualTo(1),
            "line 13 linked the nurse's account");
        Assert.That(await _db.ScalarAsync<string>(
            "SELECT s.staff_role FROM import_row r JOIN staff s ON s.staff_id = r.entity_id WHERE r.import_batch_id = @id AND r.line_no = 18",
            new { id = batch.ImportBatchId }), Is.EqualTo("billing_clerk"));
    }

    private const string HoursHeader = "doctor,weekday,starts_at,ends_at";

    [Test]
    public async Task Every_working_hours_rule_reports_its_bad_row_and_the_good_rows_land()
    {
        var department = "Dept " + Name();
        var specialisation = "Spec " + Name();
        await _db.FacilitiesAs(_adminId).CreateDepartmentAsync(department);
        await _db.FacilitiesAs(_adminId).CreateSpecialisationAsync(specialisation, 15);
        var ext = "D-" + Guid.NewGuid().ToString("N")[..8];
        var nurseExt = "N-" + Guid.NewGuid().ToString("N")[..8];
        var byName = Name();
        var twin = Name();
        var (staffBatch, staffErrors) = await ImportAsync("staff", Lines(StaffHeader,
            $"{ext},Doc,{Name()},doctor,{department},{specialisation},10000,,,",
            $",Named,{byName},doctor,{department},{specialisation},10000,,,",
            $",Twin,{twin},doctor,{department},{specialisation},10000,,,",
            $",Twin,{twin},doctor,{department},{specialisation},10000,,,",
            $"{nurseExt},Nur,{Name()},nurse,,,,,,"));
        Assert.That(staffErrors, Is.Empty);
        Assert.That(staffBatch.RowsImported, Is.EqualTo(5));
        var doctorId = await _db.ScalarAsync<int>("SELECT entity_id FROM import_key WHERE kind = 'staff' AND external_id = @ext", new { ext });
        await _db.WorkingHoursAs(_adminId).AddBlockAsync(doctorId, 3, TimeSpan.FromHours(8), TimeSpan.FromHours(12));

        var csv = Lines(HoursHeader,
            /* 2 good */ $"{ext},Mon,08:00,12:00",
            /* 3 good, touching */ $"{ext},1,12:00,24:00",
            /* 4 good by name */ $"Named {byName},Tuesday,9:30,11:00",
            /* 5 */ ",Mon,08:00,09:00",
            /* 6 */ "Nobody Atall,Mon,08:00,09:00",
            /* 7 */ $"Twin {twin},Mon,08:00,09:00",
            /* 8 */ $"{nurseExt},Mon,08:00,09:00",
            /* 9 */ $"{ext},Funday,08:00,09:00",
            /* 10 */ $"{ext},Fri,8am,09:00",
            /* 11 */ $"{ext},Fri,10:00,09:00",
            /* 12 */ $"{ext},Wed,11:00,13:00",
            /* 13 */ $"{ext},Mon,11:30,12:30",
            /* 14 skipped: the same block again */ $"{ext},3,08:00,12:00",
            /* 15 */ $"{ext},Sat,08:00,25:00");
        var (batch, errors) = await ImportAsync("working_hours", csv, validRows: true);
        Assert.That(Keys(errors), Is.EquivalentTo(new (long, string?, int)[]
        {
            (5, "doctor", 51611), (6, "doctor", 51623), (7, "doctor", 51624), (8, "doctor", 50401), (9, "weekday", 50402),
            (10, "starts_at", 51625), (11, "ends_at", 50403), (12, "starts_at", 50404), (13, "starts_at", 51626), (15, "ends_at", 51625),
        }), string.Join("\n", errors.Select(e => $"{e.LineNo} {e.ColumnName} {e.ErrorCode} {e.Message}")));
        Assert.That(errors.Single(e => e.LineNo == 13).Message, Does.Contain("line 2"));
        Assert.That((batch.RowsImported, batch.RowsSkipped), Is.EqualTo((3, 1)));
        var blocks = await _db.WorkingHoursAs(_adminId).ListAsync(doctorId);
        Assert.That(blocks.Select(b => (b.Weekday, b.StartsAt, b.EndsAt)), Is.EquivalentTo(new[]
        {
            (1, TimeSpan.FromHours(8), TimeSpan.FromHours(12)), (1, TimeSpan.FromHours(12), TimeSpan.FromHours(24)),
            (3, TimeSpan.FromHours(8), TimeSpan.FromHours(12)),
        }));
        var named = await _db.ScalarAsync<int>("SELECT staff_id FROM staff WHERE family_name = @byName", new { byName });
        Assert.That((await _db.WorkingHoursAs(_adminId).ListAsync(named)).Select(b => (b.Weekday, b.StartsAt)),
            Is.EqualTo(new[] { (2, new TimeSpan(9, 30, 0)) }));

        var (again, againErrors) = await ImportAsync("working_hours", Lines(HoursHeader, $"{ext},Mon,08:00,12:00", $"Named {byName},2,09:30,11:00"));
        Assert.That(againErrors, Is.Empty);
        Assert.That((again.Status, again.RowsSkipped, again.RowsImported), Is.EqualTo(("imported", 2, 0)));
    }

    [TestCase("2024-02-29", "2024-02-29")]
    [TestCase("2023-02-29", null)]
    [TestCase("31/12/1999", "1999-12-31")]
    [TestCase("1/2/2003", "2003-02-01")]
    [TestCase("31/04/2024", null)]
    [TestCase("05/03/24", null)]
    [TestCase("2024-2-3", null)]
    [TestCase("yesterday", null)]
    [TestCase("2024-04-31", null)]
    [TestCase("0999-01-01", null)]
    [TestCase(" 2024-12-31 ", "2024-12-31")]
    [TestCase("2024-13-01", null)]
    [TestCase("2024-00-10", null)]
    public async Task Dates_are_read_strictly_in_the_accepted_formats(string text, string? expected)
    {
        var date = (await _db.QueryAsync<DateTime?>("SELECT import_date(@text, 'YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY')", new { text })).Single();
        Assert.That(date?.ToString("yyyy-MM-dd"), Is.EqualTo(expected));
    }

    [Test]
    public async Task The_accepted_date_formats_are_a_setting()
    {
        var settings = _db.SettingsAs(_adminId);
        Assert.That(await CodeOf(() => settings.SetAsync("import.date_formats", "YY/MM/DD")), Is.EqualTo(50004));
        await settings.SetAsync("import.date_formats", "MM/DD/YYYY");
        try
        {
            var (batch, errors) = await ImportAsync("patient", Lines(PatientHeader, PatientRow(dob: "12/31/1970"), PatientRow(dob: "1970-12-31")), dryRun: true);
            Assert.That(Keys(errors), Is.EqualTo(new (long, string?, int)[] { (3, "date_of_birth", 51613) }));
            Assert.That(errors[0].Message, Is.EqualTo("Please write a real date as MM/DD/YYYY."));
            await Imports.CancelAsync(batch.ImportBatchId);
        }
        finally
        {
            await settings.SetAsync("import.date_formats", "YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY");
        }
    }

    [Test]
    public async Task Phones_in_every_written_form_are_stored_as_the_screens_store_them()
    {
        // The check reads a phone written the national way without calling phone_normalize (a shortcut for big files);
        // whatever the form, the stored phone must be what phone_normalize (patient_register's rule) makes of it.
        string[] forms = ["07{0}", "07{0} ", "+256 7{0}", "2567{0}", "7{0}", "002567{0}", "(07{0})", "07{0}"];
        var rows = new List<string>();
        var raws = new List<string>();
        foreach (var form in forms)
        {
            var digits = Phone()[2..];
            var raw = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, digits);
            var contact = Phone();
            raws.Add(raw);
            rows.Add(PatientRow(phone: Csv(raw), emergencyName: "Kin " + Name(), emergencyPhone: contact));
        }
        var (batch, errors) = await ImportAsync("patient", Lines([PatientHeader, .. rows]));
        Assert.That(errors, Is.Empty);
        var stored = await _db.QueryAsync<(string Phone, string Contact, string Raw, string Expected, string ExpectedContact)>(
            "SELECT p.phone, p.emergency_contact_phone, r.c06, phone_normalize(r.c06), phone_normalize(r.c11) " +
            "FROM import_row r JOIN patient p ON p.patient_id = r.entity_id WHERE r.import_batch_id = @id ORDER BY r.line_no",
            new { id = batch.ImportBatchId });
        Assert.That(stored.Select(x => x.Raw), Is.EqualTo(raws.Select(r => r.Trim())));
        Assert.That(stored.Select(x => x.Phone), Is.EqualTo(stored.Select(x => x.Expected)));
        Assert.That(stored.Select(x => x.Contact), Is.EqualTo(stored.Select(x => x.ExpectedContact)));
        Assert.That(stored.Select(x => x.Phone), Has.All.Match("^[+]2567[0-9]{8}$"));
    }
}
