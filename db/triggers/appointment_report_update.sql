-- appointment_report_update
-- Moves an appointment in the summary report_appointment_day (0065) when its day, times, doctor, room
-- or status changes: the old row's share out, the new row's in, in the same transaction.
DROP TRIGGER IF EXISTS appointment_report_update;
DELIMITER $$
CREATE TRIGGER appointment_report_update AFTER UPDATE ON appointment
FOR EACH ROW
BEGIN
    IF NOT (OLD.starts_at <=> NEW.starts_at AND OLD.ends_at <=> NEW.ends_at AND OLD.staff_id <=> NEW.staff_id
            AND OLD.room_id <=> NEW.room_id AND OLD.status <=> NEW.status) THEN
        CALL report_appointment_day_add(OLD.starts_at, OLD.ends_at, OLD.staff_id, OLD.room_id, OLD.status, -1);
        CALL report_appointment_day_add(NEW.starts_at, NEW.ends_at, NEW.staff_id, NEW.room_id, NEW.status, 1);
    END IF;
END$$
DELIMITER ;
