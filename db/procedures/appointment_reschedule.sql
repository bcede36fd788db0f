-- appointment_reschedule
-- Moves a booked or checked-in appointment to a new start (and length, and room; p_minutes NULL
-- keeps its length, p_room_id NULL means no room). The same checks as appointment_book, with the
-- same locks in the same order (doctor, room, patient), then the appointment row itself; the
-- appointment does not collide with itself.
--   50510 unknown appointment, 50520 not booked or checked in (internal/appointment_action_require:
--   the rule of appointment_list's can_reschedule flag), 50509 length, and every code of
--   appointment_lock_parties and appointment_slot_check.
DROP PROCEDURE IF EXISTS appointment_reschedule;
DELIMITER $$
CREATE PROCEDURE appointment_reschedule(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED, IN p_starts_at DATETIME,
                                        IN p_minutes INT, IN p_room_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_minutes INT;
    DECLARE v_status VARCHAR(11);
    DECLARE v_old_starts_at DATETIME;
    DECLARE v_default INT;
    DECLARE v_ends_at DATETIME;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.book', v_actor_id);
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 5 AND 480 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment must last between 5 minutes and 8 hours.', MYSQL_ERRNO = 50509;
    END IF;
    IF p_starts_at IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment cannot be booked in the past.', MYSQL_ERRNO = 50503;
    END IF;

    -- Outside the transaction (autocommit): learn whom to lock.
    SELECT staff_id, patient_id, TIMESTAMPDIFF(MINUTE, starts_at, ends_at)
      INTO v_staff_id, v_patient_id, v_minutes
      FROM appointment WHERE appointment_id = p_appointment_id;
    IF v_staff_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That appointment does not exist.', MYSQL_ERRNO = 50510;
    END IF;

    START TRANSACTION;
    CALL appointment_lock_parties(v_staff_id, p_room_id, v_patient_id, v_default);
    SELECT status, starts_at INTO v_status, v_old_starts_at FROM appointment WHERE appointment_id = p_appointment_id FOR UPDATE;
    CALL appointment_action_require(v_actor_id, 'reschedule', v_status, v_old_starts_at);
    SET v_minutes = COALESCE(p_minutes, v_minutes);
    SET v_ends_at = p_starts_at + INTERVAL v_minutes MINUTE;
    CALL appointment_slot_check(v_staff_id, p_room_id, v_patient_id, p_starts_at, v_ends_at, p_appointment_id);
    UPDATE appointment SET starts_at = p_starts_at, ends_at = v_ends_at, room_id = p_room_id
     WHERE appointment_id = p_appointment_id;
    COMMIT;
END$$
DELIMITER ;
