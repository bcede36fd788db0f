using Dapper;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// Import kind 'stock_lot' (internal/import_stock_lot_check and _apply): the rules of stock_lot_receive and
/// stock_lot_record_opening reported per cell with their codes; the medication named by the external id of an imported
/// medication or by its name; the good lots written as receiving writes them (received_by the importing user), audited.
/// </summary>
public class ImportStockLotTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static string?[] Row(string? externalId, string? medication, string? batch, string? expiry, string? quantity = "100",
        string? unitCost = "250", string? received = null, string? supplier = "Kampala Pharmaceuticals Ltd") =>
        [externalId, medication, batch, expiry, quantity, unitCost, received, supplier];

    /// <summary>A medication known to the import by an external id (as a medication file leaves it); returns (id, external id).</summary>
    private static async Task<(int Id, string ExternalId)> ImportedMedicationAsync(string t)
    {
        var id = await Db.NewMedicationAsync();
        var externalId = $"MEDX-{t}";
        var adminId = await Db.AdminIdAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        var batchId = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO import_batch (kind, file_name, file_sha256, created_by, status) " +
            "VALUES ('medication', 'medications.csv', SHA2(UUID(), 256), @adminId, 'imported'); SELECT LAST_INSERT_ID();", new { adminId });
        await connection.ExecuteAsync("INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES ('medication', @externalId, @id, @batchId)",
            new { externalId, id, batchId });
        return (id, externalId);
    }

    [Test]
    public async Task Each_bad_cell_is_reported_with_its_line_column_and_code_and_the_good_lots_land()
    {
        var t = ImportKindTestKit.Tag();
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var (byKeyId, key) = await ImportedMedicationAsync(t);
        var byName = $"Ibuprofen {t}";
        var byNameId = await Db.NewMedicationAsync(name: byName);
        var inactive = $"Inactive {t}";
        var inactiveId = await Db.NewMedicationAsync(name: inactive);
        await Db.ExecuteAsOwnerAsync("UPDATE medication SET is_active = 0 WHERE medication_id = @inactiveId", new { inactiveId });
        await Db.NewLotAsync(byNameId, 5, 100, batch: "EXIST1");
        var nextYear = today.AddDays(365).Iso();

        var batchId = await Db.NewBatchAsync("stock_lot",
            Row($"LOT-{t}-1", key, "B1", nextYear, "500", "250", today.AddDays(-30).Dmy()),                 // 2 good, by external id
            Row(null, byName.ToLowerInvariant(), "OLD1", today.AddDays(-10).Iso(), "10", "0",
                today.AddDays(-400).ShortDmy(), null),                                                      // 3 good, expired opening stock, by name
            Row(null, byName, "B3", today.AddDays(30).Iso(), "1", "12.50", null, null),                     // 4 good, received today
            Row(new string('x', 101), byName, "B5", nextYear),                                              // 5 external id too long
            Row($"LOT-{t}-1", byName, "B6", nextYear),                                                      // 6 external id of line 2
            Row(null, null, "B7", nextYear),                                                                // 7 no medication
            Row(null, $"Unknown {t}", "B8", nextYear),                                                      // 8 unknown medication
            Row(null, inactive, "B9", nextYear),                                                            // 9 inactive medication
            Row(null, byName, null, nextYear),                                                              // 10 no batch number
            Row(null, byName, new string('b', 51), nextYear),                                               // 11 batch number too long
            Row(null, byName, "B12", null),                                                                 // 12 no expiry date
            Row(null, byName, "B13", "31/02/2030"),                                                         // 13 no such day
            Row(null, byName, "B14", nextYear, "0"),                                                        // 14 quantity 0
            Row(null, byName, "B15", nextYear, "2.5"),                                                      // 15 quantity not whole
            Row(null, byName, "B16", nextYear, "10000001"),                                                 // 16 quantity too large
            Row(null, byName, "B17", nextYear, "5", "x"),                                                   // 17 unit cost not a number
            Row(null, byName, "B18", nextYear, "5", "-1"),                                                  // 18 negative unit cost
            Row(null, byName, "B19", nextYear, "5", "1", "2027-13-01"),                                     // 19 received date not a date
            Row(null, byName, "B20", nextYear, "5", "1", today.AddDays(1).Iso()),                           // 20 received tomorrow
            Row(null, byName, "B21", today.AddDays(-5).Iso(), "5", "1", today.AddDays(-5).Iso()),           // 21 expiry = received
            Row(null, byName, "B22", nextYear, "5", "1", null, new string('s', 151)),                       // 22 supplier too long
            Row(null, key, "B1", nextYear),                                                                 // 23 the lot of line 2
            Row(null, byName, "EXIST1", nextYear),                                                          // 24 a lot already recorded
            Row($"LOT-{t}-25", null, null, null));                                                          // 25 skipped: not checked
        await Db.SkipLineAsync(batchId, 25);

        var errors = await Db.CheckAsync("stock_lot", batchId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (5, "external_id", 51612), (6, "external_id", 51614), (7, "medication", 51654), (8, "medication", 51007),
            (9, "medication", 51017), (10, "batch_number", 51011), (11, "batch_number", 51011), (12, "expiry_date", 51019),
            (13, "expiry_date", 51657), (14, "quantity", 51014), (15, "quantity", 51014), (16, "quantity", 51014),
            (17, "unit_cost", 51658), (18, "unit_cost", 51015), (19, "received_date", 51657), (20, "received_date", 51016),
            (21, "expiry_date", 51659), (22, "supplier", 51018), (23, "batch_number", 51656), (24, "batch_number", 51012),
        }), string.Join("\n", errors));
        Assert.Multiple(() =>
        {
            Assert.That(errors.Single(e => e.LineNo == 13).Message,
                Is.EqualTo("This is not a date in an accepted format (YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY)."));
            Assert.That(errors.Single(e => e.LineNo == 23).Message,
                Is.EqualTo("This medication's lot with this batch number is already on line 2 of the file."));
            Assert.That(errors.Single(e => e.LineNo == 24).Message, Is.EqualTo("This medication already has a lot with batch number EXIST1."));
            Assert.That(errors.All(e => e.Message.Length <= 128));
        });

        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        await Db.MarkOutcomesAsync(batchId);
        await Db.ApplyAsync("stock_lot", batchId, adminId);

        var lots = await Db.QueryAsync<(long Id, long MedicationId, string Batch, DateTime Expiry, long Received, long OnHand, decimal Cost,
            DateTime ReceivedDate, string? Supplier, long ReceivedBy)>(
            "SELECT stock_lot_id, medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost, received_date, " +
            "supplier, received_by FROM stock_lot WHERE medication_id IN (@byKeyId, @byNameId) AND batch_number <> 'EXIST1' ORDER BY stock_lot_id",
            new { byKeyId, byNameId });
        Assert.That(lots.Select(l => (l.MedicationId, l.Batch, l.Expiry, l.Received, l.OnHand, l.Cost, l.ReceivedDate, l.Supplier, l.ReceivedBy)),
            Is.EqualTo(new[]
            {
                ((long)byKeyId, "B1", today.AddDays(365), 500L, 500L, 250m, today.AddDays(-30), (string?)"Kampala Pharmaceuticals Ltd", (long)adminId),
                ((long)byNameId, "OLD1", today.AddDays(-10), 10L, 10L, 0m, today.AddDays(-400), (string?)null, (long)adminId),
                ((long)byNameId, "B3", today.AddDays(30), 1L, 1L, 12.50m, today, (string?)null, (long)adminId),
            }));
        var outcomes = await Db.OutcomesAsync(batchId);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => (o.LineNo, o.EntityId)),
            Is.EqualTo(new[] { (2L, (long?)lots[0].Id), (3L, (long?)lots[1].Id), (4L, (long?)lots[2].Id) }));
        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'stock_lot' AND import_batch_id = @batchId", new { batchId });
        Assert.That(keys, Is.EqualTo(new[] { ($"LOT-{t}-1", lots[0].Id) }));
        var audit = await Db.QueryAsync<(string RowKey, string Action, long? Actor)>(
            "SELECT row_key, action, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name = 'stock_lot' ORDER BY audit_log_id",
            new { before });
        Assert.That(audit, Is.EqualTo(lots.Select(l => (l.Id.ToString(), "INSERT", (long?)adminId))));
    }

    [Test]
    public async Task A_lot_imported_before_is_a_duplicate_in_a_later_file()
    {
        var t = ImportKindTestKit.Tag();
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var name = $"Metformin {t}";
        var medicationId = await Db.NewMedicationAsync(name: name);
        var first = await Db.NewBatchAsync("stock_lot", Row(null, name, "M1", today.AddDays(200).Iso(), "40", "90", today.AddDays(-3).Iso()));
        Assert.That(await Db.CheckAndApplyAsync("stock_lot", first, adminId), Is.Empty);

        var second = await Db.NewBatchAsync("stock_lot", Row(null, name, "M1", today.AddDays(300).Iso(), "10", "90"));
        var errors = await Db.CheckAsync("stock_lot", second);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[] { (2, "batch_number", 51012) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT SUM(quantity_on_hand) FROM stock_lot WHERE medication_id = @medicationId", new { medicationId }),
            Is.EqualTo(40));
    }
}
