using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>Set-up helpers for the pharmacy and prescription tests: data-layer accessors, medications, lots, allergies.</summary>
public static class PharmacyTestData
{
    public static MedicationProcedures MedicationsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static StockProcedures StockAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static PrescriptionProcedures PrescriptionsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static DispensingProcedures DispensingAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>The database's clinic day (CURDATE()), which the rules use.</summary>
    public static Task<DateTime> TodayAsync(this TestDatabase db) => db.ScalarAsync<DateTime>("SELECT CURDATE()");

    /// <summary>A new pharmacist with a sign-in and a staff record; returns the account id.</summary>
    public static Task<int> NewPharmacistAsync(this TestDatabase db) => db.NewStaffAccountAsync("pharmacist");

    /// <summary>A new active medication (unique name) added by the administrator; returns medication_id.</summary>
    public static async Task<int> NewMedicationAsync(this TestDatabase db, string? substance = null, decimal unitPrice = 500m,
        int reorderLevel = 0, string? name = null, string form = "tablet", string strength = "500 mg") =>
        await db.MedicationsAs(await db.AdminIdAsync()).CreateAsync(new MedicationInput
        {
            Name = name ?? "Med " + Guid.NewGuid().ToString("N")[..10],
            GenericSubstance = substance ?? "substance-" + Guid.NewGuid().ToString("N")[..10],
            Form = form, Strength = strength, UnitPrice = unitPrice, ReorderLevel = reorderLevel,
        });

    /// <summary>Receives a lot expiring <paramref name="expiresInDays"/> days after today (must be at least 1); returns stock_lot_id.</summary>
    public static async Task<int> NewLotAsync(this TestDatabase db, int medicationId, int quantity, int expiresInDays, string? batch = null,
        decimal unitCost = 100m) =>
        await db.StockAs(await db.AdminIdAsync()).ReceiveAsync(new StockLotReceiveInput
        {
            MedicationId = medicationId, BatchNumber = batch ?? "B" + Guid.NewGuid().ToString("N")[..8],
            ExpiryDate = (await db.TodayAsync()).AddDays(expiresInDays), Quantity = quantity, UnitCost = unitCost, Supplier = "Test Supplies Ltd",
        });

    /// <summary>A lot that expired <paramref name="expiredDaysAgo"/> days ago and still holds stock, recorded as opening stock.</summary>
    public static async Task<int> NewExpiredLotAsync(this TestDatabase db, int medicationId, int quantity, int expiredDaysAgo = 1)
    {
        var today = await db.TodayAsync();
        return await db.StockAs(await db.AdminIdAsync()).RecordOpeningAsync(new StockLotReceiveInput
        {
            MedicationId = medicationId, BatchNumber = "X" + Guid.NewGuid().ToString("N")[..8], ExpiryDate = today.AddDays(-expiredDaysAgo),
            Quantity = quantity, UnitCost = 100m, ReceivedDate = today.AddDays(-expiredDaysAgo - 200), Supplier = "Old stock",
        });
    }

    /// <summary>Records an allergy as the schema owner (the allergy procedures belong to the clinical record); returns allergy_id.</summary>
    public static async Task<int> AddAllergyAsync(this TestDatabase db, int patientId, string substance, string severity = "severe",
        bool active = true)
    {
        var adminId = await db.AdminIdAsync();
        await using var connection = await db.OpenAsync(db.Migrator);
        return await connection.ExecuteScalarAsync<int>(
            "INSERT INTO allergy (patient_id, substance, reaction, severity, status, inactive_reason, recorded_by) " +
            "VALUES (@patientId, @substance, 'rash', @severity, @status, @reason, @adminId); SELECT LAST_INSERT_ID();",
            new { patientId, substance, severity, status = active ? "active" : "inactive", reason = active ? null : "Ruled out", adminId });
    }

    /// <summary>A well-formed item starting today: oral, "1 tablet", "twice a day", 5 days.</summary>
    public static PrescriptionItemInput Item(int medicationId, int quantity, DateTime today, string? overrideReason = null,
        bool duplicateConfirmed = false) => new()
        {
            MedicationId = medicationId, Dose = "1 tablet", Route = PrescriptionRoute.Oral, Frequency = "twice a day",
            DurationDays = 5, Quantity = quantity, Instructions = "After meals", StartDate = today,
            AllergyOverrideReason = overrideReason, DuplicateConfirmed = duplicateConfirmed,
        };

    /// <summary>Issues a prescription from <paramref name="visit"/> by its doctor for the given (medication, quantity) pairs.</summary>
    public static async Task<int> IssueAsync(this TestDatabase db, OpenVisit visit, params (int MedicationId, int Quantity)[] items)
    {
        var today = await db.TodayAsync();
        return await db.PrescriptionsAs(visit.DoctorAccountId).IssueAsync(visit.VisitId,
            items.Select(i => Item(i.MedicationId, i.Quantity, today)).ToList());
    }

    /// <summary>A new open visit (new doctor and patient) and a prescription from it; returns both.</summary>
    public static async Task<(OpenVisit Visit, int PrescriptionId)> NewPrescriptionAsync(this TestDatabase db,
        params (int MedicationId, int Quantity)[] items)
    {
        var visit = await db.NewOpenVisitAsync();
        return (visit, await db.IssueAsync(visit, items));
    }

    /// <summary>The quantity on hand of a lot, read as the schema owner.</summary>
    public static Task<int> OnHandAsync(this TestDatabase db, int stockLotId) =>
        db.ScalarAsync<int>("SELECT quantity_on_hand FROM stock_lot WHERE stock_lot_id = @stockLotId", new { stockLotId });

    /// <summary>Runs SQL as the schema owner (the tests' way to try what no procedure allows).</summary>
    public static async Task ExecuteAsOwnerAsync(this TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await connection.ExecuteAsync(sql, args);
    }
}
