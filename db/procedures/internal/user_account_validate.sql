-- user_account_validate
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Shared checks for a new account: username shape and uniqueness, display name, role, password policy.
DROP PROCEDURE IF EXISTS user_account_validate;
DELIMITER $$
CREATE PROCEDURE user_account_validate(
    IN p_username VARCHAR(50), IN p_display_name VARCHAR(100), IN p_role_code VARCHAR(20),
    IN p_password_hash VARCHAR(255), IN p_password_length INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_username IS NULL OR TRIM(p_username) NOT REGEXP '^[A-Za-z0-9._-]{3,50}$' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A username needs 3 to 50 letters, digits, dots, dashes or underscores.', MYSQL_ERRNO = 50103;
    END IF;
    IF EXISTS (SELECT 1 FROM user_account WHERE username = TRIM(p_username)) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That username is already taken. Please choose another.', MYSQL_ERRNO = 50104;
    END IF;
    IF p_display_name IS NULL OR CHAR_LENGTH(TRIM(p_display_name)) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the person''s name.', MYSQL_ERRNO = 50106;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM role WHERE role_code = p_role_code) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please choose a valid role.', MYSQL_ERRNO = 50105;
    END IF;
    IF p_password_hash IS NULL OR CHAR_LENGTH(p_password_hash) < 20 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The password could not be stored. Please try again.', MYSQL_ERRNO = 50112;
    END IF;
    CALL password_policy_check(p_password_length);
END$$
DELIMITER ;
