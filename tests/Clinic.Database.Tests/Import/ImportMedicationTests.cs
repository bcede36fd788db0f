using Dapper;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// Import kind 'medication' (internal/import_medication_check and _apply): every rule of medication_create reported
/// per cell with its code, the good rows written as the screen writes them, with their audit trail and external ids.
/// </summary>
public class ImportMedicationTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static string?[] Row(string? externalId, string? name, string? substance = "amoxicillin", string? form = "capsule",
        string? strength = "500 mg", string? unitPrice = "500", string? reorderLevel = "10") =>
        [externalId, name, substance, form, strength, unitPrice, reorderLevel];

    [Test]
    public async Task Each_bad_cell_is_reported_with_its_line_column_and_code_and_the_good_rows_land()
    {
        var t = ImportKindTestKit.Tag();
        var adminId = await Db.AdminIdAsync();
        var existing = "Existing " + t;
        await Db.NewMedicationAsync(name: existing);
        var batchId = await Db.NewBatchAsync("medication",
            Row($"MED-{t}-1", $"Amoxicillin {t}", unitPrice: "500", reorderLevel: "100"),        // 2 good
            Row(null, $"Paracetamol {t}", "paracetamol", "tablet", "500 mg", "12.50", null),    // 3 good, reorder level empty
            Row(new string('x', 101), $"N4 {t}"),                                               // 4 external id too long
            Row($"MED-{t}-1", $"N5 {t}"),                                                       // 5 external id of line 2
            Row($"MED-{t}-6", null),                                                            // 6 no name
            Row(null, new string('n', 151)),                                                    // 7 name too long
            Row(null, $"N8 {t}", substance: null),                                              // 8 no substance
            Row(null, $"N9 {t}", form: null),                                                   // 9 no form
            Row(null, $"N10 {t}", strength: new string('5', 51)),                               // 10 strength too long
            Row(null, $"N11 {t}", unitPrice: "abc"),                                            // 11 price not a number
            Row(null, $"N12 {t}", unitPrice: "-5"),                                             // 12 negative price
            Row(null, $"N13 {t}", unitPrice: "1.234"),                                          // 13 three decimals
            Row(null, $"N14 {t}", unitPrice: null),                                             // 14 no price
            Row(null, $"N15 {t}", reorderLevel: "-1"),                                          // 15 negative reorder level
            Row(null, $"N16 {t}", reorderLevel: "1000001"),                                     // 16 reorder level too high
            Row(null, $"N17 {t}", reorderLevel: "2.5"),                                         // 17 not whole
            Row(null, $"AMOXICILLIN {t}"),                                                      // 18 name of line 2 (any case)
            Row(null, existing),                                                                // 19 name in the catalogue
            Row($"MED-{t}-20", null));                                                          // 20 skipped by the framework: not checked
        await Db.SkipLineAsync(batchId, 20);

        var errors = await Db.CheckAsync("medication", batchId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (4, "external_id", 51612), (5, "external_id", 51614), (6, "name", 51001), (7, "name", 51001),
            (8, "generic_substance", 51003), (9, "form", 51004), (10, "strength", 51004), (11, "unit_price", 51652),
            (12, "unit_price", 51005), (13, "unit_price", 51652), (14, "unit_price", 51652), (15, "reorder_level", 51006),
            (16, "reorder_level", 51006), (17, "reorder_level", 51006), (18, "name", 51653), (19, "name", 51002),
        }), string.Join("\n", errors));
        Assert.Multiple(() =>
        {
            Assert.That(errors.Single(e => e.LineNo == 5).Message, Is.EqualTo("This external id is already on line 2 of the file."));
            Assert.That(errors.Single(e => e.LineNo == 12).Message, Is.EqualTo("The unit price cannot be negative."));
            Assert.That(errors.Single(e => e.LineNo == 18).Message, Is.EqualTo("A medication with this name is already on line 2 of the file."));
            Assert.That(errors.Single(e => e.LineNo == 19).Message, Is.EqualTo("A medication with that name already exists."));
            Assert.That(errors.Single(e => e.LineNo == 19).CellValue, Is.EqualTo(existing));
            Assert.That(errors.All(e => e.Message.Length <= 128));
        });

        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var lastId = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(medication_id), 0) FROM medication");
        await Db.MarkOutcomesAsync(batchId);
        await Db.ApplyAsync("medication", batchId, adminId);

        var written = await Db.QueryAsync<(long Id, string Name, string Substance, string Form, string Strength, decimal Price, long Reorder, long Active)>(
            "SELECT medication_id, name, generic_substance, form, strength, unit_price, reorder_level, is_active FROM medication " +
            "WHERE medication_id > @lastId AND name LIKE @like ORDER BY medication_id", new { lastId, like = $"% {t}" });
        Assert.That(written.Select(w => (w.Name, w.Substance, w.Form, w.Strength, w.Price, w.Reorder, w.Active)), Is.EqualTo(new[]
        {
            ($"Amoxicillin {t}", "amoxicillin", "capsule", "500 mg", 500m, 100L, 1L),
            ($"Paracetamol {t}", "paracetamol", "tablet", "500 mg", 12.50m, 0L, 1L),
        }));
        var outcomes = await Db.OutcomesAsync(batchId);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => (o.LineNo, o.EntityId)),
                Is.EqualTo(new[] { (2L, (long?)written[0].Id), (3L, (long?)written[1].Id) }));
            Assert.That(outcomes.Single(o => o.LineNo == 20).Outcome, Is.EqualTo("skipped"));
            Assert.That(outcomes.Count(o => o.Outcome == "rejected"), Is.EqualTo(16));
        });
        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'medication' AND import_batch_id = @batchId", new { batchId });
        Assert.That(keys, Is.EqualTo(new[] { ($"MED-{t}-1", written[0].Id) }));
        var audit = await Db.QueryAsync<(string RowKey, string Action, long? Actor)>(
            "SELECT row_key, action, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name = 'medication' ORDER BY audit_log_id",
            new { before });
        Assert.That(audit, Is.EqualTo(written.Select(w => (w.Id.ToString(), "INSERT", (long?)adminId))));
    }

    [Test]
    public async Task A_medication_imported_before_is_a_duplicate_of_the_catalogue_in_a_later_file()
    {
        var t = ImportKindTestKit.Tag();
        var adminId = await Db.AdminIdAsync();
        var first = await Db.NewBatchAsync("medication", Row(null, $"Cetirizine {t}", "cetirizine", "tablet", "10 mg", "200", "0"));
        Assert.That(await Db.CheckAndApplyAsync("medication", first, adminId), Is.Empty);

        var second = await Db.NewBatchAsync("medication", Row(null, $"cetirizine {t}", "cetirizine", "syrup", "5 mg/5 ml", "300", "0"));
        var errors = await Db.CheckAsync("medication", second);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[] { (2, "name", 51002) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM medication WHERE name = @name", new { name = $"Cetirizine {t}" }), Is.EqualTo(1));
    }
}
