-- queue_lock_parties
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of the queue procedures (never called by the data layer). Inside the caller's
-- transaction it locks, in the same fixed order as appointment booking (doctor, then patient; see
-- appointment_book.sql), the doctor's staff row when p_staff_id is given and the patient row when
-- p_patient_id is given, and checks them. Locking the patient serialises "is this patient already
-- in today's queue?" checks, so two receptionists adding the same patient at once get one entry.
-- When p_exclude_entry_id is given, that entry does not count as the patient's active entry.
--   50605 not an active doctor, 50209 unknown patient, 50210 merged patient,
--   50603 the patient is already waiting or with a doctor in today's queue.
DROP PROCEDURE IF EXISTS queue_lock_parties;
DELIMITER $$
CREATE PROCEDURE queue_lock_parties(IN p_staff_id INT UNSIGNED, IN p_patient_id INT UNSIGNED, IN p_exclude_entry_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_doctor_ok TINYINT DEFAULT NULL;
    DECLARE v_number SMALLINT UNSIGNED DEFAULT NULL;
    DECLARE v_message VARCHAR(128);

    IF p_staff_id IS NOT NULL THEN
        SELECT staff_role = 'doctor' AND is_active = 1 INTO v_doctor_ok
          FROM staff WHERE staff_id = p_staff_id FOR UPDATE;
        IF v_doctor_ok IS NULL OR v_doctor_ok = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That doctor cannot see queue patients: not an active doctor.', MYSQL_ERRNO = 50605;
        END IF;
    END IF;

    IF p_patient_id IS NOT NULL THEN
        CALL patient_require_active(p_patient_id, 'lock');
        -- Plain read (the patient row lock already serialises this check): served by
        -- ix_queue_entry_patient_arrived, today's rows only.
        SELECT queue_number INTO v_number
          FROM queue_entry
         WHERE patient_id = p_patient_id
           AND arrived_at >= CURDATE()
           AND clinic_day = CURDATE()
           AND status IN ('waiting', 'with_doctor')
           AND NOT (queue_entry_id <=> p_exclude_entry_id)
         LIMIT 1;
        IF v_number IS NOT NULL THEN
            SET v_message = CONCAT('This patient is already in today''s queue as number ', v_number, '.');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50603;
        END IF;
    END IF;
END$$
DELIMITER ;
