using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>The medication catalogue, stock lots, adjustments and the pharmacy alerts (db/procedures/medication_*, stock_*; views v_stock_*, v_lot_*).</summary>
public class StockTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeAsync(Func<Task> call)
    {
        var ex = await Assert.CatchAsync<ClinicRuleException>(async () => await call());
        return ex!.Code;
    }

    private static MedicationInput Input(string? name = null, string substance = "paracetamol") => new()
    {
        Name = name ?? "Paracetamol " + Guid.NewGuid().ToString("N")[..8], GenericSubstance = substance, Form = "tablet",
        Strength = "500 mg", UnitPrice = 200m, ReorderLevel = 100,
    };

    [Test]
    public async Task A_pharmacist_manages_the_catalogue_and_a_doctor_may_only_search_it()
    {
        var pharmacist = await Db.NewPharmacistAsync();
        var catalogue = Db.MedicationsAs(pharmacist);
        var name = "Amoxicillin " + Guid.NewGuid().ToString("N")[..8];
        var id = await catalogue.CreateAsync(Input(name, " amoxicillin ") with { Form = "capsule", UnitPrice = 350m, ReorderLevel = 40 });

        var row = (await catalogue.GetAsync(id))!;
        Assert.That((row.Name, row.GenericSubstance, row.Form, row.UnitPrice, row.ReorderLevel, row.IsActive),
            Is.EqualTo((name, "amoxicillin", "capsule", 350m, 40, true)));
        Assert.That(row.OnHand, Is.EqualTo(0));
        Assert.That(row.BelowReorder, Is.True);

        await catalogue.UpdateAsync(id, Input(name + " caps", "amoxicillin") with { UnitPrice = 400m, ReorderLevel = 0 });
        row = (await catalogue.GetAsync(id))!;
        Assert.That((row.Name, row.UnitPrice, row.BelowReorder), Is.EqualTo((name + " caps", 400m, false)));

        var (doctorId, _) = await Db.NewAccountAsync("doctor");
        var found = await Db.MedicationsAs(doctorId).ListAsync(search: name[..16], active: true);
        Assert.That(found.Select(m => m.MedicationId), Is.EqualTo(new[] { id }));
        Assert.That(found[0].TotalCount, Is.EqualTo(1));
        Assert.That(await CodeAsync(() => Db.MedicationsAs(doctorId).CreateAsync(Input())), Is.EqualTo(50102));
        var (nurseId, _) = await Db.NewAccountAsync("nurse");
        Assert.That(await CodeAsync(() => Db.MedicationsAs(nurseId).ListAsync()), Is.EqualTo(50102));

        await catalogue.SetActiveAsync(id, false);
        Assert.That(await Db.MedicationsAs(doctorId).ListAsync(search: name[..16], active: true), Is.Empty);
        Assert.That((await catalogue.ListAsync(search: name[..16], active: false)).Single().IsActive, Is.False);
        Assert.That(await CodeAsync(() => catalogue.SetActiveAsync(int.MaxValue, true)), Is.EqualTo(MedicationCodes.UnknownMedication));

        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE table_name = 'medication' AND row_key = @key ORDER BY audit_log_id",
            new { key = id.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { ("INSERT", (int?)pharmacist), ("UPDATE", pharmacist), ("UPDATE", pharmacist) }));
    }

    [Test]
    public async Task The_catalogue_search_finds_the_generic_substance_and_treats_wildcards_as_text()
    {
        var substance = "zz" + Guid.NewGuid().ToString("N")[..8];
        var id = await Db.NewMedicationAsync(substance: substance);
        var catalogue = Db.MedicationsAs(await Db.AdminIdAsync());
        Assert.That((await catalogue.ListAsync(search: substance.ToUpperInvariant())).Select(m => m.MedicationId), Is.EqualTo(new[] { id }));
        Assert.That(await catalogue.ListAsync(search: substance + "%"), Is.Empty);
    }

    [Test]
    public async Task Catalogue_fields_are_validated_and_names_are_unique()
    {
        var catalogue = Db.MedicationsAs(await Db.AdminIdAsync());
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input(" "))), Is.EqualTo(MedicationCodes.NameMissing));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input(new string('x', 151)))), Is.EqualTo(MedicationCodes.NameMissing));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input(substance: ""))), Is.EqualTo(MedicationCodes.SubstanceMissing));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input() with { Form = "" })), Is.EqualTo(MedicationCodes.FormOrStrengthMissing));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input() with { Strength = new string('9', 51) })),
            Is.EqualTo(MedicationCodes.FormOrStrengthMissing));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input() with { UnitPrice = -1m })), Is.EqualTo(MedicationCodes.NegativePrice));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input() with { ReorderLevel = -5 })), Is.EqualTo(MedicationCodes.BadReorderLevel));

        var name = "Unique " + Guid.NewGuid().ToString("N")[..8];
        var first = await catalogue.CreateAsync(Input(name));
        Assert.That(await CodeAsync(() => catalogue.CreateAsync(Input(" " + name.ToUpperInvariant() + " "))), Is.EqualTo(MedicationCodes.NameTaken));
        var second = await catalogue.CreateAsync(Input());
        Assert.That(await CodeAsync(() => catalogue.UpdateAsync(second, Input(name))), Is.EqualTo(MedicationCodes.NameTaken));
        await catalogue.UpdateAsync(first, Input(name) with { Strength = "1 g" });
        Assert.That(await CodeAsync(() => catalogue.UpdateAsync(int.MaxValue, Input())), Is.EqualTo(MedicationCodes.UnknownMedication));
    }

    [Test]
    public async Task Receiving_adds_a_lot_and_only_unexpired_stock_counts_as_on_hand()
    {
        var pharmacist = await Db.NewPharmacistAsync();
        var medication = await Db.NewMedicationAsync(reorderLevel: 25);
        var today = await Db.TodayAsync();
        var lotId = await Db.StockAs(pharmacist).ReceiveAsync(new StockLotReceiveInput
        {
            MedicationId = medication, BatchNumber = " AMX-001 ", ExpiryDate = today.AddDays(400), Quantity = 20, UnitCost = 150m,
            ReceivedDate = today.AddDays(-2), Supplier = "Joint Medical Store",
        });
        var lot = (await Db.QueryAsync<(string Batch, int Received, int OnHand, DateTime ReceivedDate, string Supplier, int ReceivedBy)>(
            "SELECT batch_number, quantity_received, quantity_on_hand, received_date, supplier, received_by FROM stock_lot WHERE stock_lot_id = @lotId",
            new { lotId })).Single();
        Assert.That(lot, Is.EqualTo(("AMX-001", 20, 20, today.AddDays(-2), "Joint Medical Store", pharmacist)));
        Assert.That(await Db.ScalarAsync<int?>(
            "SELECT actor_user_id FROM audit_trail WHERE table_name = 'stock_lot' AND row_key = @key AND action = 'INSERT'",
            new { key = lotId.ToString() }), Is.EqualTo(pharmacist));

        var row = (await Db.MedicationsAs(pharmacist).GetAsync(medication))!;
        Assert.That((row.OnHand, row.BelowReorder, row.NextExpiry), Is.EqualTo((20L, true, (DateTime?)today.AddDays(400))));
        Assert.That((await Db.StockAs(pharmacist).BelowReorderAsync()).Single(r => r.MedicationId == medication).OnHand, Is.EqualTo(20));

        await Db.NewLotAsync(medication, 10, 60);
        await Db.NewExpiredLotAsync(medication, 500);
        row = (await Db.MedicationsAs(pharmacist).GetAsync(medication))!;
        Assert.That((row.OnHand, row.ExpiredOnHand, row.BelowReorder), Is.EqualTo((30L, 500L, false)));
        Assert.That((await Db.StockAs(pharmacist).BelowReorderAsync()).Any(r => r.MedicationId == medication), Is.False);
    }

    [Test]
    public async Task Receiving_checks_expiry_quantity_dates_batch_and_who()
    {
        var stock = Db.StockAs(await Db.NewPharmacistAsync());
        var medication = await Db.NewMedicationAsync();
        var today = await Db.TodayAsync();
        var good = new StockLotReceiveInput
        {
            MedicationId = medication, BatchNumber = "LOT-" + Guid.NewGuid().ToString("N")[..6], ExpiryDate = today.AddDays(90),
            Quantity = 10, UnitCost = 50m,
        };
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { ExpiryDate = today })), Is.EqualTo(StockCodes.ExpiryNotInFuture));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { ExpiryDate = today.AddDays(-3) })), Is.EqualTo(StockCodes.ExpiryNotInFuture));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { Quantity = 0 })), Is.EqualTo(StockCodes.BadQuantity));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { Quantity = -4 })), Is.EqualTo(StockCodes.BadQuantity));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { UnitCost = -0.01m })), Is.EqualTo(StockCodes.NegativeCost));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { ReceivedDate = today.AddDays(1) })), Is.EqualTo(StockCodes.ReceivedInFuture));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { BatchNumber = "  " })), Is.EqualTo(StockCodes.BatchMissing));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { Supplier = new string('s', 151) })), Is.EqualTo(StockCodes.SupplierTooLong));
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { MedicationId = int.MaxValue })), Is.EqualTo(MedicationCodes.UnknownMedication));

        await stock.ReceiveAsync(good);
        var duplicate = await Assert.CatchAsync<ClinicRuleException>(() => stock.ReceiveAsync(good with { Quantity = 5 }));
        Assert.That(duplicate!.Code, Is.EqualTo(StockCodes.DuplicateBatch));
        Assert.That(duplicate.Message, Does.Contain(good.BatchNumber));
        // The same batch number is fine for another medication.
        await stock.ReceiveAsync(good with { MedicationId = await Db.NewMedicationAsync() });

        await Db.MedicationsAs(await Db.AdminIdAsync()).SetActiveAsync(medication, false);
        Assert.That(await CodeAsync(() => stock.ReceiveAsync(good with { BatchNumber = "OTHER-1" })), Is.EqualTo(StockCodes.InactiveMedication));

        var (doctorId, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await CodeAsync(() => Db.StockAs(doctorId).ReceiveAsync(good with { BatchNumber = "X" })), Is.EqualTo(50102));
    }

    [Test]
    public async Task Opening_stock_may_already_be_expired_and_only_an_administrator_records_it()
    {
        var adminId = await Db.AdminIdAsync();
        var medication = await Db.NewMedicationAsync();
        var today = await Db.TodayAsync();
        var opening = new StockLotReceiveInput
        {
            MedicationId = medication, BatchNumber = "OPEN-1", ExpiryDate = today.AddDays(-10), Quantity = 40, UnitCost = 10m,
            ReceivedDate = today.AddDays(-300), Supplier = "Paper records",
        };
        var lotId = await Db.StockAs(adminId).RecordOpeningAsync(opening);
        var lot = (await Db.StockAs(adminId).ListLotsAsync(medication)).Single();
        Assert.That((lot.StockLotId, lot.IsExpired, lot.QuantityOnHand, lot.ReceivedDate), Is.EqualTo((lotId, true, 40, today.AddDays(-300))));
        Assert.That((await Db.MedicationsAs(adminId).GetAsync(medication))!.OnHand, Is.EqualTo(0));

        Assert.That(await CodeAsync(() => Db.StockAs(adminId).RecordOpeningAsync(opening)), Is.EqualTo(StockCodes.DuplicateBatch));
        Assert.That(await CodeAsync(() => Db.StockAs(adminId).RecordOpeningAsync(opening with { BatchNumber = "OPEN-2", ReceivedDate = null })),
            Is.EqualTo(StockCodes.ReceivedInFuture));
        Assert.That(await CodeAsync(() => Db.StockAs(adminId).RecordOpeningAsync(opening with { BatchNumber = "OPEN-2", Quantity = 0 })),
            Is.EqualTo(StockCodes.BadQuantity));
        Assert.That(await CodeAsync(() => Db.Runner.QuerySingleOrDefaultAsync<int>("stock_lot_record_opening", Db.SessionOf(adminId), new
        {
            p_medication_id = medication, p_batch_number = "OPEN-3", p_expiry_date = (DateTime?)null, p_quantity = 1, p_unit_cost = 1m,
            p_received_date = today, p_supplier = (string?)null,
        })), Is.EqualTo(StockCodes.ExpiryMissing));
        var pharmacist = await Db.NewPharmacistAsync();
        Assert.That(await CodeAsync(() => Db.StockAs(pharmacist).RecordOpeningAsync(opening with { BatchNumber = "OPEN-4" })), Is.EqualTo(50102));

        // The expired lot is written off with an adjustment.
        Assert.That((await Db.StockAs(pharmacist).AdjustAsync(lotId, -40, StockAdjustmentReason.Expired)).QuantityOnHand, Is.EqualTo(0));
    }

    [Test]
    public async Task Adjustments_need_a_valid_reason_write_a_row_and_update_the_lot_audited()
    {
        var pharmacist = await Db.NewPharmacistAsync();
        var stock = Db.StockAs(pharmacist);
        var lotId = await Db.NewLotAsync(await Db.NewMedicationAsync(), 10, 100);

        var damaged = await stock.AdjustAsync(lotId, -3, StockAdjustmentReason.Damaged);
        Assert.That(damaged.QuantityOnHand, Is.EqualTo(7));
        var counted = await stock.AdjustAsync(lotId, 5, StockAdjustmentReason.CountCorrection, "Found a box behind the shelf");
        Assert.That(counted.QuantityOnHand, Is.EqualTo(12));
        var expired = await stock.AdjustAsync(lotId, -2, StockAdjustmentReason.Expired);
        Assert.That(await Db.OnHandAsync(lotId), Is.EqualTo(10));

        var rows = await Db.QueryAsync<(int Change, string Reason, string? Note, int By)>(
            "SELECT quantity_change, reason, note, adjusted_by FROM stock_adjustment WHERE stock_lot_id = @lotId ORDER BY stock_adjustment_id",
            new { lotId });
        Assert.That(rows, Is.EqualTo(new[]
        {
            (-3, "damaged", (string?)null, pharmacist), (5, "count_correction", "Found a box behind the shelf", pharmacist),
            (-2, "expired", null, pharmacist),
        }));
        Assert.That(new[] { damaged.StockAdjustmentId, counted.StockAdjustmentId, expired.StockAdjustmentId }, Is.Unique);
        var audited = await Db.QueryAsync<(string Table, int? Actor)>(
            "SELECT table_name, actor_user_id FROM audit_trail WHERE (table_name = 'stock_adjustment' AND row_key = @adj) " +
            "OR (table_name = 'stock_lot' AND row_key = @lot AND action = 'UPDATE') ORDER BY audit_log_id",
            new { adj = counted.StockAdjustmentId.ToString(), lot = lotId.ToString() });
        Assert.That(audited.Count(a => a.Table == "stock_adjustment"), Is.EqualTo(1));
        Assert.That(audited.Count(a => a.Table == "stock_lot"), Is.EqualTo(3));
        Assert.That(audited.Select(a => a.Actor), Is.All.EqualTo(pharmacist));
    }

    [Test]
    public async Task Adjustments_are_refused_below_zero_and_without_reason_or_note_writing_nothing()
    {
        var stock = Db.StockAs(await Db.NewPharmacistAsync());
        var batch = "NEG-" + Guid.NewGuid().ToString("N")[..6];
        var lotId = await Db.NewLotAsync(await Db.NewMedicationAsync(), 4, 100, batch);

        var below = await Assert.CatchAsync<ClinicRuleException>(() => stock.AdjustAsync(lotId, -5, StockAdjustmentReason.Damaged));
        Assert.That(below!.Code, Is.EqualTo(StockCodes.BelowZero));
        Assert.That(below.Message, Does.Contain(batch).And.Contain("only 4 on hand"));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, -1, "lost")), Is.EqualTo(StockCodes.BadReason));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, -1, StockAdjustmentReason.CountCorrection, " ")), Is.EqualTo(StockCodes.NoteRequired));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, 3, StockAdjustmentReason.Damaged)), Is.EqualTo(StockCodes.OnlyTakeOff));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, 2, StockAdjustmentReason.Expired)), Is.EqualTo(StockCodes.OnlyTakeOff));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, 0, StockAdjustmentReason.Damaged)), Is.EqualTo(StockCodes.ZeroChange));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(lotId, -1, StockAdjustmentReason.CountCorrection, new string('n', 256))),
            Is.EqualTo(StockCodes.NoteTooLong));
        Assert.That(await CodeAsync(() => stock.AdjustAsync(int.MaxValue, -1, StockAdjustmentReason.Damaged)), Is.EqualTo(StockCodes.UnknownLot));
        Assert.That(await Db.OnHandAsync(lotId), Is.EqualTo(4));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM stock_adjustment WHERE stock_lot_id = @lotId", new { lotId }), Is.EqualTo(0));

        // Taking everything is fine; the lot reaches zero, never less, even for the schema owner.
        Assert.That((await stock.AdjustAsync(lotId, -4, StockAdjustmentReason.Damaged)).QuantityOnHand, Is.EqualTo(0));
        var check = await Assert.ThrowsAsync<MySqlException>(() =>
            Db.ExecuteAsOwnerAsync("UPDATE stock_lot SET quantity_on_hand = -1 WHERE stock_lot_id = @lotId", new { lotId }));
        Assert.That(check!.Number, Is.AnyOf(3819, 4025), "CHECK ck_stock_lot_on_hand");
    }

    [Test]
    public async Task Lots_list_first_expiry_first_out_with_expired_and_expiring_soon_flags()
    {
        var pharmacist = await Db.NewPharmacistAsync();
        var medication = await Db.NewMedicationAsync();
        var late = await Db.NewLotAsync(medication, 5, 400);
        var soon = await Db.NewLotAsync(medication, 5, 20);
        var middle = await Db.NewLotAsync(medication, 5, 200);
        var expired = await Db.NewExpiredLotAsync(medication, 5, 3);
        var empty = await Db.NewLotAsync(medication, 2, 10);
        await Db.StockAs(pharmacist).AdjustAsync(empty, -2, StockAdjustmentReason.Damaged);

        var lots = await Db.StockAs(pharmacist).ListLotsAsync(medication);
        Assert.That(lots.Select(l => l.StockLotId), Is.EqualTo(new[] { expired, soon, middle, late }));
        Assert.That(lots.Select(l => l.IsExpired), Is.EqualTo(new[] { true, false, false, false }));
        Assert.That(lots.Select(l => l.IsExpiringSoon), Is.EqualTo(new[] { false, true, false, false }), "default window is 90 days");
        Assert.That(lots.Select(l => l.DaysToExpiry), Is.EqualTo(new[] { -3, 20, 200, 400 }));
        Assert.That(lots[0].TotalCount, Is.EqualTo(4));
        var withEmpty = await Db.StockAs(pharmacist).ListLotsAsync(medication, includeEmpty: true);
        Assert.That(withEmpty.Select(l => l.StockLotId), Is.EqualTo(new[] { expired, empty, soon, middle, late }));

        var alerts = (await Db.StockAs(pharmacist).ExpiringLotsAsync()).Where(l => l.MedicationId == medication).ToList();
        Assert.That(alerts.Select(l => (l.StockLotId, l.IsExpired)), Is.EqualTo(new[] { (expired, true), (soon, false) }));
    }

    [Test]
    public async Task The_expiry_alert_window_is_a_validated_setting()
    {
        var adminId = await Db.AdminIdAsync();
        var settings = Db.SettingsAs(adminId);
        var medication = await Db.NewMedicationAsync();
        var lot = await Db.NewLotAsync(medication, 5, 200);
        try
        {
            Assert.That((await Db.StockAs(adminId).ExpiringLotsAsync()).Any(l => l.StockLotId == lot), Is.False);
            await settings.SetAsync("pharmacy.expiry_alert_days", "365");
            Assert.That((await Db.StockAs(adminId).ExpiringLotsAsync()).Any(l => l.StockLotId == lot), Is.True);
            Assert.That((await Db.StockAs(adminId).ListLotsAsync(medication)).Single().IsExpiringSoon, Is.True);
            foreach (var bad in new[] { "0", "731", "abc", "" })
                Assert.That(await CodeAsync(() => settings.SetAsync("pharmacy.expiry_alert_days", bad)), Is.EqualTo(50004), bad);
        }
        finally
        {
            await settings.SetAsync("pharmacy.expiry_alert_days", "90");
        }
    }

    [Test]
    public async Task The_clinic_header_settings_are_text_and_the_name_cannot_be_empty()
    {
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("clinic.address", "Plot 12, Kampala Road");
        await settings.SetAsync("clinic.address", "");
        await settings.SetAsync("clinic.phone", "+256 414 000000");
        await settings.SetAsync("clinic.name", "Kampala Family Clinic");
        Assert.That(await CodeAsync(() => settings.SetAsync("clinic.name", "  ")), Is.EqualTo(50004));
        Assert.That(await Db.ScalarAsync<string>("SELECT setting_value FROM clinic_setting WHERE setting_key = 'clinic.name'"),
            Is.EqualTo("Kampala Family Clinic"));
        await settings.SetAsync("clinic.name", "Clinic");
    }

    [Test]
    public async Task The_dashboard_counts_low_stock_and_expiring_lots()
    {
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());
        var before = await dispensing.CountsAsync();
        var low = await Db.NewMedicationAsync(reorderLevel: 50);
        await Db.NewLotAsync(low, 10, 30);
        await Db.NewExpiredLotAsync(low, 100);
        var after = await dispensing.CountsAsync();
        Assert.That(after.LowStockCount - before.LowStockCount, Is.EqualTo(1));
        Assert.That(after.ExpiringLotCount - before.ExpiringLotCount, Is.EqualTo(1));
        Assert.That(after.ExpiredLotCount - before.ExpiredLotCount, Is.EqualTo(1));
        var stock = Db.StockAs(await Db.NewPharmacistAsync());
        Assert.That((await stock.BelowReorderAsync()).Count(r => r.MedicationId == low), Is.EqualTo(1));
        Assert.That((await stock.ExpiringLotsAsync()).Count(r => r.MedicationId == low), Is.EqualTo(2));
        var nurse = Db.StockAs((await Db.NewAccountAsync("nurse")).Id);
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => nurse.BelowReorderAsync()))!.Code, Is.EqualTo(50102),
            "the alerts are read through a procedure that checks the session");
    }
}
