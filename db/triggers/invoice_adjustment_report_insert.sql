-- invoice_adjustment_report_insert
-- Keeps the revenue summary (0076) current in the same transaction: a discount or waiver approved as it
-- is requested is spread over its invoice's lines by internal/report_revenue_invoice_refresh (nothing
-- happens for a draft invoice, which does not count yet).
DROP TRIGGER IF EXISTS invoice_adjustment_report_insert;
DELIMITER $$
CREATE TRIGGER invoice_adjustment_report_insert AFTER INSERT ON invoice_adjustment
FOR EACH ROW
BEGIN
    IF NEW.status = 'approved' THEN
        CALL report_revenue_invoice_refresh(NEW.invoice_id);
    END IF;
END$$
DELIMITER ;
