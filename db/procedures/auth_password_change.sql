-- auth_password_change
-- A signed-in user changes their own password. The app has already checked the old password
-- against the stored hash; this applies the password policy and stores the new hash.
DROP PROCEDURE IF EXISTS auth_password_change;
DELIMITER $$
CREATE PROCEDURE auth_password_change(
    IN p_actor_id INT UNSIGNED, IN p_new_password_hash VARCHAR(255), IN p_new_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, NULL);
    CALL password_policy_check(p_new_password_length);
    IF p_new_password_hash IS NULL OR CHAR_LENGTH(p_new_password_hash) < 20 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The password could not be stored. Please try again.', MYSQL_ERRNO = 50112;
    END IF;

    UPDATE user_account
       SET password_hash = p_new_password_hash,
           password_changed_at = NOW(),
           must_change_password = 0
     WHERE user_account_id = p_actor_id;
END$$
DELIMITER ;
