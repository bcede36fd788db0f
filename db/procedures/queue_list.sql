-- queue_list
-- One clinic day's walk-in queue (p_day NULL: today) for the queue board, a doctor's day and the
-- CSV export. Optionally one doctor's patients (p_staff_id; with p_include_unassigned = 1 also the
-- unassigned waiting patients any doctor may take) and one status.
-- Order: waiting patients first, highest priority first and then arrival order (queue number),
-- then those with a doctor, then completed and cancelled ones. queue_position numbers the waiting
-- patients in that order (NULL for the others). Paged: p_limit is capped at 100, total_count is on
-- every row. phone is as stored (E.164), phone_local as the clinic dials it. Served by
-- uq_queue_entry_day_number / ix_queue_entry_staff_day: one day's rows.
-- The can_* flags say what the signed-in account may do with each entry now (assign a doctor, set
-- the priority, link a walk-in to a patient, call in, complete, remove): function
-- queue_action_refusal, the rule the procedures refuse with, so a button shows exactly when its
-- procedure would accept the call. They are computed for the page's rows only.
-- p_for_export = 1 (the CSV export) writes one access-log row (kind 'export') per patient of the page.
DROP PROCEDURE IF EXISTS queue_list;
DELIMITER $$
CREATE PROCEDURE queue_list(IN p_session_token VARCHAR(100), IN p_day DATE, IN p_staff_id INT UNSIGNED, IN p_include_unassigned TINYINT,
                            IN p_status VARCHAR(11), IN p_offset INT, IN p_limit INT, IN p_for_export TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'queue.read', v_actor_id);
    SET v_day = COALESCE(p_day, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    SELECT page.*,
           queue_action_refusal(v_actor_id, 'assign', page.status, page.staff_id, page.patient_id) = 0 AS can_assign,
           queue_action_refusal(v_actor_id, 'set_priority', page.status, page.staff_id, page.patient_id) = 0 AS can_set_priority,
           queue_action_refusal(v_actor_id, 'link', page.status, page.staff_id, page.patient_id) = 0 AS can_link,
           queue_action_refusal(v_actor_id, 'start', page.status, page.staff_id, page.patient_id) = 0 AS can_start,
           queue_action_refusal(v_actor_id, 'complete', page.status, page.staff_id, page.patient_id) = 0 AS can_complete,
           queue_action_refusal(v_actor_id, 'cancel', page.status, page.staff_id, page.patient_id) = 0 AS can_cancel
      FROM (SELECT q.queue_entry_id, q.clinic_day, q.queue_number, q.patient_id, p.mrn,
                   COALESCE(CONCAT(p.given_name, ' ', p.family_name), q.walk_in_name) AS patient_name,
                   q.patient_id IS NULL AS is_walk_in, COALESCE(p.phone, q.walk_in_phone) AS phone,
                   phone_format_local(COALESCE(p.phone, q.walk_in_phone)) AS phone_local,
                   q.priority, q.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
                   q.status, q.reason, q.cancel_reason, q.arrived_at, q.started_at, q.completed_at, q.cancelled_at,
                   v.visit_id,
                   TIMESTAMPDIFF(MINUTE, q.arrived_at, COALESCE(q.started_at, q.cancelled_at, NOW())) AS wait_minutes,
                   CASE WHEN q.status = 'waiting'
                        THEN ROW_NUMBER() OVER (PARTITION BY q.status = 'waiting' ORDER BY q.priority_rank DESC, q.queue_number) END
                       AS queue_position,
                   COUNT(*) OVER () AS total_count
              FROM queue_entry AS q
              LEFT JOIN patient AS p ON p.patient_id = q.patient_id
              LEFT JOIN staff AS s ON s.staff_id = q.staff_id
              LEFT JOIN visit AS v ON v.queue_entry_id = q.queue_entry_id
             WHERE q.clinic_day = v_day
               AND (p_staff_id IS NULL OR q.staff_id = p_staff_id
                    OR (COALESCE(p_include_unassigned, 0) = 1 AND q.staff_id IS NULL AND q.status = 'waiting'))
               AND (p_status IS NULL OR q.status = p_status)
             ORDER BY CASE q.status WHEN 'waiting' THEN 0 WHEN 'with_doctor' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END,
                      CASE WHEN q.status = 'waiting' THEN q.priority_rank ELSE 0 END DESC,
                      q.queue_number
             LIMIT v_offset, v_limit) AS page
     ORDER BY CASE page.status WHEN 'waiting' THEN 0 WHEN 'with_doctor' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END,
              page.queue_position, page.queue_number;

    IF p_for_export = 1 THEN
        INSERT INTO patient_access_trail (patient_id, user_account_id, user_session_id, access_kind, object_id, reason, db_user)
        SELECT DISTINCT page.patient_id, @clinic_actor_id, @clinic_session_id, 'export', NULL, 'queue CSV', USER()
          FROM (SELECT q.patient_id
                  FROM queue_entry AS q
                 WHERE q.clinic_day = v_day
                   AND (p_staff_id IS NULL OR q.staff_id = p_staff_id
                        OR (COALESCE(p_include_unassigned, 0) = 1 AND q.staff_id IS NULL AND q.status = 'waiting'))
                   AND (p_status IS NULL OR q.status = p_status)
                 ORDER BY CASE q.status WHEN 'waiting' THEN 0 WHEN 'with_doctor' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END,
                          CASE WHEN q.status = 'waiting' THEN q.priority_rank ELSE 0 END DESC,
                          q.queue_number
                 LIMIT v_offset, v_limit) AS page
         WHERE page.patient_id IS NOT NULL;
    END IF;
END$$
DELIMITER ;
