using System.Diagnostics;
using System.Text.RegularExpressions;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

/// <summary>
/// Reporting benchmark (issue 12), `--only reports`: loads a clinic's two years at scale, then times one year of
/// every rpt_* view as the analyst account. `--only reports-measure` only times (the data loaded before).
/// <para>The dataset (on top of the 200,000 patients of <see cref="Dataset.EnsurePatientsAsync"/>), inserted
/// set-based as the server administrator so that every trigger runs (guards and audit rows: the real cost):</para>
/// <list type="bullet">
/// <item>8 departments with a specialisation each, 40 doctors (5 per department) working 07:00-19:00 every day,
/// 5 weeks of leave each over the two years plus 2 clinic holidays, 20 rooms (doctors 1-20 each have one),
/// 24 nurses (a third on nights), 6 pharmacists, 8 receptionists, a 12-hour shift a day, one day off a week;</item>
/// <item>about 2,000,000 appointments in 10-minute slots from 730 days ago to 30 days ahead (leave skipped):
/// past ones 55% completed, 20% cancelled, 15% no-show, 10% never closed; future ones booked;</item>
/// <item>a visit per completed appointment (about 1.05M), 400 walk-ins a day for 730 days (292,000 queue entries:
/// 3% emergency, 12% urgent, 30% unassigned until called, 7% cancelled, the rest seen and completed, with waits by
/// priority) and a visit per walk-in seen;</item>
/// <item>a primary diagnosis on 3 visits of 4 and a secondary one on 1 of 10 (ICD-10 codes of the icd10_code table,
/// skewed so that some are common), a lab order on 1 visit of 4 (24 tests; 3% cancelled, the rest collected,
/// resulted with about 7% low and 21% high values, 90% verified by a second person), a prescription on 9 visits
/// of 20 with 1-3 items (60 medications, 4 lots each, one expired and one expiring), 85% dispensed with a line per
/// item, 5% cancelled;</item>
/// <item>visits closed last (the diagnoses of a closed visit are frozen, so they come first).</item>
/// </list>
/// Every phase resumes where an interrupted run stopped (each statement is one batch, atomic on its own).
/// Only constants of this file are spliced into SQL; every value is a parameter. View names are read from the
/// catalogue and used only when they match <c>^rpt_[a-z0-9_]+$</c>.
/// </summary>
internal static class ReportsBench
{
    private const int Batch = 20_000;
    private const int PastDays = 730;
    private const int FutureDays = 30;
    private const int SlotsPerDay = 72; // 10-minute slots, 07:00-19:00
    private const int DoctorsPerDepartment = 5;
    private const int Nurses = 24;
    private const int Pharmacists = 6;
    private const int Receptionists = 8;
    private const int Rooms = 20;
    private const int WalkInsPerDay = 400;
    private const int LotsPerMedication = 4;

    private static readonly (string Department, string Specialisation)[] Departments =
    [
        ("General Outpatients", "General practice"), ("Paediatrics", "Paediatrics"), ("Obstetrics and Gynaecology", "Obstetrics"),
        ("Internal Medicine", "Internal medicine"), ("Surgery", "General surgery"), ("Dental", "Dentistry"),
        ("Eye Clinic", "Ophthalmology"), ("HIV and TB Clinic", "Infectious diseases"),
    ];

    private static readonly (string Code, string Name, string Specimen, string Unit, decimal Low, decimal High)[] LabTests =
    [
        ("RB-HB", "Haemoglobin", "Blood", "g/dL", 12m, 17m), ("RB-WBC", "White cell count", "Blood", "10^9/L", 4m, 11m),
        ("RB-PLT", "Platelet count", "Blood", "10^9/L", 150m, 400m), ("RB-FBG", "Fasting blood glucose", "Blood", "mmol/L", 3.9m, 5.6m),
        ("RB-RBG", "Random blood glucose", "Blood", "mmol/L", 3.9m, 7.8m), ("RB-HBA1C", "HbA1c", "Blood", "%", 4m, 5.6m),
        ("RB-CREA", "Creatinine", "Serum", "umol/L", 60m, 110m), ("RB-UREA", "Urea", "Serum", "mmol/L", 2.5m, 7.1m),
        ("RB-NA", "Sodium", "Serum", "mmol/L", 135m, 145m), ("RB-K", "Potassium", "Serum", "mmol/L", 3.5m, 5.1m),
        ("RB-ALT", "Alanine aminotransferase", "Serum", "U/L", 7m, 56m), ("RB-AST", "Aspartate aminotransferase", "Serum", "U/L", 10m, 40m),
        ("RB-BIL", "Total bilirubin", "Serum", "umol/L", 2m, 21m), ("RB-ALB", "Albumin", "Serum", "g/L", 35m, 50m),
        ("RB-CHOL", "Total cholesterol", "Serum", "mmol/L", 2.5m, 5.2m), ("RB-TG", "Triglycerides", "Serum", "mmol/L", 0.4m, 1.7m),
        ("RB-CRP", "C-reactive protein", "Serum", "mg/L", 0m, 5m), ("RB-ESR", "Erythrocyte sedimentation rate", "Blood", "mm/h", 0m, 20m),
        ("RB-TSH", "Thyroid stimulating hormone", "Serum", "mU/L", 0.4m, 4m), ("RB-CD4", "CD4 count", "Blood", "cells/uL", 500m, 1500m),
        ("RB-VL", "HIV viral load", "Plasma", "copies/mL", 0m, 50m), ("RB-URIC", "Uric acid", "Serum", "umol/L", 200m, 430m),
        ("RB-PSA", "Prostate specific antigen", "Serum", "ng/mL", 0m, 4m), ("RB-INR", "Prothrombin time INR", "Blood", "ratio", 0.8m, 1.2m),
    ];

