-- auth_sign_in_record
-- The sign-in rules. Given a username and whether the app found the password correct, decides the
-- outcome and records it, in one transaction with the account row locked so that concurrent
-- attempts are counted exactly:
--   * unknown username or wrong password: outcome 'invalid' (one generic message for both);
--   * deactivated account: 'inactive';
--   * locked account (locked_until in the future): 'locked', and the password is not even considered;
--   * the Nth wrong password in a row (N = setting auth.max_failed_sign_ins, 5) locks the account for
--     auth.lockout_minutes (15) and answers 'locked';
--   * a right password resets the failure count and answers 'ok' with the account's details.
-- Returns one row: outcome, message, and the account columns (NULL unless outcome is 'ok').
DROP PROCEDURE IF EXISTS auth_sign_in_record;
DELIMITER $$
CREATE PROCEDURE auth_sign_in_record(IN p_actor_id INT UNSIGNED, IN p_username VARCHAR(50), IN p_password_ok TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT 0;
    DECLARE v_locked_until DATETIME DEFAULT NULL;
    DECLARE v_failed INT DEFAULT 0;
    DECLARE v_max INT;
    DECLARE v_minutes INT;
    DECLARE v_outcome VARCHAR(10);
    DECLARE v_message VARCHAR(128);

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    SET v_max = setting_int('auth.max_failed_sign_ins', 5);
    SET v_minutes = setting_int('auth.lockout_minutes', 15);
    SET @clinic_actor_id = NULL;

    START TRANSACTION;

    SELECT user_account_id, is_active, locked_until, failed_sign_in_count
      INTO v_id, v_active, v_locked_until, v_failed
      FROM user_account
     WHERE username = TRIM(p_username)
       FOR UPDATE;

    IF v_id IS NULL THEN
        SET v_outcome = 'invalid';
    ELSEIF v_active = 0 THEN
        SET v_outcome = 'inactive';
    ELSEIF v_locked_until IS NOT NULL AND v_locked_until > NOW() THEN
        SET v_outcome = 'locked';
        SET v_minutes = GREATEST(1, CEIL(TIMESTAMPDIFF(SECOND, NOW(), v_locked_until) / 60));
    ELSEIF p_password_ok = 1 THEN
        SET @clinic_actor_id = v_id;
        UPDATE user_account
           SET failed_sign_in_count = 0, locked_until = NULL, last_sign_in_at = NOW()
         WHERE user_account_id = v_id;
        SET v_outcome = 'ok';
    ELSE
        SET v_failed = v_failed + 1;
        IF v_failed >= v_max THEN
            UPDATE user_account
               SET failed_sign_in_count = 0,
                   locked_until = NOW() + INTERVAL v_minutes MINUTE
             WHERE user_account_id = v_id;
            SET v_outcome = 'locked';
        ELSE
            UPDATE user_account
               SET failed_sign_in_count = v_failed, locked_until = NULL
             WHERE user_account_id = v_id;
            SET v_outcome = 'invalid';
        END IF;
    END IF;

    COMMIT;

    SET v_message = CASE v_outcome
        WHEN 'ok' THEN 'Signed in.'
        WHEN 'invalid' THEN 'The username or password is incorrect.'
        WHEN 'inactive' THEN 'This account has been deactivated. Please ask an administrator.'
        ELSE CONCAT('This account is locked after too many failed sign-ins. Try again in ', v_minutes,
                    IF(v_minutes = 1, ' minute.', ' minutes.'))
    END;

    SELECT v_outcome AS outcome,
           v_message AS message,
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
