using System.Text.RegularExpressions;
using Dapper;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>One documented (or stored) import column: position, name, required, maximum length, description and example.</summary>
public readonly record struct ImportColumnRow(long Position, string Name, long Required, long MaxLength, string Description, string Example);

/// <summary>
/// docs/import.md against the database and the generator: each kind's section (<c>### kind</c>) lists its columns in a
/// markdown table (position, name, required, maximum length, description, example) exactly as import_column holds them.
/// </summary>
public static partial class ImportDocs
{
    private static string Root => Migrations.ScriptCatalogTests.RepoRoot();

    [GeneratedRegex(@"^\| (\d+) \| (\w+) \| (yes|no) \| (\d+) \| (.*) \| (.*) \|$", RegexOptions.Multiline)]
    private static partial Regex ColumnRow();

    /// <summary>The table rows of the <c>### <paramref name="kind"/></c> section of docs/import.md (up to the next section or the end of the file).</summary>
    public static IReadOnlyList<ImportColumnRow> DocumentedColumns(string kind)
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "import.md"));
        var start = text.IndexOf($"\n### {kind}\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"docs/import.md has a section ### {kind}");
        var section = text[start..];
        var next = section.IndexOf("\n### ", 5, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        return ColumnRow().Matches(section)
            .Select(m => new ImportColumnRow(long.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value == "yes" ? 1L : 0L,
                long.Parse(m.Groups[4].Value), m.Groups[5].Value, m.Groups[6].Value))
            .ToList();
    }

    /// <summary>The import_column rows of <paramref name="kind"/> in the shared database, by position.</summary>
    public static async Task<IReadOnlyList<ImportColumnRow>> ColumnsAsync(string kind) =>
        (await DatabaseFixture.Main.QueryAsync<(long Position, string Name, long Required, long MaxLength, string Description, string Example)>(
            "SELECT position, column_name, is_required, max_length, description, example FROM import_column WHERE kind = @kind ORDER BY position",
            new { kind }))
        .Select(c => new ImportColumnRow(c.Position, c.Name, c.Required, c.MaxLength, c.Description, c.Example)).ToList();

    /// <summary>
    /// The kind of <paramref name="format"/> has <paramref name="count"/> import_column rows, docs/import.md documents them
    /// exactly (position, name, required, maximum length, description, example), and the generator writes the same columns.
    /// </summary>
    public static async Task AssertDocumentedAsync(Clinic.Generator.ImportFormats.Format format, int count)
    {
        var columns = await ColumnsAsync(format.Kind);
        Assert.That(columns, Has.Count.EqualTo(count), format.Kind);
        Assert.That(DocumentedColumns(format.Kind), Is.EqualTo(columns), format.Kind);
        Assert.That(format.Columns, Is.EqualTo(columns.Select(c => c.Name)), "the generator writes the same columns");
    }
}

/// <summary>
/// The sample files of docs/samples and the clinic docs/import.md (appointment) describes for them: the doctors Grace Nakato
/// and Samuel Okello, the patients P-1001 to P-1003 and the rooms Room 1 and Room 2.
/// </summary>
public static class ImportSamples
{
    private static string Root => Migrations.ScriptCatalogTests.RepoRoot();

    /// <summary>The path of docs/samples/<paramref name="file"/>.</summary>
    public static string PathOf(string file) => Path.Combine(Root, "docs", "samples", file);

    /// <summary>The header of docs/samples/<paramref name="file"/>: its column names in file order.</summary>
    public static List<string> Header(string file) => CsvLine.Parse(File.ReadLines(PathOf(file)).First());

    /// <summary>The data rows of docs/samples/<paramref name="file"/> (after the header, blank lines left out), cells as CSV, empty = NULL.</summary>
    public static string?[][] Rows(string file) =>
        File.ReadAllLines(PathOf(file)).Skip(1).Where(l => l.Length > 0)
            .Select(l => CsvLine.Parse(l).Select(c => c.Length == 0 ? null : c).ToArray()).ToArray();

    /// <summary>The past rows of docs/samples/appointments.csv (completed, cancelled or no-show; its future bookings left out).</summary>
    public static string?[][] PastAppointments() =>
        Rows("appointments.csv").Where(r => r[7] is "completed" or "cancelled" or "no_show").ToArray();

    /// <summary>
    /// A new database set up as the samples expect: the doctors Grace Nakato and Samuel Okello (with working hours unless
    /// <paramref name="doctorsWithHours"/> is false), the patients with MRNs P-1001 to P-1003 (the external ids of
    /// docs/samples/patients.csv; here their MRNs, which the kinds read too) and, with <paramref name="rooms"/>, the
    /// consultation rooms Room 1 and Room 2. Returns the database and its administrator's id.
    /// </summary>
    public static async Task<(TestDatabase Db, int AdminId)> NewSampleClinicAsync(bool doctorsWithHours = true, bool rooms = true)
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var adminId = await db.AdminIdAsync();
        await using (var connection = await db.OpenAsync(db.Migrator))
        {
            foreach (var (given, family) in new[] { ("Grace", "Nakato"), ("Samuel", "Okello") })
            {
                var doctor = await db.NewDoctorAsync(withHours: doctorsWithHours);
                await connection.ExecuteAsync("UPDATE staff SET given_name = @given, family_name = @family WHERE staff_id = @doctor",
                    new { given, family, doctor });
            }
            foreach (var mrn in new[] { "P-1001", "P-1002", "P-1003" })
            {
                var patient = await db.NewPatientAsync();
                await connection.ExecuteAsync("UPDATE patient SET mrn = @mrn WHERE patient_id = @patient", new { mrn, patient });
            }
        }
        if (rooms)
            foreach (var room in new[] { "Room 1", "Room 2" })
                await db.FacilitiesAs(adminId).CreateRoomAsync(room, "consultation", null);
        return (db, adminId);
    }
}
