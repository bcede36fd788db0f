using Clinic.Data.Common;
using Clinic.Data.Patients;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Rows of the clinical record written directly as the schema owner, for the history's read tests
/// (the procedures that write them belong to other areas). Lab orders go through their states one
/// UPDATE at a time, as the lab order guards require, with explicit times.
/// </summary>
public static class PatientHistoryTestData
{
    public static PatientHistoryProcedures HistoryAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static async Task<int> InsertAsync(this TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        return await connection.ExecuteScalarAsync<int>(sql + "; SELECT LAST_INSERT_ID();", args);
    }

    public static async Task ExecuteAsync(this TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await connection.ExecuteAsync(sql, args);
    }

    /// <summary>The visit's start time (events are placed after it).</summary>
    public static Task<DateTime> StartedAtAsync(this TestDatabase db, int visitId) =>
        db.ScalarAsync<DateTime>("SELECT started_at FROM visit WHERE visit_id = @visitId", new { visitId });

    public static async Task<string> Icd10Async(this TestDatabase db, string code, string title)
    {
        await db.ExecuteAsync("INSERT IGNORE INTO icd10_code (icd10_code, title) VALUES (@code, @title)", new { code, title });
        return await db.ScalarAsync<string>("SELECT title FROM icd10_code WHERE icd10_code = @code", new { code });
    }

    public static Task<int> DiagnosisAsync(this TestDatabase db, OpenVisit visit, string code, bool primary, DateTime at) =>
        db.InsertAsync(
            """
            INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
            VALUES (@VisitId, @PatientId, @code, @primary, @DoctorAccountId, @at)
            """, new { visit.VisitId, visit.PatientId, visit.DoctorAccountId, code, primary, at });

    public static Task<int> VitalsAsync(this TestDatabase db, OpenVisit visit, DateTime at, int? systolic = 150, int? diastolic = 95,
        int? pulse = 88, decimal? temperature = 37.2m, decimal? weight = 70.5m, decimal? height = 170m) =>
        db.InsertAsync(
            """
            INSERT INTO vital_sign (visit_id, patient_id, recorded_at, recorded_by, systolic_mmhg, diastolic_mmhg, pulse_bpm,
                                    temperature_c, weight_kg, height_cm)
            VALUES (@VisitId, @PatientId, @at, @DoctorAccountId, @systolic, @diastolic, @pulse, @temperature, @weight, @height)
            """, new { visit.VisitId, visit.PatientId, visit.DoctorAccountId, at, systolic, diastolic, pulse, temperature, weight, height });

    public static Task<int> AllergyAsync(this TestDatabase db, OpenVisit visit, string substance, string severity, DateTime at,
        string? reaction = "Rash", bool active = true) =>
        db.InsertAsync(
            """
            INSERT INTO allergy (patient_id, substance, reaction, severity, status, inactive_reason, recorded_by, recorded_at)
            VALUES (@PatientId, @substance, @reaction, @severity, @status, @reason, @DoctorAccountId, @at)
            """,
            new
            {
                visit.PatientId, visit.DoctorAccountId, substance, reaction, severity, at,
                status = active ? "active" : "inactive", reason = active ? null : "Tolerated since",
            });

    public static Task<int> ProblemAsync(this TestDatabase db, OpenVisit visit, string description, DateTime at, DateTime? onset = null,
        DateTime? resolved = null) =>
        db.InsertAsync(
            """
            INSERT INTO problem (patient_id, description, status, onset_date, resolved_date, recorded_by, recorded_at)
            VALUES (@PatientId, @description, @status, @onset, @resolved, @DoctorAccountId, @at)
            """,
            new { visit.PatientId, visit.DoctorAccountId, description, status = resolved is null ? "active" : "resolved", onset, resolved, at });

