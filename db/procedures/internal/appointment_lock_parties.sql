-- appointment_lock_parties
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of appointment_create (appointment_book, portal_appointment_book),
-- appointment_reschedule and appointment_book_series (never called by the data layer). Inside the caller's transaction it locks, in this fixed order, the
-- doctor's staff row, the room row (when p_room_id is given) and the patient row (SELECT ... FOR
-- UPDATE), and checks each of them. The fixed order is what keeps bookings free of deadlocks: see
-- the design note in appointment_book.sql. Returns the default appointment length of the doctor's
-- specialisation in p_default_minutes (read after the locks, never before).
--   50501 not an active doctor, 50502 room missing or inactive, 50209 unknown patient,
--   50210 merged patient.
DROP PROCEDURE IF EXISTS appointment_lock_parties;
DELIMITER $$
CREATE PROCEDURE appointment_lock_parties(IN p_staff_id INT UNSIGNED, IN p_room_id INT UNSIGNED, IN p_patient_id INT UNSIGNED,
                                          OUT p_default_minutes INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_doctor_ok TINYINT DEFAULT NULL;
    DECLARE v_specialisation_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_room_active TINYINT DEFAULT NULL;

    SELECT staff_role = 'doctor' AND is_active = 1, specialisation_id INTO v_doctor_ok, v_specialisation_id
      FROM staff WHERE staff_id = p_staff_id FOR UPDATE;
    IF v_doctor_ok IS NULL OR v_doctor_ok = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That doctor cannot be booked: not an active doctor.', MYSQL_ERRNO = 50501;
    END IF;

    IF p_room_id IS NOT NULL THEN
        SELECT is_active INTO v_room_active FROM room WHERE room_id = p_room_id FOR UPDATE;
        IF v_room_active IS NULL OR v_room_active = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That room cannot be used: it does not exist or is inactive.', MYSQL_ERRNO = 50502;
        END IF;
    END IF;

    CALL patient_require_active(p_patient_id, 'lock');

    SELECT default_appointment_minutes INTO p_default_minutes
      FROM specialisation WHERE specialisation_id = v_specialisation_id;
END$$
DELIMITER ;
