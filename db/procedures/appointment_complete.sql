-- appointment_complete
-- The consultation ends: in_progress -> completed. The visit was opened by appointment_start and is
-- reused (it stays open for the clinical record until the doctor closes it: visit_close); an
-- appointment started before visits were opened at the start gets its visit here, in the same
-- transaction (one per appointment: uq_visit_appointment), with its consultation charge
-- (internal/consultation_price_for_visit, invoice_draft_for_visit, charge_record; a visit opened by appointment_start was charged then). Returns visit_id.
-- Permission: appointment.complete. Codes: see appointment_set_status and appointment_status_guard.
-- Lock order: the visit insert's FK checks take shared locks on the doctor's and the patient's rows,
-- so those rows are locked first (doctor, then patient), before the appointment row, keeping the
-- same order as booking and rescheduling (doctor < room < patient < appointment): no lock cycle.
-- The existing visit is read without a lock: nothing here changes it, and a clinical write holding
-- the visit row (visit_require_writer) must never wait for this transaction's patient lock in a cycle.
DROP PROCEDURE IF EXISTS appointment_complete;
DELIMITER $$
CREATE PROCEDURE appointment_complete(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
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

    CALL actor_require(p_session_token, 'appointment.complete', v_actor_id);
    -- Outside the transaction (autocommit): learn whom to lock.
    SELECT staff_id, patient_id INTO v_staff_id, v_patient_id FROM appointment WHERE appointment_id = p_appointment_id;
    START TRANSACTION;
    SELECT staff_id INTO v_locked FROM staff WHERE staff_id = v_staff_id FOR UPDATE;
    SELECT patient_id INTO v_locked FROM patient WHERE patient_id = v_patient_id FOR UPDATE;
    CALL appointment_set_status(v_actor_id, p_appointment_id, 'completed', NULL, v_patient_id, v_staff_id);
    SELECT visit_id INTO v_visit_id FROM visit WHERE appointment_id = p_appointment_id;
    IF v_visit_id IS NULL THEN
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
    END IF;
    COMMIT;
    SELECT v_visit_id AS visit_id;
END$$
DELIMITER ;
