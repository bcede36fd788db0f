using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.E2E.Tests;

/// <summary>Arranges front-desk data for browser tests through the same procedures the app uses, acting as the demo admin.</summary>
public static class FrontDeskData
{
    public sealed record Doctor(int StaffId, int AccountId, string Username, string Password, string FamilyName);

    /// <summary>A doctor with a sign-in, a department and a specialisation, working every day 00:00-24:00 unless told otherwise.</summary>
    public static async Task<Doctor> NewDoctorAsync(string familyName, bool withHours = true)
    {
        const string password = "doctor-pass-1";
        var (accountId, username) = await ClinicApp.CreateAccountAsync("doc", "doctor", password);
        var staffId = await ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var facilities = new FacilityProcedures(runner, actor);
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var department = await facilities.CreateDepartmentAsync("E2E department " + suffix);
            var specialisation = await facilities.CreateSpecialisationAsync("E2E specialisation " + suffix, 20);
            var id = await new StaffProcedures(runner, actor).CreateAsync(new StaffInput
            {
                UserAccountId = accountId, GivenName = "Ada", FamilyName = familyName, StaffRole = "doctor",
                DepartmentId = department, SpecialisationId = specialisation, ConsultationFee = 20_000m,
            });
            if (withHours)
            {
                var hours = new WorkingHoursProcedures(runner, actor);
                for (var day = 1; day <= 7; day++)
                    await hours.AddBlockAsync(id, day, TimeSpan.Zero, TimeSpan.FromHours(24));
            }
            return id;
        });
        return new Doctor(staffId, accountId, username, password, familyName);
    }

    public static Task<RegisteredPatient> NewPatientAsync(string givenName, string familyName, string? medicalHistory = null) =>
        ClinicApp.AsAdminAsync((runner, actor) => new PatientProcedures(runner, actor).RegisterAsync(new PatientInput
        {
            GivenName = givenName, FamilyName = familyName, Sex = "female", DateOfBirth = new DateTime(1988, 3, 9), MedicalHistory = medicalHistory,
        }, confirmDuplicate: true));

    public static Task<QueueTicket> AddToQueueAsync(QueueAddInput input) =>
        ClinicApp.AsAdminAsync((runner, actor) => new QueueProcedures(runner, actor).AddAsync(input));

    public static Task<QueueEntryRow?> QueueEntryAsync(int queueEntryId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new QueueProcedures(runner, actor).GetAsync(queueEntryId));

    public static Task<AppointmentRow?> AppointmentAsync(int appointmentId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new AppointmentProcedures(runner, actor).GetAsync(appointmentId));
}
