-- patient_break_glass
-- "Break the glass": a doctor or nurse who is not part of a patient's care opens the patient's record
-- for the rest of this sign-in session by stating why (at least 10 characters; 50791 otherwise). The
-- opening is stored (break_glass_access, audited), written to the access log with its reason, and
-- listed for administrators (break_glass_list). Unknown patient: 50209.
-- Permission: clinical.break_glass (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS patient_break_glass;
DELIMITER $$
CREATE PROCEDURE patient_break_glass(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.break_glass', v_actor_id);
    SET v_reason = TRIM(COALESCE(p_reason, ''));
    IF CHAR_LENGTH(v_reason) < 10 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please say why you need this record (at least 10 characters).', MYSQL_ERRNO = 50791;
    END IF;
    CALL patient_require_active(p_patient_id, 'exists');

    START TRANSACTION;
    INSERT INTO break_glass_access (user_session_id, user_account_id, patient_id, reason)
    VALUES (@clinic_session_id, v_actor_id, p_patient_id, v_reason);
    CALL patient_access_record(p_patient_id, 'break_glass', LAST_INSERT_ID(), v_reason);
    COMMIT;
END$$
DELIMITER ;