    private static readonly string[] Substances =
    [
        "Amoxicillin", "Paracetamol", "Ibuprofen", "Metformin", "Amlodipine", "Artemether/lumefantrine", "Ciprofloxacin",
        "Cotrimoxazole", "Metronidazole", "Omeprazole", "Salbutamol", "Prednisolone", "Hydrochlorothiazide", "Losartan",
        "Atorvastatin", "Ferrous sulphate", "Folic acid", "Doxycycline", "Azithromycin", "Tenofovir/lamivudine/dolutegravir",
    ];

    private static readonly string[] Strengths = ["low", "standard", "high"];

    /// <summary>The day or month column that one year of each view is filtered on (the contracts of ISSUE12_HELPERS.md);
    /// a view missing here is read whole (a snapshot).</summary>
    private static readonly Dictionary<string, string> DateColumns = new()
    {
        ["rpt_appointment_daily"] = "appointment_day",
        ["rpt_department_load"] = "business_day",
        ["rpt_doctor_utilisation"] = "work_day",
        ["rpt_room_utilisation"] = "work_day",
        ["rpt_queue_wait"] = "clinic_day",
        ["rpt_queue_wait_doctor"] = "clinic_day",
        ["rpt_shift_coverage"] = "shift_day",
        ["rpt_diagnosis_monthly"] = "month_start",
        ["rpt_lab_turnaround"] = "order_day",
        ["rpt_prescribing"] = "month_start",
        ["rpt_dispensing_daily"] = "dispensing_day",
        ["rpt_revenue_daily"] = "business_day",
        ["rpt_payment_method_mix"] = "business_day",
    };

    private static string Digits(string alias) =>
        $"(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 " +
        $"UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS {alias}";

    /// <summary>n from @from to @from + 19,999 (a batch; callers bound it with <c>n BETWEEN @from AND @to</c>).</summary>
    private static readonly string Numbers =
        $"(SELECT @from + a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d AS n FROM {Digits("a")} CROSS JOIN {Digits("b")} " +
        $"CROSS JOIN {Digits("c")} CROSS JOIN {Digits("d")} CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) AS e) AS numbers";

    /// <summary>Patients are drawn through the temporary table bench_patient (k = 0 .. Patients - 1): patient ids have gaps,
    /// auto-increment values being reserved in chunks by INSERT ... SELECT.</summary>
    private sealed record Context(MySqlConnection Db, int AdminId, int VerifierId, int Patients, DateTime Day0);

    /// <summary>Loads what is missing; returns the seconds spent per phase.</summary>
    public static async Task<List<(string Phase, double Seconds)>> EnsureAsync(ProcedureRunner runner, int adminId, string adminDb, int patients)
    {
        var db = new MySqlConnection(adminDb);
        await db.OpenAsync();
        var have = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM patient");
        if (have < patients)
            throw new InvalidOperationException($"Expected {patients} patients, found {have}.");
        var verifier = await EnsureAccountAsync(runner, adminId, db, "bench.labverifier", "Bench Lab Verifier", "nurse");
        var ctx = new Context(db, adminId, verifier, patients, DateTime.Today.AddDays(-PastDays));
        var phases = new List<(string, double)>();
        async Task Phase(string name, Func<Context, Task> run)
        {
            var watch = Stopwatch.StartNew();
            await run(ctx);
            phases.Add((name, watch.Elapsed.TotalSeconds));
            Console.WriteLine($"  {name}: {watch.Elapsed.TotalSeconds:N0} s");
        }
        await Phase("structure (departments, staff, hours, leave, rooms, tests, medications, lots, shifts)", StructureAsync);
        await TempTablesAsync(ctx);
        await Phase("appointments", AppointmentsAsync);
        await Phase("visits of completed appointments", AppointmentVisitsAsync);
        await Phase("queue entries, their statuses and visits", QueueAsync);
        await Phase("diagnoses", DiagnosesAsync);
        await Phase("lab orders and their steps", LabAsync);
        await Phase("prescriptions and items", PrescriptionsAsync);
        await Phase("dispensings, lines and statuses", DispensingAsync);
        await Phase("visits closed", CloseVisitsAsync);
        await Phase("ANALYZE TABLE", async c => await c.Db.ExecuteAsync(
            "ANALYZE TABLE appointment, visit, queue_entry, visit_diagnosis, lab_order, prescription, prescription_item, dispensing, dispensing_line, staff_shift, stock_lot",
            commandTimeout: 3600));
        await db.DisposeAsync();
        return phases;
    }

    private static async Task<int> EnsureAccountAsync(ProcedureRunner runner, int adminId, MySqlConnection db, string username, string name, string role)
    {
        var id = await db.QueryFirstOrDefaultAsync<int?>("SELECT user_account_id FROM user_account WHERE username = @username", new { username });
        if (id is null)
        {
            id = await new UserAccountProcedures(runner, new BenchSession(adminId), new ClinicPasswordHasher())
                .CreateAsync(username, name, role, "bench-verifier-pw-1");
        }
        return id.Value;
    }

