-- portal_appointment_list
-- A patient's own appointments in the portal: upcoming ones first (is_upcoming 1: booked, checked in
-- or under way and not yet over), soonest first, then past ones (over, cancelled, no-show), newest
-- first; at most 200 rows. Each row: appointment_id, starts_at, ends_at, status, staff_id,
-- doctor_name, specialisation_name, room_name, reason, cancel_reason, is_upcoming, can_cancel,
-- cancel_refusal (0, or the code portal_appointment_cancel would refuse with: the rule is the function
-- portal_cancel_refusal) and cancel_until (the last moment to cancel online).
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_appointment_list;
DELIMITER $$
CREATE PROCEDURE portal_appointment_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_hours INT DEFAULT setting_int('portal.cancel_hours', 24);

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT a.appointment_id, a.starts_at, a.ends_at, a.status, a.staff_id,
           CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, sp.name AS specialisation_name,
           r.name AS room_name, a.reason, a.cancel_reason,
           (a.status IN ('booked', 'checked_in', 'in_progress') AND a.ends_at > NOW()) AS is_upcoming,
           (portal_cancel_refusal(a.status, a.starts_at) = 0) AS can_cancel,
           portal_cancel_refusal(a.status, a.starts_at) AS cancel_refusal,
           a.starts_at - INTERVAL v_hours HOUR AS cancel_until
      FROM appointment AS a
      JOIN staff AS s ON s.staff_id = a.staff_id
      LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
      LEFT JOIN room AS r ON r.room_id = a.room_id
     WHERE a.patient_id = v_patient_id
     ORDER BY is_upcoming DESC,
              CASE WHEN a.status IN ('booked', 'checked_in', 'in_progress') AND a.ends_at > NOW() THEN a.starts_at END ASC,
              a.starts_at DESC, a.appointment_id DESC
     LIMIT 200;
END$$
DELIMITER ;
