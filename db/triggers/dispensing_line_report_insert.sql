-- dispensing_line_report_insert
-- Counts a dispensing line in the summary report_dispensing_day (0065) in the same transaction.
DROP TRIGGER IF EXISTS dispensing_line_report_insert;
DELIMITER $$
CREATE TRIGGER dispensing_line_report_insert AFTER INSERT ON dispensing_line
FOR EACH ROW
BEGIN
    CALL report_dispensing_day_add(NEW.dispensing_line_id, NEW.dispensing_id, NEW.prescription_item_id, NEW.quantity, NEW.unit_price, 1);
END$$
DELIMITER ;
