using System.Text.RegularExpressions;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>Dispensing: FEFO across lots, the expired-lot exclusion, partial dispensing, receipts and history (db/procedures/prescription_dispense*, dispensing_*).</summary>
public class DispensingTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<ClinicRuleException> RefusedAsync(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!;

    private static async Task<IReadOnlyList<(int LotId, int Quantity, decimal Price)>> LinesAsync(int dispensingId) =>
        await Db.QueryAsync<(int, int, decimal)>(
            "SELECT stock_lot_id, quantity, unit_price FROM dispensing_line WHERE dispensing_id = @dispensingId ORDER BY dispensing_line_id",
            new { dispensingId });

    [Test]
    public async Task Dispensing_takes_first_expiry_first_out_across_lots_and_never_from_an_expired_lot()
    {
        var medication = await Db.NewMedicationAsync(unitPrice: 250m);
        var late = await Db.NewLotAsync(medication, 5, 200, "LATE");
        var soonest = await Db.NewLotAsync(medication, 3, 30, "SOONEST");
        var middle = await Db.NewLotAsync(medication, 10, 100, "MIDDLE");
        var expired = await Db.NewExpiredLotAsync(medication, 50);
        var pharmacist = await Db.NewPharmacistAsync();
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 12));
        var dispensing = Db.DispensingAs(pharmacist);

        var preview = (await dispensing.PreviewAsync(rx)).Items.Single();
        Assert.That(preview.Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (soonest, 3), (middle, 9) }));
        Assert.That((preview.QuantityRemaining, preview.Available, preview.ExpiredOnHand, preview.Shortfall), Is.EqualTo((12, 18L, 50L, 0L)));

        var result = await dispensing.DispenseAsync(rx);
        Assert.That(result.ReceiptNumber, Does.Match(@"^RX-\d{6,}$"));
        Assert.That((result.TotalAmount, result.Status), Is.EqualTo((3000m, PrescriptionStatus.Dispensed)));
        Assert.That(await LinesAsync(result.DispensingId), Is.EqualTo(new[] { (soonest, 3, 250m), (middle, 9, 250m) }));
        Assert.That(new[] { await Db.OnHandAsync(soonest), await Db.OnHandAsync(middle), await Db.OnHandAsync(late), await Db.OnHandAsync(expired) },
            Is.EqualTo(new[] { 0, 1, 5, 50 }));

        var rxRow = (await Db.PrescriptionsAs(pharmacist).GetAsync(rx))!;
        Assert.That(rxRow.Header.Status, Is.EqualTo(PrescriptionStatus.Dispensed));
        Assert.That(rxRow.Header.DispensedAt, Is.Not.Null);
        Assert.That(rxRow.Items.Single().QuantityDispensed, Is.EqualTo(12));
        var dispensingRow = (await Db.QueryAsync<(int PatientId, int By, decimal Total)>(
            "SELECT patient_id, dispensed_by, total_amount FROM dispensing WHERE dispensing_id = @id", new { id = result.DispensingId })).Single();
        Assert.That(dispensingRow, Is.EqualTo((visit.PatientId, pharmacist, 3000m)));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE table_name IN ('dispensing', 'dispensing_line', 'stock_lot', 'prescription_item', 'prescription') " +
            "AND actor_user_id = @pharmacist", new { pharmacist }), Is.EqualTo(1 + 2 + 2 + 1 + 1));
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx))).Code, Is.EqualTo(DispensingCodes.NothingRemains));
    }

    [Test]
    public async Task Only_expired_stock_cannot_be_dispensed_and_a_refusal_writes_nothing()
    {
        var name = "Zinc " + Guid.NewGuid().ToString("N")[..6];
        var medication = await Db.NewMedicationAsync(name: name);
        var expired = await Db.NewExpiredLotAsync(medication, 100, 2);
        var fresh = await Db.NewLotAsync(medication, 2, 60);
        var (_, rx) = await Db.NewPrescriptionAsync((medication, 5));
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());
        var counter = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'dispensing.receipt'");

        var preview = (await dispensing.PreviewAsync(rx)).Items.Single();
        Assert.That((preview.Available, preview.Shortfall, preview.ExpiredOnHand), Is.EqualTo((2L, 3L, 100L)));
        Assert.That(preview.Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (fresh, 2) }));

        var ex = await RefusedAsync(() => dispensing.DispenseAsync(rx));
        Assert.That(ex.Code, Is.EqualTo(DispensingCodes.NotEnoughStock));
        Assert.That(ex.Message, Is.EqualTo($"Not enough unexpired stock of {name}: 5 needed, 2 available."));
        Assert.That(await Db.OnHandAsync(fresh), Is.EqualTo(2));
        Assert.That(await Db.OnHandAsync(expired), Is.EqualTo(100));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM dispensing WHERE prescription_id = @rx", new { rx }), Is.EqualTo(0));
        Assert.That(await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'dispensing.receipt'"),
            Is.GreaterThanOrEqualTo(counter));
        Assert.That((await Db.PrescriptionsAs(await Db.AdminIdAsync()).GetAsync(rx))!.Header.Status, Is.EqualTo(PrescriptionStatus.Issued));

        // What there is can be dispensed as a part.
        var itemId = preview.PrescriptionItemId;
        var part = await dispensing.DispenseAsync(rx, [new DispenseItemInput(itemId, 2)]);
        Assert.That(part.Status, Is.EqualTo(PrescriptionStatus.PartiallyDispensed));
        Assert.That(await LinesAsync(part.DispensingId), Is.EqualTo(new[] { (fresh, 2, 500m) }));
        Assert.That(await Db.OnHandAsync(expired), Is.EqualTo(100), "an expired lot is never touched");
    }

    [Test]
    public async Task Partial_dispensing_is_followed_by_the_prescription_status()
    {
        var first = await Db.NewMedicationAsync(unitPrice: 100m);
        var second = await Db.NewMedicationAsync(unitPrice: 1000m);
        await Db.NewLotAsync(first, 100, 300);
        var secondLot = await Db.NewLotAsync(second, 100, 300);
        var (visit, rx) = await Db.NewPrescriptionAsync((first, 10), (second, 6));
        var items = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Items;
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());

        var part = await dispensing.DispenseAsync(rx, [new DispenseItemInput(items[0].PrescriptionItemId, 4)]);
        Assert.That((part.Status, part.TotalAmount), Is.EqualTo((PrescriptionStatus.PartiallyDispensed, 400m)));
        var after = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!;
        Assert.That(after.Items.Select(i => (i.QuantityDispensed, i.QuantityRemaining)), Is.EqualTo(new[] { (4, 6), (0, 6) }));
        Assert.That(after.Header.DispensedAt, Is.Null);

        var tooMany = await RefusedAsync(() => dispensing.DispenseAsync(rx, [new DispenseItemInput(items[0].PrescriptionItemId, 7)]));
        Assert.That(tooMany.Code, Is.EqualTo(DispensingCodes.BadQuantity));
        Assert.That(tooMany.Message, Does.Contain("dispense 1 to 6"));
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx, [new DispenseItemInput(items[0].PrescriptionItemId, 0)]))).Code,
            Is.EqualTo(DispensingCodes.BadQuantity));
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx,
            [new DispenseItemInput(items[1].PrescriptionItemId, 1), new DispenseItemInput(items[1].PrescriptionItemId, 1)]))).Code,
            Is.EqualTo(DispensingCodes.ItemTwice));
        var (_, otherRx) = await Db.NewPrescriptionAsync((first, 1));
        var otherItem = (await Db.PrescriptionsAs(await Db.AdminIdAsync()).GetAsync(otherRx))!.Items[0].PrescriptionItemId;
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx, [new DispenseItemInput(otherItem, 1)]))).Code,
            Is.EqualTo(DispensingCodes.ItemNotOnPrescription));

        var second2 = await dispensing.DispenseAsync(rx, [new DispenseItemInput(items[1].PrescriptionItemId, 6)]);
        Assert.That(second2.Status, Is.EqualTo(PrescriptionStatus.PartiallyDispensed));
        Assert.That(await Db.OnHandAsync(secondLot), Is.EqualTo(94));
        var fullItem = await RefusedAsync(() => dispensing.DispenseAsync(rx, [new DispenseItemInput(items[1].PrescriptionItemId, 1)]));
        Assert.That(fullItem.Message, Does.EndWith("has already been dispensed in full."));

        var rest = await dispensing.DispenseAsync(rx, null);
        Assert.That((rest.Status, rest.TotalAmount), Is.EqualTo((PrescriptionStatus.Dispensed, 600m)));
        Assert.That((await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Header.DispensedAt, Is.Not.Null);
        Assert.That((await dispensing.PreviewAsync(rx)).Items, Is.Empty);
        Assert.That(new[] { part.ReceiptNumber, second2.ReceiptNumber, rest.ReceiptNumber }, Is.Unique);
        Assert.That((await RefusedAsync(() => Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(rx, "too late"))).Code,
            Is.EqualTo(PrescriptionCodes.NotCancellable));
    }

    [Test]
    public async Task A_partially_dispensed_prescription_can_be_cancelled_and_then_nothing_more_is_dispensed()
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 50, 300);
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 10));
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());
        var item = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Items[0].PrescriptionItemId;
        await dispensing.DispenseAsync(rx, [new DispenseItemInput(item, 3)]);
        await Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(rx, "Switched to another drug");
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx))).Code, Is.EqualTo(DispensingCodes.Cancelled));
        Assert.That((await dispensing.PreviewAsync(rx)).Items, Is.Empty);
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(int.MaxValue))).Code, Is.EqualTo(PrescriptionCodes.UnknownPrescription));
    }

    [Test]
    public async Task Only_pharmacists_and_administrators_dispense_and_malformed_items_are_refused()
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 50, 300);
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 10));
        Assert.That((await RefusedAsync(() => Db.DispensingAs(visit.DoctorAccountId).DispenseAsync(rx))).Code, Is.EqualTo(50102));
        var (nurse, _) = await Db.NewAccountAsync("nurse");
        Assert.That((await RefusedAsync(() => Db.DispensingAs(nurse).PreviewAsync(rx))).Code, Is.EqualTo(50102));
        var pharmacist = await Db.NewPharmacistAsync();
        foreach (var json in new[] { "oops", "{\"quantity\": 1}" })
        {
            var ex = await RefusedAsync(() => Db.Runner.QuerySingleOrDefaultAsync<DispenseResult>("prescription_dispense", Db.SessionOf(pharmacist),
                new { p_prescription_id = rx, p_items_json = json }));
            Assert.That(ex.Code, Is.EqualTo(DispensingCodes.ItemsMalformed), json);
        }
        var missingId = await RefusedAsync(() => Db.Runner.QuerySingleOrDefaultAsync<DispenseResult>("prescription_dispense", Db.SessionOf(pharmacist),
            new { p_prescription_id = rx, p_items_json = "[{\"quantity\": 1}]" }));
        Assert.That(missingId.Code, Is.EqualTo(DispensingCodes.ItemNotOnPrescription));
        // An empty array means everything, like NULL; the administrator may dispense too.
        var all = await Db.Runner.QuerySingleOrDefaultAsync<DispenseResult>("prescription_dispense", Db.SessionOf(await Db.AdminIdAsync()),
            new { p_prescription_id = rx, p_items_json = "[]" });
        Assert.That(all!.Status, Is.EqualTo(PrescriptionStatus.Dispensed));
    }

    [Test]
    public async Task The_receipt_has_the_clinic_header_patient_doctor_pharmacist_and_lot_lines()
    {
        var medication = await Db.NewMedicationAsync(unitPrice: 150m, strength: "250 mg");
        var firstLot = await Db.NewLotAsync(medication, 4, 40, "R-1");
        var secondLot = await Db.NewLotAsync(medication, 20, 90, "R-2");
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 6));
        var pharmacist = await Db.NewPharmacistAsync();
        var dispensed = await Db.DispensingAs(pharmacist).DispenseAsync(rx);
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("clinic.name", "Mulago Family Clinic");
        await settings.SetAsync("clinic.phone", "0414 123456");
        try
        {
            var receipt = (await Db.DispensingAs(pharmacist).GetAsync(dispensed.DispensingId))!;
            Assert.That((receipt.Header.ReceiptNumber, receipt.Header.TotalAmount, receipt.Header.PrescriptionId, receipt.Header.PatientId),
                Is.EqualTo((dispensed.ReceiptNumber, 900m, rx, visit.PatientId)));
            Assert.That((receipt.Header.ClinicName, receipt.Header.ClinicPhone), Is.EqualTo(("Mulago Family Clinic", "0414 123456")));
            Assert.That(receipt.Header.PharmacistName, Is.EqualTo("Test pharmacist"));
            Assert.That(receipt.Header.DoctorName, Does.StartWith("Doc "));
            Assert.That(receipt.Lines.Select(l => (l.StockLotId, l.BatchNumber, l.Quantity, l.UnitPrice, l.LineTotal)),
                Is.EqualTo(new[] { (firstLot, "R-1", 4, 150m, 600m), (secondLot, "R-2", 2, 150m, 300m) }));
            Assert.That(receipt.Lines.Select(l => l.Strength), Is.All.EqualTo("250 mg"));
            Assert.That(await Db.DispensingAs(pharmacist).GetAsync(int.MaxValue), Is.Null);
        }
        finally
        {
            await settings.SetAsync("clinic.name", "Clinic");
            await settings.SetAsync("clinic.phone", "");
        }
    }

    [Test]
    public async Task History_is_newest_first_and_filters_by_date_doctor_patient_and_medication()
    {
        var medication = await Db.NewMedicationAsync();
        var other = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 100, 300);
        await Db.NewLotAsync(other, 100, 300);
        var (visit, first) = await Db.NewPrescriptionAsync((medication, 2));
        var secondVisit = await Db.NewVisitForDoctorAsync(visit);
        var second = await Db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(secondVisit,
            [PharmacyTestData.Item(other, 3, await Db.TodayAsync())]);
        var pharmacist = await Db.NewPharmacistAsync();
        var dispensing = Db.DispensingAs(pharmacist);
        var a = await dispensing.DispenseAsync(first);
        var b = await dispensing.DispenseAsync(second);

        var byDoctor = await dispensing.HistoryAsync(new DispensingHistoryFilter { StaffId = visit.DoctorStaffId });
        Assert.That(byDoctor.Select(h => h.DispensingId), Is.EqualTo(new[] { b.DispensingId, a.DispensingId }));
        Assert.That(byDoctor[0].TotalCount, Is.EqualTo(2));
        Assert.That(byDoctor[0].LineCount, Is.EqualTo(1));
        Assert.That(byDoctor[0].PharmacistName, Is.EqualTo("Test pharmacist"));

        var mrn = await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @id", new { id = visit.PatientId });
        var byMrn = await dispensing.HistoryAsync(new DispensingHistoryFilter { Patient = mrn });
        Assert.That(byMrn.Select(h => h.DispensingId), Is.EqualTo(new[] { a.DispensingId }));
        var family = await Db.ScalarAsync<string>("SELECT family_name FROM patient WHERE patient_id = @id", new { id = visit.PatientId });
        Assert.That((await dispensing.HistoryAsync(new DispensingHistoryFilter { Patient = family[2..] })).Select(h => h.DispensingId),
            Is.EqualTo(new[] { a.DispensingId }));
        var byMedication = await dispensing.HistoryAsync(new DispensingHistoryFilter { MedicationId = other });
        Assert.That(byMedication.Select(h => h.DispensingId), Is.EqualTo(new[] { b.DispensingId }));
        Assert.That(byMedication[0].Medications, Does.StartWith("Med "));
        var today = await Db.TodayAsync();
        Assert.That(await dispensing.HistoryAsync(new DispensingHistoryFilter { StaffId = visit.DoctorStaffId, To = today.AddDays(-1) }), Is.Empty);
        Assert.That(await dispensing.HistoryAsync(new DispensingHistoryFilter { StaffId = visit.DoctorStaffId, From = today, To = today }),
            Has.Count.EqualTo(2));
        Assert.That((await dispensing.HistoryAsync(new DispensingHistoryFilter { StaffId = visit.DoctorStaffId }, 1, 1)).Single().DispensingId,
            Is.EqualTo(a.DispensingId));
    }

    [Test]
    public async Task The_dashboard_counts_pending_prescriptions_and_todays_dispensings()
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 100, 300);
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());
        var before = await dispensing.CountsAsync();
        var (_, rx) = await Db.NewPrescriptionAsync((medication, 2));
        var pending = await dispensing.CountsAsync();
        Assert.That(pending.PendingPrescriptionCount - before.PendingPrescriptionCount, Is.EqualTo(1));
        Assert.That(pending.OldestPendingIssuedAt, Is.Not.Null);
        await dispensing.DispenseAsync(rx);
        var after = await dispensing.CountsAsync();
        Assert.That(after.PendingPrescriptionCount, Is.EqualTo(before.PendingPrescriptionCount));
        Assert.That(after.DispensedTodayCount - before.DispensedTodayCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Receipt_numbers_follow_the_counter()
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 100, 300);
        var (_, rx) = await Db.NewPrescriptionAsync((medication, 2));
        var next = await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'dispensing.receipt'");
        var result = await Db.DispensingAs(await Db.NewPharmacistAsync()).DispenseAsync(rx);
        Assert.That(result.ReceiptNumber, Is.EqualTo($"RX-{next:D6}"));
        Assert.That(Regex.IsMatch(result.ReceiptNumber, @"^RX-\d+$"), Is.True);
        Assert.That(await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = 'dispensing.receipt'"), Is.EqualTo(next + 1));
    }
}
