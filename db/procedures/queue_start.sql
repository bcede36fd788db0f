-- queue_start
-- The doctor calls a queue patient in: waiting -> with_doctor (stamps started_at), and the visit
-- record is created in the same transaction (visit.queue_entry_id, one per entry), as completing an
-- appointment does. Returns visit_id. The consultation is charged in the same transaction
-- (internal/consultation_price_for_visit, invoice_draft_for_visit, charge_record: once per visit, on the patient's draft invoice).
-- Which doctor: the one the patient is assigned to. A doctor may also take an unassigned patient,
-- who is then assigned to them; a doctor may not take another doctor's patient (reception
-- reassigns). An administrator (queue.call_any) may start a consultation for the assigned doctor.
-- An anonymous walk-in must first be linked to a registered patient (queue_link_patient).
-- Lock order: doctor, patient (queue_lock_parties), then the entry, as in appointment_complete.
-- Permission: queue.call (which roles hold it: table role_permission).
--   50606 unknown entry, 50608 anonymous, 50609 no doctor, 50610 another doctor's patient,
--   50621 a doctor's sign-in without an active doctor staff record, 50611 not waiting (trigger too):
--   the rule of the can_start flag of queue_list and queue_get (queue_action_refusal); and the codes
--   of queue_lock_parties.
DROP PROCEDURE IF EXISTS queue_start;
DELIMITER $$
CREATE PROCEDURE queue_start(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_actor_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_locked_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_doctor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_id INT UNSIGNED;
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

    CALL actor_require(p_session_token, 'queue.call', v_actor_id);
    SELECT MIN(staff_id) INTO v_actor_staff_id
      FROM staff WHERE user_account_id = v_actor_id AND staff_role = 'doctor' AND is_active = 1;

    -- Outside the transaction (autocommit): learn whom to lock, and refuse early what cannot be done.
    SELECT status, staff_id, patient_id INTO v_status, v_staff_id, v_patient_id
      FROM queue_entry WHERE queue_entry_id = p_queue_entry_id;
    CALL queue_action_require(v_actor_id, 'start', v_status, v_staff_id, v_patient_id);
    SET v_doctor_id = COALESCE(v_staff_id, v_actor_staff_id);

    START TRANSACTION;
    CALL queue_lock_parties(v_doctor_id, v_patient_id, p_queue_entry_id);
    SELECT status, staff_id INTO v_status, v_locked_staff_id
      FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    -- Reception may have reassigned the patient since the read above, so the doctor locked is not theirs.
    IF v_locked_staff_id IS NOT NULL AND v_locked_staff_id <> v_doctor_id THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This patient is waiting for another doctor. Ask reception to reassign them first.', MYSQL_ERRNO = 50610;
    END IF;
    CALL queue_action_require(v_actor_id, 'start', v_status, v_locked_staff_id, v_patient_id);
    UPDATE queue_entry SET status = 'with_doctor', staff_id = v_doctor_id WHERE queue_entry_id = p_queue_entry_id;
    INSERT INTO visit (patient_id, staff_id, queue_entry_id, started_at, status)
    SELECT patient_id, staff_id, queue_entry_id, started_at, 'open' FROM queue_entry WHERE queue_entry_id = p_queue_entry_id;
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
