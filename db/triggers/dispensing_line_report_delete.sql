-- dispensing_line_report_delete
-- Takes a removed dispensing line out of the summary report_dispensing_day (0065) in the same transaction.
DROP TRIGGER IF EXISTS dispensing_line_report_delete;
DELIMITER $$
CREATE TRIGGER dispensing_line_report_delete AFTER DELETE ON dispensing_line
FOR EACH ROW
BEGIN
    CALL report_dispensing_day_add(OLD.dispensing_line_id, OLD.dispensing_id, OLD.prescription_item_id, OLD.quantity, OLD.unit_price, -1);
END$$
DELIMITER ;