    private static async Task StructureAsync(Context c)
    {
        var db = c.Db;
        if (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM staff WHERE family_name LIKE 'Rptdoc%'") > 0)
            return;
        await using var tx = await db.BeginTransactionAsync();
        var doctorNumber = 0;
        for (var k = 0; k < Departments.Length; k++)
        {
            var department = await db.ExecuteScalarAsync<int>(
                "INSERT INTO department (name) VALUES (@name); SELECT LAST_INSERT_ID();", new { name = Departments[k].Department }, tx);
            var specialisation = await db.ExecuteScalarAsync<int>(
                "INSERT INTO specialisation (name, default_appointment_minutes) VALUES (@name, 10); SELECT LAST_INSERT_ID();",
                new { name = Departments[k].Specialisation }, tx);
            for (var i = 0; i < DoctorsPerDepartment; i++, doctorNumber++)
            {
                var staff = await db.ExecuteScalarAsync<int>(
                    """
                    INSERT INTO staff (given_name, family_name, staff_role, department_id, specialisation_id, consultation_fee)
                    VALUES (@given, @family, 'doctor', @department, @specialisation, @fee); SELECT LAST_INSERT_ID();
                    """,
                    new { given = Dataset.GivenNames[doctorNumber % Dataset.GivenNames.Length], family = $"Rptdoc{doctorNumber:D2}", department, specialisation, fee = 20_000 + 5_000 * (k % 4) }, tx);
                await db.ExecuteAsync(
                    $"""
                    INSERT INTO doctor_working_hours (staff_id, weekday, starts_at, ends_at)
                    SELECT @staff, d.d + 1, '07:00:00', '19:00:00' FROM {Digits("d")} WHERE d.d < 7
                    """, new { staff }, tx);
                // Five weeks of leave over the two years, at different times for each doctor.
                for (var j = 0; j < 5; j++)
                {
                    var from = c.Day0.AddDays(40 + j * 140 + doctorNumber * 3);
                    await db.ExecuteAsync(
                        "INSERT INTO doctor_schedule_exception (staff_id, kind, starts_at, ends_at, reason) VALUES (@staff, 'leave', @from, @to, 'Annual leave')",
                        new { staff, from, to = from.AddDays(7) }, tx);
                }
                foreach (var holiday in new[] { new DateTime(DateTime.Today.Year - 1, 12, 25), new DateTime(DateTime.Today.Year, 1, 1) })
                    await db.ExecuteAsync(
                        "INSERT INTO doctor_schedule_exception (staff_id, kind, starts_at, ends_at, reason) VALUES (@staff, 'holiday', @holiday, @next, 'Public holiday')",
                        new { staff, holiday, next = holiday.AddDays(1) }, tx);
            }
        }
        var departmentIds = (await db.QueryAsync<int>("SELECT department_id FROM department ORDER BY department_id", transaction: tx)).ToArray();
        var others = new List<(string Role, int? Department)>();
        for (var i = 0; i < Nurses; i++)
            others.Add(("nurse", departmentIds[i % departmentIds.Length]));
        for (var i = 0; i < Pharmacists; i++)
            others.Add(("pharmacist", null));
        for (var i = 0; i < Receptionists; i++)
            others.Add(("receptionist", i < 4 ? departmentIds[0] : null));
        for (var i = 0; i < others.Count; i++)
            await db.ExecuteAsync(
                "INSERT INTO staff (given_name, family_name, staff_role, department_id) VALUES (@given, @family, @role, @department)",
                new { given = Dataset.GivenNames[(i + 7) % Dataset.GivenNames.Length], family = $"Rptstaff{i:D2}", role = others[i].Role, department = others[i].Department }, tx);
        for (var r = 0; r < Rooms; r++)
            await db.ExecuteAsync(
                "INSERT INTO room (name, room_type, department_id) VALUES (@name, @type, @department)",
                new
                {
                    name = $"Room {r + 1:D2}",
                    type = r < 16 ? "consultation" : r < 18 ? "examination" : r < 19 ? "procedure" : "laboratory",
                    department = r < 16 ? departmentIds[r / 2] : (int?)null,
                }, tx);
        foreach (var t in LabTests)
        {
            var test = await db.ExecuteScalarAsync<int>(
                "INSERT INTO lab_test (code, name, specimen, unit, price) VALUES (@Code, @Name, @Specimen, @Unit, 15000); SELECT LAST_INSERT_ID();", new { t.Code, t.Name, t.Specimen, t.Unit }, tx);
            await db.ExecuteAsync(
                "INSERT INTO lab_reference_range (lab_test_id, sex, age_min_years, age_max_years, low_value, high_value) VALUES (@test, 'any', 0, 150, @Low, @High)",
                new { test, t.Low, t.High }, tx);
        }
        for (var k = 0; k < Substances.Length * Strengths.Length; k++)
        {
            var substance = Substances[k / Strengths.Length];
            var medication = await db.ExecuteScalarAsync<int>(
                """
                INSERT INTO medication (name, generic_substance, form, strength, unit_price, reorder_level)
                VALUES (@name, @substance, 'tablet', @strength, @price, @reorder); SELECT LAST_INSERT_ID();
                """,
                new { name = $"{substance} {Strengths[k % Strengths.Length]} strength", substance, strength = Strengths[k % Strengths.Length], price = 200 + k * 131 % 3000, reorder = 200 + k * 37 % 800 }, tx);
            for (var j = 0; j < LotsPerMedication; j++)
            {
                // Lot 0 expired, lot 1 expiring within 90 days, lots 2 and 3 good; every fifth medication is short.
                var expiry = j switch { 0 => DateTime.Today.AddDays(-20 - k), 1 => DateTime.Today.AddDays(20 + k), 2 => DateTime.Today.AddDays(200 + 3 * k), _ => DateTime.Today.AddDays(500 + k) };
                var onHand = k % 5 == 0 ? (j == 0 ? 30 : j == 1 ? 10 : 0) : j switch { 0 => 40 + k, 1 => 100 + 7 * k, 2 => 2_000 + 13 * k, _ => 5_000 };
                await db.ExecuteAsync(
                    """
                    INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost, received_date, supplier, received_by)
                    VALUES (@medication, @batch, @expiry, 100000, @onHand, @cost, @received, 'National Medical Stores', @admin)
                    """,
                    new { medication, batch = $"RB-{k:D2}-{j}", expiry, onHand, cost = (200 + k * 131 % 3000) * 0.6m, received = expiry.AddYears(-2), admin = c.AdminId }, tx);
            }
        }
        // A 12-hour shift a day for every benchmark staff member, one day off a week; a third of the nurses on nights.
        await db.ExecuteAsync(
            $"""
            INSERT INTO staff_shift (staff_id, starts_at, ends_at)
            SELECT s.staff_id,
                   @day0 + INTERVAL n.n DAY + INTERVAL (CASE WHEN s.staff_role = 'nurse' AND s.staff_id % 3 = 0 THEN 19 ELSE 7 END) HOUR,
                   @day0 + INTERVAL n.n DAY + INTERVAL (CASE WHEN s.staff_role = 'nurse' AND s.staff_id % 3 = 0 THEN 31 ELSE 19 END) HOUR
              FROM staff AS s
             CROSS JOIN (SELECT a.d + 10 * b.d + 100 * c.d AS n FROM {Digits("a")} CROSS JOIN {Digits("b")} CROSS JOIN {Digits("c")}) AS n
             WHERE (s.family_name LIKE 'Rptdoc%' OR s.family_name LIKE 'Rptstaff%') AND n.n < @days AND (n.n + s.staff_id) % 7 <> 0
            """, new { day0 = c.Day0, days = PastDays + FutureDays }, tx, commandTimeout: 3600);
        await tx.CommitAsync();
    }

    /// <summary>Numbered lookups for the set-based inserts, on this connection only.</summary>
    private static async Task TempTablesAsync(Context c)
    {
        await c.Db.ExecuteAsync(
            """
            DROP TEMPORARY TABLE IF EXISTS bench_patient, bench_doctor, bench_icd, bench_lab, bench_med, bench_lot;
            CREATE TEMPORARY TABLE bench_patient (k INT NOT NULL PRIMARY KEY, patient_id INT UNSIGNED NOT NULL);
            CREATE TEMPORARY TABLE bench_doctor (k INT NOT NULL PRIMARY KEY, staff_id INT UNSIGNED NOT NULL, room_id INT UNSIGNED NULL);
            CREATE TEMPORARY TABLE bench_icd (k INT NOT NULL PRIMARY KEY, code VARCHAR(8) NOT NULL);
            CREATE TEMPORARY TABLE bench_lab (k INT NOT NULL PRIMARY KEY, lab_test_id INT UNSIGNED NOT NULL);
            CREATE TEMPORARY TABLE bench_med (k INT NOT NULL PRIMARY KEY, medication_id INT UNSIGNED NOT NULL);
            CREATE TEMPORARY TABLE bench_lot (medication_id INT UNSIGNED NOT NULL, k INT NOT NULL, stock_lot_id INT UNSIGNED NOT NULL, PRIMARY KEY (medication_id, k));
            """);
        await c.Db.ExecuteAsync(
            "INSERT INTO bench_patient (k, patient_id) SELECT ROW_NUMBER() OVER (ORDER BY patient_id) - 1, patient_id FROM patient ORDER BY patient_id LIMIT @n",
            new { n = c.Patients }, commandTimeout: 600);
        var doctors = (await c.Db.QueryAsync<int>("SELECT staff_id FROM staff WHERE family_name LIKE 'Rptdoc%' ORDER BY family_name")).ToArray();
        var rooms = (await c.Db.QueryAsync<int>("SELECT room_id FROM room WHERE name LIKE 'Room %' ORDER BY name")).ToArray();
        for (var k = 0; k < doctors.Length; k++)
            await c.Db.ExecuteAsync("INSERT INTO bench_doctor (k, staff_id, room_id) VALUES (@k, @staff, @room)",
                new { k, staff = doctors[k], room = k < rooms.Length ? rooms[k] : (int?)null });
        var codes = (await c.Db.QueryAsync<string>("SELECT icd10_code FROM icd10_code WHERE is_active = 1 ORDER BY CRC32(icd10_code), icd10_code")).ToArray();
        for (var k = 0; k < codes.Length; k++)
            await c.Db.ExecuteAsync("INSERT INTO bench_icd (k, code) VALUES (@k, @code)", new { k, code = codes[k] });
        await c.Db.ExecuteAsync("INSERT INTO bench_lab (k, lab_test_id) SELECT lab_test_id - (SELECT MIN(lab_test_id) FROM lab_test WHERE code LIKE 'RB-%'), lab_test_id FROM lab_test WHERE code LIKE 'RB-%'");
        await c.Db.ExecuteAsync("INSERT INTO bench_med (k, medication_id) SELECT medication_id - (SELECT MIN(medication_id) FROM medication), medication_id FROM medication");
        await c.Db.ExecuteAsync("INSERT INTO bench_lot (medication_id, k, stock_lot_id) SELECT medication_id, CAST(SUBSTRING(batch_number, 7) AS SIGNED), stock_lot_id FROM stock_lot WHERE batch_number LIKE 'RB-%'");
    }

    private static async Task<int> CountAsync(Context c, string table) => await c.Db.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table}");

