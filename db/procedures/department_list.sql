-- department_list
-- Departments by name (at most 500), for pickers and the admin page. Any staff role may read them.
DROP PROCEDURE IF EXISTS department_list;
DELIMITER $$
CREATE PROCEDURE department_list(IN p_actor_id INT UNSIGNED, IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, 'admin,receptionist,nurse,doctor,pharmacist,billing_clerk');
    SELECT department_id, name, is_active, created_at, updated_at
      FROM department
     WHERE is_active = 1 OR COALESCE(p_include_inactive, 0) = 1
     ORDER BY name
     LIMIT 500;
END$$
DELIMITER ;
