using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Patients;

namespace Clinic.Database.Tests.Integration;

/// <summary>A lab order on an open visit, with who can act on it: the treating doctor, a nurse of the department and a second doctor.</summary>
public sealed record LabCase(OpenVisit Visit, int LabTestId, int LabOrderId, int NurseId, int SecondDoctorId);

/// <summary>Set-up helpers for the lab tests (issue 4).</summary>
public static class LabTestData
{
    public static LabProcedures LabAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>A new active lab test with a unique code and name; returns lab_test_id. Ranges: (sex, min age, max age, low, high).</summary>
    public static async Task<int> NewLabTestAsync(this TestDatabase db, string? unit = "g/dL", string specimen = "Blood", decimal price = 5_000m,
        params (string Sex, int Min, int Max, decimal? Low, decimal? High)[] ranges)
    {
        var lab = db.LabAs(await db.AdminIdAsync());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var id = await lab.CreateTestAsync(new LabTestInput
        {
            Code = "T" + suffix, Name = "Test " + suffix, Specimen = specimen, Unit = unit, Price = price,
        });
        foreach (var (sex, min, max, low, high) in ranges)
            await lab.SetRangeAsync(new LabReferenceRangeInput { LabTestId = id, Sex = sex, AgeMinYears = min, AgeMaxYears = max, LowValue = low, HighValue = high });
        return id;
    }

    /// <summary>A new patient of the given sex and age in whole years today (birthday a month ago); returns (patient_id, MRN).</summary>
    public static async Task<(int PatientId, string Mrn)> NewLabPatientAsync(this TestDatabase db, string sex, int ageYears)
    {
        var registered = await db.PatientsAs(await db.AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = "Lab" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Patient" + Guid.NewGuid().ToString("N")[..6],
            Sex = sex, DateOfBirth = DateTime.Today.AddMonths(-1).AddYears(-ageYears),
        }, confirmDuplicate: true);
        return (registered.PatientId, registered.Mrn);
    }

    /// <summary>
    /// An open visit for a new patient of the given sex and age, a nurse of the visit's department and a second doctor, and
    /// (unless <paramref name="labTestId"/> is 0) an order of the test placed by the treating doctor.
    /// </summary>
    public static async Task<LabCase> NewLabCaseAsync(this TestDatabase db, int? labTestId = null, string sex = "female", int ageYears = 30)
    {
        var (patientId, _) = await db.NewLabPatientAsync(sex, ageYears);
        var visit = await db.NewOpenVisitAsync(patientId);
        var nurse = await db.NewStaffAccountAsync("nurse", visit.DepartmentId);
        var (secondDoctor, _) = await db.NewAccountAsync("doctor");
        await db.NewDoctorAsync(withHours: false, userAccountId: secondDoctor);
        var testId = labTestId ?? await db.NewLabTestAsync(ranges: [(LabRangeSex.Any, 0, 150, 10m, 20m)]);
        var orderId = testId == 0 ? 0 : await db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, testId, "Routine check");
        return new LabCase(visit, testId, orderId, nurse, secondDoctor);
    }

    /// <summary>The order's status as stored.</summary>
    public static Task<string> LabStatusAsync(this TestDatabase db, int labOrderId) =>
        db.ScalarAsync<string>("SELECT status FROM lab_order WHERE lab_order_id = @labOrderId", new { labOrderId });

    /// <summary>The doctor completes the queue consultation that opened the visit (the visit stays open), so the patient can queue again today.</summary>
    public static async Task CompleteConsultationAsync(this TestDatabase db, OpenVisit visit)
    {
        var entry = await db.ScalarAsync<int>("SELECT queue_entry_id FROM visit WHERE visit_id = @id", new { id = visit.VisitId });
        await db.QueueAs(visit.DoctorAccountId).CompleteAsync(entry);
    }

    /// <summary>Closes a visit the way visit_close will (written by another area), as the schema owner.</summary>
    public static async Task CloseVisitAsync(this TestDatabase db, int visitId)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE visit SET status = 'closed', closed_at = NOW() WHERE visit_id = @visitId", new { visitId });
    }
}