    private static async Task AppointmentsAsync(Context c)
    {
        var doctors = (await c.Db.QueryAsync<(int K, int StaffId, int? RoomId)>("SELECT k, staff_id, room_id FROM bench_doctor ORDER BY k")).ToArray();
        var slots = (PastDays + FutureDays) * SlotsPerDay;
        var start = c.Day0.AddHours(7);
        foreach (var (k, doctor, room) in doctors)
        {
            for (var from = 0; from < slots; from += Batch)
            {
                var to = Math.Min(slots, from + Batch) - 1;
                // The batch's own slots exactly (a batch may start or end within a day).
                var batchStart = start.AddDays(from / SlotsPerDay).AddMinutes(from % SlotsPerDay * 10);
                var batchEnd = start.AddDays(to / SlotsPerDay).AddMinutes(to % SlotsPerDay * 10 + 10);
                if (await c.Db.ExecuteScalarAsync<long>(
                        "SELECT COUNT(*) FROM appointment WHERE staff_id = @doctor AND starts_at >= @batchStart AND starts_at < @batchEnd",
                        new { doctor, batchStart, batchEnd }) > 0)
                    continue;
                await c.Db.ExecuteAsync(
                    $"""
                    INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status, reason, cancel_reason,
                                             checked_in_at, started_at, completed_at, cancelled_at)
                    SELECT bp.patient_id, @doctor, @room, x.s, x.s + INTERVAL 10 MINUTE, x.st, 'Consultation',
                           CASE WHEN x.st = 'cancelled' THEN ELT(1 + x.n % 3, 'Patient asked to reschedule', 'Doctor unavailable', 'Patient unwell') END,
                           CASE WHEN x.st = 'completed' THEN x.s - INTERVAL (5 + x.h % 20) MINUTE END,
                           CASE WHEN x.st = 'completed' THEN x.s + INTERVAL (x.h % 7) MINUTE END,
                           CASE WHEN x.st = 'completed' THEN x.s + INTERVAL (x.h % 7 + 9) MINUTE END,
                           CASE WHEN x.st = 'cancelled' THEN x.s - INTERVAL (1 + x.h % 3) DAY END
                      FROM (SELECT y.n, y.s, y.h,
                                   CASE WHEN y.s + INTERVAL 30 MINUTE > NOW() THEN 'booked'
                                        WHEN y.h < 55 THEN 'completed' WHEN y.h < 75 THEN 'cancelled' WHEN y.h < 90 THEN 'no_show'
                                        ELSE 'booked' END AS st
                              FROM (SELECT numbers.n, @start + INTERVAL (numbers.n DIV {SlotsPerDay}) DAY + INTERVAL (numbers.n MOD {SlotsPerDay}) * 10 MINUTE AS s,
                                           (numbers.n * 7919 + @k * 31) % 100 AS h
                                      FROM {Numbers}
                                     WHERE numbers.n BETWEEN @from AND @to AND (numbers.n * 13 + @k) % 11 <> 0) AS y) AS x
                      JOIN bench_patient AS bp ON bp.k = (x.n * 7919 + @k * 104729) % @patients
                     WHERE NOT EXISTS (SELECT 1 FROM doctor_schedule_exception AS e
                                        WHERE e.staff_id = @doctor AND e.kind IN ('leave', 'holiday') AND e.starts_at <= x.s AND e.ends_at > x.s)
                    """,
                    new { patients = c.Patients, k, doctor, room, start, from, to }, commandTimeout: 3600);
            }
            Console.Write('.');
        }
        Console.WriteLine();
    }

