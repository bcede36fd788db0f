-- import_visit_rows
-- INTERNAL: not executable by the app account; called by import_visit_check and import_visit_apply.
-- Reads the rows of a visit import (import_row, kind 'visit', columns in 0090; rows marked skipped are left
-- out) into temporary tables, set-based (a few statements over the whole file, whatever its size):
--   tmp_import_visit, one row per line: the cells; the appointment found by the external id of an earlier
--     appointment import (import_key kind 'appointment') with its status, patient, doctor and times (the
--     visit starts when the appointment started, COALESCE(started_at, starts_at), and closes when it was
--     completed, COALESCE(completed_at, ends_at)); the visit it already has (appointment_record_past and the
--     appointment import give a completed appointment a closed, empty visit) and whether anything is
--     recorded on that visit (note, vitals, diagnoses, addenda, lab orders, prescriptions, charges, invoices);
--     the vital signs parsed (whole numbers; temperature, weight and height as decimals rounded to the
--     stored precision as vital_sign_record does; NULL when empty or not a number);
--   tmp_import_visit_dx, one row per ICD-10 code of the diagnoses cell (split at ';', empty parts ignored):
--     the code as written, normalised as visit_diagnosis_add does (trimmed, upper case, "E119" -> "E11.9"),
--     its place in the cell (seq), its place among the codes (nth: the first code, nth = 1, is the primary
--     diagnosis), and whether the code list has it active.
-- The tables outlive the call: the caller reads them, and ends with
-- DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_dx; DROP TEMPORARY TABLE IF EXISTS tmp_import_visit; when done.
DROP PROCEDURE IF EXISTS import_visit_rows;
DELIMITER $$
CREATE PROCEDURE import_visit_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit;
    CREATE TEMPORARY TABLE tmp_import_visit (
        line_no            INT UNSIGNED  NOT NULL,
        external_id        VARCHAR(500)  NULL,
        appointment_text   VARCHAR(500)  NULL,
        appointment_id     INT UNSIGNED  NULL,
        appointment_status VARCHAR(11)   NULL,
        patient_id         INT UNSIGNED  NULL,
        staff_id           INT UNSIGNED  NULL,
        started_at         DATETIME      NULL,
        closed_at          DATETIME      NULL,
        old_visit_id       INT UNSIGNED  NULL,
        old_visit_status   VARCHAR(6)    NULL,
        old_visit_used     TINYINT       NOT NULL DEFAULT 0,
        systolic_text      VARCHAR(500)  NULL,
        diastolic_text     VARCHAR(500)  NULL,
        pulse_text         VARCHAR(500)  NULL,
        temperature_text   VARCHAR(500)  NULL,
        respiratory_text   VARCHAR(500)  NULL,
        spo2_text          VARCHAR(500)  NULL,
        weight_text        VARCHAR(500)  NULL,
        height_text        VARCHAR(500)  NULL,
        systolic_mmhg      INT           NULL,
        diastolic_mmhg     INT           NULL,
        pulse_bpm          INT           NULL,
        temperature_c      DECIMAL(10,1) NULL,
        respiratory_rate   INT           NULL,
        spo2_pct           INT           NULL,
        weight_kg          DECIMAL(10,2) NULL,
        height_cm          DECIMAL(10,1) NULL,
        subjective         VARCHAR(500)  NULL,
        objective          VARCHAR(500)  NULL,
        assessment         VARCHAR(500)  NULL,
        plan               VARCHAR(500)  NULL,
        diagnoses_text     VARCHAR(500)  NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_visit_appointment (appointment_id, line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    INSERT INTO tmp_import_visit (line_no, external_id, appointment_text, appointment_id, appointment_status, patient_id, staff_id,
                                  started_at, closed_at, old_visit_id, old_visit_status,
                                  systolic_text, diastolic_text, pulse_text, temperature_text, respiratory_text, spo2_text,
                                  weight_text, height_text, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c,
                                  respiratory_rate, spo2_pct, weight_kg, height_cm,
                                  subjective, objective, assessment, plan, diagnoses_text)
    SELECT r.line_no, r.c01, r.c02, a.appointment_id, a.status, a.patient_id, a.staff_id,
           COALESCE(a.started_at, a.starts_at), COALESCE(a.completed_at, a.ends_at), v.visit_id, v.status,
           r.c03, r.c04, r.c05, r.c06, r.c07, r.c08, r.c09, r.c10,
           IF(r.c03 REGEXP '^[0-9]{1,6}$', CAST(r.c03 AS UNSIGNED), NULL),
           IF(r.c04 REGEXP '^[0-9]{1,6}$', CAST(r.c04 AS UNSIGNED), NULL),
           IF(r.c05 REGEXP '^[0-9]{1,6}$', CAST(r.c05 AS UNSIGNED), NULL),
           IF(r.c06 REGEXP '^[0-9]{1,6}([.][0-9]{1,4})?$', ROUND(CAST(r.c06 AS DECIMAL(12,4)), 1), NULL),
           IF(r.c07 REGEXP '^[0-9]{1,6}$', CAST(r.c07 AS UNSIGNED), NULL),
           IF(r.c08 REGEXP '^[0-9]{1,6}$', CAST(r.c08 AS UNSIGNED), NULL),
           IF(r.c09 REGEXP '^[0-9]{1,6}([.][0-9]{1,4})?$', ROUND(CAST(r.c09 AS DECIMAL(12,4)), 2), NULL),
           IF(r.c10 REGEXP '^[0-9]{1,6}([.][0-9]{1,4})?$', ROUND(CAST(r.c10 AS DECIMAL(12,4)), 1), NULL),
           r.c11, r.c12, r.c13, r.c14, r.c15
      FROM import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'appointment' AND k.external_id = r.c02
      LEFT JOIN appointment AS a ON a.appointment_id = k.entity_id
      LEFT JOIN visit AS v ON v.appointment_id = a.appointment_id
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped');

    UPDATE tmp_import_visit AS t
       SET t.old_visit_used = 1
     WHERE t.old_visit_id IS NOT NULL
       AND (EXISTS (SELECT 1 FROM visit_note AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM vital_sign AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM visit_diagnosis AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM visit_addendum AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM lab_order AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM prescription AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM invoice AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM charge AS x WHERE x.visit_id = t.old_visit_id)
            OR EXISTS (SELECT 1 FROM service_charge AS x WHERE x.visit_id = t.old_visit_id));

    -- The codes of the diagnoses cell: part n of the cell for n = 1 .. the number of ';' + 1 (at most 50).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_dx;
    CREATE TEMPORARY TABLE tmp_import_visit_dx (
        line_no   INT UNSIGNED NOT NULL,
        seq       INT UNSIGNED NOT NULL,
        code_text VARCHAR(500) NOT NULL,
        code      VARCHAR(500) NOT NULL,
        nth       INT UNSIGNED NOT NULL,
        is_known  TINYINT      NOT NULL DEFAULT 0,
        PRIMARY KEY (line_no, seq),
        KEY ix_tmp_import_visit_dx_code (code)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_visit_dx (line_no, seq, code_text, code, nth)
    SELECT q.line_no, q.n, q.part,
           IF(CHAR_LENGTH(UPPER(q.part)) > 3 AND LOCATE('.', q.part) = 0,
              CONCAT(LEFT(UPPER(q.part), 3), '.', SUBSTRING(UPPER(q.part), 4)), UPPER(q.part)),
           ROW_NUMBER() OVER (PARTITION BY q.line_no ORDER BY q.n)
      FROM (SELECT p.line_no, p.n, p.part FROM (SELECT t.line_no, n.n, TRIM(SUBSTRING_INDEX(SUBSTRING_INDEX(t.diagnoses_text, ';', n.n), ';', -1)) AS part
              FROM tmp_import_visit AS t
              JOIN (SELECT d1.d * 10 + d0.d + 1 AS n
                      FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d0
                      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d1) AS n
                ON n.n <= CHAR_LENGTH(t.diagnoses_text) - CHAR_LENGTH(REPLACE(t.diagnoses_text, ';', '')) + 1
             WHERE t.diagnoses_text IS NOT NULL) AS p
             WHERE p.part <> '') AS q;
    UPDATE tmp_import_visit_dx AS d
      JOIN icd10_code AS c ON c.icd10_code = d.code AND c.is_active = 1
       SET d.is_known = 1;
END$$
DELIMITER ;
