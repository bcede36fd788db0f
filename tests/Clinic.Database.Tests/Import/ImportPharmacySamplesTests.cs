namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// docs/samples/medications.csv, stock_lots.csv and price_list.csv import cleanly, in that order, into a new database
/// (the header mapped to the kinds' import_column positions, as import_batch_begin does), and the medications again (under no
/// external id) are reported line by line as duplicates.
/// </summary>
public class ImportPharmacySamplesTests
{
    private TestDatabase db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => db = await DatabaseFixture.CreateDatabaseAsync();

    /// <summary>The sample's data rows as cells in the kind's column positions (the samples hold no quoted cells).</summary>
    private async Task<string?[][]> SampleAsync(string kind, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(ScriptCatalogRoot(), "docs", "samples", file)).Where(l => l.Length > 0).ToList();
        Assert.That(lines.Any(l => l.Contains('"')), Is.False, $"{file}: the samples keep to cells without quotes");
        var positions = await db.QueryAsync<(long Position, string Name)>(
            "SELECT position, column_name FROM import_column WHERE kind = @kind", new { kind });
        var header = lines[0].Split(',');
        Assert.That(header, Is.EquivalentTo(positions.Select(p => p.Name)), $"{file}: the header names every column of {kind}");
        var byName = positions.ToDictionary(p => p.Name, p => (int)p.Position);
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            Assert.That(cells, Has.Length.EqualTo(header.Length), $"{file}: {line}");
            var row = new string?[positions.Count];
            for (var i = 0; i < header.Length; i++)
                row[byName[header[i]] - 1] = cells[i];
            return row;
        }).ToArray();
    }

    private static string ScriptCatalogRoot() => Clinic.Database.Tests.Migrations.ScriptCatalogTests.RepoRoot();

    [Test]
    public async Task The_samples_import_cleanly_and_the_same_medications_again_are_duplicates()
    {
        var adminId = await db.AdminIdAsync();
        var imported = new Dictionary<string, int>();
        foreach (var (kind, file) in new[] { ("medication", "medications.csv"), ("stock_lot", "stock_lots.csv"), ("price_list", "price_list.csv") })
        {
            var rows = await SampleAsync(kind, file);
            var batchId = await db.NewBatchAsync(kind, rows);
            var errors = await db.CheckAndApplyAsync(kind, batchId, adminId);
            Assert.That(errors, Is.Empty, $"{file}: {string.Join("\n", errors)}");
            var outcomes = await db.OutcomesAsync(batchId);
            Assert.That(outcomes.Select(o => o.Outcome), Is.EqualTo(Enumerable.Repeat("imported", rows.Length)), file);
            imported[kind] = rows.Length;
        }

        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication"), Is.EqualTo(imported["medication"]));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM stock_lot"), Is.EqualTo(imported["stock_lot"]));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM service_price"), Is.EqualTo(imported["price_list"]));
        Assert.That(await db.ScalarAsync<long>(
            "SELECT SUM(quantity_on_hand) FROM stock_lot AS s JOIN medication AS m USING (medication_id) WHERE m.name = 'Amoxicillin 500 mg capsules'"),
            Is.EqualTo(1500));
        Assert.That(await db.ScalarAsync<decimal>(
            "SELECT service_price_for(service_id, '2027-02-01') FROM service WHERE service_code = 'PROC-DRESS'"), Is.EqualTo(18000m));

        // The same medications again without their external ids (with them, the framework skips every row).
        var rowsAgain = await SampleAsync("medication", "medications.csv");
        foreach (var row in rowsAgain)
            row[0] = null;
        var again = await db.NewBatchAsync("medication", rowsAgain);
        var duplicates = await db.CheckAsync("medication", again);
        Assert.That(duplicates.Cells(), Is.EqualTo(Enumerable.Range(2, imported["medication"]).Select(line => ((long)line, (string?)"name", 51002L))));
    }

    [Test]
    public async Task The_columns_in_docs_import_md_are_the_kinds_import_columns_with_their_descriptions_and_examples()
    {
        foreach (var (format, count) in new[]
                 {
                     (Clinic.Generator.ImportFormats.Medication, 7), (Clinic.Generator.ImportFormats.StockLot, 8),
                     (Clinic.Generator.ImportFormats.PriceList, 5),
                 })
            await ImportDocs.AssertDocumentedAsync(format, count);
    }
}
