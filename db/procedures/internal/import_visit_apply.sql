-- import_visit_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_visit_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, as visit_record_past records a visit that
-- already happened, but on the row's completed appointment:
--   * the closed, empty visit the appointment already has (appointment_record_past and the appointment import
--     give every completed appointment one; the check made sure nothing is recorded on it) is replaced: a
--     closed visit never reopens and nothing is added to it (visit_status_guard, *_closed_guard_*), so the
--     empty one is deleted and the visit is inserted open, for the same appointment, patient and doctor,
--     started when the appointment started;
--   * its SOAP note (when any section is given; updated_by the actor), one set of vital signs (when any is
--     given; recorded by the actor 5 minutes after the start, as visit_record_past), the ICD-10 diagnoses (the
--     first code primary, the others secondary, recorded by the actor at the closing time);
--   * then it is closed when the appointment was completed, signed by the actor.
-- The row triggers do the rest for every row, exactly as for the screens: the audit trail (with
-- @clinic_actor_id), the summaries (report_visit_patient, the diagnosis report) and every closed-visit guard,
-- except that while the notes, vital signs and diagnoses are inserted a row of import_bulk_write (0103, kind
-- 'visit') for this connection makes their audit triggers and visit_diagnosis_report_insert step aside: the same
-- audit rows are written set-based (internal/visit_note_audit_import, vital_sign_audit_import,
-- visit_diagnosis_audit_import) and the diagnoses counted in report_diagnosis_month with one statement, as
-- report_diagnosis_month_put counts one (the month the visit started, code, doctor, age band on that day, sex).
-- The same row makes visit_report_delete and visit_report_insert step aside while the empty visits are deleted and
-- the new ones inserted: the patients of both are then counted afresh in report_visit_patient with one statement,
-- as internal/report_visit_patient_refresh counts one patient (which deleting a visit runs for each row).
-- The closed-visit guards still check every row. A failure deletes the row, and the caller rolls back.
-- Then marks the rows imported with their visit_id (import_row.entity_id) and keeps the external ids in
-- import_key (kind 'visit'), so the same file imported again is skipped. The new visits are matched to the
-- lines by their appointment (one visit per appointment, uq_visit_appointment).
DROP PROCEDURE IF EXISTS import_visit_apply;
DELIMITER $$
CREATE PROCEDURE import_visit_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

    SET @clinic_actor_id = p_actor_id;
    -- The check just before (same call of import_batch_apply) left the parsed file: parse only without it.
    CALL import_rows_parsed(p_import_batch_id, 'visit', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_visit_rows(p_import_batch_id);
    END IF;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_id;
    CREATE TEMPORARY TABLE tmp_import_visit_id (
        line_no        INT UNSIGNED NOT NULL,
        appointment_id INT UNSIGNED NOT NULL,
        old_visit_id   INT UNSIGNED NULL,
        visit_id       INT UNSIGNED NULL,
        PRIMARY KEY (line_no),
        UNIQUE KEY uq_tmp_import_visit_id_appointment (appointment_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_visit_id (line_no, appointment_id, old_visit_id)
    SELECT t.line_no, t.appointment_id, t.old_visit_id
      FROM tmp_import_visit AS t
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid'
     WHERE t.appointment_id IS NOT NULL;

    -- The patients whose visits change: of the empty visits and of the new ones.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_patient;
    CREATE TEMPORARY TABLE tmp_import_visit_patient (
        patient_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (patient_id)
    ) ENGINE = InnoDB;
    INSERT IGNORE INTO tmp_import_visit_patient (patient_id)
    SELECT v.patient_id
      FROM tmp_import_visit_id AS i
      JOIN visit AS v ON v.visit_id = i.old_visit_id;
    INSERT IGNORE INTO tmp_import_visit_patient (patient_id)
    SELECT t.patient_id
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no;

    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'visit', 0);
    -- The empty, closed visit of each appointment (nothing refers to it: checked, and the foreign keys would refuse).
    DELETE v
      FROM visit AS v
      JOIN tmp_import_visit_id AS i ON i.old_visit_id = v.visit_id
     WHERE v.appointment_id = i.appointment_id AND v.status = 'closed';

    INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status)
    SELECT t.patient_id, t.staff_id, t.appointment_id, t.started_at, 'open'
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
     ORDER BY i.line_no;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- report_visit_patient of those patients counted afresh (visit_report_delete and visit_report_insert stepped
    -- aside), as internal/report_visit_patient_refresh counts one: every visit, the first and latest start, the visits
    -- of the 365 days ending today.
    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                      patient_key, sex, date_of_birth, is_active)
    SELECT p.patient_id, x.n_visits, x.first_at, x.last_at, CURDATE(), x.n_recent,
           LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16), p.sex, p.date_of_birth,
           CASE WHEN p.status = 'active' THEN 1 ELSE 0 END
      FROM (SELECT a.patient_id AS patient_of, COUNT(v.visit_id) AS n_visits, MIN(v.started_at) AS first_at,
                   MAX(v.started_at) AS last_at,
                   COALESCE(SUM(CASE WHEN v.started_at >= CURDATE() - INTERVAL 364 DAY THEN 1 ELSE 0 END), 0) AS n_recent
              FROM tmp_import_visit_patient AS a
              LEFT JOIN visit AS v ON v.patient_id = a.patient_id
             GROUP BY a.patient_id) AS x
      JOIN patient AS p ON p.patient_id = x.patient_of
     CROSS JOIN report_secret AS rs
     ORDER BY p.patient_id
    ON DUPLICATE KEY UPDATE visits = x.n_visits, first_started_at = x.first_at, last_started_at = x.last_at,
                            recent_as_of = CURDATE(), recent_visits = x.n_recent;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_patient;
    UPDATE tmp_import_visit_id AS i
      JOIN visit AS v ON v.appointment_id = i.appointment_id
       SET i.visit_id = v.visit_id;

    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'visit', 0);
    INSERT INTO visit_note (visit_id, subjective, objective, assessment, plan, updated_by)
    SELECT i.visit_id, t.subjective, t.objective, t.assessment, t.plan, p_actor_id
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
     WHERE COALESCE(t.subjective, t.objective, t.assessment, t.plan) IS NOT NULL
     ORDER BY i.line_no;

    INSERT INTO vital_sign (visit_id, patient_id, recorded_at, recorded_by, systolic_mmhg, diastolic_mmhg, pulse_bpm,
                            temperature_c, respiratory_rate, spo2_pct, weight_kg, height_cm)
    SELECT i.visit_id, t.patient_id, LEAST(t.started_at + INTERVAL 5 MINUTE, t.closed_at), p_actor_id, t.systolic_mmhg,
           t.diastolic_mmhg, t.pulse_bpm, t.temperature_c, t.respiratory_rate, t.spo2_pct, t.weight_kg, t.height_cm
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
     WHERE COALESCE(t.systolic_mmhg, t.diastolic_mmhg, t.pulse_bpm, t.temperature_c, t.respiratory_rate, t.spo2_pct,
                    t.weight_kg, t.height_cm) IS NOT NULL
     ORDER BY i.line_no;

    INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
    SELECT i.visit_id, t.patient_id, d.code, IF(d.nth = 1, 1, 0), p_actor_id, t.closed_at
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
      JOIN tmp_import_visit_dx AS d ON d.line_no = i.line_no
     ORDER BY i.line_no, d.seq;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- The diagnoses in report_diagnosis_month (visit_diagnosis_report_insert stepped aside), grouped as
    -- report_diagnosis_month_put counts each one, with the visit's start and doctor as they are now (closing below
    -- changes neither).
    INSERT INTO report_diagnosis_month (month_start, icd10_code, staff_id, age_band, sex, diagnoses, primary_diagnoses)
    SELECT x.month_of, x.code_of, x.staff_of, x.band_of, x.sex_of, x.n_all, x.n_primary
      FROM (SELECT DATE(v.started_at) - INTERVAL (DAYOFMONTH(v.started_at) - 1) DAY AS month_of, d.icd10_code AS code_of,
                   COALESCE(v.staff_id, 0) AS staff_of, age_band(p.date_of_birth, DATE(v.started_at)) AS band_of, p.sex AS sex_of,
                   COUNT(*) AS n_all, SUM(d.is_primary) AS n_primary
              FROM tmp_import_visit_id AS i
              JOIN visit_diagnosis AS d ON d.visit_id = i.visit_id
              JOIN visit AS v ON v.visit_id = d.visit_id
              JOIN patient AS p ON p.patient_id = v.patient_id
             GROUP BY month_of, code_of, staff_of, band_of, sex_of) AS x
     ORDER BY x.month_of, x.code_of, x.staff_of, x.band_of, x.sex_of
    ON DUPLICATE KEY UPDATE diagnoses = report_diagnosis_month.diagnoses + x.n_all,
                            primary_diagnoses = report_diagnosis_month.primary_diagnoses + x.n_primary;

    UPDATE visit AS v
      JOIN tmp_import_visit_id AS i ON i.visit_id = v.visit_id
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
       SET v.status = 'closed', v.closed_at = t.closed_at, v.closed_by = p_actor_id;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'visit', t.external_id, i.visit_id, p_import_batch_id
      FROM tmp_import_visit_id AS i
      JOIN tmp_import_visit AS t ON t.line_no = i.line_no
     WHERE t.external_id IS NOT NULL;

    UPDATE import_row AS r
      JOIN tmp_import_visit_id AS i ON i.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = i.visit_id
     WHERE r.import_batch_id = p_import_batch_id;

    -- The audit trail of the notes, vital signs and diagnoses (their audit triggers stepped aside, 0103).
    CALL visit_note_audit_import(p_import_batch_id);
    CALL vital_sign_audit_import(p_import_batch_id);
    CALL visit_diagnosis_audit_import(p_import_batch_id);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_dx;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit;
END$$
DELIMITER ;
