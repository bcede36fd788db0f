-- portal_patient_of
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The second call of every portal_* procedure, right after actor_require(..., 'portal.use', ...): the
-- patient record linked to the acting account (table portal_account). A portal procedure never takes a
-- patient id from its caller; this is the only way it learns whose data it serves.
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_patient_of;
DELIMITER $$
CREATE PROCEDURE portal_patient_of(IN p_actor_id INT UNSIGNED, OUT p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SET p_patient_id = NULL;
    SELECT patient_id INTO p_patient_id FROM portal_account WHERE user_account_id = p_actor_id;
    IF p_patient_id IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Your account is not linked to a patient record. Please ask reception.', MYSQL_ERRNO = 51410;
    END IF;
END$$
DELIMITER ;
