-- import_appointment_rows
-- INTERNAL: not executable by the app account; called by import_appointment_check and import_appointment_apply.
-- Reads the rows of an appointment import (import_row, kind 'appointment'; rows marked skipped are left out)
-- into the temporary table tmp_import_appointment, one row per line, with every cell parsed and every name
-- resolved, set-based (a few statements over the whole file, whatever its size):
--   date (import_date with the setting import.date_formats, once per distinct text), start_time (H:MM or HH:MM, 24-hour clock),
--   duration (whole minutes; default: the doctor's specialisation, else 15, as appointment_create does);
--   patient: by MRN, or by the external id of an earlier patient import (import_key kind 'patient');
--   doctor: by the external id of an earlier staff import (import_key kind 'staff'), else by "Given Family"
--     when exactly one active doctor has that name (doctor_namesakes counts them);
--   room: by name; status: booked when empty, else booked, completed, cancelled or no_show (no-show and
--     no show are read as no_show; anything else leaves status NULL);
--   timing: 'future' for a booking that starts now or later, 'past' for a final status that has ended,
--     NULL for any other combination (the check reports it).
-- The table outlives the call: the caller reads it, and ends with
-- DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment; when done.
DROP PROCEDURE IF EXISTS import_appointment_rows;
DELIMITER $$
CREATE PROCEDURE import_appointment_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_now DATETIME DEFAULT NOW();

    -- Active doctors by "Given Family" (a few hundred rows at most).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_doctor;
    CREATE TEMPORARY TABLE tmp_import_appointment_doctor (
        full_name       VARCHAR(201) NOT NULL,
        staff_id        INT UNSIGNED NOT NULL,
        doctors         INT          NOT NULL,
        default_minutes INT          NULL,
        PRIMARY KEY (full_name)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_appointment_doctor (full_name, staff_id, doctors, default_minutes)
    SELECT CONCAT(s.given_name, ' ', s.family_name), MIN(s.staff_id), COUNT(*), MIN(sp.default_appointment_minutes)
      FROM staff AS s
      LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
     WHERE s.staff_role = 'doctor' AND s.is_active = 1
     GROUP BY CONCAT(s.given_name, ' ', s.family_name);

    -- Each distinct date text parsed once (import_date is a stored function: far too slow to run a million
    -- times; a file of a million appointments holds a few hundred distinct days).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_date;
    CREATE TEMPORARY TABLE tmp_import_appointment_date (
        date_text VARCHAR(500) NOT NULL,
        parsed    DATE         NULL,
        PRIMARY KEY (date_text)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_appointment_date (date_text)
    SELECT DISTINCT c05 FROM import_row
     WHERE import_batch_id = p_import_batch_id AND (outcome IS NULL OR outcome <> 'skipped') AND c05 IS NOT NULL;
    UPDATE tmp_import_appointment_date SET parsed = import_date(date_text, v_formats);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment;
    CREATE TEMPORARY TABLE tmp_import_appointment (
        line_no           INT UNSIGNED NOT NULL,
        external_id       VARCHAR(500) NULL,
        patient_text      VARCHAR(500) NULL,
        doctor_text       VARCHAR(500) NULL,
        room_text         VARCHAR(500) NULL,
        date_text         VARCHAR(500) NULL,
        time_text         VARCHAR(500) NULL,
        minutes_text      VARCHAR(500) NULL,
        status_text       VARCHAR(500) NULL,
        reason            VARCHAR(500) NULL,
        cancel_reason     VARCHAR(500) NULL,
        appointment_date  DATE         NULL,
        start_time        TIME         NULL,
        minutes_given     INT          NULL,
        patient_id        INT UNSIGNED NULL,
        patient_status    VARCHAR(6)   NULL,
        patient_ambiguous TINYINT      NOT NULL DEFAULT 0,
        staff_id          INT UNSIGNED NULL,
        doctor_ok         TINYINT      NULL,
        doctor_namesakes  INT          NULL,
        room_id           INT UNSIGNED NULL,
        room_active       TINYINT      NULL,
        status            VARCHAR(11)  NULL,
        minutes           INT          NULL,
        starts_at         DATETIME     NULL,
        ends_at           DATETIME     NULL,
        timing            VARCHAR(6)   NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    -- One pass over the file: every cell parsed, every name looked up by its unique key. The length is as
    -- given, else the default of the doctor's specialisation, else 15 (appointment_create).
    INSERT INTO tmp_import_appointment (line_no, external_id, patient_text, doctor_text, room_text, date_text, time_text, minutes_text,
                                        status_text, reason, cancel_reason, appointment_date, start_time, minutes_given,
                                        patient_id, patient_status, patient_ambiguous, staff_id, doctor_ok, doctor_namesakes,
                                        room_id, room_active, status, minutes, starts_at, ends_at, timing)
    SELECT x.line_no, x.c01, x.c02, x.c03, x.c04, x.c05, x.c06, x.c07, x.c08, x.c09, x.c10, x.appointment_date, x.start_time, x.minutes_given,
           x.patient_id, x.patient_status, x.patient_ambiguous, x.staff_id, x.doctor_ok, x.doctor_namesakes, x.room_id, x.room_active,
           x.status, x.minutes,
           TIMESTAMP(x.appointment_date, x.start_time),
           IF(x.minutes BETWEEN 5 AND 480, TIMESTAMP(x.appointment_date, x.start_time) + INTERVAL x.minutes MINUTE, NULL),
           CASE WHEN x.minutes NOT BETWEEN 5 AND 480 THEN NULL
                WHEN x.status = 'booked' AND TIMESTAMP(x.appointment_date, x.start_time) >= v_now THEN 'future'
                WHEN x.status IN ('completed', 'cancelled', 'no_show')
                     AND TIMESTAMP(x.appointment_date, x.start_time) + INTERVAL x.minutes MINUTE <= v_now THEN 'past' END
      FROM (SELECT r.line_no, r.c01, r.c02, r.c03, r.c04, r.c05, r.c06, r.c07, r.c08, r.c09, r.c10,
                   dt.parsed AS appointment_date,
                   CASE WHEN r.c06 REGEXP '^([01]?[0-9]|2[0-3]):[0-5][0-9]$'
                        THEN MAKETIME(CAST(SUBSTRING_INDEX(r.c06, ':', 1) AS UNSIGNED), CAST(SUBSTRING_INDEX(r.c06, ':', -1) AS UNSIGNED), 0)
                        END AS start_time,
                   CASE WHEN r.c07 REGEXP '^[0-9]{1,6}$' THEN CAST(r.c07 AS UNSIGNED) END AS minutes_given,
                   COALESCE(pm.patient_id, pk.patient_id) AS patient_id,
                   COALESCE(pm.status, pk.status) AS patient_status,
                   IF(pm.patient_id IS NOT NULL AND pk.patient_id IS NOT NULL AND pm.patient_id <> pk.patient_id, 1, 0) AS patient_ambiguous,
                   CASE WHEN sk.staff_id IS NOT NULL THEN sk.staff_id WHEN dn.doctors = 1 THEN dn.staff_id END AS staff_id,
                   CASE WHEN sk.staff_id IS NOT NULL THEN IF(sk.staff_role = 'doctor' AND sk.is_active = 1, 1, 0)
                        WHEN dn.doctors = 1 THEN 1 END AS doctor_ok,
                   IF(sk.staff_id IS NULL, COALESCE(dn.doctors, 0), NULL) AS doctor_namesakes,
                   rm.room_id, rm.is_active AS room_active,
                   CASE WHEN r.c08 IS NULL THEN 'booked'
                        WHEN LOWER(REPLACE(REPLACE(r.c08, '-', '_'), ' ', '_')) IN ('booked', 'completed', 'cancelled', 'no_show')
                        THEN LOWER(REPLACE(REPLACE(r.c08, '-', '_'), ' ', '_')) END AS status,
                   COALESCE(CASE WHEN r.c07 REGEXP '^[0-9]{1,6}$' THEN CAST(r.c07 AS UNSIGNED) END,
                            CASE WHEN sk.staff_id IS NOT NULL THEN spk.default_appointment_minutes WHEN dn.doctors = 1 THEN dn.default_minutes END,
                            15) AS minutes
              FROM import_row AS r
              LEFT JOIN patient AS pm ON pm.mrn = r.c02
              LEFT JOIN import_key AS kp ON kp.kind = 'patient' AND kp.external_id = r.c02
              LEFT JOIN patient AS pk ON pk.patient_id = kp.entity_id
              LEFT JOIN import_key AS ks ON ks.kind = 'staff' AND ks.external_id = r.c03
              LEFT JOIN staff AS sk ON sk.staff_id = ks.entity_id
              LEFT JOIN specialisation AS spk ON spk.specialisation_id = sk.specialisation_id
              LEFT JOIN tmp_import_appointment_doctor AS dn ON dn.full_name = r.c03
              LEFT JOIN room AS rm ON rm.name = r.c04
              LEFT JOIN tmp_import_appointment_date AS dt ON dt.date_text = r.c05
             WHERE r.import_batch_id = p_import_batch_id
               AND (r.outcome IS NULL OR r.outcome <> 'skipped')) AS x;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_doctor;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_date;
END$$
DELIMITER ;
