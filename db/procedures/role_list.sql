-- role_list
-- The roles an account can have, in display order.
DROP PROCEDURE IF EXISTS role_list;
DELIMITER $$
CREATE PROCEDURE role_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, NULL, v_actor_id);
    SELECT role_code, role_name FROM role ORDER BY sort_order;
END$$
DELIMITER ;
