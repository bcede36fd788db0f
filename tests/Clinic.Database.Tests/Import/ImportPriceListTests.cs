using Dapper;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// Import kind 'price_list' (internal/import_price_list_check and _apply): the rules of service_save and service_price_set
/// reported per cell with their codes; a new code adds the service (with its price history), an existing one gets a new
/// price from today or later; what is written is audited and created_by the importing user.
/// </summary>
public class ImportPriceListTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static string?[] Row(string? code, string? name, string? category, string? price, string? validFrom) =>
        [code, name, category, price, validFrom];

    [Test]
    public async Task Each_bad_cell_is_reported_with_its_line_column_and_code_and_the_good_prices_land()
    {
        var t = ImportKindTestKit.Tag();
        var adminId = await Db.AdminIdAsync();
        var today = await Db.TodayAsync();
        var existing = $"E{t}";
        var fresh = $"N{t}";
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            await connection.ExecuteAsync(
                "INSERT INTO service (service_code, name, category_code) VALUES (@existing, 'Wound dressing', 'procedure'); " +
                "INSERT INTO service_price (service_id, valid_from, price) VALUES (LAST_INSERT_ID(), @day, 18000)",
                new { existing, day = today.AddDays(10) });
        }
        var existingId = await Db.ScalarAsync<long>("SELECT service_id FROM service WHERE service_code = @existing", new { existing });
        var day = today.Iso();

        var batchId = await Db.NewBatchAsync("price_list",
            Row(fresh, "Ear syringing", "procedure", "15000", today.AddDays(-400).Iso()),               // 2 good: new service, a past price
            Row(fresh.ToLowerInvariant(), "EAR SYRINGING", "Procedure", "17000", today.AddDays(30).Dmy()), // 3 good: its next price
            Row(existing.ToLowerInvariant(), "Wound dressing", null, "20000", today.ShortDmy()),       // 4 good: existing service, from today
            Row("BAD CODE!", "Bad code", "other", "100", day),                                         // 5 code format
            Row(new string('C', 31), "Long code", "other", "100", day),                                // 6 code too long
            Row(null, "No code", "other", "100", day),                                                 // 7 no code
            Row($"A{t}", null, "other", "100", day),                                                   // 8 no name
            Row($"B{t}", new string('n', 151), "other", "100", day),                                   // 9 name too long
            Row($"C{t}", "Lab panel", "lab", "100", day),                                              // 10 lab is priced elsewhere
            Row($"D{t}", "No category", null, "100", day),                                             // 11 a new code needs a category
            Row(existing, "Wound dressing", "other", "100", today.AddDays(40).Iso()),                  // 12 another category
            Row(existing, "Dressing", null, "100", today.AddDays(41).Iso()),                           // 13 another name
            Row(fresh, "Ear wash", "procedure", "100", today.AddDays(50).Iso()),                       // 14 new code, other name than line 2
            Row(fresh, "Ear syringing", "other", "100", today.AddDays(51).Iso()),                      // 15 new code, other category
            Row($"F{t}", "Negative", "other", "-1", day),                                              // 16 negative price
            Row($"G{t}", "Cents", "other", "12.50", day),                                              // 17 finer than the currency (UGX)
            Row($"H{t}", "Not a number", "other", "abc", day),                                         // 18 not a number
            Row($"I{t}", "No price", "other", null, day),                                              // 19 no price
            Row($"J{t}", "No day", "other", "100", null),                                              // 20 no day
            Row($"K{t}", "Not a day", "other", "100", "tomorrow"),                                     // 21 not a date
            Row(existing, "Wound dressing", null, "100", today.AddDays(-1).Iso()),                     // 22 existing service, day past
            Row(fresh, "Ear syringing", "procedure", "100", today.AddDays(-400).Iso()),                // 23 same service and day as line 2
            Row(existing, "Wound dressing", "procedure", "100", today.AddDays(10).Iso()),              // 24 that day is priced already
            Row($"L{t}", null, null, null, null));                                                     // 25 skipped: not checked
        await Db.SkipLineAsync(batchId, 25);

        var errors = await Db.CheckAsync("price_list", batchId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (5, "service_code", 51101), (6, "service_code", 51101), (7, "service_code", 51101), (8, "name", 51103),
            (9, "name", 51103), (10, "category", 51104), (11, "category", 51104), (12, "category", 51660), (13, "name", 51661),
            (14, "name", 51662), (15, "category", 51662), (16, "price", 51111), (17, "price", 51111), (18, "price", 51111),
            (19, "price", 51111), (20, "valid_from", 51112), (21, "valid_from", 51657), (22, "valid_from", 51112),
            (23, "valid_from", 51663), (24, "valid_from", 51664),
        }), string.Join("\n", errors));
        Assert.Multiple(() =>
        {
            Assert.That(errors.Single(e => e.LineNo == 12).Message, Is.EqualTo("This service code is already in the price list in the category procedure."));
            Assert.That(errors.Single(e => e.LineNo == 13).Message, Is.EqualTo("This service code is already in the price list as Wound dressing. Use that name."));
            Assert.That(errors.Single(e => e.LineNo == 14).Message, Is.EqualTo("This service code has another name or category on line 2 of the file."));
            Assert.That(errors.Single(e => e.LineNo == 23).Message, Is.EqualTo("This service already has a price from this day on line 2 of the file."));
            Assert.That(errors.All(e => e.Message.Length <= 128));
        });

        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        await Db.MarkOutcomesAsync(batchId);
        await Db.ApplyAsync("price_list", batchId, adminId);

        var services = await Db.QueryAsync<(long Id, string Code, string Name, string Category, long Active)>(
            "SELECT service_id, service_code, name, category_code, is_active FROM service WHERE service_code IN (@fresh, @existing) ORDER BY service_id",
            new { fresh, existing });
        Assert.That(services.Select(s => (s.Code, s.Name, s.Category, s.Active)), Is.EqualTo(new[]
        {
            (existing, "Wound dressing", "procedure", 1L), (fresh, "Ear syringing", "procedure", 1L),
        }));
        var freshId = services[1].Id;
        var prices = await Db.QueryAsync<(long Id, long ServiceId, DateTime ValidFrom, decimal Price, long? CreatedBy)>(
            "SELECT service_price_id, service_id, valid_from, price, created_by FROM service_price WHERE service_id IN (@freshId, @existingId) " +
            "ORDER BY service_price_id", new { freshId, existingId });
        Assert.That(prices.Select(p => (p.ServiceId, p.ValidFrom, p.Price, p.CreatedBy)), Is.EqualTo(new[]
        {
            (existingId, today.AddDays(10), 18000m, (long?)null),
            (freshId, today.AddDays(-400), 15000m, (long?)adminId),
            (freshId, today.AddDays(30), 17000m, (long?)adminId),
            (existingId, today, 20000m, (long?)adminId),
        }));
        Assert.That(await Db.ScalarAsync<decimal>("SELECT service_price_for(@freshId, CURDATE())", new { freshId }), Is.EqualTo(15000m));
        var outcomes = await Db.OutcomesAsync(batchId);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => (o.LineNo, o.EntityId)),
            Is.EqualTo(new[] { (2L, (long?)prices[1].Id), (3L, (long?)prices[2].Id), (4L, (long?)prices[3].Id) }));
        var audit = await Db.QueryAsync<(string Table, string RowKey, long? Actor)>(
            "SELECT table_name, row_key, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND action = 'INSERT' " +
            "AND table_name IN ('service', 'service_price') ORDER BY audit_log_id", new { before });
        Assert.That(audit, Is.EqualTo(new[]
        {
            ("service", freshId.ToString(), (long?)adminId),
            ("service_price", prices[1].Id.ToString(), (long?)adminId),
            ("service_price", prices[2].Id.ToString(), (long?)adminId),
            ("service_price", prices[3].Id.ToString(), (long?)adminId),
        }));
    }

    [Test]
    public async Task Prices_with_cents_are_accepted_when_the_currency_has_them()
    {
        var t = ImportKindTestKit.Tag();
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var today = await db.TodayAsync();
        await db.ExecuteAsOwnerAsync("UPDATE clinic_setting SET setting_value = '2' WHERE setting_key = 'billing.minor_units'");
        var batchId = await db.NewBatchAsync("price_list",
            Row($"P{t}", "Dressing", "procedure", "12.50", today.Iso()),
            Row($"Q{t}", "Dressing small", "procedure", "12.505", today.Iso()));

        var errors = await db.CheckAndApplyAsync("price_list", batchId, await db.AdminIdAsync());

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[] { (3, "price", 51111) }));
        Assert.That(await db.ScalarAsync<decimal>("SELECT p.price FROM service_price AS p JOIN service AS s USING (service_id) WHERE s.service_code = @code",
            new { code = $"P{t}" }), Is.EqualTo(12.50m));
    }
}
