-- appointment_outbox_insert
-- Queues "appointment booked" (email and SMS, internal/outbox_enqueue) in the same transaction as a new
-- booked appointment that starts in the future: a booking that rolls back queues nothing. Historical
-- records (appointment_record_past: a final status, in the past) queue nothing. Cause key
-- 'appointment:<id>:booked'. A recurring series queues one message per appointment.
-- An appointment import batch (a row of import_bulk_write for CONNECTION_ID(), 0103; never a user variable) queues
-- nothing unless the batch says notify_patients = 1 (0088): an import tells no patient by default.
DROP TRIGGER IF EXISTS appointment_outbox_insert;
DELIMITER $$
CREATE TRIGGER appointment_outbox_insert AFTER INSERT ON appointment
FOR EACH ROW
BEGIN
    DECLARE v_queued INT DEFAULT 0;
    IF NEW.status = 'booked' AND NEW.starts_at > NOW()
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write
                        WHERE connection_id = CONNECTION_ID() AND kind = 'appointment' AND notify_patients = 0) THEN
        CALL outbox_enqueue('appointment_booked', CONCAT('appointment:', NEW.appointment_id, ':booked'), NEW.patient_id, NEW.staff_id,
                            NEW.starts_at, NULL, v_queued);
    END IF;
END$$
DELIMITER ;
