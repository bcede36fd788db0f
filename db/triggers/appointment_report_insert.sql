-- appointment_report_insert
-- Counts a new appointment in the summary report_appointment_day (0065) in the same transaction.
DROP TRIGGER IF EXISTS appointment_report_insert;
DELIMITER $$
CREATE TRIGGER appointment_report_insert AFTER INSERT ON appointment
FOR EACH ROW
BEGIN
    CALL report_appointment_day_add(NEW.starts_at, NEW.ends_at, NEW.staff_id, NEW.room_id, NEW.status, 1);
END$$
DELIMITER ;
