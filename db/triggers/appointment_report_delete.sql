-- appointment_report_delete
-- Takes a deleted appointment out of the summary report_appointment_day (0065) in the same transaction.
DROP TRIGGER IF EXISTS appointment_report_delete;
DELIMITER $$
CREATE TRIGGER appointment_report_delete AFTER DELETE ON appointment
FOR EACH ROW
BEGIN
    CALL report_appointment_day_add(OLD.starts_at, OLD.ends_at, OLD.staff_id, OLD.room_id, OLD.status, -1);
END$$
DELIMITER ;
