-- specialisation_list
-- Specialisations by name (at most 500). Any staff role may read them.
DROP PROCEDURE IF EXISTS specialisation_list;
DELIMITER $$
CREATE PROCEDURE specialisation_list(IN p_session_token VARCHAR(100), IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.read', v_actor_id);
    SELECT specialisation_id, name, default_appointment_minutes, is_active, created_at, updated_at
      FROM specialisation
     WHERE is_active = 1 OR COALESCE(p_include_inactive, 0) = 1
     ORDER BY name
     LIMIT 500;
END$$
DELIMITER ;
