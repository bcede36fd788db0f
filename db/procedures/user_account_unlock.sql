-- user_account_unlock
-- An administrator lifts every sign-in lock on an account at once: the account-wide lock and the
-- blocks on every computer (internal/sign_in_lock_state describes the scheme).
DROP PROCEDURE IF EXISTS user_account_unlock;
DELIMITER $$
CREATE PROCEDURE user_account_unlock(IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_username VARCHAR(50) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    START TRANSACTION;
    SELECT username INTO v_username FROM user_account WHERE user_account_id = p_user_account_id FOR UPDATE;
    IF v_username IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;
    UPDATE user_account SET failed_sign_in_count = 0, locked_until = NULL WHERE user_account_id = p_user_account_id;
    DELETE FROM sign_in_throttle WHERE username_key = LOWER(v_username);
    COMMIT;
END$$
DELIMITER ;
