-- appointment_get
-- One appointment with the patient, doctor and room names (no row when it does not exist).
-- The can_* flags say what the signed-in account may do with the appointment now (check in, start,
-- complete, mark no-show, cancel, reschedule): function appointment_action_refusal, the rule the
-- procedures refuse with, so a button shows exactly when its procedure would accept the call.
DROP PROCEDURE IF EXISTS appointment_get;
DELIMITER $$
CREATE PROCEDURE appointment_get(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'appointment.read', v_actor_id);
    SELECT a.appointment_id, a.patient_id, p.mrn, p.given_name AS patient_given_name, p.family_name AS patient_family_name,
           a.staff_id, s.given_name AS doctor_given_name, s.family_name AS doctor_family_name,
           a.room_id, r.name AS room_name, a.starts_at, a.ends_at, a.status, a.reason, a.cancel_reason,
           a.series_id, a.created_by, a.checked_in_at, a.started_at, a.completed_at, a.cancelled_at,
           a.created_at, a.updated_at, v.visit_id,
           appointment_action_refusal(v_actor_id, 'check_in', a.status, a.starts_at) = 0 AS can_check_in,
           appointment_action_refusal(v_actor_id, 'start', a.status, a.starts_at) = 0 AS can_start,
           appointment_action_refusal(v_actor_id, 'complete', a.status, a.starts_at) = 0 AS can_complete,
           appointment_action_refusal(v_actor_id, 'no_show', a.status, a.starts_at) = 0 AS can_mark_no_show,
           appointment_action_refusal(v_actor_id, 'cancel', a.status, a.starts_at) = 0 AS can_cancel,
           appointment_action_refusal(v_actor_id, 'reschedule', a.status, a.starts_at) = 0 AS can_reschedule
      FROM appointment AS a
      JOIN patient AS p ON p.patient_id = a.patient_id
      JOIN staff AS s ON s.staff_id = a.staff_id
      LEFT JOIN room AS r ON r.room_id = a.room_id
      LEFT JOIN visit AS v ON v.appointment_id = a.appointment_id
     WHERE a.appointment_id = p_appointment_id;
END$$
DELIMITER ;
