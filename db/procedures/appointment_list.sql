-- appointment_list
-- Appointments starting in [p_from, p_to), optionally for one doctor, room or status, ordered by
-- start: the calendar and the CSV export. Paged: p_limit is capped at 100; total_count is on
-- every row. Served by (staff_id, starts_at), (room_id, starts_at) or (status, starts_at).
-- visit_id: the visit opened when the consultation started (uq_visit_appointment), NULL before.
-- The can_* flags say what the signed-in account may do with the appointment now (check in, start,
-- complete, mark no-show, cancel, reschedule): function appointment_action_refusal, the rule the
-- procedures refuse with, so a button shows exactly when its procedure would accept the call. They
-- are computed for the page's rows only.
-- p_for_export = 1 (the CSV export) writes one access-log row (kind 'export') per patient of the page.
DROP PROCEDURE IF EXISTS appointment_list;
DELIMITER $$
CREATE PROCEDURE appointment_list(IN p_session_token VARCHAR(100), IN p_from DATETIME, IN p_to DATETIME, IN p_staff_id INT UNSIGNED,
                                  IN p_room_id INT UNSIGNED, IN p_status VARCHAR(11), IN p_offset INT, IN p_limit INT,
                                  IN p_for_export TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'appointment.read', v_actor_id);
    SELECT page.*,
           appointment_action_refusal(v_actor_id, 'check_in', page.status, page.starts_at) = 0 AS can_check_in,
           appointment_action_refusal(v_actor_id, 'start', page.status, page.starts_at) = 0 AS can_start,
           appointment_action_refusal(v_actor_id, 'complete', page.status, page.starts_at) = 0 AS can_complete,
           appointment_action_refusal(v_actor_id, 'no_show', page.status, page.starts_at) = 0 AS can_mark_no_show,
           appointment_action_refusal(v_actor_id, 'cancel', page.status, page.starts_at) = 0 AS can_cancel,
           appointment_action_refusal(v_actor_id, 'reschedule', page.status, page.starts_at) = 0 AS can_reschedule
      FROM (SELECT a.appointment_id, a.patient_id, p.mrn, p.given_name AS patient_given_name, p.family_name AS patient_family_name,
                   a.staff_id, s.given_name AS doctor_given_name, s.family_name AS doctor_family_name,
                   a.room_id, r.name AS room_name, a.starts_at, a.ends_at, a.status, a.reason, a.cancel_reason,
                   a.series_id, v.visit_id, COUNT(*) OVER () AS total_count
              FROM appointment AS a
              JOIN patient AS p ON p.patient_id = a.patient_id
              JOIN staff AS s ON s.staff_id = a.staff_id
              LEFT JOIN room AS r ON r.room_id = a.room_id
              LEFT JOIN visit AS v ON v.appointment_id = a.appointment_id
             WHERE a.starts_at >= COALESCE(p_from, '1000-01-01') AND a.starts_at < COALESCE(p_to, '9999-12-31')
               AND (p_staff_id IS NULL OR a.staff_id = p_staff_id)
               AND (p_room_id IS NULL OR a.room_id = p_room_id)
               AND (p_status IS NULL OR a.status = p_status)
             ORDER BY a.starts_at, a.appointment_id
             LIMIT v_offset, v_limit) AS page
     ORDER BY page.starts_at, page.appointment_id;

    IF p_for_export = 1 THEN
        INSERT INTO patient_access_trail (patient_id, user_account_id, user_session_id, access_kind, object_id, reason, db_user)
        SELECT DISTINCT page.patient_id, @clinic_actor_id, @clinic_session_id, 'export', NULL, 'appointments CSV', USER()
          FROM (SELECT a.patient_id
                  FROM appointment AS a
                 WHERE a.starts_at >= COALESCE(p_from, '1000-01-01') AND a.starts_at < COALESCE(p_to, '9999-12-31')
                   AND (p_staff_id IS NULL OR a.staff_id = p_staff_id)
                   AND (p_room_id IS NULL OR a.room_id = p_room_id)
                   AND (p_status IS NULL OR a.status = p_status)
                 ORDER BY a.starts_at, a.appointment_id
                 LIMIT v_offset, v_limit) AS page;
    END IF;
END$$
DELIMITER ;
