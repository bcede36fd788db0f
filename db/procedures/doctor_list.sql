-- doctor_list
-- Active doctors for the booking and calendar pickers, by family and given name: their
-- specialisation (with its default appointment length) and department. Optionally only the
-- doctors whose given name, family name or full name ('Daniel Ok') starts with p_search, or only
-- one specialisation.
-- At most p_limit rows (1-100, default 50). Any role that books or sees appointments may read it.
-- Served by ix_staff_role (staff_role, is_active, family_name): the active doctors of a clinic.
DROP PROCEDURE IF EXISTS doctor_list;
DELIMITER $$
CREATE PROCEDURE doctor_list(IN p_session_token VARCHAR(100), IN p_search VARCHAR(100), IN p_specialisation_id INT UNSIGNED, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_like VARCHAR(210) DEFAULT NULL;
    CALL actor_require(p_session_token, 'appointment.read', v_actor_id);
    IF NULLIF(TRIM(p_search), '') IS NOT NULL THEN
        SET v_like = CONCAT(REPLACE(REPLACE(TRIM(p_search), '%', '\%'), '_', '\_'), '%');
    END IF;

    SELECT s.staff_id, s.given_name, s.family_name, s.specialisation_id, sp.name AS specialisation_name,
           sp.default_appointment_minutes, s.department_id, d.name AS department_name
      FROM staff AS s
      JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
      LEFT JOIN department AS d ON d.department_id = s.department_id
     WHERE s.staff_role = 'doctor' AND s.is_active = 1
       AND (p_specialisation_id IS NULL OR s.specialisation_id = p_specialisation_id)
       AND (v_like IS NULL OR s.family_name LIKE v_like OR s.given_name LIKE v_like
            OR CONCAT(s.given_name, ' ', s.family_name) LIKE v_like)
     ORDER BY s.family_name, s.given_name, s.staff_id
     LIMIT v_limit;
END$$
DELIMITER ;
