-- import_lab_order_rows
-- INTERNAL: not executable by the app account; called by import_lab_order_check and import_lab_order_apply.
-- Reads the rows of a lab order import (import_row, kind 'lab_order', columns in 0106; rows marked skipped are
-- left out) into the temporary table tmp_import_lab_order, set-based (a few statements over the whole file):
--   * the cells as written;
--   * the appointment found by the external id of an earlier appointment import (import_key kind 'appointment')
--     with its status, and its visit (one per appointment, uq_visit_appointment): status, start, closing time
--     (closed_at, else the appointment's completion), patient, treating doctor and the doctor's sign-in account;
--   * the test by its catalogue code: id, name, unit, and whether it is measured (a unit or a reference range:
--     its result is a number) or reported as a text (rapid tests, microscopy, urinalysis);
--   * the status (lower case), the result as a number (up to 8 digits and 4 decimals, an optional minus) or NULL;
--   * the five times, each a date in the accepted formats (setting import.date_formats; each distinct date read
--     once) and HH:MM (or HH:MM:SS): *_given as written (NULL when empty or not such a date and time), and the
--     effective ones for the status, as lab_order_record_past derives them when none is written, never later
--     than now: collected 15 minutes after the order, resulted 105 minutes after the collection, verified 2 hours
--     after the result, cancelled 30 minutes after the collection or the order;
--   * the verifier of a verified row: the account named in verified_by, else the treating doctor's account,
--     with its role; the importing user (import_batch.created_by), who collects and enters the result;
--   * the reference range that applies to the patient on the day of collection (lab_reference_range_for with
--     the patient's sex and age_years, exactly as lab_order_result), for a row with a result.
-- The table outlives the call: the caller reads it and ends with DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order; when done.
DROP PROCEDURE IF EXISTS import_lab_order_rows;
DELIMITER $$
CREATE PROCEDURE import_lab_order_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_now DATETIME DEFAULT NOW();
    DECLARE v_actor INT UNSIGNED DEFAULT NULL;

    SELECT created_by INTO v_actor FROM import_batch WHERE import_batch_id = p_import_batch_id;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order;
    CREATE TEMPORARY TABLE tmp_import_lab_order (
        line_no            INT UNSIGNED  NOT NULL,
        external_id        VARCHAR(500)  NULL,
        appointment_text   VARCHAR(500)  NULL,
        appointment_id     INT UNSIGNED  NULL,
        appointment_status VARCHAR(11)   NULL,
        visit_id           INT UNSIGNED  NULL,
        visit_status       VARCHAR(6)    NULL,
        visit_started_at   DATETIME      NULL,
        visit_closed_at    DATETIME      NULL,
        patient_id         INT UNSIGNED  NULL,
        doctor_account_id  INT UNSIGNED  NULL,
        test_text          VARCHAR(500)  NULL,
        lab_test_id        INT UNSIGNED  NULL,
        test_name          VARCHAR(150)  NULL,
        test_unit          VARCHAR(20)   NULL,
        test_measured      TINYINT       NOT NULL DEFAULT 0,
        status_text        VARCHAR(500)  NULL,
        status             VARCHAR(18)   NULL,
        ordered_text       VARCHAR(500)  NULL,
        collected_text     VARCHAR(500)  NULL,
        resulted_text      VARCHAR(500)  NULL,
        verified_text      VARCHAR(500)  NULL,
        cancelled_text     VARCHAR(500)  NULL,
        ordered_at         DATETIME      NULL,
        collected_given    DATETIME      NULL,
        resulted_given     DATETIME      NULL,
        verified_given     DATETIME      NULL,
        cancelled_given    DATETIME      NULL,
        collected_at       DATETIME      NULL,
        resulted_at        DATETIME      NULL,
        verified_at        DATETIME      NULL,
        cancelled_at       DATETIME      NULL,
        result_cell        VARCHAR(500)  NULL,
        result_value       DECIMAL(12,4) NULL,
        result_text        VARCHAR(500)  NULL,
        cancel_reason      VARCHAR(500)  NULL,
        verified_by_text   VARCHAR(500)  NULL,
        verifier_id        INT UNSIGNED  NULL,
        verifier_role      VARCHAR(20)   NULL,
        actor_id           INT UNSIGNED  NULL,
        clinical_note      VARCHAR(500)  NULL,
        reference_low      DECIMAL(12,4) NULL,
        reference_high     DECIMAL(12,4) NULL,
        range_id           INT UNSIGNED  NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_lab_order_visit (visit_id, lab_test_id, ordered_at)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    INSERT INTO tmp_import_lab_order (line_no, external_id, appointment_text, appointment_id, appointment_status, visit_id,
                                      visit_status, visit_started_at, visit_closed_at, patient_id, doctor_account_id,
                                      test_text, lab_test_id, test_name, test_unit, test_measured, status_text, status,
                                      ordered_text, collected_text, resulted_text, verified_text, cancelled_text,
                                      result_cell, result_value, cancel_reason, verified_by_text, actor_id, clinical_note)
    SELECT r.line_no, r.c01, r.c02, a.appointment_id, a.status, v.visit_id, v.status, v.started_at,
           COALESCE(v.closed_at, a.completed_at, a.ends_at), v.patient_id, s.user_account_id,
           r.c03, t.lab_test_id, t.name, t.unit,
           IF(t.unit IS NOT NULL OR EXISTS (SELECT 1 FROM lab_reference_range AS g WHERE g.lab_test_id = t.lab_test_id), 1, 0),
           r.c04, IF(LOWER(r.c04) IN ('resulted', 'verified', 'cancelled'), LOWER(r.c04), NULL),
           r.c05, r.c06, r.c07, r.c08, r.c09,
           r.c10, IF(r.c10 REGEXP '^-?[0-9]{1,8}([.][0-9]{1,4})?$', CAST(r.c10 AS DECIMAL(12,4)), NULL),
           r.c11, r.c12, v_actor, r.c13
      FROM import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'appointment' AND k.external_id = r.c02
      LEFT JOIN appointment AS a ON a.appointment_id = k.entity_id
      LEFT JOIN visit AS v ON v.appointment_id = a.appointment_id
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
      LEFT JOIN lab_test AS t ON t.code = r.c03
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped');

    -- The times: each distinct cell once, each distinct date once (import_date is a stored function).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_time;
    CREATE TEMPORARY TABLE tmp_import_lab_order_time (
        cell_text VARCHAR(500) NOT NULL,
        date_text VARCHAR(500) NULL,
        time_part TIME         NULL,
        parsed    DATETIME     NULL,
        PRIMARY KEY (cell_text)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_lab_order_time (cell_text)
    SELECT x.cell_text
      FROM (SELECT c05 AS cell_text FROM import_row WHERE import_batch_id = p_import_batch_id
            UNION SELECT c06 FROM import_row WHERE import_batch_id = p_import_batch_id
            UNION SELECT c07 FROM import_row WHERE import_batch_id = p_import_batch_id
            UNION SELECT c08 FROM import_row WHERE import_batch_id = p_import_batch_id
            UNION SELECT c09 FROM import_row WHERE import_batch_id = p_import_batch_id) AS x
     WHERE x.cell_text IS NOT NULL;
    UPDATE tmp_import_lab_order_time
       SET date_text = SUBSTRING_INDEX(cell_text, ' ', 1),
           time_part = MAKETIME(CAST(SUBSTRING_INDEX(TRIM(SUBSTRING(cell_text, LOCATE(' ', cell_text) + 1)), ':', 1) AS UNSIGNED),
                                CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(TRIM(SUBSTRING(cell_text, LOCATE(' ', cell_text) + 1)), ':', 2), ':', -1) AS UNSIGNED),
                                IF(TRIM(SUBSTRING(cell_text, LOCATE(' ', cell_text) + 1)) REGEXP ':.*:',
                                   CAST(SUBSTRING_INDEX(TRIM(SUBSTRING(cell_text, LOCATE(' ', cell_text) + 1)), ':', -1) AS UNSIGNED), 0))
     WHERE cell_text REGEXP '^[^ ]+ +([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$';
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_date;
    CREATE TEMPORARY TABLE tmp_import_lab_order_date (
        date_text VARCHAR(500) NOT NULL,
        parsed    DATE         NULL,
        PRIMARY KEY (date_text)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_lab_order_date (date_text)
    SELECT DISTINCT date_text FROM tmp_import_lab_order_time WHERE date_text IS NOT NULL;
    UPDATE tmp_import_lab_order_date SET parsed = import_date(date_text, v_formats);
    UPDATE tmp_import_lab_order_time AS t
      JOIN tmp_import_lab_order_date AS d ON d.date_text = t.date_text
       SET t.parsed = TIMESTAMP(d.parsed, t.time_part)
     WHERE d.parsed IS NOT NULL;

    -- One statement per column: a temporary table is opened once per statement.
    UPDATE tmp_import_lab_order AS o JOIN tmp_import_lab_order_time AS t ON t.cell_text = o.ordered_text SET o.ordered_at = t.parsed;
    UPDATE tmp_import_lab_order AS o JOIN tmp_import_lab_order_time AS t ON t.cell_text = o.collected_text SET o.collected_given = t.parsed;
    UPDATE tmp_import_lab_order AS o JOIN tmp_import_lab_order_time AS t ON t.cell_text = o.resulted_text SET o.resulted_given = t.parsed;
    UPDATE tmp_import_lab_order AS o JOIN tmp_import_lab_order_time AS t ON t.cell_text = o.verified_text SET o.verified_given = t.parsed;
    UPDATE tmp_import_lab_order AS o JOIN tmp_import_lab_order_time AS t ON t.cell_text = o.cancelled_text SET o.cancelled_given = t.parsed;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_date;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_time;

    -- The effective times of the status (left to right: each default counts from the step before).
    UPDATE tmp_import_lab_order
       SET collected_at = CASE WHEN status IN ('resulted', 'verified')
                               THEN COALESCE(collected_given, LEAST(ordered_at + INTERVAL 15 MINUTE, v_now))
                               WHEN status = 'cancelled' THEN collected_given END,
           resulted_at = CASE WHEN status IN ('resulted', 'verified')
                              THEN COALESCE(resulted_given,
                                            LEAST(COALESCE(collected_given, LEAST(ordered_at + INTERVAL 15 MINUTE, v_now))
                                                  + INTERVAL 105 MINUTE, v_now)) END
     WHERE ordered_at IS NOT NULL;
    UPDATE tmp_import_lab_order
       SET verified_at = CASE WHEN status = 'verified' THEN COALESCE(verified_given, LEAST(resulted_at + INTERVAL 2 HOUR, v_now)) END,
           cancelled_at = CASE WHEN status = 'cancelled'
                               THEN COALESCE(cancelled_given, LEAST(COALESCE(collected_given, ordered_at) + INTERVAL 30 MINUTE, v_now)) END
     WHERE ordered_at IS NOT NULL;

    -- The result as the test takes it: a number for a measured test, else the text.
    UPDATE tmp_import_lab_order
       SET result_text = IF(test_measured = 1, NULL, result_cell),
           result_value = IF(test_measured = 1, result_value, NULL);

    -- The verifier of a verified result.
    UPDATE tmp_import_lab_order AS o
      LEFT JOIN user_account AS u ON u.user_account_id = o.doctor_account_id AND o.verified_by_text IS NULL
      LEFT JOIN user_account AS n ON n.username = o.verified_by_text
       SET o.verifier_id = COALESCE(n.user_account_id, u.user_account_id),
           o.verifier_role = COALESCE(n.role_code, u.role_code)
     WHERE o.status = 'verified';

    -- The reference range that applied to the patient on the day of collection, as lab_order_result copies it.
    UPDATE tmp_import_lab_order AS o
      JOIN patient AS p ON p.patient_id = o.patient_id
       SET o.range_id = lab_reference_range_for(o.lab_test_id, p.sex, age_years(p.date_of_birth, DATE(o.collected_at)))
     WHERE o.status IN ('resulted', 'verified') AND o.collected_at IS NOT NULL AND o.lab_test_id IS NOT NULL;
    UPDATE tmp_import_lab_order AS o
      JOIN lab_reference_range AS g ON g.lab_reference_range_id = o.range_id
       SET o.reference_low = g.low_value, o.reference_high = g.high_value;
END$$
DELIMITER ;
