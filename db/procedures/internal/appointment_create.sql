-- appointment_create
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The booking rules of one new appointment, shared by appointment_book (reception) and
-- portal_appointment_book (a patient in the portal), inside the caller's transaction: locks the
-- doctor, room and patient rows in the fixed order (appointment_lock_parties), takes the length from
-- p_minutes or the doctor's specialisation (default 15), optionally refuses a patient who already
-- holds p_max_future_bookings future appointments (booked or checked in; NULL: no limit; counted
-- after the patient row is locked, so two bookings at once cannot both slip under it), checks the
-- slot (appointment_slot_check) and inserts. See the locking design in appointment_book.sql.
-- Returns the new appointment_id.
--   appointment_lock_parties: 50501, 50502, 50209, 50210; appointment_slot_check: 50503-50508;
--   51422 the patient already holds p_max_future_bookings future appointments.
DROP PROCEDURE IF EXISTS appointment_create;
DELIMITER $$
CREATE PROCEDURE appointment_create(IN p_actor_id INT UNSIGNED, IN p_patient_id INT UNSIGNED, IN p_staff_id INT UNSIGNED,
                                    IN p_room_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_minutes INT, IN p_reason VARCHAR(255),
                                    IN p_max_future_bookings INT, OUT p_appointment_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_default INT DEFAULT NULL;
    DECLARE v_minutes INT;
    DECLARE v_ends_at DATETIME;
    DECLARE v_future INT DEFAULT 0;
    DECLARE v_message VARCHAR(128);

    CALL appointment_lock_parties(p_staff_id, p_room_id, p_patient_id, v_default);
    IF p_max_future_bookings IS NOT NULL THEN
        SELECT COUNT(*) INTO v_future FROM appointment
         WHERE patient_id = p_patient_id AND status IN ('booked', 'checked_in') AND starts_at > NOW();
        IF v_future >= p_max_future_bookings THEN
            SET v_message = CONCAT('You already have ', v_future, ' upcoming appointments, the most you can book online. Please call the clinic.');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51422;
        END IF;
    END IF;
    SET v_minutes = COALESCE(p_minutes, v_default, 15);
    SET v_ends_at = p_starts_at + INTERVAL v_minutes MINUTE;
    CALL appointment_slot_check(p_staff_id, p_room_id, p_patient_id, p_starts_at, v_ends_at, NULL);
    INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status, reason, created_by)
    VALUES (p_patient_id, p_staff_id, p_room_id, p_starts_at, v_ends_at, 'booked', NULLIF(TRIM(p_reason), ''), p_actor_id);
    SET p_appointment_id = LAST_INSERT_ID();
END$$
DELIMITER ;
