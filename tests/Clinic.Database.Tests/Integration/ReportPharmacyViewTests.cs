using Clinic.Data.Pharmacy;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The analysts' pharmacy views (db/views/rpt_prescribing.sql, rpt_dispensing_daily.sql, rpt_stock_valuation.sql,
/// rpt_stock_below_reorder.sql, rpt_lot_expiring.sql), read as the analyst account on a database of their own, so
/// every row can be asserted exactly. Medications, lots, prescriptions, cancellations and dispensings go through the
/// pharmacy procedures; written as the schema owner: a prescription issued in an earlier month (issue times never
/// change) and the passing of time for one dispensing (moved to an earlier day).
/// </summary>
public class ReportPharmacyViewTests
{
    public sealed record PrescribingRow
    {
        public DateTime MonthStart { get; init; }
        public int MedicationId { get; init; }
        public string MedicationName { get; init; } = "";
        public int StaffId { get; init; }
        public string DoctorName { get; init; } = "";
        public long Prescriptions { get; init; }
        public long Items { get; init; }
        public long QuantityPrescribed { get; init; }
        public long Patients { get; init; }
    }

    public sealed record DispensingRow
    {
        public DateTime DispensingDay { get; init; }
        public int MedicationId { get; init; }
        public string MedicationName { get; init; } = "";
        public long Dispensings { get; init; }
        public long Prescriptions { get; init; }
        public long QuantityDispensed { get; init; }
        public decimal DispensedValue { get; init; }
    }

    public sealed record ValuationRow
    {
        public int MedicationId { get; init; }
        public string MedicationName { get; init; } = "";
        public long Lots { get; init; }
        public long QuantityOnHand { get; init; }
        public decimal StockValue { get; init; }
        public long ExpiredQuantity { get; init; }
        public decimal ExpiredValue { get; init; }
        public DateTime AsOf { get; init; }
    }

    public sealed record BelowReorderRow
    {
        public int MedicationId { get; init; }
        public string MedicationName { get; init; } = "";
        public long QuantityOnHand { get; init; }
        public long ReorderLevel { get; init; }
        public long Shortfall { get; init; }
        public DateTime AsOf { get; init; }
    }

    public sealed record ExpiringRow
    {
        public int StockLotId { get; init; }
        public int MedicationId { get; init; }
        public string MedicationName { get; init; } = "";
        public string BatchNumber { get; init; } = "";
        public DateTime ExpiryDate { get; init; }
        public long DaysToExpiry { get; init; }
        public long QuantityOnHand { get; init; }
        public decimal StockValue { get; init; }
    }

    private static Task<IReadOnlyList<T>> AsAnalystAsync<T>(TestDatabase db, string sql) => ReportClinicalViewTests.AsAnalystAsync<T>(db, sql);

    private static Task<string> NameAsync(TestDatabase db, int medicationId) =>
        db.ScalarAsync<string>("SELECT name FROM medication WHERE medication_id = @medicationId", new { medicationId });

    private static Task<int> ItemIdAsync(TestDatabase db, int prescriptionId, int medicationId) =>
        db.ScalarAsync<int>("SELECT prescription_item_id FROM prescription_item WHERE prescription_id = @prescriptionId AND medication_id = @medicationId",
            new { prescriptionId, medicationId });

    [Test]
    public async Task Prescribing_dispensing_and_stock_views_add_up_to_what_the_doctors_and_the_pharmacist_did()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var today = await db.TodayAsync();
        var thisMonth = new DateTime(today.Year, today.Month, 1);
        var admin = await db.AdminIdAsync();
        var pharmacist = db.DispensingAs(await db.NewPharmacistAsync());

        // M1: price 500, reorder 100; lots of 40 (cost 100, expires in 10 days), 60 (cost 120, in 200 days) and 30 expired 5 days ago (cost 100).
        var m1 = await db.NewMedicationAsync(unitPrice: 500m, reorderLevel: 100);
        var l1 = await db.NewLotAsync(m1, 40, 10, unitCost: 100m);
        var l2 = await db.NewLotAsync(m1, 60, 200, unitCost: 120m);
        var l3 = await db.NewExpiredLotAsync(m1, 30, expiredDaysAgo: 5);
        // M2: price 333.33 (5 units: 1,666.65, charged 1,667 in whole shillings), reorder 10; a lot of 50 at cost 300.50.
        var m2 = await db.NewMedicationAsync(unitPrice: 333.33m, reorderLevel: 10);
        var l4 = await db.NewLotAsync(m2, 50, 400, unitCost: 300.50m);
        // M3: active, reorder 20, never stocked. M4: inactive, reorder 50, never stocked. M5: stocked, then made inactive.
        var m3 = await db.NewMedicationAsync(reorderLevel: 20);
        var m4 = await db.NewMedicationAsync(reorderLevel: 50);
        await db.MedicationsAs(admin).SetActiveAsync(m4, false);
        var m5 = await db.NewMedicationAsync(reorderLevel: 50);
        var l7 = await db.NewLotAsync(m5, 5, 30, unitCost: 10m);
        await db.MedicationsAs(admin).SetActiveAsync(m5, false);

