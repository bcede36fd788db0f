-- queue_action_refusal
-- The one rule for whether an account may act on a queue entry now: 0 when it may, otherwise the
-- code the procedure refuses with (db/ERRORS.md). p_action is one of assign, set_priority, link,
-- start (call in), complete, cancel; p_status, p_staff_id (the assigned doctor) and p_patient_id
-- (NULL: an anonymous walk-in) are the entry's (NULL status: it does not exist). Checked in order:
--   50102 the account's role lacks the permission (assign and link: queue.desk; set_priority and
--     cancel: queue.triage; start and complete: queue.call);
--   start, complete: 50621 an account without queue.call_any (a doctor) whose sign-in is not linked
--     to an active doctor's staff record;
--   50606 unknown entry;
--   assign, set_priority: 50607 unless waiting;
--   link: 50617 already linked to a patient, 50622 unless waiting;
--   cancel: 50615 completed or cancelled, 50613 with the doctor (not waiting);
--   start: 50608 anonymous walk-in, 50609 no doctor (an unassigned patient is taken by the doctor
--     who calls them in), 50610 another doctor's patient (without queue.call_any), 50611 not waiting;
--   complete: 50615 completed or cancelled, 50618 another doctor's consultation (without
--     queue.call_any), 50612 not with the doctor.
-- Used by internal/queue_action_require (queue_assign, _set_priority, _link_patient, _start,
-- _complete and _cancel refuse with it, under the row lock) and by queue_list and queue_get (the
-- can_* flags), so a button shows exactly when the procedure behind it would accept the call. The
-- trigger queue_entry_status_guard enforces the same transitions for every other client.
DROP FUNCTION IF EXISTS queue_action_refusal;
DELIMITER $$
CREATE FUNCTION queue_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(12), p_status VARCHAR(11), p_staff_id INT UNSIGNED,
                                     p_patient_id INT UNSIGNED) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_permission VARCHAR(40) DEFAULT CASE
        WHEN p_action IN ('assign', 'link') THEN 'queue.desk'
        WHEN p_action IN ('set_priority', 'cancel') THEN 'queue.triage'
        WHEN p_action IN ('start', 'complete') THEN 'queue.call'
    END;
    DECLARE v_any TINYINT DEFAULT 0;
    DECLARE v_own_staff_id INT UNSIGNED DEFAULT NULL;

    IF v_permission IS NULL OR actor_can(p_actor_id, v_permission) = 0 THEN
        RETURN 50102;
    END IF;
    IF p_action IN ('start', 'complete') THEN
        SET v_any = actor_can(p_actor_id, 'queue.call_any');
        SELECT MIN(staff_id) INTO v_own_staff_id
          FROM staff WHERE user_account_id = p_actor_id AND staff_role = 'doctor' AND is_active = 1;
        IF v_any = 0 AND v_own_staff_id IS NULL THEN
            RETURN 50621;
        END IF;
    END IF;
    IF p_status IS NULL THEN
        RETURN 50606;
    END IF;

    IF p_action IN ('assign', 'set_priority') THEN
        RETURN IF(p_status = 'waiting', 0, 50607);
    END IF;
    IF p_action = 'link' THEN
        IF p_patient_id IS NOT NULL THEN
            RETURN 50617;
        END IF;
        RETURN IF(p_status = 'waiting', 0, 50622);
    END IF;
    IF p_action = 'cancel' THEN
        IF p_status IN ('completed', 'cancelled') THEN
            RETURN 50615;
        END IF;
        RETURN IF(p_status = 'waiting', 0, 50613);
    END IF;
    IF p_action = 'start' THEN
        IF p_patient_id IS NULL THEN
            RETURN 50608;
        END IF;
        IF p_staff_id IS NULL AND v_own_staff_id IS NULL THEN
            RETURN 50609;
        END IF;
        IF v_any = 0 AND p_staff_id IS NOT NULL AND p_staff_id <> v_own_staff_id THEN
            RETURN 50610;
        END IF;
        RETURN IF(p_status = 'waiting', 0, 50611);
    END IF;
    -- complete
    IF p_status IN ('completed', 'cancelled') THEN
        RETURN 50615;
    END IF;
    IF v_any = 0 AND NOT (p_staff_id <=> v_own_staff_id) THEN
        RETURN 50618;
    END IF;
    RETURN IF(p_status = 'with_doctor', 0, 50612);
END$$
DELIMITER ;
