-- dispensing_line_report_update
-- Moves a dispensing line in the summary report_dispensing_day (0065) when its dispensing, item, quantity
-- or price changes: the old line out, the new one in, in the same transaction.
DROP TRIGGER IF EXISTS dispensing_line_report_update;
DELIMITER $$
CREATE TRIGGER dispensing_line_report_update AFTER UPDATE ON dispensing_line
FOR EACH ROW
BEGIN
    IF NOT (OLD.dispensing_id <=> NEW.dispensing_id AND OLD.prescription_item_id <=> NEW.prescription_item_id
            AND OLD.quantity <=> NEW.quantity AND OLD.unit_price <=> NEW.unit_price) THEN
        CALL report_dispensing_day_add(OLD.dispensing_line_id, OLD.dispensing_id, OLD.prescription_item_id, OLD.quantity, OLD.unit_price, -1);
        CALL report_dispensing_day_add(NEW.dispensing_line_id, NEW.dispensing_id, NEW.prescription_item_id, NEW.quantity, NEW.unit_price, 1);
    END IF;
END$$
DELIMITER ;
