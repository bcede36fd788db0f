-- invoice_insert_guard
-- Every invoice starts as a draft with nothing paid and no number: the status and the money only
-- move through the billing procedures afterwards (invoice_status_guard), whoever inserts the row.
--   51183 an invoice inserted in any other state.
DROP TRIGGER IF EXISTS invoice_insert_guard;
DELIMITER $$
CREATE TRIGGER invoice_insert_guard BEFORE INSERT ON invoice
FOR EACH ROW
BEGIN
    IF NEW.status <> 'draft' OR NEW.paid_total <> 0 OR NEW.credit_total <> 0 OR NEW.invoice_number IS NOT NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'An invoice''s status follows its payments and credits, and cannot be set by hand.', MYSQL_ERRNO = 51183;
    END IF;
END$$
DELIMITER ;
