-- session_resolve
-- INTERNAL (not executable by the app). Resolves a session token to the acting account, or refuses:
--   50101 no token, an unknown token, or the account is gone;
--   50115 idle for longer than auth.session_idle_minutes (30);
--   50116 older than auth.session_absolute_hours (12);
--   50117 ended: signed out, password changed or reset, deactivated, role changed, or revoked by an
--         administrator (the message says which).
-- Only the SHA-256 hash of the token is stored, so the token is hashed here and looked up by that.
-- With p_touch = 1 a live session's last_used_at is moved on at most once a minute (a plain read
-- first, so most calls take no row lock); auth_session_get looks without touching, so a page that
-- only polls never keeps an idle session alive. Sets @clinic_actor_id and @clinic_session_id for the audit triggers and
-- the access log. Sets the session's time_zone from the setting clinic.time_zone first
-- (internal/clinic_time_zone_apply), so every public procedure with a session runs on the clinic's clock.
-- actor_require adds the role and temporary-password checks; auth_password_change
-- and auth_sign_out call this directly.
DROP PROCEDURE IF EXISTS session_resolve;
DELIMITER $$
CREATE PROCEDURE session_resolve(
    IN p_session_token VARCHAR(100), IN p_touch TINYINT, OUT p_actor_id INT UNSIGNED,
    OUT p_session_id BIGINT UNSIGNED, OUT p_must_change TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_account_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_started DATETIME;
    DECLARE v_last_used DATETIME;
    DECLARE v_end_reason VARCHAR(20) DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT 0;
    DECLARE v_must_change TINYINT DEFAULT 0;
    DECLARE v_idle INT;
    DECLARE v_hours_text VARCHAR(255) DEFAULT NULL;
    DECLARE v_idle_text VARCHAR(255) DEFAULT NULL;
    DECLARE v_hours INT;
    DECLARE v_message VARCHAR(128);

    -- The clinic's clock first: every NOW() and CURDATE() after this, here and in the caller, is the clinic's.
    CALL clinic_time_zone_apply();
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;
    SET p_actor_id = NULL;
    SET p_session_id = NULL;
    SET p_must_change = 0;

    IF p_session_token IS NOT NULL AND CHAR_LENGTH(p_session_token) = 64 THEN
        SELECT s.user_session_id, s.user_account_id, s.started_at, s.last_used_at, s.end_reason,
               u.is_active, s.must_change_password,
               (SELECT c.setting_value FROM clinic_setting AS c WHERE c.setting_key = 'auth.session_absolute_hours'),
               (SELECT c.setting_value FROM clinic_setting AS c WHERE c.setting_key = 'auth.session_idle_minutes')
          INTO v_session_id, v_account_id, v_started, v_last_used, v_end_reason, v_active, v_must_change,
               v_hours_text, v_idle_text
          FROM user_session AS s
          JOIN user_account AS u ON u.user_account_id = s.user_account_id
         WHERE s.token_hash = UNHEX(SHA2(p_session_token, 256));
    END IF;

    IF v_session_id IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You are not signed in, or your account is no longer active. Please sign in again.', MYSQL_ERRNO = 50101;
    END IF;

    IF v_end_reason IS NULL AND v_active = 0 THEN
        SET v_end_reason = 'deactivated';
    END IF;
    IF v_end_reason IS NOT NULL THEN
        SET v_message = CASE v_end_reason
            WHEN 'sign_out' THEN 'You signed out. Please sign in again.'
            WHEN 'password_changed' THEN 'You were signed out because your password was changed. Please sign in again.'
            WHEN 'password_reset' THEN 'You were signed out because an administrator reset your password. Please sign in again.'
            WHEN 'deactivated' THEN 'You were signed out because your account was deactivated. Please ask an administrator.'
            WHEN 'role_changed' THEN 'You were signed out because your role was changed. Please sign in again.'
            WHEN 'revoked' THEN 'An administrator ended your session. Please sign in again.'
            ELSE 'Your session has ended. Please sign in again.'
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50117;
    END IF;

    -- The two limits were read with the session (one statement instead of two setting_int calls, on every
    -- call of every public procedure), and are read here by setting_int's rule: a whole number, else the default.
    SET v_hours = IF(v_hours_text REGEXP '^-?[0-9]+$', CAST(v_hours_text AS SIGNED), 12);
    IF v_started < NOW() - INTERVAL v_hours HOUR THEN
        SET v_message = CONCAT('You were signed out because a sign-in lasts at most ', v_hours,
                               IF(v_hours = 1, ' hour', ' hours'), '. Please sign in again.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50116;
    END IF;
    SET v_idle = IF(v_idle_text REGEXP '^-?[0-9]+$', CAST(v_idle_text AS SIGNED), 30);
    IF v_last_used < NOW() - INTERVAL v_idle MINUTE THEN
        SET v_message = CONCAT('You were signed out after ', v_idle, IF(v_idle = 1, ' minute', ' minutes'),
                               ' without activity. Please sign in again.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50115;
    END IF;

    IF p_touch = 1 AND v_last_used < NOW() - INTERVAL 1 MINUTE THEN
        UPDATE user_session SET last_used_at = NOW() WHERE user_session_id = v_session_id;
    END IF;

    SET p_actor_id = v_account_id;
    SET p_session_id = v_session_id;
    SET p_must_change = v_must_change;
    SET @clinic_actor_id = v_account_id;
    SET @clinic_session_id = v_session_id;
END$$
DELIMITER ;
