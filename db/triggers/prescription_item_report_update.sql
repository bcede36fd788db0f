-- prescription_item_report_update
-- Moves a prescription item in the summary report_prescribing_month (0065) when its prescription,
-- medication or quantity changes (not when it is dispensed): the old item out, the new one in.
DROP TRIGGER IF EXISTS prescription_item_report_update;
DELIMITER $$
CREATE TRIGGER prescription_item_report_update AFTER UPDATE ON prescription_item
FOR EACH ROW
BEGIN
    IF NOT (OLD.prescription_id <=> NEW.prescription_id AND OLD.medication_id <=> NEW.medication_id AND OLD.quantity <=> NEW.quantity) THEN
        CALL report_prescribing_month_add(OLD.prescription_item_id, OLD.prescription_id, OLD.medication_id, OLD.quantity, -1);
        CALL report_prescribing_month_add(NEW.prescription_item_id, NEW.prescription_id, NEW.medication_id, NEW.quantity, 1);
    END IF;
END$$
DELIMITER ;