    /// <summary>Runs <paramref name="sql"/> over id ranges of <paramref name="table"/>.<paramref name="key"/> from <paramref name="resumeFrom"/> on.</summary>
    private static async Task RangesAsync(Context c, string table, string key, long resumeFrom, string sql, object? extra = null, int batch = Batch)
    {
        var max = await c.Db.ExecuteScalarAsync<long?>($"SELECT MAX({key}) FROM {table}") ?? 0;
        for (var a = resumeFrom; a <= max; a += batch)
        {
            var p = new DynamicParameters(extra);
            p.Add("a", a);
            p.Add("b", a + batch - 1);
            p.Add("admin", c.AdminId);
            await c.Db.ExecuteAsync(sql, p, commandTimeout: 3600);
        }
    }

    private static async Task AppointmentVisitsAsync(Context c)
    {
        var from = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(appointment_id) FROM visit") ?? 0) + 1;
        await RangesAsync(c, "appointment", "appointment_id", from,
            """
            INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status)
            SELECT patient_id, staff_id, appointment_id, started_at, 'open'
              FROM appointment WHERE appointment_id BETWEEN @a AND @b AND status = 'completed'
            """);
    }

    private static async Task QueueAsync(Context c)
    {
        var total = PastDays * WalkInsPerDay;
        var have = await CountAsync(c, "queue_entry");
        for (var from = have; from < total; from += Batch)
        {
            var to = Math.Min(total, from + Batch) - 1;
            await c.Db.ExecuteAsync(
                $"""
                INSERT INTO queue_entry (clinic_day, queue_number, patient_id, priority, staff_id, reason, arrived_at, created_by)
                SELECT @day0 + INTERVAL (numbers.n DIV {WalkInsPerDay}) DAY, 1 + numbers.n MOD {WalkInsPerDay},
                       bp.patient_id,
                       CASE WHEN (numbers.n * 7919) % 100 < 3 THEN 'emergency' WHEN (numbers.n * 7919) % 100 < 15 THEN 'urgent' ELSE 'normal' END,
                       CASE WHEN (numbers.n * 104729) % 10 < 3 THEN NULL ELSE d.staff_id END,
                       'Walk-in',
                       @day0 + INTERVAL (numbers.n DIV {WalkInsPerDay}) DAY + INTERVAL 7 HOUR
                             + INTERVAL ((numbers.n MOD {WalkInsPerDay}) * 660 DIV {WalkInsPerDay}) MINUTE,
                       @admin
                  FROM {Numbers}
                  JOIN bench_doctor AS d ON d.k = (numbers.n * 7) % 40
                  JOIN bench_patient AS bp ON bp.k = (numbers.n * 15485863) % @patients
                 WHERE numbers.n BETWEEN @from AND @to
                """,
                new { day0 = c.Day0, patients = c.Patients, from = from, to, admin = c.AdminId }, commandTimeout: 3600);
        }
        await RangesAsync(c, "queue_entry", "queue_entry_id", 1,
            """
            UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Left before being seen', cancelled_at = arrived_at + INTERVAL 60 MINUTE
             WHERE queue_entry_id BETWEEN @a AND @b AND status = 'waiting' AND (queue_entry_id * 7919) % 100 < 7
            """);
        await RangesAsync(c, "queue_entry", "queue_entry_id", 1,
            """
            UPDATE queue_entry AS q
              JOIN bench_doctor AS d ON d.k = q.queue_entry_id % 40
               SET q.status = 'with_doctor', q.staff_id = COALESCE(q.staff_id, d.staff_id),
                   q.started_at = q.arrived_at + INTERVAL (CASE q.priority WHEN 'emergency' THEN q.queue_entry_id % 10
                                                                           WHEN 'urgent' THEN 5 + q.queue_entry_id % 40
                                                                           ELSE 10 + (q.queue_entry_id * 7) % 140 END) MINUTE
             WHERE q.queue_entry_id BETWEEN @a AND @b AND q.status = 'waiting'
            """);
        await RangesAsync(c, "queue_entry", "queue_entry_id", 1,
            """
            UPDATE queue_entry SET status = 'completed', completed_at = started_at + INTERVAL (8 + queue_entry_id % 15) MINUTE
             WHERE queue_entry_id BETWEEN @a AND @b AND status = 'with_doctor'
            """);
        var visitsFrom = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(queue_entry_id) FROM visit") ?? 0) + 1;
        await RangesAsync(c, "queue_entry", "queue_entry_id", visitsFrom,
            """
            INSERT INTO visit (patient_id, staff_id, queue_entry_id, started_at, status)
            SELECT patient_id, staff_id, queue_entry_id, started_at, 'open'
              FROM queue_entry WHERE queue_entry_id BETWEEN @a AND @b AND status IN ('with_doctor', 'completed')
            """);
    }

