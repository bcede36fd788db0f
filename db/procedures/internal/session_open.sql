-- session_open
-- INTERNAL (not executable by the app). Opens a sign-in session for an account and returns its
-- token: 32 random bytes as 64 hex characters. Only the token's SHA-256 hash is stored, so the
-- token exists only in the caller's hands (the user's authentication cookie). A session of an
-- account that must change its password is restricted to changing it (actor_require: 50118).
-- Called by auth_sign_in after a correct password; tests call it as the schema owner.
DROP PROCEDURE IF EXISTS session_open;
DELIMITER $$
CREATE PROCEDURE session_open(
    IN p_user_account_id INT UNSIGNED, IN p_client_address VARCHAR(45), IN p_user_agent VARCHAR(255),
    OUT p_session_token CHAR(64))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_token CHAR(64);
    CALL clinic_time_zone_apply();  -- started_at and last_used_at on the clinic's clock
    SET v_token = LOWER(HEX(RANDOM_BYTES(32)));
    INSERT INTO user_session (token_hash, user_account_id, role_code, must_change_password, client_address, user_agent)
    SELECT UNHEX(SHA2(v_token, 256)), user_account_id, role_code, must_change_password,
           LEFT(NULLIF(TRIM(p_client_address), ''), 45), LEFT(NULLIF(TRIM(p_user_agent), ''), 255)
      FROM user_account
     WHERE user_account_id = p_user_account_id AND is_active = 1;
    IF ROW_COUNT() <> 1 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You are not signed in, or your account is no longer active. Please sign in again.', MYSQL_ERRNO = 50101;
    END IF;
    SET p_session_token = v_token;
END$$
DELIMITER ;
