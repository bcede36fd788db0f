-- department_list
-- Departments by name (at most 500), for pickers and the admin page. Any staff role may read them.
DROP PROCEDURE IF EXISTS department_list;
DELIMITER $$
CREATE PROCEDURE department_list(IN p_session_token VARCHAR(100), IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.read', v_actor_id);
    SELECT department_id, name, is_active, created_at, updated_at
      FROM department
     WHERE is_active = 1 OR COALESCE(p_include_inactive, 0) = 1
     ORDER BY name
     LIMIT 500;
END$$
DELIMITER ;
