using Clinic.Data.Common;
using Clinic.Data.Pharmacy;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Dispensing under concurrency: many pharmacists (each call on its own pooled connection) dispense
/// at the same instant. prescription_dispense locks the prescription, then the medication's lots in
/// FEFO order, so units are never sold twice and no lot goes below zero.
/// </summary>
public class DispensingRaceTests
{
    private const int Racers = 24;

    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<List<(DispenseResult? Result, int Code)>> RaceAsync(IReadOnlyList<Func<Task<DispenseResult>>> calls)
    {
        var warm = Db.DispensingAs(await Db.AdminIdAsync());
        await Task.WhenAll(Enumerable.Range(0, calls.Count).Select(_ => Task.Run(async () => await warm.CountsAsync())));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = calls.Select(call => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                return ((DispenseResult?)await call(), 0);
            }
            catch (ClinicRuleException ex)
            {
                return (null, ex.Code);
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        return (await Task.WhenAll(racers)).ToList();
    }

    [Test]
    public async Task Twenty_four_pharmacists_dispensing_the_same_short_medication_never_oversell()
    {
        var medication = await Db.NewMedicationAsync(unitPrice: 100m);
        // 47 unexpired units in three lots, plus an expired lot that must stay untouched.
        int[] lots = [await Db.NewLotAsync(medication, 20, 20), await Db.NewLotAsync(medication, 15, 60), await Db.NewLotAsync(medication, 12, 400)];
        var expired = await Db.NewExpiredLotAsync(medication, 500);
        var visit = await Db.NewOpenVisitAsync();
        var today = await Db.TodayAsync();
        var doctor = Db.PrescriptionsAs(visit.DoctorAccountId);
        var prescriptions = new List<int> { await Db.IssueAsync(visit, (medication, 5)) };
        for (var i = 1; i < Racers; i++)
            prescriptions.Add(await doctor.IssueAsync(await Db.NewVisitForDoctorAsync(visit), [PharmacyTestData.Item(medication, 5, today)]));
        var pharmacists = new List<DispensingProcedures>();
        for (var i = 0; i < Racers; i++)
            pharmacists.Add(Db.DispensingAs(await Db.NewPharmacistAsync()));

        var outcomes = await RaceAsync(prescriptions.Select((rx, i) => (Func<Task<DispenseResult>>)(() => pharmacists[i].DispenseAsync(rx))).ToList());

        var succeeded = outcomes.Where(o => o.Code == 0).ToList();
        Assert.That(succeeded, Has.Count.EqualTo(9), "47 units cover nine prescriptions of 5");
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(DispensingCodes.NotEnoughStock));
        Assert.That(succeeded.Count + outcomes.Count(o => o.Code != 0), Is.EqualTo(Racers));
        Assert.That(succeeded.Select(o => o.Result!.ReceiptNumber), Is.Unique);

        var onHand = new List<int>();
        foreach (var lot in lots)
            onHand.Add(await Db.OnHandAsync(lot));
        Assert.That(onHand, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(onHand.Sum(), Is.EqualTo(47 - 45));
        Assert.That(onHand, Is.EqualTo(new[] { 0, 0, 2 }), "first expiry first out");
        Assert.That(await Db.OnHandAsync(expired), Is.EqualTo(500));
        var taken = await Db.ScalarAsync<decimal>(
            "SELECT COALESCE(SUM(quantity), 0) FROM dispensing_line WHERE stock_lot_id IN @lots", new { lots });
        Assert.That(taken, Is.EqualTo(45));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM prescription WHERE prescription_id IN @prescriptions AND status = 'dispensed'", new { prescriptions }),
            Is.EqualTo(9));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM prescription WHERE prescription_id IN @prescriptions AND status = 'issued'", new { prescriptions }),
            Is.EqualTo(Racers - 9));
    }

    [Test]
    public async Task Eight_pharmacists_dispensing_the_same_prescription_at_once_dispense_it_once()
    {
        var medication = await Db.NewMedicationAsync();
        var lot = await Db.NewLotAsync(medication, 100, 200);
        var (_, rx) = await Db.NewPrescriptionAsync((medication, 30));
        var pharmacists = new List<DispensingProcedures>();
        for (var i = 0; i < 8; i++)
            pharmacists.Add(Db.DispensingAs(await Db.NewPharmacistAsync()));

        var outcomes = await RaceAsync(pharmacists.Select(p => (Func<Task<DispenseResult>>)(() => p.DispenseAsync(rx))).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(DispensingCodes.NothingRemains));
        Assert.That(await Db.OnHandAsync(lot), Is.EqualTo(70));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM dispensing WHERE prescription_id = @rx", new { rx }), Is.EqualTo(1));
    }

    [Test]
    public async Task Partial_dispensings_of_one_prescription_racing_never_exceed_the_prescribed_quantity()
    {
        var medication = await Db.NewMedicationAsync();
        var lot = await Db.NewLotAsync(medication, 100, 200);
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 10));
        var item = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Items[0].PrescriptionItemId;
        var pharmacists = new List<DispensingProcedures>();
        for (var i = 0; i < 8; i++)
            pharmacists.Add(Db.DispensingAs(await Db.NewPharmacistAsync()));

        var outcomes = await RaceAsync(pharmacists.Select(p => (Func<Task<DispenseResult>>)(() =>
            p.DispenseAsync(rx, [new DispenseItemInput(item, 3)]))).ToList());

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(3), "3 + 3 + 3 of 10; a fourth 3 would exceed it");
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(DispensingCodes.BadQuantity));
        Assert.That(await Db.OnHandAsync(lot), Is.EqualTo(91));
        var detail = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!;
        Assert.That((detail.Header.Status, detail.Items[0].QuantityDispensed), Is.EqualTo((PrescriptionStatus.PartiallyDispensed, 9)));
    }
}
