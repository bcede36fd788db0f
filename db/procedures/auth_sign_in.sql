-- auth_sign_in
-- The sign-in decision. The app has derived p_derived_key from the typed password with the
-- parameters of auth_sign_in_begin; this compares it with the stored key and, when it matches,
-- opens a session (internal/session_open) and returns its token. All in one transaction, with the
-- account row and the (username, computer) throttle row locked, so concurrent attempts are counted
-- exactly. Outcomes (one row: outcome, message, session_token and the account's columns, NULL
-- unless outcome is 'ok'):
--   * 'locked': the computer is blocked or the account locked (internal/sign_in_lock_state explains
--     the scheme); the key is not even compared;
--   * 'invalid': unknown username, deactivated account or wrong password, one generic message for
--     all three. A wrong password counts against the computer and the account; the failure that
--     reaches a limit answers 'locked';
--   * 'ok': the counts for this computer and the account are cleared and the session is opened.
--     must_change_password = 1 means the password is temporary: the session may only change it.
DROP PROCEDURE IF EXISTS auth_sign_in;
DELIMITER $$
CREATE PROCEDURE auth_sign_in(
    IN p_username VARCHAR(50), IN p_derived_key VARBINARY(64), IN p_client_address VARCHAR(45),
    IN p_user_agent VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_key VARCHAR(50);
    DECLARE v_address VARCHAR(45);
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT 0;
    DECLARE v_locked_until DATETIME DEFAULT NULL;
    DECLARE v_account_failed INT DEFAULT 0;
    DECLARE v_stored VARBINARY(64) DEFAULT NULL;
    DECLARE v_failed INT DEFAULT 0;
    DECLARE v_blocks INT DEFAULT 0;
    DECLARE v_last_failed DATETIME DEFAULT NULL;
    DECLARE v_max INT;
    DECLARE v_account_max INT;
    DECLARE v_minutes INT;
    DECLARE v_outcome VARCHAR(10);
    DECLARE v_message VARCHAR(128) DEFAULT NULL;
    DECLARE v_token CHAR(64) DEFAULT NULL;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL clinic_time_zone_apply();
    SET v_key = LOWER(LEFT(TRIM(COALESCE(p_username, '')), 50));
    SET v_address = COALESCE(LEFT(NULLIF(TRIM(p_client_address), ''), 45), 'unknown');
    SET v_max = setting_int('auth.max_failed_sign_ins', 5);
    SET v_account_max = setting_int('auth.account_lock_failures', 20);
    SET v_minutes = setting_int('auth.lockout_minutes', 15);
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;

    START TRANSACTION;

    SELECT user_account_id, is_active, locked_until, failed_sign_in_count, password_key
      INTO v_id, v_active, v_locked_until, v_account_failed, v_stored
      FROM user_account
     WHERE username = v_key
       FOR UPDATE;

    INSERT INTO sign_in_throttle (username_key, client_address)
    VALUES (v_key, v_address)
    ON DUPLICATE KEY UPDATE username_key = username_key;
    SELECT failed_count, block_count, last_failed_at INTO v_failed, v_blocks, v_last_failed
      FROM sign_in_throttle
     WHERE username_key = v_key AND client_address = v_address
       FOR UPDATE;
    IF v_last_failed IS NOT NULL AND v_last_failed < NOW() - INTERVAL 1 DAY THEN
        SET v_failed = 0, v_blocks = 0;
    END IF;

    CALL sign_in_lock_state(v_key, v_address, v_locked_until, v_message);

    IF v_message IS NOT NULL THEN
        SET v_outcome = 'locked';
    ELSEIF v_id IS NOT NULL AND v_active = 1 AND v_stored IS NOT NULL AND p_derived_key IS NOT NULL
           AND UNHEX(SHA2(p_derived_key, 256)) = UNHEX(SHA2(v_stored, 256)) THEN
        SET @clinic_actor_id = v_id;
        UPDATE sign_in_throttle
           SET failed_count = 0, block_count = 0, blocked_until = NULL, last_success_at = NOW()
         WHERE username_key = v_key AND client_address = v_address;
        UPDATE user_account
           SET failed_sign_in_count = 0, locked_until = NULL, last_sign_in_at = NOW()
         WHERE user_account_id = v_id;
        CALL session_open(v_id, v_address, p_user_agent, v_token);
        SET v_outcome = 'ok';
        SET v_message = 'Signed in.';
    ELSE
        SET v_outcome = 'invalid';
        SET v_message = 'The username or password is incorrect.';
        SET v_failed = v_failed + 1;
        IF v_failed >= v_max THEN
            SET v_minutes = LEAST(1440, v_minutes * POW(2, LEAST(v_blocks, 10)));
            UPDATE sign_in_throttle
               SET failed_count = 0, block_count = v_blocks + 1,
                   blocked_until = NOW() + INTERVAL v_minutes MINUTE, last_failed_at = NOW()
             WHERE username_key = v_key AND client_address = v_address;
            SET v_outcome = 'locked';
            SET v_message = CONCAT('Too many failed sign-ins from this computer. Try again in ', v_minutes,
                                   IF(v_minutes = 1, ' minute', ' minutes'), ' or ask an administrator.');
        ELSE
            UPDATE sign_in_throttle
               SET failed_count = v_failed, block_count = v_blocks, last_failed_at = NOW()
             WHERE username_key = v_key AND client_address = v_address;
        END IF;
        IF v_id IS NOT NULL AND v_active = 1 THEN
            IF v_account_failed + 1 >= v_account_max THEN
                UPDATE user_account
                   SET failed_sign_in_count = 0, locked_until = NOW() + INTERVAL setting_int('auth.lockout_minutes', 15) MINUTE
                 WHERE user_account_id = v_id;
            ELSE
                UPDATE user_account SET failed_sign_in_count = v_account_failed + 1 WHERE user_account_id = v_id;
            END IF;
        END IF;
    END IF;

    COMMIT;

    SELECT v_outcome AS outcome,
           v_message AS message,
           v_token AS session_token,
           u.user_account_id,
           u.username,
           u.display_name,
           u.role_code,
           u.must_change_password
      FROM (SELECT 1 AS one) AS x
      LEFT JOIN user_account AS u
        ON u.user_account_id = v_id AND v_outcome = 'ok';
END$$
DELIMITER ;
