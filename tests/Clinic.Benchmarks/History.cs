using System.Diagnostics;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Dapper;
using MySqlConnector;

/// <summary>
/// Medical history benchmark: one patient (HMS/100000, or the middle patient of a smaller register) with 1,000 closed visits, each with a SOAP
/// note, vital signs, one or two diagnoses, a prescription of two items and a verified lab result,
/// plus a few allergies and problems: about 7,500 history events. Measures patient_history's pages,
/// the vitals trend and the clinical summary through the app account.
/// </summary>
internal static class HistoryBench
{
    public const int Visits = 1000;

    /// <summary>
    /// The patient whose history is loaded: HMS/100000 at the default size (as in earlier results), the middle
    /// patient of a smaller register (the loader numbers patients 1..n), so that the benchmark runs at any size.
    /// </summary>
    public static string Mrn(int patients) => $"HMS/{Math.Min(100_000, Math.Max(1, patients / 2)):D6}";
    private static readonly DateTime Base = new(2026, 11, 1, 9, 0, 0);

    // Codes outside the ICD-10 starter set of migration 0041, so that a bench database loaded before
    // that migration was applied still upgrades (0041 inserts its codes without IGNORE).
    private static readonly (string Code, string Title)[] Codes =
    [
        ("J06.8", "Other acute upper respiratory infections of multiple sites"), ("I15.9", "Secondary hypertension, unspecified"),
        ("E11.8", "Type 2 diabetes mellitus with unspecified complications"),
        ("B53.8", "Other parasitologically confirmed malaria, not elsewhere classified"), ("K29.6", "Other gastritis"),
    ];

    public sealed record Setup(int PatientId, long Events);

