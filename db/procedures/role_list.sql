-- role_list
-- The roles an account can have, in display order.
DROP PROCEDURE IF EXISTS role_list;
DELIMITER $$
CREATE PROCEDURE role_list(IN p_actor_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, NULL);
    SELECT role_code, role_name FROM role ORDER BY sort_order;
END$$
DELIMITER ;
