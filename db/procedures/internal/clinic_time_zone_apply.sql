-- clinic_time_zone_apply
-- INTERNAL (not executable by the app). Sets this session's time_zone to the clinic setting clinic.time_zone
-- (a zone name such as Africa/Kampala, an offset such as +03:00, or SYSTEM), so that CURDATE(), NOW() and
-- DEFAULT CURRENT_TIMESTAMP give the clinic's wall clock. Called first by internal/session_resolve (so by every
-- public procedure with a session, through actor_require) and by the public procedures that run without a
-- session (sign-in, portal_join, the outbox sender's procedures, clinic_clock_now) and the nightly event.
-- A zone the server does not know (its time zone tables were emptied after the setting was chosen) falls back to
-- the server's own zone rather than refusing every call; clinic_clock_now reports it (zone_applied = 0).
-- Every DATETIME column holds the clinic's wall clock; see README, "One clinic clock".
DROP PROCEDURE IF EXISTS clinic_time_zone_apply;
DELIMITER $$
CREATE PROCEDURE clinic_time_zone_apply()
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_zone VARCHAR(64) DEFAULT NULL;
    DECLARE CONTINUE HANDLER FOR 1298 SET time_zone = 'SYSTEM';
    SET v_zone = setting_text('clinic.time_zone', 'SYSTEM');
    IF v_zone IS NULL OR v_zone = '' THEN
        SET v_zone = 'SYSTEM';
    END IF;
    IF v_zone <> @@session.time_zone THEN
        SET time_zone = v_zone;
    END IF;
END$$
DELIMITER ;
