-- staff_for_actor
-- The staff record linked to the signed-in account (no row when there is none): a doctor's
-- "My day" uses it to show that doctor's appointments and queue patients.
DROP PROCEDURE IF EXISTS staff_for_actor;
DELIMITER $$
CREATE PROCEDURE staff_for_actor(IN p_actor_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL actor_require(p_actor_id, NULL);
    SELECT s.staff_id, s.given_name, s.family_name, s.staff_role, s.department_id, s.specialisation_id, s.is_active
      FROM staff AS s
     WHERE s.user_account_id = p_actor_id;
END$$
DELIMITER ;
