-- appointment_set_status
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of the status procedures (never called by the data layer): inside the caller's
-- transaction, locks the appointment row, refuses the change unless p_actor_id may make it now
-- (internal/appointment_action_require: the permission and the allowed transitions, the same rule
-- as the can_* flags of appointment_get and appointment_list), and updates it. The trigger
-- appointment_status_guard enforces the transitions again for every client and stamps the time of
-- the change. Returns the locked row's patient and doctor.
-- p_status: checked_in (action check_in), in_progress (start), completed (complete), no_show
-- (no_show) or cancelled (cancel).
--   50102, 50510, 50512-50518: see appointment_action_refusal; the trigger: 50511-50519.
DROP PROCEDURE IF EXISTS appointment_set_status;
DELIMITER $$
CREATE PROCEDURE appointment_set_status(IN p_actor_id INT UNSIGNED, IN p_appointment_id INT UNSIGNED, IN p_status VARCHAR(11),
                                        IN p_cancel_reason VARCHAR(255), OUT p_patient_id INT UNSIGNED, OUT p_staff_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_starts_at DATETIME DEFAULT NULL;

    SELECT status, starts_at, patient_id, staff_id INTO v_status, v_starts_at, p_patient_id, p_staff_id
      FROM appointment WHERE appointment_id = p_appointment_id FOR UPDATE;
    CALL appointment_action_require(p_actor_id,
                                    CASE p_status
                                        WHEN 'checked_in' THEN 'check_in'
                                        WHEN 'in_progress' THEN 'start'
                                        WHEN 'completed' THEN 'complete'
                                        WHEN 'no_show' THEN 'no_show'
                                        WHEN 'cancelled' THEN 'cancel'
                                    END,
                                    v_status, v_starts_at);
    UPDATE appointment
       SET status = p_status,
           cancel_reason = IF(p_status = 'cancelled', NULLIF(TRIM(p_cancel_reason), ''), cancel_reason)
     WHERE appointment_id = p_appointment_id;
END$$
DELIMITER ;
