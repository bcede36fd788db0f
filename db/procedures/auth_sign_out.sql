-- auth_sign_out
-- Ends the caller's session (reason sign_out). The token is worthless from this moment on, even if
-- a copy of the cookie survives somewhere. Signing out of a session that has already ended is not
-- an error.
DROP PROCEDURE IF EXISTS auth_sign_out;
DELIMITER $$
CREATE PROCEDURE auth_sign_out(IN p_session_token VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_account_id INT UNSIGNED DEFAULT NULL;

    CALL clinic_time_zone_apply();
    IF p_session_token IS NOT NULL AND CHAR_LENGTH(p_session_token) = 64 THEN
        SELECT user_session_id, user_account_id INTO v_session_id, v_account_id
          FROM user_session
         WHERE token_hash = UNHEX(SHA2(p_session_token, 256)) AND ended_at IS NULL;
    END IF;
    IF v_session_id IS NOT NULL THEN
        SET @clinic_actor_id = v_account_id;
        SET @clinic_session_id = v_session_id;
        UPDATE user_session
           SET ended_at = NOW(), end_reason = 'sign_out', ended_by = v_account_id
         WHERE user_session_id = v_session_id AND ended_at IS NULL;
    END IF;
END$$
DELIMITER ;