    private static async Task DiagnosesAsync(Context c)
    {
        var codes = await CountAsync(c, "bench_icd");
        var from = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(visit_id) FROM visit_diagnosis") ?? 0) + 1;
        await RangesAsync(c, "visit", "visit_id", from,
            """
            INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
            SELECT v.visit_id, v.patient_id, i.code, 1, @admin, v.started_at + INTERVAL 8 MINUTE
              FROM visit AS v
              JOIN bench_icd AS i ON i.k = FLOOR(@codes * POW(((v.visit_id * 7919) % 1000) / 1000, 3))
             WHERE v.visit_id BETWEEN @a AND @b AND v.visit_id % 4 <> 0 AND v.status = 'open';
            INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
            SELECT v.visit_id, v.patient_id, i.code, 0, @admin, v.started_at + INTERVAL 9 MINUTE
              FROM visit AS v
              JOIN bench_icd AS i ON i.k = (FLOOR(@codes * POW(((v.visit_id * 7919) % 1000) / 1000, 3)) + 17) % @codes
             WHERE v.visit_id BETWEEN @a AND @b AND v.visit_id % 10 = 1 AND v.status = 'open';
            """, new { codes });
    }

    private static async Task LabAsync(Context c)
    {
        var from = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(visit_id) FROM lab_order") ?? 0) + 1;
        await RangesAsync(c, "visit", "visit_id", from,
            """
            INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, ordered_at)
            SELECT v.visit_id, v.patient_id, t.lab_test_id, @admin, v.started_at + INTERVAL 6 MINUTE
              FROM visit AS v
              JOIN bench_lab AS t ON t.k = (v.visit_id * 31) % @tests
             WHERE v.visit_id BETWEEN @a AND @b AND v.visit_id % 4 = 1
            """, new { tests = LabTests.Length });
        var cutoff = DateTime.Now.AddDays(-1);
        await RangesAsync(c, "lab_order", "lab_order_id", 1,
            """
            UPDATE lab_order SET status = 'cancelled', cancelled_by = @admin, cancelled_at = ordered_at + INTERVAL 30 MINUTE,
                                 cancel_reason = 'Specimen could not be taken'
             WHERE lab_order_id BETWEEN @a AND @b AND status = 'ordered' AND (lab_order_id * 7919) % 100 < 3 AND ordered_at < @cutoff;
            UPDATE lab_order SET status = 'specimen_collected', collected_by = @admin,
                                 collected_at = ordered_at + INTERVAL (5 + lab_order_id % 20) MINUTE
             WHERE lab_order_id BETWEEN @a AND @b AND status = 'ordered' AND ordered_at < @cutoff;
            UPDATE lab_order AS o
              JOIN lab_test AS t ON t.lab_test_id = o.lab_test_id
              JOIN lab_reference_range AS r ON r.lab_test_id = o.lab_test_id AND r.sex = 'any' AND r.age_min_years = 0
               SET o.status = 'resulted',
                   o.result_value = GREATEST(0, ROUND(r.low_value + (r.high_value - r.low_value) * (CAST((o.lab_order_id * 7919) % 140 AS SIGNED) - 10) / 100, 2)),
                   o.result_unit = t.unit, o.reference_low = r.low_value, o.reference_high = r.high_value, o.resulted_by = @admin,
                   o.resulted_at = o.collected_at + INTERVAL (30 + (o.lab_order_id * 13) % 240) MINUTE
             WHERE o.lab_order_id BETWEEN @a AND @b AND o.status = 'specimen_collected';
            UPDATE lab_order SET status = 'verified', verified_by = @verifier,
                                 verified_at = resulted_at + INTERVAL (10 + (lab_order_id * 17) % 120) MINUTE
             WHERE lab_order_id BETWEEN @a AND @b AND status = 'resulted' AND lab_order_id % 10 <> 0;
            """, new { cutoff, verifier = c.VerifierId });
    }

