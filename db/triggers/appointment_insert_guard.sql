-- appointment_insert_guard
-- The first step of the appointment state machine (appointment_status_guard guards every later
-- one), enforced for every INSERT whoever makes it. A new appointment is either
--   * booked, with no check-in, start, completion or cancellation time and no cancel reason
--     (appointment_book, appointment_book_series), or
--   * a historical record with a final status (appointment_record_past, the only procedure that
--     does this): it must have ended already, and its times must fit the status: a completed one
--     has checked-in <= started <= completed <= now and no cancellation; a cancelled one has a
--     reason and a cancellation time not in the future and nothing else; a no-show has no times.
-- Appointments can never be created checked in or in progress.
--   50532 created in another status, 50530 a final status for an appointment not yet over,
--   50533 times that do not fit the status, 50511 cancelled without a reason.
DROP TRIGGER IF EXISTS appointment_insert_guard;
DELIMITER $$
CREATE TRIGGER appointment_insert_guard BEFORE INSERT ON appointment
FOR EACH ROW
BEGIN
    IF NEW.status = 'booked' THEN
        IF NEW.checked_in_at IS NOT NULL OR NEW.started_at IS NOT NULL OR NEW.completed_at IS NOT NULL
           OR NEW.cancelled_at IS NOT NULL OR NEW.cancel_reason IS NOT NULL THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'The recorded times do not fit the appointment''s status, or lie in the future.', MYSQL_ERRNO = 50533;
        END IF;
    ELSEIF NEW.status IN ('completed', 'cancelled', 'no_show') THEN
        IF NEW.ends_at > NOW() THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Only an appointment that has already ended can be recorded as past. Book future ones instead.', MYSQL_ERRNO = 50530;
        END IF;
        IF NEW.status = 'cancelled' AND (NEW.cancel_reason IS NULL OR TRIM(NEW.cancel_reason) = '') THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the cancellation.', MYSQL_ERRNO = 50511;
        END IF;
        IF (NEW.status = 'completed'
                AND (NEW.checked_in_at IS NULL OR NEW.started_at IS NULL OR NEW.completed_at IS NULL OR NEW.cancelled_at IS NOT NULL
                     OR NEW.cancel_reason IS NOT NULL
                     OR NEW.checked_in_at > NEW.started_at OR NEW.started_at > NEW.completed_at OR NEW.completed_at > NOW()))
           OR (NEW.status = 'cancelled'
                AND (NEW.cancelled_at IS NULL OR NEW.cancelled_at > NOW()
                     OR NEW.checked_in_at IS NOT NULL OR NEW.started_at IS NOT NULL OR NEW.completed_at IS NOT NULL))
           OR (NEW.status = 'no_show'
                AND (NEW.checked_in_at IS NOT NULL OR NEW.started_at IS NOT NULL OR NEW.completed_at IS NOT NULL
                     OR NEW.cancelled_at IS NOT NULL OR NEW.cancel_reason IS NOT NULL)) THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'The recorded times do not fit the appointment''s status, or lie in the future.', MYSQL_ERRNO = 50533;
        END IF;
    ELSE
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A new appointment must be booked, or recorded as past with a final status.', MYSQL_ERRNO = 50532;
    END IF;
END$$
DELIMITER ;
