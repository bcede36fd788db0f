using Clinic.Data.Clinical;
using Clinic.Data.Patients;
using Clinic.Data.Pharmacy;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The summary tables of the analysts' views (db/migrations/0065_report_summaries.sql): report_appointment_day,
/// report_diagnosis_month, report_dispensing_day and report_prescribing_month, kept by triggers. After every kind of change (insert, status change, reschedule, another
/// doctor or room, delete; a diagnosis added, made primary, removed; a visit moved to another day or doctor; a
/// patient's date of birth and sex corrected; two patients merged; dispensings over several lots, a prescription
/// dispensed twice a day, a dispensing moved to another day, a line changed or removed; prescriptions issued,
/// cancelled, added to and merged with their patient) the summary must equal a live count of the base
/// rows, and never hold a negative count. A database of its own, so the live count covers exactly these rows.
/// </summary>
[NonParallelizable]
public class ReportSummaryTests
{
    private static TestDatabase Db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => Db = await DatabaseFixture.CreateDatabaseAsync();

    private const string LiveAppointments = """
        SELECT CONCAT_WS('|', g.appointment_day, g.staff_id, g.room_id, g.appointments, g.completed, g.cancelled, g.no_show,
                         g.still_open, g.not_cancelled, g.booked_minutes) AS line
          FROM (SELECT a.starts_on AS appointment_day, a.staff_id, COALESCE(a.room_id, 0) AS room_id, COUNT(*) AS appointments,
                       SUM(a.status = 'completed') AS completed, SUM(a.status = 'cancelled') AS cancelled,
                       SUM(a.status = 'no_show') AS no_show, SUM(a.status IN ('booked', 'checked_in', 'in_progress')) AS still_open,
                       SUM(a.status <> 'cancelled') AS not_cancelled,
                       SUM(CASE WHEN a.status <> 'cancelled'
                                THEN TIMESTAMPDIFF(MINUTE, a.starts_at, LEAST(a.ends_at, CAST(DATE(a.starts_at) AS DATETIME) + INTERVAL 1 DAY))
                                ELSE 0 END) AS booked_minutes
                  FROM appointment AS a
                 GROUP BY a.starts_on, a.staff_id, COALESCE(a.room_id, 0)) AS g
         ORDER BY g.appointment_day, g.staff_id, g.room_id
        """;

    private const string SummaryAppointments = """
        SELECT CONCAT_WS('|', r.appointment_day, r.staff_id, r.room_id, r.appointments, r.completed, r.cancelled, r.no_show,
                         r.still_open, r.not_cancelled, r.booked_minutes) AS line
          FROM report_appointment_day AS r
         WHERE r.appointments <> 0
         ORDER BY r.appointment_day, r.staff_id, r.room_id
        """;

    private const string LiveDiagnoses = """
        SELECT CONCAT_WS('|', x.month_start, x.icd10_code, x.staff_id, x.age_band, x.sex, COUNT(*), SUM(x.is_primary)) AS line
          FROM (SELECT DATE(v.started_at) - INTERVAL (DAYOFMONTH(v.started_at) - 1) DAY AS month_start, d.icd10_code,
                       COALESCE(v.staff_id, 0) AS staff_id, age_band(p.date_of_birth, DATE(v.started_at)) AS age_band, p.sex, d.is_primary
                  FROM visit_diagnosis AS d
                  JOIN visit AS v ON v.visit_id = d.visit_id
                  JOIN patient AS p ON p.patient_id = v.patient_id) AS x
         GROUP BY x.month_start, x.icd10_code, x.staff_id, x.age_band, x.sex
         ORDER BY x.month_start, x.icd10_code, x.staff_id, x.age_band, x.sex
        """;

    private const string SummaryDiagnoses = """
        SELECT CONCAT_WS('|', r.month_start, r.icd10_code, r.staff_id, r.age_band, r.sex, r.diagnoses, r.primary_diagnoses) AS line
          FROM report_diagnosis_month AS r
         WHERE r.diagnoses <> 0
         ORDER BY r.month_start, r.icd10_code, r.staff_id, r.age_band, r.sex
        """;

    private const string LiveDispensing = """
        SELECT CONCAT_WS('|', g.dispensing_day, g.medication_id, g.dispensings, g.prescriptions, g.quantity_dispensed, g.dispensed_value) AS line
          FROM (SELECT DATE(d.dispensed_at) AS dispensing_day, i.medication_id, COUNT(DISTINCT d.dispensing_id) AS dispensings,
                       COUNT(DISTINCT d.prescription_id) AS prescriptions, SUM(l.quantity) AS quantity_dispensed,
                       SUM(money_round(l.quantity * l.unit_price)) AS dispensed_value
                  FROM dispensing AS d
                  JOIN dispensing_line AS l ON l.dispensing_id = d.dispensing_id
                  JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id
                 GROUP BY DATE(d.dispensed_at), i.medication_id) AS g
         ORDER BY g.dispensing_day, g.medication_id
        """;

    private const string SummaryDispensing = """
        SELECT CONCAT_WS('|', r.dispensing_day, r.medication_id, r.dispensings, r.prescriptions, r.quantity_dispensed, r.dispensed_value) AS line
          FROM report_dispensing_day AS r
         WHERE r.quantity_dispensed <> 0 OR r.dispensings <> 0 OR r.prescriptions <> 0 OR r.dispensed_value <> 0
         ORDER BY r.dispensing_day, r.medication_id
        """;

