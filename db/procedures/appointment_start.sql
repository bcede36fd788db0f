-- appointment_start
-- The consultation starts: checked_in -> in_progress (stamps started_at), and the open visit is
-- created in the same transaction (visit.appointment_id, one per appointment: uq_visit_appointment),
-- so the doctor and the nurse can write notes and vitals during the consultation. Returns visit_id.
-- appointment_complete later reuses this visit. The consultation is charged in the same transaction
-- (internal/charge_visit: once per visit, on the patient's draft invoice).
-- Permission: appointment.start. Codes: see appointment_set_status and the trigger appointment_status_guard.
-- Lock order: as in appointment_complete: the doctor's and the patient's rows first (the visit
-- insert's FK checks need them), then the appointment row (appointment_set_status), keeping the
-- order of booking and rescheduling (doctor < room < patient < appointment): no lock cycle.
DROP PROCEDURE IF EXISTS appointment_start;
DELIMITER $$
CREATE PROCEDURE appointment_start(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_visit_id INT UNSIGNED;
    DECLARE v_locked INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.start', v_actor_id);
    -- Outside the transaction (autocommit): learn whom to lock.
    SELECT staff_id, patient_id INTO v_staff_id, v_patient_id FROM appointment WHERE appointment_id = p_appointment_id;
    START TRANSACTION;
    SELECT staff_id INTO v_locked FROM staff WHERE staff_id = v_staff_id FOR UPDATE;
    SELECT patient_id INTO v_locked FROM patient WHERE patient_id = v_patient_id FOR UPDATE;
    CALL appointment_set_status(v_actor_id, p_appointment_id, 'in_progress', NULL, v_patient_id, v_staff_id);
    INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status)
    SELECT patient_id, staff_id, appointment_id, COALESCE(started_at, NOW()), 'open'
      FROM appointment WHERE appointment_id = p_appointment_id;
    SET v_visit_id = LAST_INSERT_ID();
    CALL charge_visit(v_actor_id, v_visit_id);
    COMMIT;
    SELECT v_visit_id AS visit_id;
END$$
DELIMITER ;