    /// <summary>
    /// Loads the patient's record once (every step skips what exists). Rows are written as the schema
    /// owner, in bulk, the way the procedures would leave them: visits open while their notes, vitals,
    /// diagnoses, prescriptions and lab orders are added, then closed; lab orders step through
    /// ordered, collected, resulted and verified (a second person verifies). Returns seconds spent.
    /// </summary>
    public static async Task<(Setup Setup, double Seconds)> EnsureAsync(ProcedureRunner runner, int adminId, string adminDb, int doctorStaffId, int patients)
    {
        await using var connection = new MySqlConnection(adminDb);
        await connection.OpenAsync();
        var mrn = Mrn(patients);
        var patientId = await connection.QueryFirstOrDefaultAsync<int?>("SELECT patient_id FROM patient WHERE mrn = @mrn", new { mrn })
            ?? throw new InvalidOperationException($"patient {mrn} is not loaded");
        var labUser = await connection.QueryFirstOrDefaultAsync<int?>("SELECT user_account_id FROM user_account WHERE username = 'bench.lab'")
            ?? await new UserAccountProcedures(runner, new BenchSession(adminId), new ClinicPasswordHasher())
                .CreateAsync("bench.lab", "Bench Lab Nurse", "nurse", "bench-lab-1");
        var watch = Stopwatch.StartNew();
        var have = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM visit WHERE patient_id = @patientId AND status = 'closed'", new { patientId });

        foreach (var (code, title) in Codes)
            await connection.ExecuteAsync("INSERT IGNORE INTO icd10_code (icd10_code, title) VALUES (@code, @title)", new { code, title });
        await connection.ExecuteAsync(
            """
            INSERT IGNORE INTO medication (name, generic_substance, form, strength, unit_price)
            VALUES ('Bench Amoxicillin', 'amoxicillin', 'capsule', '500 mg', 300), ('Bench Paracetamol', 'paracetamol', 'tablet', '500 mg', 50)
            """);
        await connection.ExecuteAsync(
            "INSERT IGNORE INTO lab_test (code, name, specimen, unit, price) VALUES ('BENCH-HB', 'Bench Haemoglobin', 'blood', 'g/dL', 8000)");
        var labTestId = await connection.ExecuteScalarAsync<int>("SELECT lab_test_id FROM lab_test WHERE code = 'BENCH-HB'");
        if (have >= Visits)
            return (new Setup(patientId, await EventsAsync(connection, patientId)), 0);

        var args = new
        {
            patientId, doctor = doctorStaffId, admin = adminId, lab = labUser, labTestId, baseAt = Base, visits = Visits,
            amoxicillin = await connection.ExecuteScalarAsync<int>("SELECT medication_id FROM medication WHERE name = 'Bench Amoxicillin'"),
            paracetamol = await connection.ExecuteScalarAsync<int>("SELECT medication_id FROM medication WHERE name = 'Bench Paracetamol'"),
        };
        // Only constants of this file are spliced into the SQL below.
        var codes = string.Join(", ", Codes.Select(c => $"'{c.Code}'"));
        string[] steps =
        [
            // 1,000 visits, one a day going back from the base date (none exist yet: see "have").
            $"""
            INSERT INTO visit (patient_id, staff_id, started_at, status)
            SELECT @patientId, @doctor, @baseAt - INTERVAL n DAY, 'open'
              FROM (SELECT a.d + 10 * b.d + 100 * c.d AS n
                      FROM {Digits("a")} CROSS JOIN {Digits("b")} CROSS JOIN {Digits("c")}) AS numbers
             WHERE n < @visits
               AND NOT EXISTS (SELECT 1 FROM visit AS v WHERE v.patient_id = @patientId AND v.started_at = @baseAt - INTERVAL n DAY)
            """,
            """
            INSERT INTO visit_note (visit_id, subjective, objective, assessment, plan, updated_by, created_at)
            SELECT v.visit_id, 'Cough and fever for three days.', 'Throat red, chest clear.',
                   CONCAT('Review ', v.visit_id, ': symptoms improving, blood pressure to be followed up.'),
                   'Amoxicillin for 7 days; paracetamol as needed; review in two weeks.', @admin, v.started_at + INTERVAL 25 MINUTE
              FROM visit AS v LEFT JOIN visit_note AS n ON n.visit_id = v.visit_id
             WHERE v.patient_id = @patientId AND n.visit_id IS NULL
            """,
            """
            INSERT INTO vital_sign (visit_id, patient_id, recorded_at, recorded_by, systolic_mmhg, diastolic_mmhg, pulse_bpm,
                                    temperature_c, respiratory_rate, spo2_pct, weight_kg, height_cm)
            SELECT v.visit_id, v.patient_id, v.started_at + INTERVAL 5 MINUTE, @lab, 115 + v.visit_id % 45, 70 + v.visit_id % 25,
                   62 + v.visit_id % 40, 36.4 + (v.visit_id % 20) / 10, 14 + v.visit_id % 8, 94 + v.visit_id % 6,
                   68 + (v.visit_id % 90) / 10, 168
              FROM visit AS v
             WHERE v.patient_id = @patientId AND NOT EXISTS (SELECT 1 FROM vital_sign AS s WHERE s.visit_id = v.visit_id)
            """,
            $"""
            INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
            SELECT v.visit_id, v.patient_id, ELT(1 + v.visit_id % 5, {codes}), 1, @admin, v.started_at + INTERVAL 10 MINUTE
              FROM visit AS v
             WHERE v.patient_id = @patientId
               AND NOT EXISTS (SELECT 1 FROM visit_diagnosis AS d WHERE d.visit_id = v.visit_id AND d.is_primary = 1)
            """,
            $"""
            INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
            SELECT v.visit_id, v.patient_id, ELT(1 + (v.visit_id + 2) % 5, {codes}), 0, @admin, v.started_at + INTERVAL 11 MINUTE
              FROM visit AS v
             WHERE v.patient_id = @patientId AND v.visit_id % 2 = 0
               AND NOT EXISTS (SELECT 1 FROM visit_diagnosis AS d WHERE d.visit_id = v.visit_id AND d.is_primary = 0)
            """,
            """
            INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at)
            SELECT v.visit_id, v.patient_id, v.staff_id, @admin, v.started_at + INTERVAL 20 MINUTE
              FROM visit AS v
             WHERE v.patient_id = @patientId AND NOT EXISTS (SELECT 1 FROM prescription AS p WHERE p.visit_id = v.visit_id)
            """,
            """
            INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity,
                                           start_date, end_date)
            SELECT p.prescription_id, m.medication_id, '1 tablet', 'oral', IF(m.medication_id = @amoxicillin, 'three times a day', 'as needed'),
                   7, IF(m.medication_id = @amoxicillin, 21, 20), DATE(p.issued_at), DATE(p.issued_at) + INTERVAL 7 DAY
              FROM prescription AS p
              JOIN medication AS m ON m.medication_id IN (@amoxicillin, @paracetamol)
             WHERE p.patient_id = @patientId
               AND NOT EXISTS (SELECT 1 FROM prescription_item AS i WHERE i.prescription_id = p.prescription_id AND i.medication_id = m.medication_id)
            """,
            """
            INSERT INTO lab_order (visit_id, patient_id, lab_test_id, ordered_by, ordered_at)
            SELECT v.visit_id, v.patient_id, @labTestId, @admin, v.started_at + INTERVAL 15 MINUTE
              FROM visit AS v
             WHERE v.patient_id = @patientId AND NOT EXISTS (SELECT 1 FROM lab_order AS o WHERE o.visit_id = v.visit_id)
            """,
            """
            UPDATE lab_order SET status = 'specimen_collected', collected_by = @lab, collected_at = ordered_at + INTERVAL 3 MINUTE
             WHERE patient_id = @patientId AND status = 'ordered'
            """,
            """
            UPDATE lab_order SET status = 'resulted', result_value = 9 + (lab_order_id % 70) / 10, result_unit = 'g/dL',
                   reference_low = 12.0, reference_high = 16.0, resulted_by = @lab, resulted_at = ordered_at + INTERVAL 2 HOUR
             WHERE patient_id = @patientId AND status = 'specimen_collected'
            """,
            """
            UPDATE lab_order SET status = 'verified', verified_by = @admin, verified_at = resulted_at + INTERVAL 1 HOUR
             WHERE patient_id = @patientId AND status = 'resulted'
            """,
            """
            INSERT INTO allergy (patient_id, substance, reaction, severity, recorded_by, recorded_at)
            SELECT @patientId, s.substance, s.reaction, s.severity, @admin, @baseAt - INTERVAL s.days DAY
              FROM (SELECT 'penicillin' AS substance, 'Anaphylaxis' AS reaction, 'life_threatening' AS severity, 900 AS days
                    UNION ALL SELECT 'sulfonamides', 'Rash', 'moderate', 400
                    UNION ALL SELECT 'latex', 'Itching', 'mild', 100) AS s
             WHERE NOT EXISTS (SELECT 1 FROM allergy AS a WHERE a.patient_id = @patientId AND a.substance = s.substance)
            """,
            """
            INSERT INTO problem (patient_id, description, icd10_code, onset_date, recorded_by, recorded_at)
            SELECT @patientId, s.description, s.code, DATE(@baseAt - INTERVAL s.days DAY), @admin, @baseAt - INTERVAL s.days DAY
              FROM (SELECT 'Secondary hypertension' AS description, 'I15.9' AS code, 800 AS days
                    UNION ALL SELECT 'Type 2 diabetes mellitus', 'E11.8', 300) AS s
             WHERE NOT EXISTS (SELECT 1 FROM problem AS p WHERE p.patient_id = @patientId AND p.description = s.description)
            """,
            """
            UPDATE visit SET status = 'closed', closed_at = started_at + INTERVAL 40 MINUTE, closed_by = @admin
             WHERE patient_id = @patientId AND status = 'open'
            """,
            "ANALYZE TABLE visit, visit_note, vital_sign, visit_diagnosis, prescription, prescription_item, lab_order, allergy, problem",
        ];
        foreach (var sql in steps)
            await connection.ExecuteAsync(sql, args, commandTimeout: 600);
        return (new Setup(patientId, await EventsAsync(connection, patientId)), watch.Elapsed.TotalSeconds);
    }

