-- auth_password_params
-- The PBKDF2 parameters (prf, iterations, salt, key_length) of the signed-in user's current
-- password, so that the app can derive the key of the "current password" the user typed when
-- changing it (auth_password_change compares it here). Allowed for a session opened with a
-- temporary password. Never returns the hash or the key.
DROP PROCEDURE IF EXISTS auth_password_params;
DELIMITER $$
CREATE PROCEDURE auth_password_params(IN p_session_token VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_must_change TINYINT DEFAULT 0;

    CALL session_resolve(p_session_token, 1, v_actor_id, v_session_id, v_must_change);
    SELECT password_prf AS prf, password_iterations AS iterations, password_salt AS salt, LENGTH(password_key) AS key_length
      FROM user_account
     WHERE user_account_id = v_actor_id;
END$$
DELIMITER ;
