using Clinic.Data.Queue;
using Clinic.Data.Staff;

namespace Clinic.Database.Tests.Integration;

/// <summary>An open visit made the way the clinic makes one: a queue consultation started by its doctor.</summary>
public sealed record OpenVisit(int VisitId, int PatientId, int DoctorStaffId, int DoctorAccountId, int DepartmentId);

/// <summary>Set-up helpers for the clinical record, lab and pharmacy tests (issue 4).</summary>
public static class VisitTestData
{
    /// <summary>
    /// A new doctor with a sign-in (in a new department), a new patient, and an open visit the doctor
    /// started from today's queue. Pass <paramref name="patientId"/> to reuse a patient.
    /// </summary>
    public static async Task<OpenVisit> NewOpenVisitAsync(this TestDatabase db, int? patientId = null)
    {
        var (doctorAccountId, _) = await db.NewAccountAsync("doctor");
        var staffId = await db.NewDoctorAsync(userAccountId: doctorAccountId);
        var departmentId = await db.ScalarAsync<int>("SELECT department_id FROM staff WHERE staff_id = @staffId", new { staffId });
        var patient = patientId ?? await db.NewPatientAsync();
        var queue = db.QueueAs(await db.AdminIdAsync());
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = patient, StaffId = staffId });
        var visitId = await db.QueueAs(doctorAccountId).StartAsync(ticket.QueueEntryId);
        return new OpenVisit(visitId, patient, staffId, doctorAccountId, departmentId);
    }

    /// <summary>A new open visit of the same doctor for another (or the given) patient, from today's queue.</summary>
    public static async Task<int> NewVisitForDoctorAsync(this TestDatabase db, OpenVisit doctorsVisit, int? patientId = null)
    {
        var patient = patientId ?? await db.NewPatientAsync();
        var ticket = await db.QueueAs(await db.AdminIdAsync()).AddAsync(new QueueAddInput { PatientId = patient, StaffId = doctorsVisit.DoctorStaffId });
        return await db.QueueAs(doctorsVisit.DoctorAccountId).StartAsync(ticket.QueueEntryId);
    }

    /// <summary>A new staff member with a sign-in in the given role ('nurse', 'pharmacist', ...) and department; returns the account id.</summary>
    public static async Task<int> NewStaffAccountAsync(this TestDatabase db, string role, int? departmentId = null)
    {
        var (accountId, _) = await db.NewAccountAsync(role);
        await db.StaffAs(await db.AdminIdAsync()).CreateAsync(new StaffInput
        {
            UserAccountId = accountId, GivenName = "Test", FamilyName = role + Guid.NewGuid().ToString("N")[..6],
            StaffRole = role, DepartmentId = departmentId,
        });
        return accountId;
    }
}

[TestFixture]
public sealed class VisitTestDataTests
{
    [Test]
    public async Task An_open_visit_belongs_to_its_doctor_and_patient()
    {
        var db = DatabaseFixture.Main;
        var visit = await db.NewOpenVisitAsync();
        var row = (await db.QueryAsync<(int PatientId, int StaffId, string Status)>(
            "SELECT patient_id, staff_id, status FROM visit WHERE visit_id = @id", new { id = visit.VisitId })).Single();
        Assert.That(row, Is.EqualTo((visit.PatientId, visit.DoctorStaffId, "open")));
        var nurse = await db.NewStaffAccountAsync("nurse", visit.DepartmentId);
        Assert.That(await db.ScalarAsync<int>("SELECT department_id FROM staff WHERE user_account_id = @nurse", new { nurse }), Is.EqualTo(visit.DepartmentId));
    }
}
