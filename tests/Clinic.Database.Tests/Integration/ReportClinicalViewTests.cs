using System.Security.Cryptography;
using System.Text;
using Clinic.Data.Clinical;
using Clinic.Data.Lab;
using Clinic.Data.Patients;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The analysts' clinical views (db/views/rpt_diagnosis_monthly.sql, rpt_visit_summary.sql, rpt_lab_turnaround.sql),
/// read as the analyst account, each test on a database of its own so every row can be asserted exactly. Visits and
/// their diagnoses go through visit_record_past (a visit on a chosen day) and the live procedures; lab orders through
/// the lab procedures and lab_order_record_past, and, where the minutes must be chosen to the second, as the schema
/// owner through the same state machine (lab_order_status_guard) with the step times given.
/// </summary>
public class ReportClinicalViewTests
{
    public sealed record DiagnosisRow
    {
        public DateTime MonthStart { get; init; }
        public string Icd10Chapter { get; init; } = "";
        public string Icd10Code { get; init; } = "";
        public string Diagnosis { get; init; } = "";
        public int? StaffId { get; init; }
        public string? DoctorName { get; init; }
        public string AgeBand { get; init; } = "";
        public string Sex { get; init; } = "";
        public long Diagnoses { get; init; }
        public long PrimaryDiagnoses { get; init; }
    }

    public sealed record VisitSummaryRow
    {
        public string PatientKey { get; init; } = "";
        public string Sex { get; init; } = "";
        public string AgeBand { get; init; } = "";
        public long Visits { get; init; }
        public DateTime? FirstVisitDay { get; init; }
        public DateTime? LastVisitDay { get; init; }
        public long VisitsLast365Days { get; init; }
    }

    public sealed record LabRow
    {
        public DateTime OrderDay { get; init; }
        public int LabTestId { get; init; }
        public string TestCode { get; init; } = "";
        public string TestName { get; init; } = "";
        public long Orders { get; init; }
        public long Cancelled { get; init; }
        public long Resulted { get; init; }
        public long Verified { get; init; }
        public long Abnormal { get; init; }
        public decimal? AbnormalRate { get; init; }
        public decimal? AvgMinutesToResult { get; init; }
        public decimal? MedianMinutesToResult { get; init; }
        public decimal? AvgMinutesToVerify { get; init; }
    }

    internal static async Task<IReadOnlyList<T>> AsAnalystAsync<T>(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync(db.Analyst);
        return (await connection.QueryAsync<T>(sql)).AsList();
    }

    private static Task<string> DoctorNameAsync(TestDatabase db, int staffId) =>
        db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @staffId", new { staffId });

