-- appointment_start
-- The consultation starts: checked_in -> in_progress (stamps started_at), and the open visit is
-- created in the same transaction (visit.appointment_id, one per appointment: uq_visit_appointment),
-- so the doctor and the nurse can write notes and vitals during the consultation. Returns visit_id.
-- appointment_complete later reuses this visit. The consultation is charged in the same transaction
-- (internal/consultation_price_for_visit, invoice_draft_for_visit, charge_record: once per visit, on the patient's draft invoice).
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
    DECLARE v_charge_patient INT UNSIGNED DEFAULT NULL;
    DECLARE v_charge_service INT UNSIGNED DEFAULT NULL;
    DECLARE v_charge_text VARCHAR(200) DEFAULT NULL;
    DECLARE v_charge_price DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_charge_day DATE DEFAULT NULL;
    DECLARE v_charge_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
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
    CALL consultation_price_for_visit(v_visit_id, v_charge_patient, v_charge_service, v_charge_text, v_charge_price, v_charge_day);
    IF v_charge_price IS NOT NULL THEN
        CALL invoice_draft_for_visit(v_charge_patient, v_visit_id, v_invoice_id);
        CALL charge_record(v_actor_id, v_invoice_id, 'visit', v_visit_id, v_charge_patient, v_visit_id, 'consultation',
                           v_charge_service, v_charge_text, 1, v_charge_price, v_charge_day, v_charge_id);
        CALL invoice_draft_total(v_invoice_id);
    END IF;
    COMMIT;
    SELECT v_visit_id AS visit_id;
END$$
DELIMITER ;
