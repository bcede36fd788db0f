-- queue_get
-- One queue entry with its patient (or walk-in), doctor and the visit its consultation created, and
-- what the signed-in account may do with it now (the can_* flags: queue_action_refusal, the rule the
-- queue procedures refuse with).
--   50606 unknown entry.
DROP PROCEDURE IF EXISTS queue_get;
DELIMITER $$
CREATE PROCEDURE queue_get(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'queue.read', v_actor_id);
    SELECT queue_entry_id INTO v_found FROM queue_entry WHERE queue_entry_id = p_queue_entry_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That queue entry does not exist.', MYSQL_ERRNO = 50606;
    END IF;
    SELECT q.queue_entry_id, q.clinic_day, q.queue_number, q.patient_id, p.mrn,
           COALESCE(CONCAT(p.given_name, ' ', p.family_name), q.walk_in_name) AS patient_name,
           q.patient_id IS NULL AS is_walk_in, COALESCE(p.phone, q.walk_in_phone) AS phone,
           phone_format_local(COALESCE(p.phone, q.walk_in_phone)) AS phone_local,
           q.walk_in_name, q.walk_in_phone,
           q.priority, q.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
           q.status, q.reason, q.cancel_reason, q.arrived_at, q.started_at, q.completed_at, q.cancelled_at,
           v.visit_id, q.created_by,
           TIMESTAMPDIFF(MINUTE, q.arrived_at, COALESCE(q.started_at, q.cancelled_at, NOW())) AS wait_minutes,
           queue_action_refusal(v_actor_id, 'assign', q.status, q.staff_id, q.patient_id) = 0 AS can_assign,
           queue_action_refusal(v_actor_id, 'set_priority', q.status, q.staff_id, q.patient_id) = 0 AS can_set_priority,
           queue_action_refusal(v_actor_id, 'link', q.status, q.staff_id, q.patient_id) = 0 AS can_link,
           queue_action_refusal(v_actor_id, 'start', q.status, q.staff_id, q.patient_id) = 0 AS can_start,
           queue_action_refusal(v_actor_id, 'complete', q.status, q.staff_id, q.patient_id) = 0 AS can_complete,
           queue_action_refusal(v_actor_id, 'cancel', q.status, q.staff_id, q.patient_id) = 0 AS can_cancel
      FROM queue_entry AS q
      LEFT JOIN patient AS p ON p.patient_id = q.patient_id
      LEFT JOIN staff AS s ON s.staff_id = q.staff_id
      LEFT JOIN visit AS v ON v.queue_entry_id = q.queue_entry_id
     WHERE q.queue_entry_id = p_queue_entry_id;
END$$
DELIMITER ;
