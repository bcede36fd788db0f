-- user_account_password_reset
-- An administrator sets a temporary password for an account. It unlocks the account, and the
-- user must change the password at the next sign-in.
DROP PROCEDURE IF EXISTS user_account_password_reset;
DELIMITER $$
CREATE PROCEDURE user_account_password_reset(
    IN p_actor_id INT UNSIGNED, IN p_user_account_id INT UNSIGNED,
    IN p_password_hash VARCHAR(255), IN p_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, 'admin');
    IF NOT EXISTS (SELECT 1 FROM user_account WHERE user_account_id = p_user_account_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;
    CALL password_policy_check(p_password_length);

    UPDATE user_account
       SET password_hash = p_password_hash,
           password_changed_at = NOW(),
           must_change_password = IF(p_user_account_id = p_actor_id, 0, 1),
           failed_sign_in_count = 0,
           locked_until = NULL
     WHERE user_account_id = p_user_account_id;
END$$
DELIMITER ;
