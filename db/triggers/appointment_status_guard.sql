-- appointment_status_guard
-- The appointment state machine, enforced for every UPDATE whoever makes it (procedures, the
-- schema owner, any future client):
--   booked -> checked_in -> in_progress -> completed
--   booked or checked_in -> cancelled (a cancel reason is required)
--   booked -> no_show (only once the start time has passed)
--   completed, cancelled and no_show are final.
-- It also refuses moving an appointment in time unless it is booked or checked in, and stamps
-- checked_in_at, started_at, completed_at and cancelled_at when the status changes.
--   50512 final, 50513 check in, 50514 start, 50515 complete, 50516 cancel, 50517 / 50518 no-show,
--   50519 any other change, 50511 cancel without reason, 50520 moving a non-active appointment.
DROP TRIGGER IF EXISTS appointment_status_guard;
DELIMITER $$
CREATE TRIGGER appointment_status_guard BEFORE UPDATE ON appointment
FOR EACH ROW
BEGIN
    IF NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at THEN
        IF OLD.status NOT IN ('booked', 'checked_in') OR NEW.status <> OLD.status THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Only a booked or checked-in appointment can be rescheduled.', MYSQL_ERRNO = 50520;
        END IF;
    END IF;

    IF NEW.status <> OLD.status THEN
        IF OLD.status IN ('completed', 'cancelled', 'no_show') THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This appointment is already completed, cancelled or marked no-show and cannot change.', MYSQL_ERRNO = 50512;
        ELSEIF NEW.status = 'checked_in' THEN
            IF OLD.status <> 'booked' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a booked appointment can be checked in.', MYSQL_ERRNO = 50513;
            END IF;
            SET NEW.checked_in_at = COALESCE(NEW.checked_in_at, NOW());
        ELSEIF NEW.status = 'in_progress' THEN
            IF OLD.status <> 'checked_in' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a checked-in appointment can be started. Check the patient in first.', MYSQL_ERRNO = 50514;
            END IF;
            SET NEW.started_at = COALESCE(NEW.started_at, NOW());
        ELSEIF NEW.status = 'completed' THEN
            IF OLD.status <> 'in_progress' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only an appointment in progress can be completed. Start it first.', MYSQL_ERRNO = 50515;
            END IF;
            SET NEW.completed_at = COALESCE(NEW.completed_at, NOW());
        ELSEIF NEW.status = 'cancelled' THEN
            IF OLD.status NOT IN ('booked', 'checked_in') THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a booked or checked-in appointment can be cancelled.', MYSQL_ERRNO = 50516;
            END IF;
            IF NEW.cancel_reason IS NULL OR TRIM(NEW.cancel_reason) = '' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Please give a reason for the cancellation.', MYSQL_ERRNO = 50511;
            END IF;
            SET NEW.cancelled_at = COALESCE(NEW.cancelled_at, NOW());
        ELSEIF NEW.status = 'no_show' THEN
            IF OLD.status <> 'booked' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a booked appointment can be marked as a no-show.', MYSQL_ERRNO = 50517;
            END IF;
            IF OLD.starts_at > NOW() THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'A no-show can only be recorded after the appointment start time.', MYSQL_ERRNO = 50518;
            END IF;
        ELSE
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'That status change is not allowed.', MYSQL_ERRNO = 50519;
        END IF;
    END IF;
END$$
DELIMITER ;