    private static Task<long> EventsAsync(MySqlConnection connection, int patientId) =>
        connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM visit WHERE patient_id = @patientId) + (SELECT COUNT(*) FROM visit_diagnosis WHERE patient_id = @patientId)
                 + (SELECT COUNT(*) FROM vital_sign WHERE patient_id = @patientId) + (SELECT COUNT(*) FROM allergy WHERE patient_id = @patientId)
                 + (SELECT COUNT(*) FROM problem WHERE patient_id = @patientId) + (SELECT COUNT(*) FROM prescription WHERE patient_id = @patientId)
                 + (SELECT COUNT(*) FROM lab_order WHERE patient_id = @patientId AND status IN ('resulted', 'verified'))
            """, new { patientId });

    private static string Digits(string alias) =>
        $"(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 " +
        $"UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS {alias}";

    /// <summary>The history's calls, each measured <paramref name="iterations"/> times after a warm-up.</summary>
    public static async Task<List<(string Name, Stats Stats)>> MeasureAsync(ProcedureRunner runner, int doctorAccountId, Setup setup, int iterations)
    {
        var history = new PatientHistoryProcedures(runner, new BenchSession(doctorAccountId));
        var cases = new (string Name, Func<Task> Call)[]
        {
            ($"patient_history, first page of 20 ({setup.Events:N0} events)", () => history.PageAsync(setup.PatientId, null, 0, 20)),
            ("patient_history, second page (offset 20)", () => history.PageAsync(setup.PatientId, null, 20, 20)),
            ("patient_history, lab results only, first page", () => history.PageAsync(setup.PatientId, [HistoryKind.LabResult], 0, 20)),
            ("patient_history, deep page (offset 1,000)", () => history.PageAsync(setup.PatientId, null, 1000, 20)),
            ("patient_vitals_trend, latest 20", () => history.VitalsTrendAsync(setup.PatientId, 20)),
            ("patient_clinical_summary", () => history.SummaryAsync(setup.PatientId)),
        };
        var results = new List<(string, Stats)>();
        foreach (var (name, call) in cases)
        {
            for (var i = 0; i < 20; i++)
                await call();
            var samples = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                await call();
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            results.Add((name, Stats.Of(samples)));
        }
        return results;
    }
}