    /// <summary>A medication named <paramref name="name"/> plus a unique suffix; returns (id, full name).</summary>
    public static async Task<(int Id, string Name)> MedicationAsync(this TestDatabase db, string name, string strength)
    {
        var unique = $"{name} {Guid.NewGuid().ToString("N")[..6]}";
        var id = await db.InsertAsync(
            "INSERT INTO medication (name, generic_substance, form, strength) VALUES (@unique, @name, 'tablet', @strength)",
            new { unique, name, strength });
        return (id, unique);
    }

    /// <summary>A prescription with one item per (medication, quantity), in that order.</summary>
    public static async Task<int> PrescriptionAsync(this TestDatabase db, OpenVisit visit, DateTime at, params (int MedicationId, int Quantity)[] items)
    {
        var id = await db.InsertAsync(
            """
            INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at)
            VALUES (@VisitId, @PatientId, @DoctorStaffId, @DoctorAccountId, @at)
            """, new { visit.VisitId, visit.PatientId, visit.DoctorStaffId, visit.DoctorAccountId, at });
        foreach (var (medicationId, quantity) in items)
            await db.ExecuteAsync(
                """
                INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date)
                VALUES (@id, @medicationId, '1 tablet', 'oral', 'three times a day', 7, @quantity, CURDATE(), CURDATE() + INTERVAL 7 DAY)
                """, new { id, medicationId, quantity });
        return id;
    }

    /// <summary>A lab test named <paramref name="name"/> plus a unique suffix; returns (id, full name).</summary>
    public static async Task<(int Id, string Name)> LabTestAsync(this TestDatabase db, string name, string unit)
    {
        var unique = $"{name} {Guid.NewGuid().ToString("N")[..6]}";
        var id = await db.InsertAsync("INSERT INTO lab_test (code, name, specimen, unit) VALUES (@code, @unique, 'blood', @unit)",
            new { code = "T" + Guid.NewGuid().ToString("N")[..10], unique, unit });
        return (id, unique);
    }

    /// <summary>
    /// A lab order taken as far as <paramref name="status"/> (ordered, specimen_collected, resulted,
    /// verified or cancelled); the result is entered at <paramref name="at"/> and verified by another person.
    /// </summary>
    public static async Task<int> LabOrderAsync(this TestDatabase db, OpenVisit visit, int labTestId, string status, DateTime at,
        decimal value = 9.1m, decimal? low = 12.0m, decimal? high = 16.0m, int? verifierId = null)
    {
        var id = await db.InsertAsync(
            """
            INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, ordered_at)
            VALUES (@VisitId, @PatientId, @labTestId, @DoctorAccountId, @ordered)
            """, new { visit.VisitId, visit.PatientId, visit.DoctorAccountId, labTestId, ordered = at.AddMinutes(-30) });
        var args = new { id, user = visit.DoctorAccountId, at, value, low, high, verifier = verifierId ?? await db.AdminIdAsync() };
        if (status == "cancelled")
        {
            await db.ExecuteAsync(
                "UPDATE lab_order SET status = 'cancelled', cancelled_by = @user, cancelled_at = @at, cancel_reason = 'Patient left' WHERE lab_order_id = @id", args);
            return id;
        }
        if (status == "ordered")
            return id;
        await db.ExecuteAsync(
            "UPDATE lab_order SET status = 'specimen_collected', collected_by = @user, collected_at = @at - INTERVAL 20 MINUTE WHERE lab_order_id = @id", args);
        if (status == "specimen_collected")
            return id;
        await db.ExecuteAsync(
            """
            UPDATE lab_order SET status = 'resulted', result_value = @value, result_unit = 'g/dL', reference_low = @low, reference_high = @high,
                   resulted_by = @user, resulted_at = @at
             WHERE lab_order_id = @id
            """, args);
        if (status == "resulted")
            return id;
        await db.ExecuteAsync(
            "UPDATE lab_order SET status = 'verified', verified_by = @verifier, verified_at = @at + INTERVAL 5 MINUTE WHERE lab_order_id = @id", args);
        return id;
    }
}
