-- credit_note_report_insert
-- Keeps the revenue summary (0076) current in the same transaction: a new credit note is spread over
-- its invoice's lines by internal/report_revenue_invoice_refresh. Credit notes are never changed or
-- removed (credit_note_add only inserts them).
DROP TRIGGER IF EXISTS credit_note_report_insert;
DELIMITER $$
CREATE TRIGGER credit_note_report_insert AFTER INSERT ON credit_note
FOR EACH ROW
BEGIN
    CALL report_revenue_invoice_refresh(NEW.invoice_id);
END$$
DELIMITER ;
