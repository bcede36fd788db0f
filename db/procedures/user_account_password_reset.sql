-- user_account_password_reset
-- An administrator sets a temporary password for an account. It unlocks the account (and every
-- blocked computer for it), ends all of the account's sessions at once (reason password_reset), and
-- the user must change the password at the next sign-in. An administrator resetting their own
-- password keeps the session they are using and is not asked to change it again.
DROP PROCEDURE IF EXISTS user_account_password_reset;
DELIMITER $$
CREATE PROCEDURE user_account_password_reset(
    IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED,
    IN p_password_hash VARCHAR(255), IN p_password_length INT)
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
    CALL password_policy_check(p_password_length);

    START TRANSACTION;
    SELECT username INTO v_username FROM user_account WHERE user_account_id = p_user_account_id FOR UPDATE;
    IF v_username IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;

    UPDATE user_account
       SET password_hash = p_password_hash,
           password_changed_at = NOW(),
           must_change_password = IF(p_user_account_id = v_actor_id, 0, 1),
           failed_sign_in_count = 0,
           locked_until = NULL
     WHERE user_account_id = p_user_account_id;
    DELETE FROM sign_in_throttle WHERE username_key = LOWER(v_username);
    CALL session_end_for_account(p_user_account_id, 'password_reset',
                                 IF(p_user_account_id = v_actor_id, @clinic_session_id, NULL), v_actor_id);
    COMMIT;
END$$
DELIMITER ;
