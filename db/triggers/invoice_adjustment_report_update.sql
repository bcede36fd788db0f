-- invoice_adjustment_report_update
-- Keeps the revenue summary (0076) current in the same transaction: when a discount or waiver is
-- approved, or an approved one changes (amount, decision time, invoice), its invoice's share is
-- recounted by internal/report_revenue_invoice_refresh; both invoices when it moved.
DROP TRIGGER IF EXISTS invoice_adjustment_report_update;
DELIMITER $$
CREATE TRIGGER invoice_adjustment_report_update AFTER UPDATE ON invoice_adjustment
FOR EACH ROW
BEGIN
    IF OLD.status = 'approved' OR NEW.status = 'approved' THEN
        IF (OLD.status = 'approved') <> (NEW.status = 'approved')
           OR OLD.amount <> NEW.amount
           OR NOT (OLD.decided_at <=> NEW.decided_at)
           OR NOT (OLD.requested_at <=> NEW.requested_at)
           OR OLD.invoice_id <> NEW.invoice_id THEN
            CALL report_revenue_invoice_refresh(NEW.invoice_id);
            IF OLD.invoice_id <> NEW.invoice_id THEN
                CALL report_revenue_invoice_refresh(OLD.invoice_id);
            END IF;
        END IF;
    END IF;
END$$
DELIMITER ;
