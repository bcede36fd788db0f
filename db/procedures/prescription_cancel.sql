-- prescription_cancel
-- The doctor who issued a prescription, or an administrator, cancels it with a reason. Only an
-- issued or partially dispensed prescription can be cancelled (what was dispensed stays
-- dispensed). prescription_status_guard stamps cancelled_at.
-- Lock order: the prescription row.
-- Permission: prescription.cancel (the issuing doctor).
--   50931 no reason (or longer than 255), 50930 unknown prescription, 50932 another doctor's
--   prescription, 50933 already dispensed or cancelled.
DROP PROCEDURE IF EXISTS prescription_cancel;
DELIMITER $$
CREATE PROCEDURE prescription_cancel(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED, IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_status VARCHAR(19) DEFAULT NULL;
    DECLARE v_issued_by INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'prescription.cancel', v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;
    IF CHAR_LENGTH(TRIM(COALESCE(p_reason, ''))) NOT BETWEEN 1 AND 255 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please give a reason for cancelling the prescription (at most 255 characters).', MYSQL_ERRNO = 50931;
    END IF;

    START TRANSACTION;
    SELECT status, issued_by INTO v_status, v_issued_by FROM prescription WHERE prescription_id = p_prescription_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That prescription does not exist.', MYSQL_ERRNO = 50930;
    END IF;
    IF v_role = 'doctor' AND v_issued_by <> v_actor_id THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the doctor who issued this prescription, or an administrator, can cancel it.', MYSQL_ERRNO = 50932;
    END IF;
    IF v_status NOT IN ('issued', 'partially_dispensed') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an issued or partially dispensed prescription can be cancelled.', MYSQL_ERRNO = 50933;
    END IF;
    UPDATE prescription
       SET status = 'cancelled', cancelled_by = v_actor_id, cancel_reason = TRIM(p_reason)
     WHERE prescription_id = p_prescription_id;
    COMMIT;
END$$
DELIMITER ;
