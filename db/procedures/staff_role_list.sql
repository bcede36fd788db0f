-- staff_role_list
-- The roles a staff record may have (role.is_staff_role), with their display names, in display order:
-- the staff screens' role picker and the role shown beside each staff member. Any signed-in account.
DROP PROCEDURE IF EXISTS staff_role_list;
DELIMITER $$
CREATE PROCEDURE staff_role_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, NULL, v_actor_id);
    SELECT role_code, role_name FROM role WHERE is_staff_role = 1 ORDER BY sort_order, role_code;
END$$
DELIMITER ;