    private const string LivePrescribing = """
        SELECT CONCAT_WS('|', g.month_start, g.medication_id, g.staff_id, g.prescriptions, g.items, g.quantity_prescribed, g.patients) AS line
          FROM (SELECT DATE(pr.issued_at) - INTERVAL (DAYOFMONTH(pr.issued_at) - 1) DAY AS month_start, i.medication_id, pr.staff_id,
                       COUNT(DISTINCT pr.prescription_id) AS prescriptions, COUNT(*) AS items, SUM(i.quantity) AS quantity_prescribed,
                       COUNT(DISTINCT pr.patient_id) AS patients
                  FROM prescription AS pr
                  JOIN prescription_item AS i ON i.prescription_id = pr.prescription_id
                 WHERE pr.status <> 'cancelled'
                 GROUP BY DATE(pr.issued_at) - INTERVAL (DAYOFMONTH(pr.issued_at) - 1) DAY, i.medication_id, pr.staff_id) AS g
         ORDER BY g.month_start, g.medication_id, g.staff_id
        """;

    private const string SummaryPrescribing = """
        SELECT CONCAT_WS('|', r.month_start, r.medication_id, r.staff_id, r.prescriptions, r.items, r.quantity_prescribed, r.patients) AS line
          FROM report_prescribing_month AS r
         WHERE r.items <> 0 OR r.prescriptions <> 0 OR r.patients <> 0 OR r.quantity_prescribed <> 0
         ORDER BY r.month_start, r.medication_id, r.staff_id
        """;

