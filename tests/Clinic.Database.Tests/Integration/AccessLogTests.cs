using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Dapper;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Read access is logged (who saw which patient, and when), and minimum necessary: free-text medical
/// history and notes for clinical roles only; a doctor or nurse outside the patient's care reads a
/// visit or the medical history only after breaking the glass.
/// </summary>
public class AccessLogTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<IReadOnlyList<(string Kind, int? User, long? Session, long? Object, string? Reason)>> LogAsync(int patientId) =>
        await Db.QueryAsync<(string, int?, long?, long?, string?)>(
            $"SELECT access_kind, user_account_id, user_session_id, object_id, reason FROM `{Db.Name}_audit`.patient_access_log " +
            "WHERE patient_id = @patientId ORDER BY patient_access_log_id", new { patientId });

    [Test]
    public async Task Reading_a_profile_writes_who_in_which_session_and_an_administrator_sees_it()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var patient = await Db.NewPatientAsync();
        var session = Db.SessionOf(receptionist);
        await new PatientProcedures(Db.Runner, session).GetAsync(patient);

        var log = await LogAsync(patient);
        var sessionId = await Db.ScalarAsync<long>("SELECT user_session_id FROM user_session WHERE token_hash = UNHEX(SHA2(@t, 256))",
            new { t = await session.GetSessionTokenAsync() });
        Assert.That(log, Is.EqualTo(new[] { ("profile", (int?)receptionist, (long?)sessionId, (long?)null, (string?)null) }));

        var seen = await Db.PatientsAs(await Db.AdminIdAsync()).AccessLogAsync(patient, null, null, 0, 50);
        Assert.That(seen.Select(r => (r.AccessKind, r.UserAccountId, r.RoleCode)), Is.EqualTo(new[] { ("profile", (int?)receptionist, (string?)"receptionist") }));
        Assert.That(seen[0].Username, Does.StartWith("receptionist_"));

        var refused = await Assert.CatchAsync<ClinicRuleException>(() => Db.PatientsAs(receptionist).AccessLogAsync(patient, null, null, 0, 50));
        Assert.That(refused!.Code, Is.EqualTo(50102));
    }

    [Test]
    public async Task A_visit_a_lab_result_a_prescription_a_receipt_the_history_and_an_export_are_logged()
    {
        var lab = await Db.NewLabCaseAsync();
        var visit = lab.Visit;
        var doctor = visit.DoctorAccountId;
        await Db.VisitsAs(doctor).GetAsync(visit.VisitId);
        await Db.LabAs(doctor).GetAsync(lab.LabOrderId);
        await Db.HistoryAs(doctor).PageAsync(visit.PatientId, null, 0, 20);

        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 50, 300);
        var today = await Db.TodayAsync();
        var rx = await Db.PrescriptionsAs(doctor).IssueAsync(visit.VisitId, [PharmacyTestData.Item(medication, 5, today)], null);
        var pharmacist = await Db.NewPharmacistAsync();
        await Db.PrescriptionsAs(pharmacist).GetAsync(rx);
        var dispensed = await Db.DispensingAs(pharmacist).DispenseAsync(rx, null);
        await Db.DispensingAs(pharmacist).GetAsync(dispensed.DispensingId);

        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var day = await Db.StartedAtAsync(visit.VisitId);
        await Db.QueueAs(receptionist).ListAsync(day, null, false, null, 0, 100, forExport: true);

        var log = await LogAsync(visit.PatientId);
        Assert.That(log, Does.Contain(("visit", (int?)doctor, log[0].Session, (long?)visit.VisitId, (string?)null)));
        Assert.That(log.Select(l => (l.Kind, l.User, l.Object)), Is.SupersetOf(new[]
        {
            ("lab_result", (int?)doctor, (long?)lab.LabOrderId),
            ("medical_history", doctor, null),
            ("prescription", pharmacist, rx),
            ("receipt", pharmacist, dispensed.DispensingId),
            ("export", receptionist, null),
        }));
    }

    [Test]
    public async Task The_free_text_medical_history_is_for_clinical_roles_and_others_cannot_wipe_it()
    {
        var visit = await Db.NewOpenVisitAsync();
        await Db.ExecuteAsync("UPDATE patient SET medical_history = 'Asthma since childhood' WHERE patient_id = @PatientId", visit);
        foreach (var role in new[] { "receptionist", "pharmacist", "billing_clerk" })
        {
            var row = await Db.PatientsAs((await Db.NewAccountAsync(role)).Id).GetAsync(visit.PatientId);
            Assert.That((row!.MedicalHistory, row.CanSeeMedicalHistory), Is.EqualTo(((string?)null, false)), role);
        }
        var admin = await Db.PatientsAs(await Db.AdminIdAsync()).GetAsync(visit.PatientId);
        Assert.That((admin!.MedicalHistory, admin.CanSeeMedicalHistory), Is.EqualTo(((string?)null, false)), "administrators are not clinical");
        var doctor = await Db.PatientsAs(visit.DoctorAccountId).GetAsync(visit.PatientId);
        Assert.That((doctor!.MedicalHistory, doctor.CanSeeMedicalHistory), Is.EqualTo(((string?)"Asthma since childhood", true)));

        // A receptionist correcting the phone number sends no history (they never saw it): it stays.
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var seen = (await Db.PatientsAs(receptionist).GetAsync(visit.PatientId))!;
        await Db.PatientsAs(receptionist).UpdateAsync(visit.PatientId, new PatientInput
        {
            GivenName = seen.GivenName, FamilyName = seen.FamilyName, Sex = seen.Sex, DateOfBirth = seen.DateOfBirth,
            Phone = "0772 000 111", MedicalHistory = null,
        });
        Assert.That(await Db.ScalarAsync<string>("SELECT medical_history FROM patient WHERE patient_id = @PatientId", visit), Is.EqualTo("Asthma since childhood"));
    }

    [Test]
    public async Task Clinical_notes_are_for_doctors_and_nurses_not_administrators()
    {
        var visit = await Db.NewOpenVisitAsync();
        await Db.VisitsAs(visit.DoctorAccountId).SaveNoteAsync(visit.VisitId, new SoapNoteInput { Subjective = "Cough", Assessment = "Viral URTI" });
        var adminId = await Db.AdminIdAsync();

        var header = await Db.VisitsAs(adminId).GetAsync(visit.VisitId);
        Assert.That(header!.CanReadNotes, Is.False);
        Assert.That(await CodeOf(() => Db.VisitsAs(adminId).GetNoteAsync(visit.VisitId)), Is.EqualTo(50102));
        var adminHistory = await Db.HistoryAs(adminId).PageAsync(visit.PatientId, ["visit"], 0, 10);
        Assert.That(adminHistory.Single().Detail, Does.Not.Contain("Viral URTI"));

        Assert.That((await Db.VisitsAs(visit.DoctorAccountId).GetAsync(visit.VisitId))!.CanReadNotes, Is.True);
        Assert.That((await Db.VisitsAs(visit.DoctorAccountId).GetNoteAsync(visit.VisitId)).Note!.Assessment, Is.EqualTo("Viral URTI"));
        Assert.That((await Db.HistoryAs(visit.DoctorAccountId).PageAsync(visit.PatientId, ["visit"], 0, 10)).Single().Detail, Does.Contain("Viral URTI"));
    }

    [Test]
    public async Task Staff_of_the_visits_department_read_it_and_others_must_break_the_glass()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (sameNurse, otherNurse) = await Db.NursesAsync(visit);
        Assert.That(await Db.VisitsAs(sameNurse).GetAsync(visit.VisitId), Is.Not.Null);
        Assert.That(await Db.HistoryAs(sameNurse).PageAsync(visit.PatientId, null, 0, 5), Is.Not.Null);

        var outsider = Db.SessionOf(otherNurse);
        var visits = new VisitProcedures(Db.Runner, outsider);
        var patients = new PatientProcedures(Db.Runner, outsider);
        var history = new PatientHistoryProcedures(Db.Runner, outsider);
        var refused = await RefusalOf(() => visits.GetAsync(visit.VisitId));
        Assert.That(refused.Code, Is.EqualTo(50790));
        Assert.That(refused.Message, Does.Contain("give a reason"));
        Assert.That(await CodeOf(() => visits.GetNoteAsync(visit.VisitId)), Is.EqualTo(50790));
        Assert.That(await CodeOf(() => history.PageAsync(visit.PatientId, null, 0, 5)), Is.EqualTo(50790));
        Assert.That(await CodeOf(() => new ClinicalRecordProcedures(Db.Runner, outsider).AllergiesAsync(visit.PatientId)), Is.EqualTo(50790));

        Assert.That(await CodeOf(() => patients.BreakGlassAsync(visit.PatientId, "  why ")), Is.EqualTo(50791));
        await patients.BreakGlassAsync(visit.PatientId, "Patient collapsed in the waiting area");
        Assert.That((await visits.GetAsync(visit.VisitId))!.VisitId, Is.EqualTo(visit.VisitId));
        Assert.That(await history.PageAsync(visit.PatientId, null, 0, 5), Is.Not.Null);

        // The opening lasts for this sign-in session only.
        Assert.That(await CodeOf(() => Db.VisitsAs(otherNurse).GetAsync(visit.VisitId)), Is.EqualTo(50790), "another session of the same nurse");

        var log = await LogAsync(visit.PatientId);
        Assert.That(log.Where(l => l.Kind == "break_glass").Select(l => (l.User, l.Reason)),
            Is.EqualTo(new[] { ((int?)otherNurse, (string?)"Patient collapsed in the waiting area") }));
        var listed = await Db.PatientsAs(await Db.AdminIdAsync()).BreakGlassListAsync(visit.PatientId, null, null, 0, 10);
        Assert.That(listed.Select(b => (b.UserAccountId, b.Reason, b.RoleCode)),
            Is.EqualTo(new[] { (otherNurse, "Patient collapsed in the waiting area", "nurse") }));
        Assert.That(await CodeOf(() => patients.BreakGlassListAsync(null, null, null, 0, 10)), Is.EqualTo(50102));
    }

    [Test]
    public async Task A_walk_in_waiting_for_any_doctor_is_in_everyones_care_and_a_doctor_with_an_appointment_too()
    {
        var patient = await Db.NewPatientAsync();
        var nurse = await Db.NewStaffAccountAsync("nurse", await Db.FacilitiesAs(await Db.AdminIdAsync()).CreateDepartmentAsync("Dept " + Guid.NewGuid().ToString("N")[..10]));
        Assert.That(await CodeOf(() => Db.HistoryAs(nurse).SummaryAsync(patient)), Is.EqualTo(50790));
        await Db.QueueAs(await Db.AdminIdAsync()).AddAsync(new Clinic.Data.Queue.QueueAddInput { PatientId = patient });
        Assert.That(await Db.HistoryAs(nurse).SummaryAsync(patient), Is.Not.Null);

        var other = await Db.NewPatientAsync();
        var (doctorAccount, _) = await Db.NewAccountAsync("doctor");
        var doctor = await Db.NewDoctorAsync(userAccountId: doctorAccount);
        Assert.That(await CodeOf(() => Db.HistoryAs(doctorAccount).SummaryAsync(other)), Is.EqualTo(50790));
        await Db.AppointmentsAs(await Db.AdminIdAsync()).BookAsync(new Clinic.Data.Scheduling.AppointmentInput
        {
            PatientId = other, StaffId = doctor, StartsAt = DateTime.Today.AddDays(3).AddHours(10), Minutes = 15,
        });
        Assert.That(await Db.HistoryAs(doctorAccount).SummaryAsync(other), Is.Not.Null);
    }
}
