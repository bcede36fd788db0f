-- room_list
-- Rooms by name (at most 500), optionally of one department. Any staff role may read them.
DROP PROCEDURE IF EXISTS room_list;
DELIMITER $$
CREATE PROCEDURE room_list(IN p_session_token VARCHAR(100), IN p_department_id INT UNSIGNED, IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.read', v_actor_id);
    SELECT r.room_id, r.name, r.room_type, r.department_id, d.name AS department_name, r.is_active, r.created_at, r.updated_at
      FROM room AS r
      LEFT JOIN department AS d ON d.department_id = r.department_id
     WHERE (p_department_id IS NULL OR r.department_id = p_department_id)
       AND (r.is_active = 1 OR COALESCE(p_include_inactive, 0) = 1)
     ORDER BY r.name
     LIMIT 500;
END$$
DELIMITER ;