        // Doctor A: 30 x M1 and 5 x M2 for one patient, 20 x M1 for another; in January 2025, 7 x M1 (written as the owner).
        var (visitA, rx1) = await db.NewPrescriptionAsync((m1, 30), (m2, 5));
        var secondVisit = await db.NewVisitForDoctorAsync(visitA);
        var secondPatient = await db.ScalarAsync<int>("SELECT patient_id FROM visit WHERE visit_id = @secondVisit", new { secondVisit });
        var rx2 = await db.IssueAsync(visitA with { VisitId = secondVisit, PatientId = secondPatient }, (m1, 20));
        await db.OwnerExecuteAsync(
            "INSERT INTO prescription (visit_id, patient_id, staff_id, status, issued_by, issued_at) " +
            "VALUES (@visit, @patient, @staff, 'issued', @doctor, '2025-01-15 10:00:00'); " +
            "INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date) " +
            "VALUES (LAST_INSERT_ID(), @m1, '1 tablet', 'oral', 'once a day', 7, 7, '2025-01-15', '2025-01-21');",
            new { visit = visitA.VisitId, patient = visitA.PatientId, staff = visitA.DoctorStaffId, doctor = visitA.DoctorAccountId, m1 });
        // Doctor B: 10 x M1, cancelled (left out), and 4 x M3.
        var (visitB, rx3) = await db.NewPrescriptionAsync((m1, 10));
        await db.PrescriptionsAs(visitB.DoctorAccountId).CancelAsync(rx3, "Wrong medication");
        await db.IssueAsync(visitB, (m3, 4));

        // The pharmacist dispenses all of the first (M1 from the 10-day lot, FEFO), 15 of the second (10 + 5 from the
        // 200-day lot) on 3 February 2025 (moved there as the owner), then its last 5 today.
        var first = await pharmacist.DispenseAsync(rx1);
        var part = await pharmacist.DispenseAsync(rx2, [new DispenseItemInput(await ItemIdAsync(db, rx2, m1), 15)]);
        await db.OwnerExecuteAsync("UPDATE dispensing SET dispensed_at = '2025-02-03 11:00:00' WHERE dispensing_id = @id", new { id = part.DispensingId });
        var rest = await pharmacist.DispenseAsync(rx2);
        Assert.That((first.TotalAmount, part.TotalAmount, rest.TotalAmount), Is.EqualTo((16_667m, 7_500m, 2_500m)));
        // Received after the dispensings: M2 lots expiring in exactly 180 days (listed as expiring) and in 181 (not yet), cost 50.
        var l5 = await db.NewLotAsync(m2, 10, 180, unitCost: 50m);
        await db.NewLotAsync(m2, 10, 181, unitCost: 50m);

        var name1 = await NameAsync(db, m1);
        var name2 = await NameAsync(db, m2);
        var name3 = await NameAsync(db, m3);
        var name5 = await NameAsync(db, m5);
        var doctorA = await db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @id", new { id = visitA.DoctorStaffId });
        var doctorB = await db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @id", new { id = visitB.DoctorStaffId });

        var prescribing = await AsAnalystAsync<PrescribingRow>(db, "SELECT * FROM rpt_prescribing ORDER BY month_start, medication_id, staff_id");
        Assert.That(prescribing, Is.EqualTo(new[]
        {
            new PrescribingRow { MonthStart = new DateTime(2025, 1, 1), MedicationId = m1, MedicationName = name1, StaffId = visitA.DoctorStaffId, DoctorName = doctorA, Prescriptions = 1, Items = 1, QuantityPrescribed = 7, Patients = 1 },
            new PrescribingRow { MonthStart = thisMonth, MedicationId = m1, MedicationName = name1, StaffId = visitA.DoctorStaffId, DoctorName = doctorA, Prescriptions = 2, Items = 2, QuantityPrescribed = 50, Patients = 2 },
            new PrescribingRow { MonthStart = thisMonth, MedicationId = m2, MedicationName = name2, StaffId = visitA.DoctorStaffId, DoctorName = doctorA, Prescriptions = 1, Items = 1, QuantityPrescribed = 5, Patients = 1 },
            new PrescribingRow { MonthStart = thisMonth, MedicationId = m3, MedicationName = name3, StaffId = visitB.DoctorStaffId, DoctorName = doctorB, Prescriptions = 1, Items = 1, QuantityPrescribed = 4, Patients = 1 },
        }));

