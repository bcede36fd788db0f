-- password_policy_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The password policy: a new password must be at least auth.password_min_length (8) characters.
-- The app sends the length of the plain password it is about to hash; the password itself never
-- reaches the database.
DROP PROCEDURE IF EXISTS password_policy_check;
DELIMITER $$
CREATE PROCEDURE password_policy_check(IN p_password_length INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_min INT;
    DECLARE v_message VARCHAR(128);
    SET v_min = setting_int('auth.password_min_length', 8);
    IF p_password_length IS NULL OR p_password_length < v_min THEN
        SET v_message = CONCAT('The new password must be at least ', v_min, ' characters long.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50111;
    END IF;
END$$
DELIMITER ;
