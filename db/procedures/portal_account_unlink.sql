-- portal_account_unlink
-- An administrator removes the link between a patient record and its portal account (before merging
-- two records that both have one, or when an account was linked to the wrong record). The account
-- stays, unlinked: the portal refuses it (51410) until it is linked again, and its open sessions end
-- (reason 'revoked': "An administrator ended your session."). A merged record may be unlinked too.
-- Permission: portal.link.
--   50209 unknown patient, 51412 the patient has no portal account.
DROP PROCEDURE IF EXISTS portal_account_unlink;
DELIMITER $$
CREATE PROCEDURE portal_account_unlink(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_account_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_locked INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.link', v_actor_id);

    START TRANSACTION;
    CALL patient_require_active(p_patient_id, 'exists');
    SELECT patient_id INTO v_locked FROM patient WHERE patient_id = p_patient_id FOR UPDATE;
    SELECT user_account_id INTO v_account_id FROM portal_account WHERE patient_id = p_patient_id FOR UPDATE;
    IF v_account_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This patient has no portal account to unlink.', MYSQL_ERRNO = 51412;
    END IF;
    DELETE FROM portal_account WHERE user_account_id = v_account_id;
    CALL session_end_for_account(v_account_id, 'revoked', NULL, v_actor_id);
    COMMIT;
END$$
DELIMITER ;