        var dispensing = await AsAnalystAsync<DispensingRow>(db, "SELECT * FROM rpt_dispensing_daily ORDER BY dispensing_day, medication_id");
        Assert.That(dispensing, Is.EqualTo(new[]
        {
            new DispensingRow { DispensingDay = new DateTime(2025, 2, 3), MedicationId = m1, MedicationName = name1, Dispensings = 1, Prescriptions = 1, QuantityDispensed = 15, DispensedValue = 7_500m },
            new DispensingRow { DispensingDay = today, MedicationId = m1, MedicationName = name1, Dispensings = 2, Prescriptions = 2, QuantityDispensed = 35, DispensedValue = 17_500m },
            new DispensingRow { DispensingDay = today, MedicationId = m2, MedicationName = name2, Dispensings = 1, Prescriptions = 1, QuantityDispensed = 5, DispensedValue = 1_667m },
        }));
        // A day's dispensed value is what that day's receipts charged.
        Assert.That(dispensing.Where(r => r.DispensingDay == today).Sum(r => r.DispensedValue), Is.EqualTo(first.TotalAmount + rest.TotalAmount));

        // Stock now: M1 holds 0 (10-day lot), 50 (200-day lot) and 30 expired; M2 45 + 10 + 10.
        Assert.That((await db.OnHandAsync(l1), await db.OnHandAsync(l2), await db.OnHandAsync(l3), await db.OnHandAsync(l4)), Is.EqualTo((0, 50, 30, 45)));
        var valuation = await AsAnalystAsync<ValuationRow>(db, "SELECT * FROM rpt_stock_valuation ORDER BY medication_id");
        Assert.That(valuation, Is.EqualTo(new[]
        {
            new ValuationRow { MedicationId = m1, MedicationName = name1, Lots = 1, QuantityOnHand = 50, StockValue = 6_000m, ExpiredQuantity = 30, ExpiredValue = 3_000m, AsOf = today },
            // 45 x 300.50 = 13,522.50, rounded once to 13,523; plus 500 and 500.
            new ValuationRow { MedicationId = m2, MedicationName = name2, Lots = 3, QuantityOnHand = 65, StockValue = 14_523m, ExpiredQuantity = 0, ExpiredValue = 0m, AsOf = today },
            new ValuationRow { MedicationId = m3, MedicationName = name3, Lots = 0, QuantityOnHand = 0, StockValue = 0m, ExpiredQuantity = 0, ExpiredValue = 0m, AsOf = today },
            new ValuationRow { MedicationId = m5, MedicationName = name5, Lots = 1, QuantityOnHand = 5, StockValue = 50m, ExpiredQuantity = 0, ExpiredValue = 0m, AsOf = today },
        }));

        // Below reorder: M1 (50 usable of 100: the expired 30 do not count) and M3 (0 of 20); not M2 (65 of 10), nor the inactive M4 and M5.
        var below = await AsAnalystAsync<BelowReorderRow>(db, "SELECT * FROM rpt_stock_below_reorder ORDER BY medication_id");
        Assert.That(below, Is.EqualTo(new[]
        {
            new BelowReorderRow { MedicationId = m1, MedicationName = name1, QuantityOnHand = 50, ReorderLevel = 100, Shortfall = 50, AsOf = today },
            new BelowReorderRow { MedicationId = m3, MedicationName = name3, QuantityOnHand = 0, ReorderLevel = 20, Shortfall = 20, AsOf = today },
        }));
        // The same rule as the pharmacy's own alert.
        var alert = await db.QueryAsync<(int MedicationId, long OnHand)>("SELECT medication_id, on_hand FROM v_stock_below_reorder ORDER BY medication_id");
        Assert.That(alert, Is.EqualTo(below.Select(r => (r.MedicationId, r.QuantityOnHand))));

        // Expiring: the expired lot, M5's 30-day lot and the 180-day lot; not the empty 10-day lot, nor 181, 200 or 400 days.
        var batches = (await db.QueryAsync<(int Id, string Batch, DateTime Expiry)>("SELECT stock_lot_id, batch_number, expiry_date FROM stock_lot"))
            .ToDictionary(l => l.Id);
        ExpiringRow Lot(int lotId, int medicationId, string name, long days, long quantity, decimal value) => new()
        {
            StockLotId = lotId, MedicationId = medicationId, MedicationName = name, BatchNumber = batches[lotId].Batch,
            ExpiryDate = today.AddDays(days), DaysToExpiry = days, QuantityOnHand = quantity, StockValue = value,
        };
        var expiring = await AsAnalystAsync<ExpiringRow>(db, "SELECT * FROM rpt_lot_expiring ORDER BY expiry_date");
        Assert.That(expiring, Is.EqualTo(new[]
        {
            Lot(l3, m1, name1, -5, 30, 3_000m),
            Lot(l7, m5, name5, 30, 5, 50m),
            Lot(l5, m2, name2, 180, 10, 500m),
        }));
    }
}
