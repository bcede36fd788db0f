-- portal_account_link
-- An administrator links an existing patient account (role 'patient', no staff record) to a patient
-- record, e.g. for a patient who cannot use an invitation. The patient's pending invitations are
-- revoked. The patient row is locked first, as portal_invitation_create and portal_join do.
-- Permission: portal.link.
--   50209 unknown patient, 50210 merged patient, 50109 unknown account, 51406 the patient already
--   has a portal account, 51409 the account is already linked, 51407 not a patient account (or a
--   staff member's: trigger portal_account_guard_insert).
DROP PROCEDURE IF EXISTS portal_account_link;
DELIMITER $$
CREATE PROCEDURE portal_account_link(IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED, IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.link', v_actor_id);

    START TRANSACTION;
    CALL patient_require_active(p_patient_id, 'lock');
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = p_user_account_id FOR UPDATE;
    IF v_role IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;
    IF v_role <> 'patient' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a patient account can be linked to a patient record. Staff need a separate patient account.', MYSQL_ERRNO = 51407;
    END IF;
    IF EXISTS (SELECT 1 FROM portal_account WHERE patient_id = p_patient_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This patient already has a portal account.', MYSQL_ERRNO = 51406;
    END IF;
    IF EXISTS (SELECT 1 FROM portal_account WHERE user_account_id = p_user_account_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account is already linked to a patient record.', MYSQL_ERRNO = 51409;
    END IF;

    INSERT INTO portal_account (user_account_id, patient_id, linked_by, portal_invitation_id)
    VALUES (p_user_account_id, p_patient_id, v_actor_id, NULL);
    UPDATE portal_invitation SET status = 'revoked' WHERE patient_id = p_patient_id AND status = 'pending';
    COMMIT;
END$$
DELIMITER ;
