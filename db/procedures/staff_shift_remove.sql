-- staff_shift_remove
-- An administrator removes a shift (the audit trail keeps it). Unknown id: 50324.
DROP PROCEDURE IF EXISTS staff_shift_remove;
DELIMITER $$
CREATE PROCEDURE staff_shift_remove(IN p_session_token VARCHAR(100), IN p_staff_shift_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'staff.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM staff_shift WHERE staff_shift_id = p_staff_shift_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That shift does not exist.', MYSQL_ERRNO = 50324;
    END IF;
    DELETE FROM staff_shift WHERE staff_shift_id = p_staff_shift_id;
END$$
DELIMITER ;
