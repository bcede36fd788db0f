-- prescription_item_report_delete
-- Takes a removed prescription item out of the summary report_prescribing_month (0065) in the same transaction.
DROP TRIGGER IF EXISTS prescription_item_report_delete;
DELIMITER $$
CREATE TRIGGER prescription_item_report_delete AFTER DELETE ON prescription_item
FOR EACH ROW
BEGIN
    CALL report_prescribing_month_add(OLD.prescription_item_id, OLD.prescription_id, OLD.medication_id, OLD.quantity, -1);
END$$
DELIMITER ;
