-- staff_list
-- Staff a page at a time (at most 100 rows, total_count = all matches), by family and given name,
-- optionally filtered by role, department and active flag. Any staff role may read it (booking
-- screens pick doctors from it).
DROP PROCEDURE IF EXISTS staff_list;
DELIMITER $$
CREATE PROCEDURE staff_list(IN p_session_token VARCHAR(100), IN p_staff_role VARCHAR(20), IN p_department_id INT UNSIGNED, IN p_is_active TINYINT,
    IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'facility.read', v_actor_id);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);

    SELECT s.staff_id, s.user_account_id, u.username, s.given_name, s.family_name, s.staff_role,
           s.department_id, d.name AS department_name, s.specialisation_id, sp.name AS specialisation_name,
           s.consultation_fee, s.phone, phone_format_local(s.phone) AS phone_local, s.email, s.is_active,
           s.created_at, s.updated_at, COUNT(*) OVER () AS total_count
      FROM staff AS s
      LEFT JOIN user_account AS u ON u.user_account_id = s.user_account_id
      LEFT JOIN department AS d ON d.department_id = s.department_id
      LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
     WHERE (NULLIF(p_staff_role, '') IS NULL OR s.staff_role = p_staff_role)
       AND (p_department_id IS NULL OR s.department_id = p_department_id)
       AND (p_is_active IS NULL OR s.is_active = p_is_active)
     ORDER BY s.family_name, s.given_name, s.staff_id
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