    private static async Task PrescriptionsAsync(Context c)
    {
        var from = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(visit_id) FROM prescription") ?? 0) + 1;
        await RangesAsync(c, "visit", "visit_id", from,
            """
            INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at)
            SELECT visit_id, patient_id, staff_id, @admin, started_at + INTERVAL 12 MINUTE
              FROM visit WHERE visit_id BETWEEN @a AND @b AND visit_id % 20 < 9 AND staff_id IS NOT NULL
            """);
        var items = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(prescription_id) FROM prescription_item") ?? 0) + 1;
        await RangesAsync(c, "prescription", "prescription_id", items,
            """
            INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date)
            SELECT p.prescription_id, m.medication_id, '1 tablet', 'oral', 'three times a day', 3 + (p.prescription_id + i.i) % 3 * 2,
                   10 + (p.prescription_id * 13 + i.i) % 20, DATE(p.issued_at),
                   DATE(p.issued_at) + INTERVAL (3 + (p.prescription_id + i.i) % 3 * 2) DAY
              FROM prescription AS p
              JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2) AS i ON i.i <= p.prescription_id % 3
              JOIN bench_med AS m ON m.k = (p.prescription_id * 7 + i.i * 11) % @meds
             WHERE p.prescription_id BETWEEN @a AND @b
            """, new { meds = Substances.Length * Strengths.Length });
    }

