-- clinic_clock_now
-- What day and time it is at the clinic: the web app's only source of "today" (a business date never comes from
-- the web server's clock). Any signed-in account, also one that must still change a temporary password: the layout
-- asks the clock before it shows any page, the password page included, so the clock resolves the session itself
-- (internal/session_resolve, without moving its idle time on) instead of actor_require, which would refuse that
-- session (50118) and send the browser back to the password page for ever. The session's time_zone is the setting clinic.time_zone
-- (internal/session_resolve, internal/clinic_time_zone_apply), so CURDATE() and NOW() here are the clinic's.
--   today               the clinic's date
--   now                 the clinic's wall clock (DATETIME, like every DATETIME column)
--   time_zone           the setting clinic.time_zone as stored (SYSTEM, a zone name or an offset)
--   utc_offset_minutes  how far the clinic's clock is ahead of UTC right now (negative: behind)
--   zone_applied        1 when the server knows the zone; 0 when it fell back to its own zone (time zone tables missing)
DROP PROCEDURE IF EXISTS clinic_clock_now;
DELIMITER $$
CREATE PROCEDURE clinic_clock_now(IN p_session_token VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_must_change TINYINT DEFAULT 0;
    DECLARE v_zone VARCHAR(255);
    CALL session_resolve(p_session_token, 0, v_actor_id, v_session_id, v_must_change);
    SET v_zone = setting_text('clinic.time_zone', 'SYSTEM');
    SELECT CURDATE() AS today,
           NOW() AS now,
           v_zone AS time_zone,
           TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW()) AS utc_offset_minutes,
           IF(@@session.time_zone = v_zone OR v_zone = '', 1, 0) AS zone_applied;
END$$
DELIMITER ;
