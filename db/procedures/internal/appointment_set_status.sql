-- appointment_set_status
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of the status procedures (never called by the data layer): inside the caller's
-- transaction, locks the appointment row, refuses a change to the status it already has, and
-- updates it. The trigger appointment_status_guard refuses every other invalid transition and
-- stamps the time of the change. Returns the locked row's patient and doctor.
--   50510 unknown appointment, 50513 already checked in, 50514 already started, 50512 already
--   final; the trigger: 50511-50519.
DROP PROCEDURE IF EXISTS appointment_set_status;
DELIMITER $$
CREATE PROCEDURE appointment_set_status(IN p_appointment_id INT UNSIGNED, IN p_status VARCHAR(11), IN p_cancel_reason VARCHAR(255),
                                        OUT p_patient_id INT UNSIGNED, OUT p_staff_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_status VARCHAR(11) DEFAULT NULL;

    SELECT status, patient_id, staff_id INTO v_status, p_patient_id, p_staff_id
      FROM appointment WHERE appointment_id = p_appointment_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That appointment does not exist.', MYSQL_ERRNO = 50510;
    END IF;
    IF v_status = p_status THEN
        IF p_status = 'checked_in' THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a booked appointment can be checked in.', MYSQL_ERRNO = 50513;
        ELSEIF p_status = 'in_progress' THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Only a checked-in appointment can be started. Check the patient in first.', MYSQL_ERRNO = 50514;
        ELSE
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This appointment is already completed, cancelled or marked no-show and cannot change.', MYSQL_ERRNO = 50512;
        END IF;
    END IF;
    UPDATE appointment
       SET status = p_status,
           cancel_reason = IF(p_status = 'cancelled', NULLIF(TRIM(p_cancel_reason), ''), cancel_reason)
     WHERE appointment_id = p_appointment_id;
END$$
DELIMITER ;
