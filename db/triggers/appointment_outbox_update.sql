-- appointment_outbox_update
-- Queues, in the same transaction as the change (internal/outbox_enqueue):
--   * "appointment cancelled" when a future appointment becomes cancelled; cause key
--     'appointment:<id>:cancelled' (an appointment is cancelled once: appointment_status_guard);
--   * "appointment rescheduled" when the start of a booked or checked-in future appointment changes
--     (appointment_reschedule); cause key 'appointment:<id>:rescheduled:<new start, yyyymmddhhmm>', so
--     each move to a new time is told once.
-- Other changes (check in, start, complete, no-show, a merge moving the patient) queue nothing.
DROP TRIGGER IF EXISTS appointment_outbox_update;
DELIMITER $$
CREATE TRIGGER appointment_outbox_update AFTER UPDATE ON appointment
FOR EACH ROW
BEGIN
    DECLARE v_queued INT DEFAULT 0;
    IF NEW.status = 'cancelled' AND OLD.status <> 'cancelled' AND NEW.starts_at > NOW() THEN
        CALL outbox_enqueue('appointment_cancelled', CONCAT('appointment:', NEW.appointment_id, ':cancelled'), NEW.patient_id, NEW.staff_id,
                            NEW.starts_at, NULL, v_queued);
    ELSEIF NEW.starts_at <> OLD.starts_at AND NEW.status IN ('booked', 'checked_in') AND NEW.starts_at > NOW() THEN
        CALL outbox_enqueue('appointment_rescheduled',
                            CONCAT('appointment:', NEW.appointment_id, ':rescheduled:', DATE_FORMAT(NEW.starts_at, '%Y%m%d%H%i')),
                            NEW.patient_id, NEW.staff_id, NEW.starts_at, NULL, v_queued);
    END IF;
END$$
DELIMITER ;
