-- import_appointment_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_appointment_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, as the screens would:
--   * a future row is a 'booked' appointment (appointment_book); a past row keeps its final status with the
--     times appointment_record_past gives when none are entered: completed -> checked in and started at the
--     start, completed at the end; cancelled -> cancelled at the start, with its reason; no_show -> no times;
--   * a completed row also gets its visit, closed (appointment_record_past); the visit triggers that keep derived
--     rows step aside for these as well (visit_audit_insert, visit_report_insert): their audit trail
--     (internal/visit_audit_import) and the patients' summary report_visit_patient are written set-based;
--   * created_by is the actor; appointment_insert_guard checks every row again, as for a booking. The rows the
--     other appointment triggers write for a booking are written here set-based while those triggers step aside for
--     this batch: a row of import_bulk_write (0103) for this connection is inserted just before the INSERT into
--     appointment and deleted just after it, in the caller's transaction (the triggers trust that row, which the app
--     account cannot write, never a user variable; a failure deletes it and the caller rolls back): the audit trail
--     (internal/appointment_audit_import, the same JSON document as appointment_audit_insert, with @clinic_actor_id)
--     and the summary report_appointment_day (one statement adding the batch's counts per day, doctor and room, as
--     report_appointment_day_add adds one appointment's). The outbox message 'appointment booked' of a future
--     booking is queued by its trigger only when the batch says notify_patients = 1 (0088; clinic-db import
--     --notify, the screen's checkbox): an import tells no patient by default.
-- Then marks the rows imported with their appointment_id (import_row.entity_id) and keeps the external ids
-- in import_key (kind 'appointment'), so the same file imported again is skipped.
-- The new ids are matched to the lines by what was written (doctor, patient, start, status, in line order
-- within equal rows), never by assuming consecutive auto-increment values (MySQL's interleaved lock mode
-- does not promise them for INSERT ... SELECT).
DROP PROCEDURE IF EXISTS import_appointment_apply;
DELIMITER $$
CREATE PROCEDURE import_appointment_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT DEFAULT 0;
    DECLARE v_first_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_inserted INT DEFAULT 0;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

    SET @clinic_actor_id = p_actor_id;
    -- The check just before (same call of import_batch_apply) left the parsed file: parse only without it.
    CALL import_rows_parsed(p_import_batch_id, 'appointment', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_appointment_rows(p_import_batch_id);
    END IF;

    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    SELECT CONNECTION_ID(), b.import_batch_id, 'appointment', b.notify_patients
      FROM import_batch AS b
     WHERE b.import_batch_id = p_import_batch_id;

    INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status, reason, cancel_reason, created_by,
                             checked_in_at, started_at, completed_at, cancelled_at)
    SELECT t.patient_id, t.staff_id, t.room_id, t.starts_at, t.ends_at, t.status, t.reason,
           IF(t.status = 'cancelled', t.cancel_reason, NULL), p_actor_id,
           IF(t.status = 'completed', t.starts_at, NULL),
           IF(t.status = 'completed', t.starts_at, NULL),
           IF(t.status = 'completed', t.ends_at, NULL),
           IF(t.status = 'cancelled', t.starts_at, NULL)
      FROM tmp_import_appointment AS t
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid'
     ORDER BY t.line_no;
    SELECT LAST_INSERT_ID(), ROW_COUNT() INTO v_first_id, v_inserted;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    IF v_inserted <= 0 THEN
        SET v_first_id = 4294967295;
    END IF;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_id;
    CREATE TEMPORARY TABLE tmp_import_appointment_id (
        line_no        INT UNSIGNED NOT NULL,
        appointment_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_appointment_id (line_no, appointment_id)
    SELECT x.line_no, y.appointment_id
      FROM (SELECT t.line_no, t.staff_id, t.patient_id, t.starts_at, t.status,
                   ROW_NUMBER() OVER (PARTITION BY t.staff_id, t.patient_id, t.starts_at, t.status ORDER BY t.line_no) AS nth
              FROM tmp_import_appointment AS t
              JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid') AS x
      JOIN (SELECT a.appointment_id, a.staff_id, a.patient_id, a.starts_at, a.status,
                   ROW_NUMBER() OVER (PARTITION BY a.staff_id, a.patient_id, a.starts_at, a.status ORDER BY a.appointment_id) AS nth
              FROM appointment AS a
             WHERE a.appointment_id >= v_first_id AND a.created_by = p_actor_id) AS y
        ON y.staff_id = x.staff_id AND y.patient_id = x.patient_id AND y.starts_at = x.starts_at AND y.status = x.status AND y.nth = x.nth;

    -- The summary report_appointment_day (appointment_report_insert steps aside for this batch, 0103): the batch's
    -- appointments counted per day, doctor and room (0: none), as report_appointment_day_add counts one.
    INSERT INTO report_appointment_day (appointment_day, staff_id, room_id, appointments, completed, cancelled, no_show,
                                        still_open, not_cancelled, booked_minutes)
    SELECT x.day_of, x.staff_of, x.room_of, x.n_all, x.n_completed, x.n_cancelled, x.n_no_show, x.n_open, x.n_not_cancelled, x.n_minutes
      FROM (SELECT DATE(a.starts_at) AS day_of, a.staff_id AS staff_of, COALESCE(a.room_id, 0) AS room_of,
                   COUNT(*) AS n_all,
                   SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END) AS n_completed,
                   SUM(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END) AS n_cancelled,
                   SUM(CASE WHEN a.status = 'no_show' THEN 1 ELSE 0 END) AS n_no_show,
                   SUM(CASE WHEN a.status IN ('booked', 'checked_in', 'in_progress') THEN 1 ELSE 0 END) AS n_open,
                   SUM(CASE WHEN a.status <> 'cancelled' THEN 1 ELSE 0 END) AS n_not_cancelled,
                   SUM(CASE WHEN a.status <> 'cancelled'
                            THEN TIMESTAMPDIFF(MINUTE, a.starts_at, LEAST(a.ends_at, CAST(DATE(a.starts_at) AS DATETIME) + INTERVAL 1 DAY))
                            ELSE 0 END) AS n_minutes
              FROM tmp_import_appointment_id AS i
              JOIN appointment AS a ON a.appointment_id = i.appointment_id
             GROUP BY DATE(a.starts_at), a.staff_id, COALESCE(a.room_id, 0)) AS x
     ORDER BY x.day_of, x.staff_of, x.room_of
    ON DUPLICATE KEY UPDATE
        appointments = report_appointment_day.appointments + x.n_all,
        completed = report_appointment_day.completed + x.n_completed,
        cancelled = report_appointment_day.cancelled + x.n_cancelled,
        no_show = report_appointment_day.no_show + x.n_no_show,
        still_open = report_appointment_day.still_open + x.n_open,
        not_cancelled = report_appointment_day.not_cancelled + x.n_not_cancelled,
        booked_minutes = report_appointment_day.booked_minutes + x.n_minutes;

    -- A completed appointment has had its consultation: its visit, closed (appointment_record_past). The visit triggers
    -- that keep derived rows step aside for this batch too (visit_audit_insert, visit_report_insert): the visits'
    -- audit trail and the patients' visit summary are written below, set-based.
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'appointment', 0);
    INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status)
    SELECT a.patient_id, a.staff_id, a.appointment_id, a.started_at, 'closed'
      FROM tmp_import_appointment_id AS i
      JOIN appointment AS a ON a.appointment_id = i.appointment_id
     WHERE a.status = 'completed'
     ORDER BY i.line_no;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- The summary report_visit_patient, as visit_report_insert counts each visit: per patient, the batch's visits
    -- counted, the first and latest start widened, and the visits within the 365 days ending the day the patient's
    -- row was counted for (recent_as_of; today for a new row) added to recent_visits.
    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                      patient_key, sex, date_of_birth, is_active)
    SELECT x.patient_of, x.n_visits, x.first_at, x.last_at, CURDATE(), x.n_recent,
           LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16), p.sex, p.date_of_birth,
           CASE WHEN p.status = 'active' THEN 1 ELSE 0 END
      FROM (SELECT v.patient_id AS patient_of, COUNT(*) AS n_visits, MIN(v.started_at) AS first_at, MAX(v.started_at) AS last_at,
                   SUM(CASE WHEN v.started_at >= COALESCE(rv.recent_as_of, CURDATE()) - INTERVAL 364 DAY THEN 1 ELSE 0 END) AS n_recent
              FROM tmp_import_appointment_id AS i
              JOIN visit AS v ON v.appointment_id = i.appointment_id
              LEFT JOIN report_visit_patient AS rv ON rv.patient_id = v.patient_id
             GROUP BY v.patient_id) AS x
      JOIN patient AS p ON p.patient_id = x.patient_of
     CROSS JOIN report_secret AS rs
     ORDER BY x.patient_of
    ON DUPLICATE KEY UPDATE recent_visits = report_visit_patient.recent_visits + x.n_recent,
                            visits = report_visit_patient.visits + x.n_visits,
                            first_started_at = LEAST(COALESCE(report_visit_patient.first_started_at, x.first_at), x.first_at),
                            last_started_at = GREATEST(COALESCE(report_visit_patient.last_started_at, x.last_at), x.last_at);

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'appointment', t.external_id, i.appointment_id, p_import_batch_id
      FROM tmp_import_appointment_id AS i
      JOIN tmp_import_appointment AS t ON t.line_no = i.line_no
     WHERE t.external_id IS NOT NULL;

    UPDATE import_row AS r
      JOIN tmp_import_appointment_id AS i ON i.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = i.appointment_id
     WHERE r.import_batch_id = p_import_batch_id;

    -- The audit trail of the new appointments and their visits (appointment_audit_insert and visit_audit_insert step
    -- aside for this batch, 0103).
    CALL appointment_audit_import(p_import_batch_id);
    CALL visit_audit_import(p_import_batch_id);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment;
END$$
DELIMITER ;
