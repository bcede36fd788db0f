-- staff_shift_remove
-- An administrator removes a shift (the audit trail keeps it). Unknown id: 50324.
DROP PROCEDURE IF EXISTS staff_shift_remove;
DELIMITER $$
CREATE PROCEDURE staff_shift_remove(IN p_actor_id INT UNSIGNED, IN p_staff_shift_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, 'admin');
    IF NOT EXISTS (SELECT 1 FROM staff_shift WHERE staff_shift_id = p_staff_shift_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That shift does not exist.', MYSQL_ERRNO = 50324;
    END IF;
    DELETE FROM staff_shift WHERE staff_shift_id = p_staff_shift_id;
END$$
DELIMITER ;
