-- appointment_action_refusal
-- The one rule for whether an account may take an action on an appointment now: 0 when it may,
-- otherwise the code the procedure refuses with (db/ERRORS.md). p_action is one of check_in, start,
-- complete, no_show, cancel, reschedule; p_status and p_starts_at are the appointment's (NULL
-- status: it does not exist). Checked in this order:
--   50102 the account's role lacks the action's permission (appointment.check_in, .start,
--         .complete, .no_show; cancel and reschedule need appointment.book);
--   50510 unknown appointment;
--   reschedule: 50520 unless booked or checked in;
--   50512 completed, cancelled or no-show (final);
--   check_in: 50513 unless booked; start: 50514 unless checked in; complete: 50515 unless in
--   progress; cancel: 50516 unless booked or checked in; no_show: 50517 unless booked, 50518 before
--   the start time (the database's clock).
-- Used by internal/appointment_action_require (appointment_set_status and appointment_reschedule
-- refuse with it, under the row lock) and by appointment_get and appointment_list (the can_* flags),
-- so a button shows exactly when the procedure behind it would accept the call. The trigger
-- appointment_status_guard enforces the same transitions for every other client.
DROP FUNCTION IF EXISTS appointment_action_refusal;
DELIMITER $$
CREATE FUNCTION appointment_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(12), p_status VARCHAR(11),
                                           p_starts_at DATETIME) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_permission VARCHAR(40) DEFAULT CASE p_action
        WHEN 'check_in' THEN 'appointment.check_in'
        WHEN 'start' THEN 'appointment.start'
        WHEN 'complete' THEN 'appointment.complete'
        WHEN 'no_show' THEN 'appointment.no_show'
        WHEN 'cancel' THEN 'appointment.book'
        WHEN 'reschedule' THEN 'appointment.book'
    END;

    IF v_permission IS NULL OR actor_can(p_actor_id, v_permission) = 0 THEN
        RETURN 50102;
    END IF;
    IF p_status IS NULL THEN
        RETURN 50510;
    END IF;
    IF p_action = 'reschedule' THEN
        RETURN IF(p_status IN ('booked', 'checked_in'), 0, 50520);
    END IF;
    IF p_status IN ('completed', 'cancelled', 'no_show') THEN
        RETURN 50512;
    END IF;
    IF p_action = 'check_in' AND p_status <> 'booked' THEN
        RETURN 50513;
    END IF;
    IF p_action = 'start' AND p_status <> 'checked_in' THEN
        RETURN 50514;
    END IF;
    IF p_action = 'complete' AND p_status <> 'in_progress' THEN
        RETURN 50515;
    END IF;
    IF p_action = 'cancel' AND p_status NOT IN ('booked', 'checked_in') THEN
        RETURN 50516;
    END IF;
    IF p_action = 'no_show' THEN
        IF p_status <> 'booked' THEN
            RETURN 50517;
        END IF;
        IF p_starts_at > NOW() THEN
            RETURN 50518;
        END IF;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
