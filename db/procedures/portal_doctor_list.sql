-- portal_doctor_list
-- The doctors a patient may book in the portal: every active doctor with weekly working hours or an
-- extra session to come, with specialisation_id and specialisation_name (the portal's "by
-- specialisation" choice is the distinct specialisations of these rows), ordered by specialisation
-- then name. Only names and specialisations: nothing else about staff.
-- Permission: portal.use.
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_doctor_list;
DELIMITER $$
CREATE PROCEDURE portal_doctor_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT s.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, s.given_name, s.family_name,
           s.specialisation_id, sp.name AS specialisation_name
      FROM staff AS s
      LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
     WHERE s.staff_role = 'doctor' AND s.is_active = 1
       AND (EXISTS (SELECT 1 FROM doctor_working_hours AS h WHERE h.staff_id = s.staff_id)
            OR EXISTS (SELECT 1 FROM doctor_schedule_exception AS e
                        WHERE e.staff_id = s.staff_id AND e.kind = 'extra_session' AND e.ends_at > NOW()))
     ORDER BY sp.name, s.family_name, s.given_name, s.staff_id;
END$$
DELIMITER ;
