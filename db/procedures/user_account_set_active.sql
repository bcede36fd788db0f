-- user_account_set_active
-- An administrator activates or deactivates an account. Administrators cannot deactivate
-- themselves, so a clinic is never left without a way in. Reactivating also clears a lockout.
DROP PROCEDURE IF EXISTS user_account_set_active;
DELIMITER $$
CREATE PROCEDURE user_account_set_active(
    IN p_actor_id INT UNSIGNED, IN p_user_account_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, 'admin');
    IF NOT EXISTS (SELECT 1 FROM user_account WHERE user_account_id = p_user_account_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;
    IF p_user_account_id = p_actor_id AND p_is_active = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You cannot deactivate your own account.', MYSQL_ERRNO = 50108;
    END IF;

    UPDATE user_account
       SET is_active = IF(p_is_active = 0, 0, 1),
           failed_sign_in_count = IF(p_is_active = 0, failed_sign_in_count, 0),
           locked_until = IF(p_is_active = 0, locked_until, NULL)
     WHERE user_account_id = p_user_account_id;
END$$
DELIMITER ;
