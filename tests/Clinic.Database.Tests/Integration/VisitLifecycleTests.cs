using Clinic.Data.Clinical;
using Clinic.Data.Scheduling;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// A visit's life: opened when a consultation starts (appointment or queue), reused when the appointment
/// completes, closed by the treating doctor or an administrator, never reopened (visit_status_guard);
/// the header and the worklist with who may write and close.
/// </summary>
public class VisitLifecycleTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>A checked-in appointment of a new doctor (with a sign-in) and a new patient.</summary>
    private static async Task<(int AppointmentId, int DoctorAccountId, int StaffId, int PatientId)> CheckedInAppointmentAsync()
    {
        var (doctorAccountId, _) = await Db.NewAccountAsync("doctor");
        var staffId = await Db.NewDoctorAsync(userAccountId: doctorAccountId);
        var patient = await Db.NewPatientAsync();
        var admin = Db.AppointmentsAs(await Db.AdminIdAsync());
        var id = await admin.BookAsync(new AppointmentInput { PatientId = patient, StaffId = staffId, StartsAt = AppointmentTests.Day(Random.Shared.Next(0, 60)).AddHours(9).AddMinutes(Random.Shared.Next(0, 40) * 10) });
        await admin.CheckInAsync(id);
        return (id, doctorAccountId, staffId, patient);
    }

    [Test]
    public async Task Starting_an_appointment_opens_its_visit_and_completing_it_reuses_that_visit()
    {
        var (id, doctor, staffId, patient) = await CheckedInAppointmentAsync();
        var appointments = Db.AppointmentsAs(doctor);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE appointment_id = @id", new { id }), Is.EqualTo(0));

        var opened = await appointments.StartAsync(id);

        var visit = (await Db.QueryAsync<(int VisitId, int PatientId, int StaffId, string Status, DateTime StartedAt)>(
            "SELECT visit_id, patient_id, staff_id, status, started_at FROM visit WHERE appointment_id = @id", new { id })).Single();
        Assert.That((visit.VisitId, visit.PatientId, visit.StaffId, visit.Status), Is.EqualTo((opened, patient, staffId, "open")));
        var appointment = (await appointments.GetAsync(id))!;
        Assert.That(visit.StartedAt, Is.EqualTo(appointment.StartedAt));
        Assert.That(appointment.VisitId, Is.EqualTo(opened));
        var listed = await appointments.ListAsync(appointment.StartsAt.Date, appointment.StartsAt.Date.AddDays(1), staffId, null, null, 0, 10);
        Assert.That(listed.Single(a => a.AppointmentId == id).VisitId, Is.EqualTo(opened));

        // The clinical record can be written during the consultation.
        await Db.VisitsAs(doctor).SaveNoteAsync(opened, new SoapNoteInput { Subjective = "Headache for two days" });

        var completed = await appointments.CompleteAsync(id);

        Assert.That(completed, Is.EqualTo(opened));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE appointment_id = @id", new { id }), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM visit WHERE visit_id = @opened", new { opened }), Is.EqualTo("open"));
    }

    [Test]
    public async Task A_nurse_may_start_the_appointment_and_the_visit_belongs_to_the_doctor()
    {
        var (id, doctor, staffId, _) = await CheckedInAppointmentAsync();
        var (nurse, _) = await Db.NewAccountAsync("nurse");

        var visitId = await Db.AppointmentsAs(nurse).StartAsync(id);

        Assert.That(await Db.ScalarAsync<int>("SELECT staff_id FROM visit WHERE visit_id = @visitId", new { visitId }), Is.EqualTo(staffId));
        Assert.That(await Db.AppointmentsAs(doctor).CompleteAsync(id), Is.EqualTo(visitId));
    }

    [Test]
    public async Task An_appointment_started_without_a_visit_gets_one_when_it_completes()
    {
        var (id, doctor, _, patient) = await CheckedInAppointmentAsync();
        var appointments = Db.AppointmentsAs(doctor);
        var opened = await appointments.StartAsync(id);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE source_type = 'visit' AND source_id = @opened", new { opened }),
            Is.EqualTo(1), "starting the appointment opened the visit and charged its consultation");
        // As if the consultation had started before visits were opened at the start.
        // (Its consultation charge and draft invoice go with it: they were made by the start.)
        await Db.OwnerExecuteAsync("DELETE FROM charge WHERE visit_id = @opened", new { opened });
        await Db.OwnerExecuteAsync("DELETE FROM invoice WHERE visit_id = @opened", new { opened });
        await Db.OwnerExecuteAsync("DELETE FROM visit WHERE visit_id = @opened", new { opened });

        var visitId = await appointments.CompleteAsync(id);

        Assert.That(visitId, Is.Not.EqualTo(opened));
        var visit = (await Db.QueryAsync<(int PatientId, string Status)>("SELECT patient_id, status FROM visit WHERE appointment_id = @id", new { id })).Single();
        Assert.That(visit, Is.EqualTo((patient, "open")));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE source_type = 'visit' AND source_id = @visitId", new { visitId }),
            Is.EqualTo(1), "the visit opened at completion is charged its consultation");
    }

    [Test]
    public async Task A_refused_start_opens_no_visit()
    {
        var (id, doctor, _, _) = await CheckedInAppointmentAsync();
        var appointments = Db.AppointmentsAs(doctor);
        await appointments.StartAsync(id);

        Assert.That(await CodeOf(() => appointments.StartAsync(id)), Is.EqualTo(50514));
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await CodeOf(() => Db.AppointmentsAs(pharmacist).StartAsync(id)), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE appointment_id = @id", new { id }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_treating_doctor_closes_the_visit_which_stamps_when_and_who_and_is_audited()
    {
        var visit = await Db.NewOpenVisitAsync();
        var before = await Db.MaxAuditIdAsync();

        await Db.VisitsAs(visit.DoctorAccountId).CloseAsync(visit.VisitId);

        var row = (await Db.QueryAsync<(string Status, DateTime? ClosedAt, int? ClosedBy)>(
            "SELECT status, closed_at, closed_by FROM visit WHERE visit_id = @VisitId", visit)).Single();
        Assert.That(row.Status, Is.EqualTo("closed"));
        Assert.That(row.ClosedBy, Is.EqualTo(visit.DoctorAccountId));
        Assert.That(row.ClosedAt, Is.EqualTo(await Db.ScalarAsync<DateTime>("SELECT NOW()")).Within(TimeSpan.FromMinutes(1)));
        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name = 'visit' AND row_key = @key",
            new { before, key = visit.VisitId.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { ("UPDATE", (int?)visit.DoctorAccountId) }));

        Assert.That(await CodeOf(() => Db.VisitsAs(visit.DoctorAccountId).CloseAsync(visit.VisitId)), Is.EqualTo(50703));
        Assert.That(await CodeOf(() => Db.VisitsAs(visit.DoctorAccountId).CloseAsync(int.MaxValue)), Is.EqualTo(50701));
    }

    [Test]
    public async Task Only_the_treating_doctor_or_an_administrator_may_close()
    {
        var visit = await Db.NewOpenVisitAsync();
        var other = await Db.NewOpenVisitAsync();
        var (nurse, _) = await Db.NursesAsync(visit);

        Assert.That(await CodeOf(() => Db.VisitsAs(other.DoctorAccountId).CloseAsync(visit.VisitId)), Is.EqualTo(50702));
        Assert.That(await CodeOf(() => Db.VisitsAs(nurse).CloseAsync(visit.VisitId)), Is.EqualTo(50102));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM visit WHERE visit_id = @VisitId", visit), Is.EqualTo("open"));

        var admin = await Db.AdminIdAsync();
        await Db.VisitsAs(admin).CloseAsync(visit.VisitId);
        Assert.That(await Db.ScalarAsync<int>("SELECT closed_by FROM visit WHERE visit_id = @VisitId", visit), Is.EqualTo(admin));
    }

    [Test]
    public async Task Even_the_schema_owner_cannot_reopen_a_closed_visit_or_change_who_closed_it()
    {
        var visit = await Db.NewOpenVisitAsync();
        var id = new { visit.VisitId };

        Assert.That(await Db.OwnerErrorOf("UPDATE visit SET closed_by = staff_id WHERE visit_id = @VisitId", id), Is.EqualTo(50712));
        // Closing directly stamps the time.
        await Db.OwnerExecuteAsync("UPDATE visit SET status = 'closed' WHERE visit_id = @VisitId", id);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE visit_id = @VisitId AND closed_at IS NOT NULL", id), Is.EqualTo(1));

        Assert.That(await Db.OwnerErrorOf("UPDATE visit SET status = 'open' WHERE visit_id = @VisitId", id), Is.EqualTo(50704));
        Assert.That(await Db.OwnerErrorOf("UPDATE visit SET closed_at = closed_at - INTERVAL 1 DAY WHERE visit_id = @VisitId", id), Is.EqualTo(50712));
        Assert.That(await Db.OwnerErrorOf("UPDATE visit SET closed_by = @admin WHERE visit_id = @VisitId", new { visit.VisitId, admin = await Db.AdminIdAsync() }),
            Is.EqualTo(50712));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM visit WHERE visit_id = @VisitId", id), Is.EqualTo("closed"));
    }

    [Test]
    public async Task A_patient_with_closed_visits_can_still_be_merged()
    {
        var visit = await Db.NewOpenVisitAsync();
        await Db.VisitsAs(visit.DoctorAccountId).CloseAsync(visit.VisitId);
        var survivor = await Db.NewPatientAsync();

        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, visit.PatientId, "Same person");

        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM visit WHERE visit_id = @VisitId", visit), Is.EqualTo(survivor));
    }

    [Test]
    public async Task The_header_names_patient_doctor_and_department_and_tells_each_user_what_they_may_do()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (sameNurse, otherNurse) = await Db.NursesAsync(visit);
        var otherDoctor = (await Db.NewOpenVisitAsync()).DoctorAccountId;
        var admin = await Db.AdminIdAsync();

        var header = (await Db.VisitsAs(visit.DoctorAccountId).GetAsync(visit.VisitId))!;
        var patient = (await Db.QueryAsync<(string Given, string Family, string Mrn, DateTime Dob)>(
            "SELECT given_name, family_name, mrn, date_of_birth FROM patient WHERE patient_id = @PatientId", visit)).Single();
        Assert.That(header.PatientName, Is.EqualTo($"{patient.Given} {patient.Family}"));
        Assert.That(header.Mrn, Is.EqualTo(patient.Mrn));
        Assert.That(header.Sex, Is.EqualTo("female"));
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");
        var age = today.Year - patient.Dob.Year - (today < patient.Dob.AddYears(today.Year - patient.Dob.Year) ? 1 : 0);
        Assert.That(header.AgeYears, Is.EqualTo(age));
        Assert.That(header.StaffId, Is.EqualTo(visit.DoctorStaffId));
        Assert.That(header.DoctorName, Does.StartWith("Doc Tor"));
        Assert.That(header.DepartmentId, Is.EqualTo(visit.DepartmentId));
        Assert.That(header.DepartmentName, Does.StartWith("Dept "));
        Assert.That(header.Status, Is.EqualTo("open"));
        Assert.That(header.QueueEntryId, Is.Not.Null);

        async Task<(bool, bool)> FlagsAsync(int actor)
        {
            var h = (await Db.VisitsAs(actor).GetAsync(visit.VisitId))!;
            return (h.CanWrite, h.CanClose);
        }
        Assert.That(await FlagsAsync(visit.DoctorAccountId), Is.EqualTo((true, true)));
        Assert.That(await FlagsAsync(sameNurse), Is.EqualTo((true, false)));
        Assert.That(await FlagsAsync(admin), Is.EqualTo((false, true)));
        // Outside the visit's care, the header itself needs the glass broken first (minimum necessary).
        Assert.That(await CodeOf(() => Db.VisitsAs(otherNurse).GetAsync(visit.VisitId)), Is.EqualTo(50790));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherDoctor).GetAsync(visit.VisitId)), Is.EqualTo(50790));

        await Db.VisitsAs(visit.DoctorAccountId).CloseAsync(visit.VisitId);
        var closed = (await Db.VisitsAs(visit.DoctorAccountId).GetAsync(visit.VisitId))!;
        Assert.That((closed.Status, closed.ClosedBy, closed.ClosedByName), Is.EqualTo(("closed", (int?)visit.DoctorAccountId, "Test doctor")));
        Assert.That(await FlagsAsync(visit.DoctorAccountId), Is.EqualTo((true, false)), "the doctor may still add addenda");
        Assert.That(await FlagsAsync(admin), Is.EqualTo((false, false)));

        Assert.That(await Db.VisitsAs(admin).GetAsync(int.MaxValue), Is.Null);
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.VisitsAs(receptionist).GetAsync(visit.VisitId)), Is.EqualTo(50102));
    }

    [Test]
    public async Task The_worklist_shows_a_doctor_their_own_visits_a_nurse_her_departments_and_an_administrator_all()
    {
        var visit = await Db.NewOpenVisitAsync();
        var second = await Db.NewVisitForDoctorAsync(visit);
        var otherVisit = await Db.NewOpenVisitAsync();
        var (sameNurse, otherNurse) = await Db.NursesAsync(visit);
        var admin = await Db.AdminIdAsync();
        await Db.VisitsAs(visit.DoctorAccountId).CloseAsync(second);

        async Task<List<int>> IdsAsync(int actor, string? status = VisitStatus.Open, DateTime? day = null) =>
            (await Db.VisitsAs(actor).ListAsync(day, status, 0, 100)).Select(r => r.VisitId).ToList();

        Assert.That(await IdsAsync(visit.DoctorAccountId), Is.EqualTo(new[] { visit.VisitId }));
        Assert.That(await IdsAsync(visit.DoctorAccountId, null), Is.EqualTo(new[] { second, visit.VisitId }), "newest first");
        Assert.That(await IdsAsync(visit.DoctorAccountId, VisitStatus.Closed), Is.EqualTo(new[] { second }));
        Assert.That(await IdsAsync(sameNurse), Is.EqualTo(new[] { visit.VisitId }));
        Assert.That(await IdsAsync(otherNurse), Does.Not.Contain(visit.VisitId).And.Not.Contain(otherVisit.VisitId));
        Assert.That(await IdsAsync(otherVisit.DoctorAccountId), Is.EqualTo(new[] { otherVisit.VisitId }));
        Assert.That(await IdsAsync(admin), Does.Contain(visit.VisitId).And.Contain(otherVisit.VisitId).And.Not.Contain(second));
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");
        Assert.That(await IdsAsync(visit.DoctorAccountId, null, today), Is.EqualTo(new[] { second, visit.VisitId }));
        Assert.That(await IdsAsync(visit.DoctorAccountId, null, today.AddDays(-1)), Is.Empty);

        var row = (await Db.VisitsAs(sameNurse).ListAsync(null, VisitStatus.Open, 0, 10)).Single();
        Assert.That((row.PatientId, row.StaffId, row.TotalCount, row.VitalCount), Is.EqualTo((visit.PatientId, (int?)visit.DoctorStaffId, 1L, 0L)));
        Assert.That(row.Mrn, Does.StartWith("HMS/"));

        // A nurse or doctor without a staff record sees nothing; other roles may not look.
        var (unlinkedNurse, _) = await Db.NewAccountAsync("nurse");
        Assert.That(await IdsAsync(unlinkedNurse), Is.Empty);
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await CodeOf(() => Db.VisitsAs(pharmacist).ListAsync(null, null, 0, 10)), Is.EqualTo(50102));
    }
}
