-- prescription_cancel
-- The doctor who issued a prescription, or an administrator, cancels it with a reason. Only an
-- issued or partially dispensed prescription can be cancelled (what was dispensed stays
-- dispensed). prescription_status_guard stamps cancelled_at.
-- Lock order: the prescription row.
-- Permission: prescription.cancel, for one's own prescriptions; prescription.cancel_any (an
-- administrator) for any doctor's.
--   50931 no reason (or longer than 255), 50930 unknown prescription, 50932 another doctor's
--   prescription, 50933 already dispensed or cancelled: the last three are the rule of the
--   can_cancel flag of prescription_get and prescription_list_for_visit (prescription_action_refusal).
DROP PROCEDURE IF EXISTS prescription_cancel;
DELIMITER $$
CREATE PROCEDURE prescription_cancel(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED, IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(19) DEFAULT NULL;
    DECLARE v_issued_by INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'prescription.cancel', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_reason, ''))) NOT BETWEEN 1 AND 255 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please give a reason for cancelling the prescription (at most 255 characters).', MYSQL_ERRNO = 50931;
    END IF;

    START TRANSACTION;
    SELECT status, issued_by INTO v_status, v_issued_by FROM prescription WHERE prescription_id = p_prescription_id FOR UPDATE;
    CALL prescription_action_require(v_actor_id, 'cancel', v_status, v_issued_by);
    UPDATE prescription
       SET status = 'cancelled', cancelled_by = v_actor_id, cancel_reason = TRIM(p_reason)
     WHERE prescription_id = p_prescription_id;
    COMMIT;
END$$
DELIMITER ;
