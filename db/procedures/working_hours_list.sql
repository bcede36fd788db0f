-- working_hours_list
-- The weekly working-hours blocks of one doctor, or of every doctor when p_staff_id is NULL
-- (bounded: at most 7 x the blocks a doctor may have, per doctor).
DROP PROCEDURE IF EXISTS working_hours_list;
DELIMITER $$
CREATE PROCEDURE working_hours_list(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'schedule.read', v_actor_id);
    SELECT h.doctor_working_hours_id, h.staff_id, s.given_name, s.family_name, h.weekday,
           h.starts_at, h.ends_at
      FROM doctor_working_hours AS h
      JOIN staff AS s ON s.staff_id = h.staff_id
     WHERE p_staff_id IS NULL OR h.staff_id = p_staff_id
     ORDER BY s.family_name, s.given_name, h.staff_id, h.weekday, h.starts_at
     LIMIT 1000;
END$$
DELIMITER ;
