-- queue_entry_status_guard
-- The walk-in queue's state machine, enforced for every UPDATE whoever makes it:
--   waiting -> with_doctor -> completed
--   waiting -> cancelled (a reason is required)
--   completed and cancelled are final.
-- The day and number never change; the doctor and the priority change only while waiting (or as
-- the consultation starts, which may assign the doctor who takes the patient). Stamps started_at,
-- completed_at and cancelled_at when the status changes. The patient may change at any time: a
-- merge moves every row of the merged record (patient_merge), and queue_link_patient links an
-- anonymous walk-in while it waits.
--   50619 day or number changed, 50607 doctor or priority changed after waiting, 50615 final,
--   50611 start not waiting, 50612 complete not with doctor, 50613 cancel not waiting,
--   50614 cancel without reason, 50616 any other change.
DROP TRIGGER IF EXISTS queue_entry_status_guard;
DELIMITER $$
CREATE TRIGGER queue_entry_status_guard BEFORE UPDATE ON queue_entry
FOR EACH ROW
BEGIN
    IF NEW.clinic_day <> OLD.clinic_day OR NEW.queue_number <> OLD.queue_number THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A queue number and its day cannot change.', MYSQL_ERRNO = 50619;
    END IF;

    IF NOT (OLD.staff_id <=> NEW.staff_id) OR NEW.priority <> OLD.priority THEN
        IF OLD.status <> 'waiting' THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This patient is no longer waiting, so the doctor or priority cannot change.', MYSQL_ERRNO = 50607;
        END IF;
    END IF;

    IF NEW.status <> OLD.status THEN
        IF OLD.status IN ('completed', 'cancelled') THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This queue visit is already completed or cancelled and cannot change.', MYSQL_ERRNO = 50615;
        ELSEIF NEW.status = 'with_doctor' THEN
            IF OLD.status <> 'waiting' THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a waiting patient can be called in.', MYSQL_ERRNO = 50611;
            END IF;
            SET NEW.started_at = COALESCE(NEW.started_at, NOW());
        ELSEIF NEW.status = 'completed' THEN
            IF OLD.status <> 'with_doctor' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a consultation in progress can be completed. Start it first.', MYSQL_ERRNO = 50612;
            END IF;
            SET NEW.completed_at = COALESCE(NEW.completed_at, NOW());
        ELSEIF NEW.status = 'cancelled' THEN
            IF OLD.status <> 'waiting' THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Only a waiting patient can be removed from the queue.', MYSQL_ERRNO = 50613;
            END IF;
            IF CHAR_LENGTH(TRIM(COALESCE(NEW.cancel_reason, ''))) = 0 THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Please give a reason for removing the patient from the queue.', MYSQL_ERRNO = 50614;
            END IF;
            SET NEW.cancelled_at = COALESCE(NEW.cancelled_at, NOW());
        ELSE
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That queue status change is not allowed.', MYSQL_ERRNO = 50616;
        END IF;
    END IF;
END$$
DELIMITER ;
