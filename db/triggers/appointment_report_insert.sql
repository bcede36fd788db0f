-- appointment_report_insert
-- Counts a new appointment in the summary report_appointment_day (0065) in the same transaction.
-- While an appointment import batch of this connection is being written (a row of import_bulk_write for
-- CONNECTION_ID(), 0103; never a user variable) the import adds the batch's counts set-based, one row per day,
-- doctor and room (internal/import_appointment_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS appointment_report_insert;
DELIMITER $$
CREATE TRIGGER appointment_report_insert AFTER INSERT ON appointment
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'appointment') THEN
        CALL report_appointment_day_add(NEW.starts_at, NEW.ends_at, NEW.staff_id, NEW.room_id, NEW.status, 1);
    END IF;
END$$
DELIMITER ;
