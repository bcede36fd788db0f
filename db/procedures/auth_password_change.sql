-- auth_password_change
-- A signed-in user changes their own password; the only thing a session opened with a temporary
-- password may do. p_current_key is the key the app derived from the typed current password with
-- auth_password_params; it is compared here (50110 when wrong), so the hash never leaves the
-- database. Then the password policy (internal/password_policy_check), the new hash (made by the
-- app with ASP.NET Core's PasswordHasher; checked by the user_account_password_parse_update trigger),
-- and in the same transaction every OTHER session of the user ends (reason password_changed): a
-- thief holding an old session is out at once. The calling session stays open and is no longer
-- restricted.
DROP PROCEDURE IF EXISTS auth_password_change;
DELIMITER $$
CREATE PROCEDURE auth_password_change(
    IN p_session_token VARCHAR(100), IN p_current_key VARBINARY(64), IN p_new_password_hash VARCHAR(255),
    IN p_new_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_must_change TINYINT DEFAULT 0;
    DECLARE v_stored VARBINARY(64) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL session_resolve(p_session_token, 1, v_actor_id, v_session_id, v_must_change);
    CALL password_policy_check(p_new_password_length);
    IF p_new_password_hash IS NULL OR CHAR_LENGTH(p_new_password_hash) < 20 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The password could not be stored. Please try again.', MYSQL_ERRNO = 50112;
    END IF;

    START TRANSACTION;
    SELECT password_key INTO v_stored FROM user_account WHERE user_account_id = v_actor_id FOR UPDATE;
    IF v_stored IS NULL OR p_current_key IS NULL OR UNHEX(SHA2(p_current_key, 256)) <> UNHEX(SHA2(v_stored, 256)) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The current password is incorrect.', MYSQL_ERRNO = 50110;
    END IF;

    UPDATE user_account
       SET password_hash = p_new_password_hash,
           password_changed_at = NOW(),
           must_change_password = 0
     WHERE user_account_id = v_actor_id;
    UPDATE user_session SET must_change_password = 0 WHERE user_session_id = v_session_id;
    CALL session_end_for_account(v_actor_id, 'password_changed', v_session_id, v_actor_id);
    COMMIT;
END$$
DELIMITER ;
