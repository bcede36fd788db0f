-- user_account_create
-- An administrator creates a sign-in account. Returns the new user_account_id.
DROP PROCEDURE IF EXISTS user_account_create;
DELIMITER $$
CREATE PROCEDURE user_account_create(
    IN p_actor_id INT UNSIGNED, IN p_username VARCHAR(50), IN p_display_name VARCHAR(100),
    IN p_role_code VARCHAR(20), IN p_password_hash VARCHAR(255), IN p_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, 'admin');
    CALL user_account_validate(p_username, p_display_name, p_role_code, p_password_hash, p_password_length);

    INSERT INTO user_account (username, display_name, role_code, password_hash, must_change_password)
    VALUES (TRIM(p_username), TRIM(p_display_name), p_role_code, p_password_hash, 0);

    SELECT LAST_INSERT_ID() AS user_account_id;
END$$
DELIMITER ;
