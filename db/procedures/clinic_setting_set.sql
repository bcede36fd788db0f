-- clinic_setting_set
-- An administrator changes a clinic setting. Only known keys may be set, and each value is checked:
--   patient.mrn_prefix      0 to 10 letters, digits, / - _ (e.g. HMS/)
--   patient.mrn_digits      4 to 12 (numbers longer than this are never cut, only not padded)
--   phone.country_code      1 to 4 digits, not starting with 0 (e.g. 256)
--   phone.national_prefix   0 to 2 digits (e.g. 0; empty where there is none)
--   phone.national_digits   6 to 12 (digits after the national prefix, e.g. 9)
--   auth.max_failed_sign_ins 1 to 100, auth.lockout_minutes 1 to 1440, auth.password_min_length 8 to 128
--   auth.account_lock_failures 5 to 1000, auth.session_idle_minutes 5 to 1440,
--   auth.session_absolute_hours 1 to 72
--   pharmacy.expiry_alert_days 1 to 730 (lots expiring within this many days are flagged)
--   clinic.name             1 to 150 characters (printed on prescriptions and receipts)
--   clinic.address, clinic.phone  0 to 255 characters (may be empty)
--   portal.invitation_hours 1 to 720, portal.invitation_max_attempts 1 to 20,
--   portal.booking_window_days 1 to 365, portal.max_future_bookings 1 to 50, portal.cancel_hours 0 to 336,
--   portal.show_clinical_notes and portal.show_access_names 0 or 1
--   notify.reminder_hours   0 to 168 (0: no reminders), notify.max_attempts 1 to 20,
--   notify.retry_base_seconds 10 to 3600
--   import.date_formats     date formats of imported files, comma-separated, tried in order: YYYY-MM-DD,
--                           DD/MM/YYYY, D/M/YYYY, MM/DD/YYYY, M/D/YYYY, DD.MM.YYYY (function import_date)
--   clinic.time_zone        SYSTEM (the database server's zone), a zone name the server knows (Africa/Kampala: needs
--                           the server's time zone tables) or a fixed offset the server accepts (+03:00; MariaDB -12:59 to +13:00, MySQL -13:59 to +14:00);
--                           anything else: 51710. On a change, the live sessions' started_at and last_used_at are
--                           moved to the new zone's wall clock (nobody is signed out or kept longer); every other
--                           stored DATETIME stays as it was (README "One clinic clock").
DROP PROCEDURE IF EXISTS clinic_setting_set;
DELIMITER $$
CREATE PROCEDURE clinic_setting_set(IN p_session_token VARCHAR(100), IN p_key VARCHAR(64), IN p_value VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_value VARCHAR(255);
    DECLARE v_ok TINYINT DEFAULT 0;
    DECLARE v_old_zone VARCHAR(64) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    CALL actor_require(p_session_token, 'settings.manage', v_actor_id);

    IF NOT EXISTS (SELECT 1 FROM clinic_setting WHERE setting_key = p_key) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That setting does not exist.', MYSQL_ERRNO = 50003;
    END IF;

    SET v_value = COALESCE(TRIM(p_value), '');
    IF p_key = 'clinic.time_zone' THEN
        IF UPPER(v_value) = 'SYSTEM' THEN
            SET v_value = 'SYSTEM';
        END IF;
        IF v_value <> 'SYSTEM' AND (
               NOT (v_value REGEXP '^[+-][0-9]{2}:[0-5][0-9]$' OR v_value REGEXP '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$')
               OR CONVERT_TZ('2000-01-01 12:00:00', '+00:00', v_value) IS NULL) THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'The database server does not know that time zone. Use a name like Africa/Kampala or an offset like +03:00.',
                    MYSQL_ERRNO = 51710;
        END IF;
    END IF;
    SET v_ok = CASE p_key
        WHEN 'patient.mrn_prefix' THEN v_value REGEXP '^[A-Za-z0-9/_-]{0,10}$'
        WHEN 'patient.mrn_digits' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 4 AND 12
        WHEN 'phone.country_code' THEN v_value REGEXP '^[1-9][0-9]{0,3}$'
        WHEN 'phone.national_prefix' THEN v_value REGEXP '^[0-9]{0,2}$'
        WHEN 'phone.national_digits' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 6 AND 12
        WHEN 'auth.max_failed_sign_ins' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 100
        WHEN 'auth.lockout_minutes' THEN v_value REGEXP '^[0-9]{1,4}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 1440
        WHEN 'auth.account_lock_failures' THEN v_value REGEXP '^[0-9]{1,4}$' AND CAST(v_value AS UNSIGNED) BETWEEN 5 AND 1000
        WHEN 'auth.session_idle_minutes' THEN v_value REGEXP '^[0-9]{1,4}$' AND CAST(v_value AS UNSIGNED) BETWEEN 5 AND 1440
        WHEN 'auth.session_absolute_hours' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 72
        WHEN 'auth.password_min_length' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 8 AND 128
        WHEN 'pharmacy.expiry_alert_days' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 730
        WHEN 'clinic.name' THEN CHAR_LENGTH(v_value) BETWEEN 1 AND 150
        WHEN 'clinic.address' THEN CHAR_LENGTH(v_value) <= 255
        WHEN 'clinic.phone' THEN CHAR_LENGTH(v_value) <= 255
        WHEN 'portal.invitation_hours' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 720
        WHEN 'portal.invitation_max_attempts' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 20
        WHEN 'portal.booking_window_days' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 365
        WHEN 'portal.max_future_bookings' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 50
        WHEN 'portal.cancel_hours' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) <= 336
        WHEN 'portal.show_clinical_notes' THEN v_value IN ('0', '1')
        WHEN 'portal.show_access_names' THEN v_value IN ('0', '1')
        WHEN 'notify.reminder_hours' THEN v_value REGEXP '^[0-9]{1,3}$' AND CAST(v_value AS UNSIGNED) BETWEEN 0 AND 168
        WHEN 'notify.max_attempts' THEN v_value REGEXP '^[0-9]{1,2}$' AND CAST(v_value AS UNSIGNED) BETWEEN 1 AND 20
        WHEN 'import.date_formats' THEN v_value REGEXP '^(YYYY-MM-DD|DD/MM/YYYY|D/M/YYYY|MM/DD/YYYY|M/D/YYYY|DD[.]MM[.]YYYY)(,(YYYY-MM-DD|DD/MM/YYYY|D/M/YYYY|MM/DD/YYYY|M/D/YYYY|DD[.]MM[.]YYYY))*$'
        WHEN 'clinic.time_zone' THEN 1
        WHEN 'notify.retry_base_seconds' THEN v_value REGEXP '^[0-9]{1,4}$' AND CAST(v_value AS UNSIGNED) BETWEEN 10 AND 3600
        ELSE 0
    END;
    IF COALESCE(v_ok, 0) <> 1 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That value is not allowed for this setting. See the setting''s description.', MYSQL_ERRNO = 50004;
    END IF;

    START TRANSACTION;
    IF p_key = 'clinic.time_zone' THEN
        SELECT setting_value INTO v_old_zone FROM clinic_setting WHERE setting_key = p_key FOR UPDATE;
    END IF;
    UPDATE clinic_setting SET setting_value = v_value WHERE setting_key = p_key;
    IF p_key = 'clinic.time_zone' AND v_old_zone <> v_value THEN
        -- This session runs on the old zone's clock (session_resolve): move the live sessions' times to the new one.
        UPDATE user_session
           SET started_at = COALESCE(CONVERT_TZ(started_at, @@session.time_zone, v_value), started_at),
               last_used_at = COALESCE(CONVERT_TZ(last_used_at, @@session.time_zone, v_value), last_used_at)
         WHERE ended_at IS NULL;
        SET time_zone = v_value;
    END IF;
    COMMIT;
END$$
DELIMITER ;