    private static async Task<int> PatientAsync(TestDatabase db, string sex, DateTime dateOfBirth) =>
        (await db.PatientsAs(await db.AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = "Rpt" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Pat" + Guid.NewGuid().ToString("N")[..6],
            Sex = sex, DateOfBirth = dateOfBirth,
        }, confirmDuplicate: true)).PatientId;

    /// <summary>A visit that happened (visit_record_past, as the administrator), 30 minutes long unless told, with its diagnoses.</summary>
    private static async Task<int> PastVisitAsync(TestDatabase db, int patientId, int staffId, DateTime startedAt,
        string? primary = null, string? secondary = null, int minutes = 30) =>
        await db.VisitsAs(await db.AdminIdAsync()).RecordPastAsync(new PastVisitInput
        {
            PatientId = patientId, DoctorStaffId = staffId, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(minutes),
            Note = new SoapNoteInput { Subjective = "Seen" }, PrimaryCode = primary, SecondaryCode = secondary,
        });

    [Test]
    public async Task Diagnoses_count_per_month_chapter_code_doctor_age_band_at_the_visit_and_sex()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var doctorA = await db.NewDoctorAsync(withHours: false);
        var doctorB = await db.NewDoctorAsync(withHours: false);
        var nameA = await DoctorNameAsync(db, doctorA);
        var nameB = await DoctorNameAsync(db, doctorB);

        // A girl of 14 in March 2025 (her band today is older: the view bands the age on the day of the visit),
        // a woman of 34 and a man of 75.
        var girl = await PatientAsync(db, "female", new DateTime(2010, 6, 15));
        var woman = await PatientAsync(db, "female", new DateTime(1990, 5, 5));
        var man = await PatientAsync(db, "male", new DateTime(1950, 1, 1));

        await PastVisitAsync(db, girl, doctorA, new DateTime(2025, 3, 10, 9, 0, 0), "J06.9", "B54");
        await PastVisitAsync(db, girl, doctorA, new DateTime(2025, 3, 25, 9, 0, 0), "J06.9");
        await PastVisitAsync(db, woman, doctorA, new DateTime(2025, 3, 20, 9, 0, 0), "J06.9");
        // The last minutes of March and the first of April fall in their own months.
        await PastVisitAsync(db, man, doctorB, new DateTime(2025, 3, 31, 23, 20, 0), "I10", "E11.9");
        await PastVisitAsync(db, man, doctorB, new DateTime(2025, 4, 1, 0, 10, 0), "I10");
        // A visit with no diagnosis adds nothing.
        await PastVisitAsync(db, woman, doctorA, new DateTime(2025, 4, 2, 9, 0, 0));

        // Today, live: a man of 40 seen by a third doctor; a secondary diagnosis, and one added then removed.
        var (patient40, _) = await db.NewLabPatientAsync("male", 40);
        var live = await db.NewOpenVisitAsync(patient40);
        var visits = db.VisitsAs(live.DoctorAccountId);
        await visits.AddDiagnosisAsync(live.VisitId, "J06.9", isPrimary: false);
        await visits.RemoveDiagnosisAsync(await visits.AddDiagnosisAsync(live.VisitId, "B54", isPrimary: true));
        var today = await db.TodayAsync();
        var thisMonth = new DateTime(today.Year, today.Month, 1);
        var nameLive = await DoctorNameAsync(db, live.DoctorStaffId);

        var rows = await AsAnalystAsync<DiagnosisRow>(db,
            "SELECT * FROM rpt_diagnosis_monthly ORDER BY month_start, icd10_code, age_band");
        var march = new DateTime(2025, 3, 1);
        var april = new DateTime(2025, 4, 1);
        const string uri = "Acute upper respiratory infection, unspecified";
        Assert.That(rows, Is.EqualTo(new[]
        {
            new DiagnosisRow { MonthStart = march, Icd10Chapter = "I", Icd10Code = "B54", Diagnosis = "Unspecified malaria", StaffId = doctorA, DoctorName = nameA, AgeBand = "5-14", Sex = "female", Diagnoses = 1, PrimaryDiagnoses = 0 },
            new DiagnosisRow { MonthStart = march, Icd10Chapter = "IV", Icd10Code = "E11.9", Diagnosis = "Type 2 diabetes mellitus without complications", StaffId = doctorB, DoctorName = nameB, AgeBand = "65+", Sex = "male", Diagnoses = 1, PrimaryDiagnoses = 0 },
            new DiagnosisRow { MonthStart = march, Icd10Chapter = "IX", Icd10Code = "I10", Diagnosis = "Essential (primary) hypertension", StaffId = doctorB, DoctorName = nameB, AgeBand = "65+", Sex = "male", Diagnoses = 1, PrimaryDiagnoses = 1 },
            new DiagnosisRow { MonthStart = march, Icd10Chapter = "X", Icd10Code = "J06.9", Diagnosis = uri, StaffId = doctorA, DoctorName = nameA, AgeBand = "25-44", Sex = "female", Diagnoses = 1, PrimaryDiagnoses = 1 },
            new DiagnosisRow { MonthStart = march, Icd10Chapter = "X", Icd10Code = "J06.9", Diagnosis = uri, StaffId = doctorA, DoctorName = nameA, AgeBand = "5-14", Sex = "female", Diagnoses = 2, PrimaryDiagnoses = 2 },
            new DiagnosisRow { MonthStart = april, Icd10Chapter = "IX", Icd10Code = "I10", Diagnosis = "Essential (primary) hypertension", StaffId = doctorB, DoctorName = nameB, AgeBand = "65+", Sex = "male", Diagnoses = 1, PrimaryDiagnoses = 1 },
            new DiagnosisRow { MonthStart = thisMonth, Icd10Chapter = "X", Icd10Code = "J06.9", Diagnosis = uri, StaffId = live.DoctorStaffId, DoctorName = nameLive, AgeBand = "25-44", Sex = "male", Diagnoses = 1, PrimaryDiagnoses = 0 },
        }));

        // Chapters add up: March 2025 had 6 diagnoses in 4 chapters.
        var chapters = await AsAnalystAsync<(string Chapter, long Diagnoses)>(db,
            "SELECT icd10_chapter, SUM(diagnoses) FROM rpt_diagnosis_monthly WHERE month_start = '2025-03-01' GROUP BY icd10_chapter ORDER BY icd10_chapter");
        Assert.That(chapters, Is.EqualTo(new[] { ("I", 1L), ("IV", 1L), ("IX", 1L), ("X", 3L) }));
    }

    [Test]
    public async Task Visit_summary_counts_each_patient_under_a_stable_key_with_the_age_band_of_today()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var today = await db.TodayAsync();
        var doctor = await db.NewDoctorAsync(withHours: false);

        // A woman of 30: visits 800, 365 and 364 days ago, and one open today.
        var (woman, _) = await db.NewLabPatientAsync("female", 30);
        await PastVisitAsync(db, woman, doctor, today.AddDays(-800).AddHours(10), "J06.9");
        await PastVisitAsync(db, woman, doctor, today.AddDays(-365).AddHours(10));
        await PastVisitAsync(db, woman, doctor, today.AddDays(-364).AddHours(10));
        await db.NewOpenVisitAsync(woman);
        // A man of 70, registered, never seen (until a duplicate record of his is merged into his below).
        var (man, _) = await db.NewLabPatientAsync("male", 70);
        // A child of 3 seen yesterday.
        var (child, _) = await db.NewLabPatientAsync("other", 3);
        await PastVisitAsync(db, child, doctor, today.AddDays(-1).AddHours(9));
        // A patient registered twice: the duplicate's visit moves to the surviving record, the duplicate is not listed.
        var (duplicate, _) = await db.NewLabPatientAsync("male", 70);
        await PastVisitAsync(db, duplicate, doctor, today.AddDays(-10).AddHours(9));

        var salt = await db.ScalarAsync<string>("SELECT pseudonym_salt FROM report_secret WHERE report_secret_id = 1");
        string KeyOf(int patientId) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{patientId}"))).ToLowerInvariant()[..16];

        var before = await AsAnalystAsync<VisitSummaryRow>(db, "SELECT * FROM rpt_visit_summary ORDER BY patient_key");
        Assert.That(before.Single(r => r.PatientKey == KeyOf(man)).Visits, Is.EqualTo(0));
        Assert.That(before.Single(r => r.PatientKey == KeyOf(duplicate)).Visits, Is.EqualTo(1));

        await db.PatientsAs(await db.AdminIdAsync()).MergeAsync(man, duplicate, "Registered twice");

        var rows = await AsAnalystAsync<VisitSummaryRow>(db, "SELECT * FROM rpt_visit_summary");
        Assert.That(rows.OrderBy(r => r.PatientKey, StringComparer.Ordinal), Is.EqualTo(new[]
        {
            new VisitSummaryRow { PatientKey = KeyOf(woman), Sex = "female", AgeBand = "25-44", Visits = 4, FirstVisitDay = today.AddDays(-800), LastVisitDay = today, VisitsLast365Days = 2 },
            new VisitSummaryRow { PatientKey = KeyOf(man), Sex = "male", AgeBand = "65+", Visits = 1, FirstVisitDay = today.AddDays(-10), LastVisitDay = today.AddDays(-10), VisitsLast365Days = 1 },
            new VisitSummaryRow { PatientKey = KeyOf(child), Sex = "other", AgeBand = "0-4", Visits = 1, FirstVisitDay = today.AddDays(-1), LastVisitDay = today.AddDays(-1), VisitsLast365Days = 1 },
        }.OrderBy(r => r.PatientKey, StringComparer.Ordinal)));

        // The key is 16 hex characters, one per patient, never the id, and the same on every read.
        foreach (var (id, row) in new[] { woman, man, child }.Select(id => (id, rows.Single(r => r.PatientKey == KeyOf(id)))))
        {
            Assert.That(row.PatientKey, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(row.PatientKey, Is.Not.EqualTo(id.ToString()));
        }
        Assert.That(before.Select(r => r.PatientKey), Is.SupersetOf(rows.Select(r => r.PatientKey)));
        var again = await AsAnalystAsync<string>(db, "SELECT patient_key FROM rpt_visit_summary ORDER BY patient_key");
        Assert.That(again, Is.EqualTo(rows.Select(r => r.PatientKey).OrderBy(k => k, StringComparer.Ordinal)));

        // Seed 002: patient visit count and the age mix of the patients seen in the last year.
        var seen = await AsAnalystAsync<(string AgeBand, long Patients, long Visits)>(db,
            "SELECT age_band, COUNT(*), SUM(visits_last_365_days) FROM rpt_visit_summary WHERE visits_last_365_days > 0 GROUP BY age_band ORDER BY age_band");
        Assert.That(seen, Is.EqualTo(new[] { ("0-4", 1L, 1L), ("25-44", 1L, 2L), ("65+", 1L, 1L) }));
    }

    [Test]
    public async Task The_views_age_bands_are_those_of_the_function_age_band_at_every_boundary()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var doctor = await db.NewDoctorAsync(withHours: false);
        var today = await db.TodayAsync();
        var ages = new[] { 1, 4, 5, 14, 15, 24, 25, 44, 45, 64, 65, 90 };
        var patients = new List<int>();
        foreach (var age in ages)
        {
            // Born exactly <age> years before today: the birthday is today.
            var patient = await PatientAsync(db, "female", today.AddYears(-age));
            await PastVisitAsync(db, patient, doctor, today.AddDays(-1).AddHours(9), "J06.9");
            patients.Add(patient);
        }
        var salt = await db.ScalarAsync<string>("SELECT pseudonym_salt FROM report_secret WHERE report_secret_id = 1");
        var expected = (await db.QueryAsync<(string Key, string Today, string Yesterday)>(
                "SELECT LEFT(SHA2(CONCAT(@salt, ':', patient_id), 256), 16), age_band(date_of_birth, CURDATE()), " +
                "age_band(date_of_birth, CURDATE() - INTERVAL 1 DAY) FROM patient", new { salt }))
            .ToList();
        var summary = await AsAnalystAsync<VisitSummaryRow>(db, "SELECT * FROM rpt_visit_summary");
        Assert.That(summary.Select(r => (r.PatientKey, r.AgeBand)).OrderBy(r => r.PatientKey),
            Is.EqualTo(expected.Select(e => (e.Key, e.Today)).OrderBy(r => r.Key)));
        Assert.That(summary.Select(r => r.AgeBand).Distinct(), Is.EquivalentTo(new[] { "0-4", "5-14", "15-24", "25-44", "45-64", "65+" }));
        // Yesterday's visits are banded by the age yesterday: one year younger for everyone born on this day.
        var byBand = await AsAnalystAsync<(string AgeBand, long Diagnoses)>(db,
            "SELECT age_band, SUM(diagnoses) FROM rpt_diagnosis_monthly GROUP BY age_band");
        Assert.That(byBand.OrderBy(b => b.AgeBand, StringComparer.Ordinal), Is.EqualTo(expected.GroupBy(e => e.Yesterday).Select(g => (g.Key, (long)g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal)));
    }

    /// <summary>An order placed at <paramref name="orderedAt"/> and taken through the state machine as the schema owner with the given step times.</summary>
    private static async Task<int> OrderAsync(TestDatabase db, int visitId, int patientId, int testId, int orderedBy, DateTime orderedAt)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        return await connection.ExecuteScalarAsync<int>(
            "INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, ordered_at) VALUES (@visitId, @patientId, @testId, @orderedBy, @orderedAt); " +
            "SELECT LAST_INSERT_ID();", new { visitId, patientId, testId, orderedBy, orderedAt });
    }

    private static Task CollectAtAsync(TestDatabase db, int orderId, int by, DateTime at) => db.OwnerExecuteAsync(
        "UPDATE lab_order SET status = 'specimen_collected', collected_by = @by, collected_at = @at WHERE lab_order_id = @orderId", new { orderId, by, at });

    private static Task ResultAtAsync(TestDatabase db, int orderId, int by, DateTime at, decimal? value, string? text = null) => db.OwnerExecuteAsync(
        "UPDATE lab_order SET status = 'resulted', result_value = @value, result_text = @text, reference_low = 10, reference_high = 20, " +
        "resulted_by = @by, resulted_at = @at WHERE lab_order_id = @orderId", new { orderId, by, at, value, text });

    private static Task VerifyAtAsync(TestDatabase db, int orderId, int by, DateTime at) => db.OwnerExecuteAsync(
        "UPDATE lab_order SET status = 'verified', verified_by = @by, verified_at = @at WHERE lab_order_id = @orderId", new { orderId, by, at });

    [Test]
    public async Task Lab_turnaround_counts_each_day_and_test_with_the_abnormal_rate_and_the_minutes_to_result_and_verification()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var admin = await db.AdminIdAsync();
        var (doctorAccount, _) = await db.NewAccountAsync("doctor");
        var doctor = await db.NewDoctorAsync(withHours: false, userAccountId: doctorAccount);
        var (patient, _) = await db.NewLabPatientAsync("female", 30);
        var day = new DateTime(2025, 5, 12);
        var visit = await PastVisitAsync(db, patient, doctor, day.AddHours(7), minutes: 16 * 60);
        var nextDay = await PastVisitAsync(db, patient, doctor, day.AddDays(1).AddHours(8));
        var test = await db.NewLabTestAsync(ranges: [(LabRangeSex.Any, 0, 150, 10m, 20m)]);
        var t0 = day.AddHours(8);

        // Day 1, test 1: six orders.
        var normal = await OrderAsync(db, visit, patient, test, admin, t0);      // 15: normal, resulted after 30:00, verified after 90 min
        await CollectAtAsync(db, normal, admin, t0.AddMinutes(5));
        await ResultAtAsync(db, normal, admin, t0.AddMinutes(30), 15m);
        await VerifyAtAsync(db, normal, doctorAccount, t0.AddMinutes(90));
        var high = await OrderAsync(db, visit, patient, test, admin, t0);        // 25: high, resulted after 40:00, verified after 120 min
        await CollectAtAsync(db, high, admin, t0.AddMinutes(5));
        await ResultAtAsync(db, high, admin, t0.AddMinutes(40), 25m);
        await VerifyAtAsync(db, high, doctorAccount, t0.AddMinutes(120));
        var low = await OrderAsync(db, visit, patient, test, admin, t0);         // 5: low, resulted after 110:50, not verified
        await CollectAtAsync(db, low, admin, t0.AddMinutes(5));
        await ResultAtAsync(db, low, admin, t0.AddMinutes(110).AddSeconds(50), 5m);
        var cancelled = await OrderAsync(db, visit, patient, test, admin, t0);
        await db.OwnerExecuteAsync("UPDATE lab_order SET status = 'cancelled', cancelled_by = @admin, cancel_reason = 'Specimen lost' WHERE lab_order_id = @cancelled",
            new { admin, cancelled });
        await OrderAsync(db, visit, patient, test, admin, t0);                   // still waiting
        var late = await OrderAsync(db, visit, patient, test, admin, day.AddHours(23).AddMinutes(50)); // resulted after midnight: counts on its order day
        await CollectAtAsync(db, late, admin, day.AddHours(23).AddMinutes(55));
        await ResultAtAsync(db, late, admin, day.AddDays(1).AddMinutes(20), 12m);

        // Day 2, test 1: a high result after 10 min, a text result (no value: never abnormal) after 20, a normal one after 45.
        var t1 = day.AddDays(1).AddHours(9);
        foreach (var (minutes, value, text) in new (int, decimal?, string?)[] { (10, 30m, null), (20, null, "Haemolysed"), (45, 15m, null) })
        {
            var id = await OrderAsync(db, nextDay, patient, test, admin, t1);
            await CollectAtAsync(db, id, admin, t1.AddMinutes(2));
            await ResultAtAsync(db, id, admin, t1.AddMinutes(minutes), value, text);
        }

        // Day 1, test 2, from paper (lab_order_record_past: resulted 2 h and verified 4 h after ordering), and one cancelled.
        var test2 = await db.NewLabTestAsync(ranges: [(LabRangeSex.Any, 0, 150, 10m, 20m)]);
        var lab = db.LabAs(admin);
        await lab.RecordPastAsync(new LabPastOrderInput { VisitId = visit, LabTestId = test2, OrderedAt = day.AddHours(9), Status = LabOrderStatus.Verified, Value = 25m });
        await lab.RecordPastAsync(new LabPastOrderInput { VisitId = visit, LabTestId = test2, OrderedAt = day.AddHours(10), Status = LabOrderStatus.Cancelled, CancelReason = "Duplicate order" });

        // Today, live: ordered, collected and resulted by the nurse (high), verified by the doctor.
        var live = await db.NewLabCaseAsync();
        await db.LabAs(live.NurseId).CollectAsync(live.LabOrderId);
        await db.LabAs(live.NurseId).ResultAsync(live.LabOrderId, 21m, null);
        await db.LabAs(live.Visit.DoctorAccountId).VerifyAsync(live.LabOrderId);

        var names = (await db.QueryAsync<(int Id, string Code, string Name)>("SELECT lab_test_id, code, name FROM lab_test")).ToDictionary(t => t.Id);
        LabRow Row(DateTime orderDay, int testId) => new() { OrderDay = orderDay, LabTestId = testId, TestCode = names[testId].Code, TestName = names[testId].Name };

        var rows = await AsAnalystAsync<LabRow>(db, "SELECT * FROM rpt_lab_turnaround ORDER BY order_day, lab_test_id");
        Assert.That(rows.Take(3), Is.EqualTo(new[]
        {
            // Results after 30:00, 40:00, 110:50 and 30:00: average 52.7 min, nearest-rank median (2nd of 4) 30.0; verified after 90 and 120 min.
            Row(day, test) with { Orders = 6, Cancelled = 1, Resulted = 4, Verified = 2, Abnormal = 2, AbnormalRate = 0.5000m,
                                  AvgMinutesToResult = 52.7m, MedianMinutesToResult = 30.0m, AvgMinutesToVerify = 105.0m },
            Row(day, test2) with { Orders = 2, Cancelled = 1, Resulted = 1, Verified = 1, Abnormal = 1, AbnormalRate = 1.0000m,
                                   AvgMinutesToResult = 120.0m, MedianMinutesToResult = 120.0m, AvgMinutesToVerify = 240.0m },
            // 10, 20 and 45 min: average 25.0, median (2nd of 3) 20.0; one abnormal of three resulted; nothing verified yet.
            Row(day.AddDays(1), test) with { Orders = 3, Cancelled = 0, Resulted = 3, Verified = 0, Abnormal = 1, AbnormalRate = 0.3333m,
                                             AvgMinutesToResult = 25.0m, MedianMinutesToResult = 20.0m, AvgMinutesToVerify = null },
        }));
        var today = rows.Skip(3).Single();
        Assert.That(today with { AvgMinutesToResult = null, MedianMinutesToResult = null, AvgMinutesToVerify = null },
            Is.EqualTo(Row(await db.TodayAsync(), live.LabTestId) with { Orders = 1, Resulted = 1, Verified = 1, Abnormal = 1, AbnormalRate = 1.0000m }));
        Assert.That(new[] { today.AvgMinutesToResult, today.MedianMinutesToResult, today.AvgMinutesToVerify }, Has.All.Not.Null);
        Assert.That(new[] { today.AvgMinutesToResult!.Value, today.MedianMinutesToResult!.Value, today.AvgMinutesToVerify!.Value }, Has.All.GreaterThanOrEqualTo(0m));
    }

    [Test]
    public async Task The_clinical_and_pharmacy_views_answer_the_analyst_on_an_empty_database()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        foreach (var view in new[] { "rpt_diagnosis_monthly", "rpt_visit_summary", "rpt_lab_turnaround", "rpt_prescribing",
                     "rpt_dispensing_daily", "rpt_stock_valuation", "rpt_stock_below_reorder", "rpt_lot_expiring" })
        {
            var rows = await AsAnalystAsync<dynamic>(db, $"SELECT * FROM {view}");
            Assert.That(rows, Is.Empty, view);
            var documented = await AsAnalystAsync<long>(db, $"SELECT COUNT(*) FROM rpt_catalog WHERE view_name = '{view}'");
            Assert.That(documented.Single(), Is.GreaterThan(1), view);
        }
    }
}
