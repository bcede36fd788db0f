using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Computations the screens show are made by the database, once: the age (age_years), the suggested
/// quantity when prescribing (prescription_quantity_for, prescription_quantity_suggest,
/// prescription_frequency_list) and the dispensing estimate (prescription_dispense_preview).
/// </summary>
public class ComputationTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<ClinicRuleException> RefusedAsync(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!;

    // ---- age_years ----

    [TestCase("1990-05-14", "2026-05-13", 35)]
    [TestCase("1990-05-14", "2026-05-14", 36)]
    [TestCase("2026-05-14", "2026-05-14", 0)]
    [TestCase("2000-02-29", "2001-02-28", 0)]
    [TestCase("2000-02-29", "2001-03-01", 1)]
    [TestCase("2000-02-29", "2004-02-29", 4)]
    [TestCase("1899-12-31", "2026-01-01", 126)]
    public async Task Age_counts_whole_years_from_the_birthday(string born, string on, int expected) =>
        Assert.That(await Db.ScalarAsync<int>("SELECT age_years(@born, @on)", new { born, on }), Is.EqualTo(expected));

    [Test]
    public async Task Age_of_a_missing_date_is_unknown()
    {
        var value = (await Db.QueryAsync<int?>("SELECT age_years(NULL, CURDATE())")).Single();
        Assert.That(value, Is.Null);
    }

    [Test]
    public async Task The_prescription_the_profile_and_the_visit_give_the_same_age_and_the_print_the_age_on_the_day_it_was_issued()
    {
        var medication = await Db.NewMedicationAsync();
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 10));
        var today = await Db.TodayAsync();
        // 30 years old since five days ago; the second prescription was issued ten days ago, when the patient was 29.
        var born = today.AddDays(-5).AddYears(-30);
        await Db.ExecuteAsOwnerAsync("UPDATE patient SET date_of_birth = @born WHERE patient_id = @id", new { born, id = visit.PatientId });
        await Db.ExecuteAsOwnerAsync(
            "INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at) " +
            "SELECT visit_id, patient_id, staff_id, issued_by, CURDATE() - INTERVAL 10 DAY + INTERVAL 9 HOUR FROM prescription WHERE prescription_id = @rx",
            new { rx });
        var older = await Db.ScalarAsync<int>("SELECT MAX(prescription_id) FROM prescription WHERE visit_id = @v", new { v = visit.VisitId });

        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);
        var current = (await prescriptions.GetAsync(rx))!.Header;
        var past = (await prescriptions.GetAsync(older))!.Header;
        Assert.That((current.AgeYears, current.AgeAtIssueYears), Is.EqualTo((30, 30)));
        Assert.That((past.AgeYears, past.AgeAtIssueYears), Is.EqualTo((30, 29)));
        Assert.That((await Db.PatientsAs(visit.DoctorAccountId).GetAsync(visit.PatientId))!.AgeYears, Is.EqualTo(30));
        var visitHeader = await new Clinic.Data.Clinical.VisitProcedures(Db.Runner, Db.SessionOf(visit.DoctorAccountId)).GetAsync(visit.VisitId);
        Assert.That(visitHeader!.AgeYears, Is.EqualTo(30));
    }

    // ---- the suggested quantity ----

    [TestCase("three times a day", 5, "1 tablet", "tablet", 15)]
    [TestCase("twice a day", 7, "2 tablets", "tablet", 28)]
    [TestCase("every 8 hours", 3, "1", "capsule", 9)]
    [TestCase("Once a day", 30, "1 tab", "tablet", 30)]
    [TestCase("  once a day ", 30, " 1 TAB ", "tablet", 30)]
    [TestCase("four times a day", 3, "0.5 tablet", "tablet", 6)]
    [TestCase("every 6 hours", 3, "1.5 caps", "capsule", 18)]
    [TestCase("twice a day", 5, ".5", "", 5)]
    [TestCase("at night", 10, "1 puff", "inhaler", 10)]
    [TestCase("every 12 hours", 7, "2 drops", "eye drops", 28)]
    [TestCase("three times a day", 5, "2", "", 30)]
    [TestCase("three times a day", 5, "2", null, 30)]
    [TestCase("three times a day", 5, "500 mg", "tablet", null)]
    [TestCase("three times a day", 5, "5 ml", "syrup", null)]
    [TestCase("as needed", 5, "1 tablet", "tablet", null)]
    [TestCase("after lunch on Sundays", 5, "1 tablet", "tablet", null)]
    [TestCase("three times a day", 5, "2", "syrup", null)]
    [TestCase("three times a day", 0, "1 tablet", "tablet", null)]
    [TestCase("three times a day", 5, "", "tablet", null)]
    [TestCase("three times a day", 5, "0 tablets", "tablet", null)]
    [TestCase("three times a day", 5, "1.2.3 tablets", "tablet", null)]
    [TestCase("three times a day", 5, "tablet", "tablet", null)]
    [TestCase(null, 5, "1 tablet", "tablet", null)]
    [TestCase("four times a day", 365, "100 tablets", "tablet", null)]
    [TestCase("four times a day", 365, "99999999999999999999999 tablets", "tablet", null)]
    public async Task A_quantity_is_suggested_only_when_frequency_and_dose_are_countable(string? frequency, int days, string dose, string? form,
        int? expected)
    {
        var value = (await Db.QueryAsync<int?>("SELECT prescription_quantity_for(@frequency, @days, @dose, @form)",
            new { frequency, days, dose, form })).Single();
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public async Task The_prescribing_form_asks_for_the_suggestion_with_the_chosen_medications_form()
    {
        var visit = await Db.NewOpenVisitAsync();
        var tablets = await Db.NewMedicationAsync(form: "tablet");
        var syrup = await Db.NewMedicationAsync(form: "syrup", strength: "125 mg/5 ml");
        var prescriptions = Db.PrescriptionsAs(visit.DoctorAccountId);

        Assert.That(await prescriptions.QuantitySuggestAsync("three times a day", 5, "2", tablets), Is.EqualTo(30));
        Assert.That(await prescriptions.QuantitySuggestAsync("three times a day", 5, "2", syrup), Is.Null, "2 of a syrup is not a count");
        Assert.That(await prescriptions.QuantitySuggestAsync("three times a day", 5, "2", null), Is.EqualTo(30), "no medication chosen yet");
        Assert.That(await prescriptions.QuantitySuggestAsync("twice a day", 7, "1 tablet", int.MaxValue), Is.EqualTo(14));
        Assert.That(await prescriptions.QuantitySuggestAsync("as needed", 7, "1 tablet", tablets), Is.Null);
        Assert.That(await prescriptions.QuantitySuggestAsync(new string('x', 200), 7, new string('1', 200), tablets), Is.Null,
            "text longer than the form allows gets no suggestion, not an error");

        var frequencies = await prescriptions.FrequenciesAsync();
        Assert.That(frequencies.Select(f => f.Frequency), Is.EqualTo(new[]
        {
            "once a day", "twice a day", "three times a day", "four times a day", "every 6 hours", "every 8 hours", "every 12 hours",
            "at night", "as needed",
        }));
        Assert.That(frequencies.Select(f => f.DosesPerDay), Is.EqualTo(new[] { 1, 2, 3, 4, 4, 3, 2, 1, 0 }));
        foreach (var f in frequencies)
            Assert.That(await prescriptions.QuantitySuggestAsync(f.Frequency, 10, "1 tablet", tablets),
                Is.EqualTo(f.DosesPerDay == 0 ? null : f.DosesPerDay * 10), f.Frequency);
    }

    [Test]
    public async Task Only_a_prescriber_asks_for_suggestions()
    {
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        foreach (var account in new[] { pharmacist, receptionist })
        {
            var prescriptions = Db.PrescriptionsAs(account);
            Assert.That((await RefusedAsync(() => prescriptions.QuantitySuggestAsync("twice a day", 5, "1 tablet", null))).Code, Is.EqualTo(50102));
            Assert.That((await RefusedAsync(() => prescriptions.FrequenciesAsync())).Code, Is.EqualTo(50102));
        }
        var (doctor, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await Db.PrescriptionsAs(doctor).QuantitySuggestAsync("twice a day", 5, "1 tablet", null), Is.EqualTo(10));
    }

    // ---- the dispensing preview: lots and the estimated total for the quantities chosen now ----

    [Test]
    public async Task The_preview_starts_at_what_stock_covers_and_its_estimate_is_what_dispensing_charges()
    {
        var first = await Db.NewMedicationAsync(unitPrice: 0.40m);
        var second = await Db.NewMedicationAsync(unitPrice: 0.10m);
        var soon = await Db.NewLotAsync(first, 20, 30, "A1");
        var later = await Db.NewLotAsync(first, 100, 400, "B2");
        var only = await Db.NewLotAsync(second, 4, 30, "P77");
        await Db.NewExpiredLotAsync(second, 50);
        var (_, rx) = await Db.NewPrescriptionAsync((first, 30), (second, 10));
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());

        var preview = await dispensing.PreviewAsync(rx);
        var (a, p) = (preview.Items[0], preview.Items[1]);
        Assert.That((a.QuantityNow, a.AmountNow, a.Shortfall, a.ShortfallNow), Is.EqualTo((30L, 12.00m, 0L, 0L)));
        Assert.That(a.Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (soon, 20), (later, 10) }));
        Assert.That((p.QuantityNow, p.Available, p.Shortfall, p.ShortfallNow, p.ExpiredOnHand, p.AmountNow), Is.EqualTo((4L, 4L, 6L, 0L, 50L, 0m)),
            "a shortfall starts as a partial dispensing of what unexpired stock covers");
        Assert.That(p.Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (only, 4) }));
        // Rounded once per line in the clinic's currency (UGX has no minor units), as the charges are: 4 x 0.10 bills 0.
        Assert.That((preview.UnitsNow, preview.EstimatedTotal), Is.EqualTo((34L, 12m)));

        var dispensed = await dispensing.DispenseAsync(rx, preview.Items.Select(i => new DispenseItemInput(i.PrescriptionItemId, (int)i.QuantityNow)).ToList());
        Assert.That(dispensed.TotalAmount, Is.EqualTo(preview.EstimatedTotal), "the estimate is what prescription_dispense charged");
        Assert.That(dispensed.Status, Is.EqualTo(PrescriptionStatus.PartiallyDispensed));
    }

    [Test]
    public async Task The_preview_follows_the_quantities_chosen_now()
    {
        var first = await Db.NewMedicationAsync(unitPrice: 2.50m);
        var second = await Db.NewMedicationAsync(unitPrice: 1.00m);
        var soon = await Db.NewLotAsync(first, 20, 30);
        var later = await Db.NewLotAsync(first, 100, 400);
        await Db.NewLotAsync(second, 4, 30);
        var (visit, rx) = await Db.NewPrescriptionAsync((first, 30), (second, 10));
        var items = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Items.Select(i => i.PrescriptionItemId).ToArray();
        var dispensing = Db.DispensingAs(await Db.NewPharmacistAsync());

        // Fewer units come from the first lots of the same FEFO order; an item at 0 takes nothing.
        var fewer = await dispensing.PreviewAsync(rx, [new DispenseItemInput(items[0], 7), new DispenseItemInput(items[1], 0)]);
        Assert.That(fewer.Items[0].Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (soon, 7) }));
        Assert.That((fewer.Items[1].QuantityNow, fewer.Items[1].Lots.Count, fewer.Items[1].AmountNow), Is.EqualTo((0L, 0, 0m)));
        Assert.That((fewer.UnitsNow, fewer.EstimatedTotal), Is.EqualTo((7L, 18m)), "7 x 2.50 = 17.50, billed in whole shillings");

        var exact = await dispensing.PreviewAsync(rx, [new DispenseItemInput(items[0], 20)]);
        Assert.That(exact.Items[0].Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (soon, 20) }), "the next lot is not touched");
        Assert.That(exact.Items[1].QuantityNow, Is.EqualTo(0), "an item not listed is not dispensed now");
        Assert.That(exact.Items[1].Shortfall, Is.EqualTo(6), "what cannot be covered of what remains is still said");

        // Asking for more than unexpired stock: every lot is taken and the shortfall now is said; dispensing would refuse.
        var more = await dispensing.PreviewAsync(rx, [new DispenseItemInput(items[0], 30), new DispenseItemInput(items[1], 10)]);
        Assert.That(more.Items[0].Lots.Select(l => (l.StockLotId, l.TakeQuantity)), Is.EqualTo(new[] { (soon, 20), (later, 10) }));
        Assert.That((more.Items[1].QuantityNow, more.Items[1].ShortfallNow, more.Items[1].Lots.Single().TakeQuantity), Is.EqualTo((10L, 6L, 4)));
        Assert.That((more.UnitsNow, more.EstimatedTotal), Is.EqualTo((40L, 85.00m)));
        Assert.That((await RefusedAsync(() => dispensing.DispenseAsync(rx, [new DispenseItemInput(items[1], 10)]))).Code,
            Is.EqualTo(DispensingCodes.NotEnoughStock));

        var nothing = await dispensing.PreviewAsync(rx, [new DispenseItemInput(items[0], 0), new DispenseItemInput(items[1], 0)]);
        Assert.That((nothing.UnitsNow, nothing.EstimatedTotal), Is.EqualTo((0L, 0m)));
        Assert.That(nothing.Items, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_preview_refuses_quantities_dispensing_would_refuse_and_writes_nothing()
    {
        var medication = await Db.NewMedicationAsync();
        var lot = await Db.NewLotAsync(medication, 50, 300);
        var (visit, rx) = await Db.NewPrescriptionAsync((medication, 10));
        var (_, otherRx) = await Db.NewPrescriptionAsync((medication, 1));
        var item = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(rx))!.Items[0];
        var otherItem = (await Db.PrescriptionsAs(await Db.AdminIdAsync()).GetAsync(otherRx))!.Items[0].PrescriptionItemId;
        var pharmacist = await Db.NewPharmacistAsync();
        var dispensing = Db.DispensingAs(pharmacist);

        var tooMany = await RefusedAsync(() => dispensing.PreviewAsync(rx, [new DispenseItemInput(item.PrescriptionItemId, 11)]));
        Assert.That(tooMany.Code, Is.EqualTo(DispensingCodes.BadQuantity));
        Assert.That(tooMany.Message, Is.EqualTo($"{item.MedicationName}: dispense 0 to 10 (what remains on the prescription)."));
        Assert.That((await RefusedAsync(() => dispensing.PreviewAsync(rx, [new DispenseItemInput(item.PrescriptionItemId, -1)]))).Code,
            Is.EqualTo(DispensingCodes.BadQuantity));
        Assert.That((await RefusedAsync(() => dispensing.PreviewAsync(rx, [new DispenseItemInput(otherItem, 1)]))).Code,
            Is.EqualTo(DispensingCodes.ItemNotOnPrescription));
        Assert.That((await RefusedAsync(() => dispensing.PreviewAsync(rx,
            [new DispenseItemInput(item.PrescriptionItemId, 1), new DispenseItemInput(item.PrescriptionItemId, 2)]))).Code,
            Is.EqualTo(DispensingCodes.ItemTwice));
        foreach (var json in new[] { "oops", "{\"quantity\": 1}" })
        {
            var ex = await RefusedAsync(() => Db.Runner.QueryAsync<dynamic>("prescription_dispense_preview", Db.SessionOf(pharmacist),
                new { p_prescription_id = rx, p_items_json = json }));
            Assert.That(ex.Code, Is.EqualTo(DispensingCodes.ItemsMalformed), json);
        }
        var empty = await Db.Runner.QueryAsync<dynamic>("prescription_dispense_preview", Db.SessionOf(pharmacist),
            new { p_prescription_id = rx, p_items_json = "[]" });
        Assert.That((long)empty.Single().quantity_now, Is.EqualTo(10), "an empty list starts at what remains, like none");

        Assert.That(await Db.OnHandAsync(lot), Is.EqualTo(50));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM dispensing WHERE prescription_id = @rx", new { rx }), Is.EqualTo(0));

        await dispensing.DispenseAsync(rx, [new DispenseItemInput(item.PrescriptionItemId, 4)]);
        var after = await dispensing.PreviewAsync(rx, [new DispenseItemInput(item.PrescriptionItemId, 6)]);
        Assert.That((after.Items.Single().QuantityRemaining, after.Items.Single().QuantityNow), Is.EqualTo((6, 6L)));
        Assert.That((await RefusedAsync(() => dispensing.PreviewAsync(rx, [new DispenseItemInput(item.PrescriptionItemId, 7)]))).Message,
            Does.Contain("dispense 0 to 6"));
    }
}