    private static async Task DispensingAsync(Context c)
    {
        var from = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(prescription_id) FROM dispensing") ?? 0) + 1;
        var cutoff = DateTime.Now.AddHours(-2);
        await RangesAsync(c, "prescription", "prescription_id", from,
            """
            INSERT INTO dispensing (receipt_number, prescription_id, patient_id, dispensed_by, dispensed_at, total_amount)
            SELECT CONCAT('RB', LPAD(p.prescription_id, 10, '0')), p.prescription_id, p.patient_id, @admin,
                   p.issued_at + INTERVAL (15 + p.prescription_id % 60) MINUTE, SUM(pi.quantity * m.unit_price)
              FROM prescription AS p
              JOIN prescription_item AS pi ON pi.prescription_id = p.prescription_id
              JOIN medication AS m ON m.medication_id = pi.medication_id
             WHERE p.prescription_id BETWEEN @a AND @b AND p.prescription_id % 20 < 17 AND p.issued_at < @cutoff AND p.status = 'issued'
             GROUP BY p.prescription_id, p.patient_id, p.issued_at
            """, new { cutoff });
        var lines = (await c.Db.ExecuteScalarAsync<long?>("SELECT MAX(dispensing_id) FROM dispensing_line") ?? 0) + 1;
        await RangesAsync(c, "dispensing", "dispensing_id", lines,
            """
            INSERT INTO dispensing_line (dispensing_id, prescription_item_id, stock_lot_id, quantity, unit_price)
            SELECT d.dispensing_id, pi.prescription_item_id, l.stock_lot_id, pi.quantity, m.unit_price
              FROM dispensing AS d
              JOIN prescription_item AS pi ON pi.prescription_id = d.prescription_id
              JOIN medication AS m ON m.medication_id = pi.medication_id
              JOIN bench_lot AS l ON l.medication_id = pi.medication_id AND l.k = 1 + pi.prescription_item_id % 3
             WHERE d.dispensing_id BETWEEN @a AND @b
            """);
        await RangesAsync(c, "dispensing", "dispensing_id", 1,
            """
            UPDATE prescription_item AS pi
              JOIN dispensing AS d ON d.prescription_id = pi.prescription_id
               SET pi.quantity_dispensed = pi.quantity
             WHERE d.dispensing_id BETWEEN @a AND @b AND pi.quantity_dispensed = 0;
            UPDATE prescription AS p
              JOIN dispensing AS d ON d.prescription_id = p.prescription_id
               SET p.status = 'dispensed', p.dispensed_at = d.dispensed_at
             WHERE d.dispensing_id BETWEEN @a AND @b AND p.status = 'issued';
            """);
        await RangesAsync(c, "prescription", "prescription_id", 1,
            """
            UPDATE prescription SET status = 'cancelled', cancel_reason = 'Patient declined the medicines', cancelled_by = @admin,
                                    cancelled_at = issued_at + INTERVAL 1 DAY
             WHERE prescription_id BETWEEN @a AND @b AND status = 'issued' AND prescription_id % 20 = 19 AND issued_at < @cutoff
            """, new { cutoff = DateTime.Now.AddDays(-2) });
    }

    private static async Task CloseVisitsAsync(Context c)
    {
        await RangesAsync(c, "visit", "visit_id", 1,
            """
            UPDATE visit SET status = 'closed', closed_at = started_at + INTERVAL 25 MINUTE, closed_by = @admin
             WHERE visit_id BETWEEN @a AND @b AND status = 'open' AND started_at < @cutoff
            """, new { cutoff = DateTime.Today.AddDays(-1) });
    }

    public static async Task PrintSizesAsync(string adminDb)
    {
        await using var db = new MySqlConnection(adminDb);
        Console.WriteLine();
        Console.WriteLine("| table | rows |");
        Console.WriteLine("|---|---:|");
        foreach (var table in new[]
                 {
                     "patient", "staff", "department", "room", "doctor_working_hours", "doctor_schedule_exception", "staff_shift", "appointment",
                     "queue_entry", "visit", "visit_diagnosis", "lab_order", "prescription", "prescription_item", "dispensing",
                     "dispensing_line", "medication", "stock_lot", "invoice", "payment",
                 })
            Console.WriteLine($"| {table} | {await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", commandTimeout: 600):N0} |");
    }

    /// <summary>Times one year of every rpt_* view in the catalogue, read fully as the analyst account.</summary>
    public static async Task MeasureAsync(string analyst, int runs)
    {
        await using var db = new MySqlConnection(analyst);
        await db.OpenAsync();
        var views = (await db.QueryAsync<string>("SELECT view_name FROM rpt_catalog WHERE position = 0 ORDER BY view_name"))
            .Where(v => Regex.IsMatch(v, "^rpt_[a-z0-9_]+$")).ToArray();
        var to = DateTime.Today;
        var from = to.AddYears(-1);
        Console.WriteLine();
        Console.WriteLine($"| view (one year: {from:yyyy-MM-dd} to {to:yyyy-MM-dd}) | filter | rows | median ms | max ms | <= 1000 ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (var view in views)
        {
            var column = DateColumns.GetValueOrDefault(view);
            var sql = column is null ? $"SELECT * FROM `{view}`" : $"SELECT * FROM `{view}` WHERE `{column}` BETWEEN @from AND @to";
            var samples = new List<double>();
            long rows = 0;
            string? error = null;
            try
            {
                var warm = await ReadAllAsync(db, sql, from, to);
                var n = warm.Ms > 20_000 ? 1 : runs;
                for (var i = 0; i < n; i++)
                {
                    var (r, ms) = await ReadAllAsync(db, sql, from, to);
                    rows = r;
                    samples.Add(ms);
                }
            }
            catch (MySqlException ex)
            {
                error = ex.Message;
            }
            if (error is not null)
            {
                Console.WriteLine($"| {view} | {column ?? "whole view"} | error: {error.Replace('|', '/')} | | | |");
                continue;
            }
            samples.Sort();
            var median = samples[samples.Count / 2];
            Console.WriteLine($"| {view} | {(column is null ? "whole view" : column)} | {rows:N0} | {median:N0} | {samples[^1]:N0} | {(samples[^1] <= 1000 ? "yes" : median <= 1000 ? "median only" : "**no**")} |");
        }
    }

    private static async Task<(long Rows, double Ms)> ReadAllAsync(MySqlConnection db, string sql, DateTime from, DateTime to)
    {
        var watch = Stopwatch.StartNew();
        await using var command = new MySqlCommand(sql, db) { CommandTimeout = 900 };
        command.Parameters.AddWithValue("@from", from);
        command.Parameters.AddWithValue("@to", to);
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return (rows, watch.Elapsed.TotalMilliseconds);
    }
}
