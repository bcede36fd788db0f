-- import_queue_entry_rows
-- INTERNAL: not executable by the app account; called by import_queue_entry_check and import_queue_entry_apply.
-- Reads the rows of a walk-in queue import (import_row, kind 'queue_entry', columns in 0109; rows marked skipped are
-- left out) into the temporary table tmp_import_queue_entry, one row per line, every cell parsed and every name
-- resolved, set-based (a few statements over the whole file, whatever its size):
--   clinic_day (import_date with the setting import.date_formats, once per distinct text); the four times (H:MM or
--     HH:MM, 24-hour clock, import_time; 24:00 is no time of a clinic day) as DATETIMEs of that day;
--   queue_number (a whole number, NULL when empty: the apply numbers it);
--   patient: by MRN, or by the external id of an earlier patient import (import_key kind 'patient'), as the
--     appointment import finds one; walk_in_phone normalised as queue_add does (phone_normalize: '' = not a phone);
--   priority: normal when empty, else lower case; NULL when not normal, urgent or emergency;
--   doctor: by the external id of an earlier staff import (import_key kind 'staff'), else by "Given Family" when
--     exactly one active doctor has that name (as the appointment import);
--   status: completed or cancelled (lower case), NULL for anything else;
--   ends_at: when the entry left the queue (completed_at or cancelled_at), for the rule that a patient is in a day's
--     queue once at a time.
-- The table outlives the call: the caller reads it, and ends with
-- DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry; when done.
DROP PROCEDURE IF EXISTS import_queue_entry_rows;
DELIMITER $$
CREATE PROCEDURE import_queue_entry_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');

    -- Active doctors by "Given Family" (a few hundred rows at most).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_doctor;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_doctor (
        full_name VARCHAR(201) NOT NULL,
        staff_id  INT UNSIGNED NOT NULL,
        doctors   INT          NOT NULL,
        PRIMARY KEY (full_name)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_queue_entry_doctor (full_name, staff_id, doctors)
    SELECT CONCAT(s.given_name, ' ', s.family_name), MIN(s.staff_id), COUNT(*)
      FROM staff AS s
     WHERE s.staff_role = 'doctor' AND s.is_active = 1
     GROUP BY CONCAT(s.given_name, ' ', s.family_name);

    -- Each distinct date text parsed once (a file of many entries holds a few hundred days).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_date;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_date (
        date_text VARCHAR(500) NOT NULL,
        parsed    DATE         NULL,
        PRIMARY KEY (date_text)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_queue_entry_date (date_text)
    SELECT DISTINCT c02 FROM import_row
     WHERE import_batch_id = p_import_batch_id AND (outcome IS NULL OR outcome <> 'skipped') AND c02 IS NOT NULL;
    UPDATE tmp_import_queue_entry_date SET parsed = import_date(date_text, v_formats);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry;
    CREATE TEMPORARY TABLE tmp_import_queue_entry (
        line_no           INT UNSIGNED  NOT NULL,
        external_id       VARCHAR(500)  NULL,
        day_text          VARCHAR(500)  NULL,
        number_text       VARCHAR(500)  NULL,
        patient_text      VARCHAR(500)  NULL,
        walk_in_name      VARCHAR(500)  NULL,
        phone_text        VARCHAR(500)  NULL,
        priority_text     VARCHAR(500)  NULL,
        doctor_text       VARCHAR(500)  NULL,
        arrived_text      VARCHAR(500)  NULL,
        started_text      VARCHAR(500)  NULL,
        completed_text    VARCHAR(500)  NULL,
        cancelled_text    VARCHAR(500)  NULL,
        status_text       VARCHAR(500)  NULL,
        reason            VARCHAR(500)  NULL,
        cancel_reason     VARCHAR(500)  NULL,
        clinic_day        DATE          NULL,
        queue_number      INT UNSIGNED  NULL,
        patient_id        INT UNSIGNED  NULL,
        patient_status    VARCHAR(6)    NULL,
        patient_ambiguous TINYINT       NOT NULL DEFAULT 0,
        walk_in_phone     VARCHAR(20)   NULL,
        priority          VARCHAR(9)    NULL,
        staff_id          INT UNSIGNED  NULL,
        doctor_ok         TINYINT       NULL,
        doctor_namesakes  INT           NULL,
        status            VARCHAR(11)   NULL,
        arrived_at        DATETIME      NULL,
        started_at        DATETIME      NULL,
        completed_at      DATETIME      NULL,
        cancelled_at      DATETIME      NULL,
        ends_at           DATETIME      NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_queue_entry_day (clinic_day, queue_number)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    INSERT INTO tmp_import_queue_entry (line_no, external_id, day_text, number_text, patient_text, walk_in_name, phone_text,
                                        priority_text, doctor_text, arrived_text, started_text, completed_text, cancelled_text,
                                        status_text, reason, cancel_reason, clinic_day, queue_number, patient_id, patient_status,
                                        patient_ambiguous, walk_in_phone, priority, staff_id, doctor_ok, doctor_namesakes, status,
                                        arrived_at, started_at, completed_at, cancelled_at)
    SELECT x.line_no, x.c01, x.c02, x.c03, x.c04, x.c05, x.c06, x.c07, x.c08, x.c09, x.c10, x.c11, x.c12, x.c13, x.c14, x.c15,
           x.clinic_day, x.queue_number, x.patient_id, x.patient_status, x.patient_ambiguous, x.walk_in_phone, x.priority,
           x.staff_id, x.doctor_ok, x.doctor_namesakes, x.status,
           TIMESTAMP(x.clinic_day, x.arrived), TIMESTAMP(x.clinic_day, x.started),
           TIMESTAMP(x.clinic_day, x.completed), TIMESTAMP(x.clinic_day, x.cancelled)
      FROM (SELECT r.line_no, r.c01, r.c02, r.c03, r.c04, r.c05, r.c06, r.c07, r.c08, r.c09, r.c10, r.c11, r.c12, r.c13,
                   r.c14, r.c15,
                   dt.parsed AS clinic_day,
                   CASE WHEN r.c03 REGEXP '^[0-9]{1,5}$' THEN CAST(r.c03 AS UNSIGNED) END AS queue_number,
                   COALESCE(pm.patient_id, pk.patient_id) AS patient_id,
                   COALESCE(pm.status, pk.status) AS patient_status,
                   IF(pm.patient_id IS NOT NULL AND pk.patient_id IS NOT NULL AND pm.patient_id <> pk.patient_id, 1, 0)
                       AS patient_ambiguous,
                   phone_normalize(r.c06) AS walk_in_phone,
                   CASE WHEN r.c07 IS NULL THEN 'normal'
                        WHEN LOWER(r.c07) IN ('normal', 'urgent', 'emergency') THEN LOWER(r.c07) END AS priority,
                   CASE WHEN sk.staff_id IS NOT NULL THEN sk.staff_id WHEN dn.doctors = 1 THEN dn.staff_id END AS staff_id,
                   CASE WHEN sk.staff_id IS NOT NULL THEN IF(sk.staff_role = 'doctor' AND sk.is_active = 1, 1, 0)
                        WHEN dn.doctors = 1 THEN 1 END AS doctor_ok,
                   IF(sk.staff_id IS NULL, COALESCE(dn.doctors, 0), NULL) AS doctor_namesakes,
                   CASE WHEN LOWER(r.c13) IN ('completed', 'cancelled') THEN LOWER(r.c13) END AS status,
                   IF(import_time(r.c09) < '24:00:00', import_time(r.c09), NULL) AS arrived,
                   IF(import_time(r.c10) < '24:00:00', import_time(r.c10), NULL) AS started,
                   IF(import_time(r.c11) < '24:00:00', import_time(r.c11), NULL) AS completed,
                   IF(import_time(r.c12) < '24:00:00', import_time(r.c12), NULL) AS cancelled
              FROM import_row AS r
              LEFT JOIN tmp_import_queue_entry_date AS dt ON dt.date_text = r.c02
              LEFT JOIN patient AS pm ON pm.mrn = r.c04
              LEFT JOIN import_key AS kp ON kp.kind = 'patient' AND kp.external_id = r.c04
              LEFT JOIN patient AS pk ON pk.patient_id = kp.entity_id
              LEFT JOIN import_key AS ks ON ks.kind = 'staff' AND ks.external_id = r.c08
              LEFT JOIN staff AS sk ON sk.staff_id = ks.entity_id
              LEFT JOIN tmp_import_queue_entry_doctor AS dn ON dn.full_name = r.c08
             WHERE r.import_batch_id = p_import_batch_id
               AND (r.outcome IS NULL OR r.outcome <> 'skipped')) AS x;

    UPDATE tmp_import_queue_entry
       SET ends_at = CASE status WHEN 'completed' THEN completed_at WHEN 'cancelled' THEN cancelled_at END;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_doctor;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_date;
END$$
DELIMITER ;
