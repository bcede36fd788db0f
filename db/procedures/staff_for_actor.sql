-- staff_for_actor
-- The staff record linked to the signed-in account (no row when there is none): a doctor's
-- "My day" uses it to show that doctor's appointments and queue patients, and the queue board
-- to start filtered on the doctor's own patients. sees_patients: an active doctor, who has
-- appointments and queue patients of their own (the screens ask this column, not the role).
DROP PROCEDURE IF EXISTS staff_for_actor;
DELIMITER $$
CREATE PROCEDURE staff_for_actor(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, NULL, v_actor_id);
    SELECT s.staff_id, s.given_name, s.family_name, s.staff_role, s.department_id, s.specialisation_id, s.is_active,
           (s.staff_role = 'doctor' AND s.is_active = 1) AS sees_patients
      FROM staff AS s
     WHERE s.user_account_id = v_actor_id;
END$$
DELIMITER ;
