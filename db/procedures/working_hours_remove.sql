-- working_hours_remove
-- An administrator removes a weekly working-hours block. Existing appointments stay as they are.
--   50405 unknown block.
DROP PROCEDURE IF EXISTS working_hours_remove;
DELIMITER $$
CREATE PROCEDURE working_hours_remove(IN p_session_token VARCHAR(100), IN p_doctor_working_hours_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'schedule.manage', v_actor_id);
    DELETE FROM doctor_working_hours WHERE doctor_working_hours_id = p_doctor_working_hours_id;
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Those working hours do not exist.', MYSQL_ERRNO = 50405;
    END IF;
END$$
DELIMITER ;
