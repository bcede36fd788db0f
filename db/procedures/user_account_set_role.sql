-- user_account_set_role
-- An administrator changes an account's role. All of the account's sessions end at once (trigger
-- user_account_session_end), so the new role applies from the next sign-in. Refused: an unknown
-- account (50109) or role (50105); your own role (50120); an account linked to a staff record, whose
-- role must match it (50121: change the staff record instead); the last active administrator (50119);
-- a patient's portal account to a staff role (51411: staff are not patients, see portal_account).
DROP PROCEDURE IF EXISTS user_account_set_role;
DELIMITER $$
CREATE PROCEDURE user_account_set_role(
    IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED, IN p_role_code VARCHAR(20))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_lock VARCHAR(20);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM role WHERE role_code = p_role_code) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a valid role.', MYSQL_ERRNO = 50105;
    END IF;
    IF p_user_account_id = v_actor_id THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You cannot change your own role. Ask another administrator.', MYSQL_ERRNO = 50120;
    END IF;

    START TRANSACTION;
    SELECT role_code INTO v_lock FROM role WHERE role_code = 'admin' FOR UPDATE;
    SELECT user_account_id INTO v_found FROM user_account WHERE user_account_id = p_user_account_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;
    IF EXISTS (SELECT 1 FROM staff WHERE user_account_id = p_user_account_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This account belongs to a staff member. Change the role on the staff record.', MYSQL_ERRNO = 50121;
    END IF;
    IF p_role_code <> 'patient' AND EXISTS (SELECT 1 FROM portal_account WHERE user_account_id = p_user_account_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This account is a patient''s portal account. Staff need a separate account.', MYSQL_ERRNO = 51411;
    END IF;

    UPDATE user_account SET role_code = p_role_code WHERE user_account_id = p_user_account_id;
    COMMIT;
END$$
DELIMITER ;
