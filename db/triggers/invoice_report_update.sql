-- invoice_report_update
-- Keeps the revenue summary (0076) current in the same transaction: when an invoice starts to count
-- (issued) or stops counting (voided), or its issue time is corrected, its share is recounted by
-- internal/report_revenue_invoice_refresh. A payment, which only changes what is paid and the
-- payment status, changes nothing there and costs nothing here.
-- While an invoice import batch of this connection issues its invoices (a row of import_bulk_write for
-- CONNECTION_ID(), 0103; never a user variable) the import counts them set-based (internal/import_invoice_apply),
-- and this trigger steps aside.
DROP TRIGGER IF EXISTS invoice_report_update;
DELIMITER $$
CREATE TRIGGER invoice_report_update AFTER UPDATE ON invoice
FOR EACH ROW
BEGIN
    IF ((OLD.status IN ('draft', 'void')) <> (NEW.status IN ('draft', 'void'))
        OR NOT (OLD.issued_at <=> NEW.issued_at))
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'invoice') THEN
        CALL report_revenue_invoice_refresh(NEW.invoice_id);
    END IF;
END$$
DELIMITER ;
