-- schedule_exception_remove
-- An administrator removes a leave, holiday or extra-session entry.
--   50408 unknown entry.
DROP PROCEDURE IF EXISTS schedule_exception_remove;
DELIMITER $$
CREATE PROCEDURE schedule_exception_remove(IN p_session_token VARCHAR(100), IN p_doctor_schedule_exception_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'schedule.manage', v_actor_id);
    DELETE FROM doctor_schedule_exception WHERE doctor_schedule_exception_id = p_doctor_schedule_exception_id;
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That leave, holiday or extra session does not exist.', MYSQL_ERRNO = 50408;
    END IF;
END$$
DELIMITER ;
