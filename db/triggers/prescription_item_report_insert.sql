-- prescription_item_report_insert
-- Counts a new prescription item in the summary report_prescribing_month (0065) in the same transaction.
DROP TRIGGER IF EXISTS prescription_item_report_insert;
DELIMITER $$
CREATE TRIGGER prescription_item_report_insert AFTER INSERT ON prescription_item
FOR EACH ROW
BEGIN
    CALL report_prescribing_month_add(NEW.prescription_item_id, NEW.prescription_id, NEW.medication_id, NEW.quantity, 1);
END$$
DELIMITER ;
