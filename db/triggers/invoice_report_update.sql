-- invoice_report_update
-- Keeps the revenue summary (0076) current in the same transaction: when an invoice starts to count
-- (issued) or stops counting (voided), or its issue time is corrected, its share is recounted by
-- internal/report_revenue_invoice_refresh. A payment, which only changes what is paid and the
-- payment status, changes nothing there and costs nothing here.
DROP TRIGGER IF EXISTS invoice_report_update;
DELIMITER $$
CREATE TRIGGER invoice_report_update AFTER UPDATE ON invoice
FOR EACH ROW
BEGIN
    IF (OLD.status IN ('draft', 'void')) <> (NEW.status IN ('draft', 'void'))
       OR NOT (OLD.issued_at <=> NEW.issued_at) THEN
        CALL report_revenue_invoice_refresh(NEW.invoice_id);
    END IF;
END$$
DELIMITER ;
