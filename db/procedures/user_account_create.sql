-- user_account_create
-- An administrator creates a sign-in account with a temporary password. Returns the new
-- user_account_id. The password is temporary: the first sign-in opens a session that may only
-- change it (actor_require: 50118), so the administrator never knows a password in use.
DROP PROCEDURE IF EXISTS user_account_create;
DELIMITER $$
CREATE PROCEDURE user_account_create(
    IN p_session_token VARCHAR(100), IN p_username VARCHAR(50), IN p_display_name VARCHAR(100),
    IN p_role_code VARCHAR(20), IN p_password_hash VARCHAR(255), IN p_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    CALL user_account_validate(p_username, p_display_name, p_role_code, p_password_hash, p_password_length);

    INSERT INTO user_account (username, display_name, role_code, password_hash, must_change_password)
    VALUES (TRIM(p_username), TRIM(p_display_name), p_role_code, p_password_hash, 1);

    SELECT LAST_INSERT_ID() AS user_account_id;
END$$
DELIMITER ;