    private static async Task<List<string>> LinesAsync(string sql)
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await LinesAsync(connection, sql);
    }

    private static async Task<List<string>> LinesAsync(MySqlConnection connection, string sql, MySqlTransaction? transaction = null) =>
        (await connection.QueryAsync<string>(sql, transaction: transaction)).AsList();

    private static async Task AssertAppointmentSummaryIsLiveAsync(string after)
    {
        var live = await LinesAsync(LiveAppointments);
        Assert.That(await LinesAsync(SummaryAppointments), Is.EqualTo(live), $"report_appointment_day after {after}");
        Assert.That(await Db.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM report_appointment_day
             WHERE appointments < 0 OR completed < 0 OR cancelled < 0 OR no_show < 0 OR still_open < 0 OR not_cancelled < 0
                OR booked_minutes < 0 OR (appointments = 0 AND (completed <> 0 OR cancelled <> 0 OR no_show <> 0 OR still_open <> 0
                                                                OR not_cancelled <> 0 OR booked_minutes <> 0))
            """), Is.Zero, $"no negative or orphaned counts after {after}");
    }

    /// <summary>Every patient (0085), with the key, sex, date of birth and in-use flag the view shows.</summary>
    private const string LiveVisitPatients = """
        SELECT CONCAT_WS('|', p.patient_id, COUNT(v.visit_id), COALESCE(MIN(v.started_at), '-'), COALESCE(MAX(v.started_at), '-'),
                         LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16), p.sex, p.date_of_birth,
                         CASE WHEN p.status = 'active' THEN 1 ELSE 0 END) AS line
          FROM patient AS p
          CROSS JOIN report_secret AS rs
          LEFT JOIN visit AS v ON v.patient_id = p.patient_id
         GROUP BY p.patient_id, rs.pseudonym_salt, p.sex, p.date_of_birth, p.status
         ORDER BY p.patient_id
        """;

    private const string SummaryVisitPatients = """
        SELECT CONCAT_WS('|', r.patient_id, r.visits, COALESCE(r.first_started_at, '-'), COALESCE(r.last_started_at, '-'),
                         r.patient_key, r.sex, r.date_of_birth, r.is_active) AS line
          FROM report_visit_patient AS r
         ORDER BY r.patient_id
        """;

    private static async Task AssertVisitSummaryIsLiveAsync(string after)
    {
        var live = await LinesAsync(LiveVisitPatients);
        Assert.That(live, Is.Not.Empty);
        Assert.That(await LinesAsync(SummaryVisitPatients), Is.EqualTo(live), $"report_visit_patient after {after}");
    }

    private static async Task AssertDiagnosisSummaryIsLiveAsync(string after)
    {
        var live = await LinesAsync(LiveDiagnoses);
        Assert.That(live, Is.Not.Empty);
        Assert.That(await LinesAsync(SummaryDiagnoses), Is.EqualTo(live), $"report_diagnosis_month after {after}");
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM report_diagnosis_month WHERE diagnoses < 0 OR primary_diagnoses < 0 OR primary_diagnoses > diagnoses"),
            Is.Zero, $"no negative counts after {after}");
    }

    private static async Task<int> OwnerScalarAsync(string sql, object args)
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await connection.ExecuteScalarAsync<int>(sql, args);
    }

    private static Task<int> BookedAsync(int staffId, int? roomId, int patientId, DateTime startsAt, int minutes) =>
        OwnerScalarAsync(
            """
            INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status)
            VALUES (@patientId, @staffId, @roomId, @startsAt, @endsAt, 'booked');
            SELECT LAST_INSERT_ID();
            """, new { patientId, staffId, roomId, startsAt, endsAt = startsAt.AddMinutes(minutes) });

    [Test]
    public async Task The_appointment_summary_equals_a_live_count_after_every_kind_of_change()
    {
        var (doctorA, doctorB) = (await Db.NewDoctorAsync(withHours: false), await Db.NewDoctorAsync(withHours: false));
        var (room1, room2) = (await Db.NewRoomAsync(), await Db.NewRoomAsync());
        var patient = await Db.NewPatientAsync();
        var day = (await Db.TodayAsync()).AddDays(10);

        var a1 = await BookedAsync(doctorA, room1, patient, day.AddHours(9), 30);
        var a2 = await BookedAsync(doctorA, room1, patient, day.AddHours(10), 20);
        var a3 = await BookedAsync(doctorA, null, patient, day.AddHours(11), 15);
        var a4 = await BookedAsync(doctorB, room2, patient, day.AddHours(23).AddMinutes(30), 60); // past midnight: 30 minutes count
        var a5 = await BookedAsync(doctorB, room2, patient, day.AddDays(1).AddHours(9), 45);
        await AssertAppointmentSummaryIsLiveAsync("five bookings");
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT booked_minutes FROM report_appointment_day WHERE appointment_day = @day AND staff_id = @doctorB AND room_id = @room2",
            new { day, doctorB, room2 }), Is.EqualTo(30), "an appointment past midnight counts its minutes up to midnight");

        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET status = 'checked_in' WHERE appointment_id = @a1", new { a1 });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET status = 'in_progress' WHERE appointment_id = @a1", new { a1 });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET status = 'completed' WHERE appointment_id = @a1", new { a1 });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET status = 'cancelled', cancel_reason = 'Travelling' WHERE appointment_id = @a2", new { a2 });
        await AssertAppointmentSummaryIsLiveAsync("check-in, start, completion and a cancellation");

        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET starts_at = starts_at + INTERVAL 2 DAY, ends_at = ends_at + INTERVAL 2 DAY + INTERVAL 10 MINUTE WHERE appointment_id = @a3", new { a3 });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET room_id = @room1 WHERE appointment_id = @a5", new { a5, room1 });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET staff_id = @doctorA WHERE appointment_id = @a4", new { a4, doctorA });
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET reason = 'Follow-up' WHERE appointment_id = @a5", new { a5 });
        await AssertAppointmentSummaryIsLiveAsync("a reschedule, a room change, a doctor change and an edit of the reason");

        await Db.ExecuteAsOwnerAsync("DELETE FROM appointment WHERE appointment_id IN (@a4, @a5)", new { a4, a5 });
        await AssertAppointmentSummaryIsLiveAsync("two deletions");

        // Many at once in one statement (a series cancelled), and a rolled-back change leaves the summary as it was.
        var series = new List<int>();
        for (var i = 0; i < 6; i++)
            series.Add(await BookedAsync(doctorB, i % 2 == 0 ? room2 : null, patient, day.AddDays(7 * (i + 1)).AddHours(14), 30));
        await Db.ExecuteAsOwnerAsync("UPDATE appointment SET status = 'cancelled', cancel_reason = 'Series ended' WHERE appointment_id IN @series", new { series });
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("UPDATE appointment SET room_id = NULL WHERE appointment_id = @a1", new { a1 }, transaction);
            await transaction.RollbackAsync();
        }
        await AssertAppointmentSummaryIsLiveAsync("a series cancelled in one statement and a rolled-back change");
    }

    [Test]
    public async Task The_diagnosis_summary_follows_diagnoses_visits_patient_corrections_and_merges()
    {
        var admin = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(admin);
        var doctorA = await Db.NewDoctorAsync(withHours: false);
        var doctorB = await Db.NewDoctorAsync(withHours: false);
        async Task<int> PatientAsync(string sex, DateTime born) =>
            (await patients.RegisterAsync(new PatientInput
            {
                GivenName = "Sum" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Mary" + Guid.NewGuid().ToString("N")[..6],
                Sex = sex, DateOfBirth = born,
            }, confirmDuplicate: true)).PatientId;
        async Task<int> PastVisitAsync(int patientId, int staffId, DateTime startedAt, string? primary, string? secondary) =>
            await Db.VisitsAs(admin).RecordPastAsync(new PastVisitInput
            {
                PatientId = patientId, DoctorStaffId = staffId, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(20),
                Note = new SoapNoteInput { Subjective = "Seen" }, PrimaryCode = primary, SecondaryCode = secondary,
            });

        var child = await PatientAsync("female", new DateTime(2021, 2, 1));
        var adult = await PatientAsync("male", new DateTime(1985, 7, 7));
        var duplicate = await PatientAsync("unknown", new DateTime(1985, 7, 8));
        await PastVisitAsync(child, doctorA, new DateTime(2025, 1, 31, 10, 0, 0), "J06.9", "B54");
        var adultVisit = await PastVisitAsync(adult, doctorB, new DateTime(2025, 2, 1, 8, 0, 0), "I10", null);
        await PastVisitAsync(duplicate, doctorA, new DateTime(2025, 2, 14, 8, 0, 0), "E11.9", "I10");
        await AssertDiagnosisSummaryIsLiveAsync("three past visits");

        // A live visit: a diagnosis added, another added as primary then made secondary by a third, one removed.
        var live = await Db.NewOpenVisitAsync(adult);
        var visits = Db.VisitsAs(live.DoctorAccountId);
        var first = await visits.AddDiagnosisAsync(live.VisitId, "J06.9", isPrimary: true);
        var second = await visits.AddDiagnosisAsync(live.VisitId, "B54", isPrimary: false);
        await visits.SetPrimaryDiagnosisAsync(second);
        await visits.RemoveDiagnosisAsync(first);
        await AssertDiagnosisSummaryIsLiveAsync("diagnoses added, the primary moved and one removed");

        // The visit's day and doctor corrected; the patient's date of birth (another age band) and sex corrected.
        await Db.ExecuteAsOwnerAsync("UPDATE visit SET started_at = started_at - INTERVAL 40 DAY, staff_id = @doctorA WHERE visit_id = @adultVisit",
            new { adultVisit, doctorA });
        await Db.ExecuteAsOwnerAsync("UPDATE patient SET date_of_birth = '2012-01-01', sex = 'other' WHERE patient_id = @child", new { child });
        await Db.ExecuteAsOwnerAsync("UPDATE patient SET phone = '+256772123456' WHERE patient_id = @child", new { child });
        await AssertDiagnosisSummaryIsLiveAsync("a visit moved, a patient's date of birth and sex corrected, an edit of the phone");

        // A merge moves the duplicate's visits to the surviving record, with its date of birth and sex.
        await patients.MergeAsync(adult, duplicate, "Same person registered twice");
        await AssertDiagnosisSummaryIsLiveAsync("a merge");

        var rows = await ReportClinicalViewTests.AsAnalystAsync<ReportClinicalViewTests.DiagnosisRow>(Db,
            "SELECT * FROM rpt_diagnosis_monthly WHERE month_start = '2025-02-01' AND icd10_code = 'E11.9'");
        Assert.That(rows.Select(r => (r.StaffId, r.AgeBand, r.Sex, r.Diagnoses, r.PrimaryDiagnoses)),
            Is.EqualTo(new[] { ((int?)doctorA, "25-44", "male", 1L, 1L) }), "the merged visit counts under the surviving patient");
    }

    [Test]
    public async Task The_dispensing_summary_counts_each_dispensing_and_prescription_once_and_follows_corrections()
    {
        var pharmacist = Db.DispensingAs(await Db.NewPharmacistAsync());
        // M1 in two lots of 20 (FEFO takes the first, then the second), M2 at a price that needs rounding.
        var m1 = await Db.NewMedicationAsync(unitPrice: 500m);
        await Db.NewLotAsync(m1, 20, 30);
        await Db.NewLotAsync(m1, 40, 300);
        var m2 = await Db.NewMedicationAsync(unitPrice: 333.33m);
        await Db.NewLotAsync(m2, 50, 300);

        var (_, rx1) = await Db.NewPrescriptionAsync((m1, 30), (m2, 5));
        var (_, rx2) = await Db.NewPrescriptionAsync((m1, 20));
        var first = await pharmacist.DispenseAsync(rx1); // M1 over two lots: two lines, one dispensing
        var item2 = await Db.ScalarAsync<int>("SELECT prescription_item_id FROM prescription_item WHERE prescription_id = @rx2", new { rx2 });
        var part = await pharmacist.DispenseAsync(rx2, [new DispenseItemInput(item2, 5)]);
        await pharmacist.DispenseAsync(rx2, [new DispenseItemInput(item2, 5)]); // the same prescription again that day
        Assert.That(await LinesAsync(SummaryDispensing), Is.EqualTo(await LinesAsync(LiveDispensing)), "after four dispensings");
        Assert.That(await Db.ScalarAsync<string>(
            "SELECT CONCAT_WS('|', dispensings, prescriptions, quantity_dispensed) FROM report_dispensing_day WHERE medication_id = @m1", new { m1 }),
            Is.EqualTo("3|2|40"), "M1 today: three dispensings of two prescriptions, 30 + 5 + 5 units, whatever the lots");

        // A dispensing moved to another day (a correction as the owner), and a line's quantity corrected.
        await Db.OwnerExecuteAsync("UPDATE dispensing SET dispensed_at = dispensed_at - INTERVAL 3 DAY WHERE dispensing_id = @id", new { id = part.DispensingId });
        await Db.OwnerExecuteAsync(
            "UPDATE dispensing_line SET quantity = quantity - 1 WHERE dispensing_line_id = (SELECT MAX(dispensing_line_id) FROM (SELECT dispensing_line_id FROM dispensing_line WHERE dispensing_id = @id) AS x)",
            new { id = first.DispensingId });
        Assert.That(await LinesAsync(SummaryDispensing), Is.EqualTo(await LinesAsync(LiveDispensing)), "after a dispensing moved and a line corrected");

        // Lines removed, one at a time and all of a dispensing at once: checked inside the transaction, then rolled back.
        await using var connection = await Db.OpenAsync(Db.Migrator);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM dispensing_line WHERE dispensing_line_id = (SELECT MIN(dispensing_line_id) FROM (SELECT dispensing_line_id FROM dispensing_line WHERE dispensing_id = @id) AS x)",
            new { id = first.DispensingId }, transaction);
        Assert.That(await LinesAsync(connection, SummaryDispensing, transaction), Is.EqualTo(await LinesAsync(connection, LiveDispensing, transaction)),
            "after one of two lots of a line removed");
        await connection.ExecuteAsync("DELETE FROM dispensing_line WHERE dispensing_id = @id", new { id = first.DispensingId }, transaction);
        Assert.That(await LinesAsync(connection, SummaryDispensing, transaction), Is.EqualTo(await LinesAsync(connection, LiveDispensing, transaction)),
            "after a dispensing's lines removed");
        await transaction.RollbackAsync();
        Assert.That(await LinesAsync(SummaryDispensing), Is.EqualTo(await LinesAsync(LiveDispensing)), "after the rollback");
    }

    [Test]
    public async Task The_prescribing_summary_counts_prescriptions_and_patients_once_and_follows_cancellations_corrections_and_merges()
    {
        var m1 = await Db.NewMedicationAsync();
        var m2 = await Db.NewMedicationAsync();
        var (visit, _) = await Db.NewPrescriptionAsync((m1, 10), (m2, 5));
        // The same patient, doctor and medication again (written as the owner: the duplicate-therapy check would ask).
        var rx2 = await OwnerScalarAsync(
            "INSERT INTO prescription (visit_id, patient_id, staff_id, status, issued_by) VALUES (@visit, @patient, @staff, 'issued', @doctor); " +
            "SET @rx = LAST_INSERT_ID(); " +
            "INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date) " +
            "VALUES (@rx, @m1, '1 tablet', 'oral', 'once a day', 4, 4, CURDATE(), CURDATE() + INTERVAL 3 DAY); SELECT @rx;",
            new { visit = visit.VisitId, patient = visit.PatientId, staff = visit.DoctorStaffId, doctor = visit.DoctorAccountId, m1 });
        var secondVisit = await Db.NewVisitForDoctorAsync(visit);
        var secondPatient = await Db.ScalarAsync<int>("SELECT patient_id FROM visit WHERE visit_id = @secondVisit", new { secondVisit });
        var rx3 = await Db.IssueAsync(visit with { VisitId = secondVisit, PatientId = secondPatient }, (m1, 6));
        Assert.That(await LinesAsync(SummaryPrescribing), Is.EqualTo(await LinesAsync(LivePrescribing)), "after three prescriptions");
        Assert.That(await Db.ScalarAsync<string>(
            "SELECT CONCAT_WS('|', prescriptions, items, quantity_prescribed, patients) FROM report_prescribing_month WHERE medication_id = @m1", new { m1 }),
            Is.EqualTo("3|3|20|2"), "M1: three prescriptions of two patients");

        await Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(rx2, "Duplicate");
        Assert.That(await LinesAsync(SummaryPrescribing), Is.EqualTo(await LinesAsync(LivePrescribing)), "after a cancellation");

        await Db.OwnerExecuteAsync(
            "INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date) " +
            "SELECT prescription_id, @m2, dose, route, frequency, duration_days, 3, start_date, end_date FROM prescription_item WHERE prescription_id = @rx3",
            new { rx3, m2 });
        Assert.That(await LinesAsync(SummaryPrescribing), Is.EqualTo(await LinesAsync(LivePrescribing)), "after an item added (a prescription's doctor and issue time never change, 50935, nor its items, 50938)");

        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(visit.PatientId, secondPatient, "Same person registered twice");
        Assert.That(await LinesAsync(SummaryPrescribing), Is.EqualTo(await LinesAsync(LivePrescribing)), "after a merge");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM report_prescribing_month WHERE prescriptions < 0 OR items < 0 OR patients < 0 OR quantity_prescribed < 0"),
            Is.Zero);
    }

    [Test]
    public async Task The_visit_summary_follows_new_visits_corrections_merges_and_deletions()
    {
        var admin = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(admin);
        var doctor = await Db.NewDoctorAsync(withHours: false);
        async Task<int> PatientAsync() =>
            (await patients.RegisterAsync(new PatientInput
            {
                GivenName = "Vis" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Sum" + Guid.NewGuid().ToString("N")[..6],
                Sex = "female", DateOfBirth = new DateTime(1990, 5, 5),
            }, confirmDuplicate: true)).PatientId;
        async Task<int> PastVisitAsync(int patientId, DateTime startedAt) =>
            await Db.VisitsAs(admin).RecordPastAsync(new PastVisitInput
            {
                PatientId = patientId, DoctorStaffId = doctor, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(15),
                Note = new SoapNoteInput { Subjective = "Seen" },
            });

        var keeper = await PatientAsync();
        var duplicate = await PatientAsync();
        var first = await PastVisitAsync(keeper, new DateTime(2024, 3, 1, 9, 0, 0));
        await PastVisitAsync(keeper, new DateTime(2025, 6, 1, 9, 0, 0));
        await PastVisitAsync(duplicate, new DateTime(2023, 1, 10, 9, 0, 0));
        await Db.NewOpenVisitAsync(keeper);
        await AssertVisitSummaryIsLiveAsync("past visits and a live one");
        Assert.That(await Db.ScalarAsync<long>("SELECT visits FROM report_visit_patient WHERE patient_id = @keeper", new { keeper }), Is.EqualTo(3));

        // The first visit's start corrected to later than the others: the first and the latest both move.
        await Db.ExecuteAsOwnerAsync("UPDATE visit SET started_at = started_at + INTERVAL 1000 DAY WHERE visit_id = @first", new { first });
        await AssertVisitSummaryIsLiveAsync("a visit's start corrected");

        // A merge moves the duplicate's visit to the surviving record; the duplicate keeps a row with no visits,
        // no longer in use (rpt_visit_summary leaves it out).
        await patients.MergeAsync(keeper, duplicate, "Same person registered twice");
        await AssertVisitSummaryIsLiveAsync("a merge");
        Assert.That(await Db.QueryAsync<(long Visits, int IsActive)>("SELECT visits, is_active FROM report_visit_patient WHERE patient_id = @duplicate", new { duplicate }),
            Is.EqualTo(new[] { (0L, 0) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT visits FROM report_visit_patient WHERE patient_id = @keeper", new { keeper }), Is.EqualTo(4));

        // A visit deleted by the database owner (a correction outside the app).
        var lone = await PatientAsync();
        var only = (await Db.NewOpenVisitAsync(lone)).VisitId;
        await Db.ExecuteAsOwnerAsync("DELETE FROM charge WHERE visit_id = @only", new { only });
        await Db.ExecuteAsOwnerAsync("DELETE FROM invoice WHERE visit_id = @only", new { only });
        await Db.ExecuteAsOwnerAsync("DELETE FROM visit WHERE visit_id = @only", new { only });
        await AssertVisitSummaryIsLiveAsync("a visit deleted");
        Assert.That(await Db.QueryAsync<(long Visits, int IsActive)>("SELECT visits, is_active FROM report_visit_patient WHERE patient_id = @lone", new { lone }),
            Is.EqualTo(new[] { (0L, 1) }), "a patient with no visit left keeps a row with none");

        // Registered and never seen: a row at once. A correction of the sex and date of birth follows.
        var unseen = await PatientAsync();
        await AssertVisitSummaryIsLiveAsync("a registration");
        await Db.ExecuteAsOwnerAsync("UPDATE patient SET sex = 'male', date_of_birth = '2019-02-03' WHERE patient_id = @unseen", new { unseen });
        await AssertVisitSummaryIsLiveAsync("a correction of sex and date of birth");
        Assert.That(await Db.ScalarAsync<string>("SELECT CONCAT(sex, ' ', date_of_birth) FROM report_visit_patient WHERE patient_id = @unseen", new { unseen }),
            Is.EqualTo("male 2019-02-03"));

        // A new salt gives every patient a new key (rolled back: other tests read the keys).
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("UPDATE report_secret SET pseudonym_salt = SHA2('another salt', 256) WHERE report_secret_id = 1", transaction: transaction);
            Assert.That(await LinesAsync(connection, SummaryVisitPatients, transaction), Is.EqualTo(await LinesAsync(connection, LiveVisitPatients, transaction)),
                "report_visit_patient after a new salt");
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT patient_key FROM report_visit_patient WHERE patient_id = @unseen", new { unseen }, transaction),
                Is.EqualTo(await connection.ExecuteScalarAsync<string>("SELECT LEFT(SHA2(CONCAT(SHA2('another salt', 256), ':', @unseen), 256), 16)", new { unseen }, transaction)));
            await transaction.RollbackAsync();
        }
        await AssertVisitSummaryIsLiveAsync("the salt restored");
    }

    private const string LiveRecentVisits = """
        SELECT CONCAT_WS('|', p.patient_id, (SELECT COUNT(*) FROM visit AS v
                                              WHERE v.patient_id = p.patient_id AND v.started_at >= CURDATE() - INTERVAL 364 DAY)) AS line
          FROM patient AS p
         WHERE p.status = 'active'
         ORDER BY p.patient_id
        """;

    /// <summary>The view's column next to the patient id it was derived from (the key is a salted hash of it).</summary>
    private const string ViewRecentVisits = """
        SELECT CONCAT_WS('|', p.patient_id, s.visits_last_365_days) AS line
          FROM patient AS p
          CROSS JOIN report_secret AS rs
          JOIN rpt_visit_summary AS s ON s.patient_key = LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16)
         ORDER BY p.patient_id
        """;

    [Test]
    public async Task The_visits_of_the_last_365_days_are_kept_for_today_recounted_by_the_nightly_refresh_and_counted_live_when_stale()
    {
        var admin = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync(withHours: false);
        var today = await Db.TodayAsync();
        async Task PastVisitAsync(int patientId, DateTime startedAt) =>
            await Db.VisitsAs(admin).RecordPastAsync(new PastVisitInput
            {
                PatientId = patientId, DoctorStaffId = doctor, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(15),
                Note = new SoapNoteInput { Subjective = "Seen" },
            });
        var patient = await Db.NewPatientAsync();
        await PastVisitAsync(patient, today.AddDays(-400).AddHours(9));
        await PastVisitAsync(patient, today.AddDays(-364).AddHours(9));
        await PastVisitAsync(patient, today.AddDays(-100).AddHours(9));
        await Db.NewOpenVisitAsync(patient);
        var oldOnly = await Db.NewPatientAsync();
        await PastVisitAsync(oldOnly, today.AddDays(-365).AddHours(9));

        async Task AssertViewIsLiveAsync(string after) =>
            Assert.That(await LinesAsync(ViewRecentVisits), Is.EqualTo(await LinesAsync(LiveRecentVisits)), after);
        await AssertViewIsLiveAsync("visits recorded today");
        var kept = await Db.QueryAsync<(DateTime AsOf, int Recent)>(
            "SELECT recent_as_of, recent_visits FROM report_visit_patient WHERE patient_id = @patient", new { patient });
        Assert.That(kept, Is.EqualTo(new[] { (today, 3) }), "the triggers keep the count for today: -364, -100 and today, not -400");

        // Yesterday's count (the nightly event has not run yet): the view does not trust it and counts live.
        await Db.ExecuteAsOwnerAsync(
            "UPDATE report_visit_patient SET recent_as_of = CURDATE() - INTERVAL 1 DAY, recent_visits = 99 WHERE patient_id IN (@patient, @oldOnly)",
            new { patient, oldOnly });
        await AssertViewIsLiveAsync("a stale count");

        // The nightly refresh counts them afresh as of today.
        await Db.ExecuteAsOwnerAsync("CALL report_visit_recent_refresh()");
        Assert.That(await Db.QueryAsync<(int PatientId, DateTime AsOf, int Recent)>(
                "SELECT patient_id, recent_as_of, recent_visits FROM report_visit_patient WHERE patient_id IN (@patient, @oldOnly) ORDER BY patient_id",
                new { patient, oldOnly }),
            Is.EqualTo(new[] { (patient, today, 3), (oldOnly, today, 0) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM report_visit_patient WHERE recent_as_of IS NULL OR recent_as_of <> CURDATE()"),
            Is.Zero, "every patient is counted for today");
        await AssertViewIsLiveAsync("the nightly refresh");
        Assert.That(await Db.ScalarAsync<string>(
                "SELECT CONCAT(interval_value, ' ', interval_field) FROM information_schema.events WHERE event_schema = DATABASE() AND event_name = 'report_visit_recent_nightly'"),
            Is.EqualTo("1 DAY"), "the event that runs the refresh every night");
    }

    /// <summary>rpt_lab_turnaround as it was computed live before the summary (0077): ranks every order per day and test.</summary>
    private const string LiveLabTurnaround =
        """
        SELECT CONCAT_WS('|', x.order_day, x.lab_test_id, x.test_code, x.test_name, x.orders, x.cancelled, x.resulted, x.verified,
                         x.abnormal, COALESCE(x.abnormal_rate, '-'), COALESCE(x.avg_minutes_to_result, '-'),
                         COALESCE(x.median_minutes_to_result, '-'), COALESCE(x.avg_minutes_to_verify, '-')) AS line
          FROM (
        SELECT r.order_day,
               r.lab_test_id,
               r.test_code,
               r.test_name,
               COUNT(*) AS orders,
               CAST(SUM(CASE WHEN r.status = 'cancelled' THEN 1 ELSE 0 END) AS SIGNED) AS cancelled,
               COUNT(r.result_seconds) AS resulted,
               COUNT(r.verify_seconds) AS verified,
               CAST(SUM(r.is_abnormal) AS SIGNED) AS abnormal,
               CAST(ROUND(SUM(r.is_abnormal) / NULLIF(COUNT(r.result_seconds), 0), 4) AS DECIMAL(5,4)) AS abnormal_rate,
               CAST(ROUND(AVG(r.result_seconds) / 60, 1) AS DECIMAL(12,1)) AS avg_minutes_to_result,
               CAST(ROUND(MAX(CASE WHEN r.result_seconds IS NOT NULL AND r.result_rank = CEILING(r.results / 2)
                                   THEN r.result_seconds END) / 60, 1) AS DECIMAL(12,1)) AS median_minutes_to_result,
               CAST(ROUND(AVG(r.verify_seconds) / 60, 1) AS DECIMAL(12,1)) AS avg_minutes_to_verify
          FROM (SELECT lo.ordered_on AS order_day,
                       lo.lab_test_id,
                       t.code AS test_code,
                       t.name AS test_name,
                       lo.status,
                       CASE WHEN lo.status IN ('resulted', 'verified')
                            THEN TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.resulted_at) END AS result_seconds,
                       CASE WHEN lo.status = 'verified'
                            THEN TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.verified_at) END AS verify_seconds,
                       CASE WHEN lo.status IN ('resulted', 'verified') AND lo.abnormal_flag IN ('low', 'high')
                            THEN 1 ELSE 0 END AS is_abnormal,
                       -- Results first, fastest first: the k-th result has rank k.
                       ROW_NUMBER() OVER (PARTITION BY lo.ordered_on, lo.lab_test_id
                                          ORDER BY lo.status NOT IN ('resulted', 'verified'),
                                                   TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.resulted_at), lo.lab_order_id) AS result_rank,
                       SUM(CASE WHEN lo.status IN ('resulted', 'verified') THEN 1 ELSE 0 END)
                           OVER (PARTITION BY lo.ordered_on, lo.lab_test_id) AS results
                  FROM lab_order AS lo
                  JOIN lab_test AS t ON t.lab_test_id = lo.lab_test_id) AS r
         GROUP BY r.order_day, r.lab_test_id, r.test_code, r.test_name
               ) AS x
         ORDER BY x.order_day, x.lab_test_id
        """;

    private const string SummaryLabTurnaround = """
        SELECT CONCAT_WS('|', x.order_day, x.lab_test_id, x.test_code, x.test_name, x.orders, x.cancelled, x.resulted, x.verified,
                         x.abnormal, COALESCE(x.abnormal_rate, '-'), COALESCE(x.avg_minutes_to_result, '-'),
                         COALESCE(x.median_minutes_to_result, '-'), COALESCE(x.avg_minutes_to_verify, '-')) AS line
          FROM rpt_lab_turnaround AS x
         ORDER BY x.order_day, x.lab_test_id
        """;

    private static async Task AssertLabSummaryIsLiveAsync(string after)
    {
        var live = await LinesAsync(LiveLabTurnaround);
        Assert.That(live, Is.Not.Empty);
        Assert.That(await LinesAsync(SummaryLabTurnaround), Is.EqualTo(live), $"rpt_lab_turnaround after {after}");
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM report_lab_day WHERE orders <= 0 OR cancelled < 0 OR resulted < 0 OR verified < 0 OR abnormal < 0"),
            Is.Zero, $"no empty or negative counts after {after}");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM report_lab_result_time WHERE orders <= 0"), Is.Zero,
            $"no empty result times after {after}");
    }

    [Test]
    public async Task The_lab_summary_equals_the_live_computation_after_orders_results_verifications_cancellations_and_corrections()
    {
        // Five orders of one test today, each on a visit of its own (a visit holds one open order per test).
        var lab = await Db.NewLabCaseAsync();
        var cases = new List<LabCase> { lab };
        for (var i = 0; i < 4; i++)
            cases.Add(await Db.NewLabCaseAsync(lab.LabTestId));
        var orders = cases.Select(c => c.LabOrderId).ToList();
        await AssertLabSummaryIsLiveAsync("five orders");
        foreach (var c in cases)
            await Db.LabAs(c.NurseId).CollectAsync(c.LabOrderId);
        await Db.LabAs(cases[0].NurseId).ResultAsync(orders[0], 15m, null);
        await Db.LabAs(cases[1].NurseId).ResultAsync(orders[1], 25m, null);
        await Db.LabAs(cases[2].NurseId).ResultAsync(orders[2], 5m, null);
        await AssertLabSummaryIsLiveAsync("three results, one high and one low");
        await Db.LabAs(cases[0].Visit.DoctorAccountId).VerifyAsync(orders[0]);
        await Db.LabAs(cases[4].Visit.DoctorAccountId).CancelAsync(orders[4], "Specimen lost");
        await AssertLabSummaryIsLiveAsync("a verification and a cancellation");

        // The result times as the schema owner corrects them: the median moves.
        await Db.ExecuteAsOwnerAsync("UPDATE lab_order SET resulted_at = resulted_at + INTERVAL 95 MINUTE WHERE lab_order_id = @id", new { id = orders[1] });
        await Db.ExecuteAsOwnerAsync("UPDATE lab_order SET resulted_at = resulted_at + INTERVAL 17 SECOND WHERE lab_order_id = @id", new { id = orders[2] });
        await AssertLabSummaryIsLiveAsync("result times corrected");
        await Db.ExecuteAsOwnerAsync("UPDATE lab_order SET result_value = 12 WHERE lab_order_id = @id", new { id = orders[1] });
        await AssertLabSummaryIsLiveAsync("a high result corrected to normal");
        var median = await Db.ScalarAsync<long>(
            "SELECT median_result_seconds FROM report_lab_day WHERE lab_test_id = @test AND order_day = CURDATE()", new { test = lab.LabTestId });
        var times = (await Db.QueryAsync<long>(
            "SELECT TIMESTAMPDIFF(SECOND, ordered_at, resulted_at) FROM lab_order WHERE lab_test_id = @test AND DATE(ordered_at) = CURDATE() AND status IN ('resulted', 'verified')",
            new { test = lab.LabTestId })).Order().ToList();
        Assert.That(times, Has.Count.EqualTo(3));
        Assert.That(median, Is.EqualTo(times[1]), "the nearest-rank median of three results is the 2nd");
    }

    [Test]
    public async Task Lab_staff_resulting_orders_of_one_test_and_day_at_once_all_succeed_and_the_median_is_exact()
    {
        const int Orders = 16;
        var lab = await Db.NewLabCaseAsync();
        var cases = new List<LabCase> { lab };
        for (var i = 1; i < Orders; i++)
            cases.Add(await Db.NewLabCaseAsync(lab.LabTestId));
        var orders = cases.Select(c => c.LabOrderId).ToList();
        var nurses = cases.Select(c => c.NurseId).ToList();
        foreach (var c in cases)
            await Db.LabAs(c.NurseId).CollectAsync(c.LabOrderId);

        // Every nurse results one order of the same test and day at the same moment, on connections of their own.
        using var start = new ManualResetEventSlim(false);
        var tasks = orders.Select((id, i) => Task.Run(async () =>
        {
            start.Wait();
            await Db.LabAs(nurses[i]).ResultAsync(id, 10m + i, null);
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.That(await Db.ScalarAsync<long>(
                "SELECT resulted FROM report_lab_day WHERE lab_test_id = @test AND order_day = CURDATE()", new { test = lab.LabTestId }),
            Is.EqualTo(Orders));
        await AssertLabSummaryIsLiveAsync("a batch resulted at once");

        // And verified at once by each visit's doctor: the counts follow, the median does not move.
        var verifiers = cases.Select(c => c.Visit.DoctorAccountId).ToList();
        using var go = new ManualResetEventSlim(false);
        var verifications = orders.Select((id, i) => Task.Run(async () =>
        {
            go.Wait();
            await Db.LabAs(verifiers[i]).VerifyAsync(id);
        })).ToList();
        go.Set();
        await Task.WhenAll(verifications);
        await AssertLabSummaryIsLiveAsync("a batch verified at once");
    }
}
