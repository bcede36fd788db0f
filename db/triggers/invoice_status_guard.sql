-- invoice_status_guard
-- The status of an invoice follows the money, whoever updates it:
--   a draft stays a draft until it is issued (status set to 'issued'); after that the status is
--   computed here: credited when credits bring the total to zero, paid when nothing is owed,
--   partially_paid when something is paid, issued otherwise;
--   void only from issued with nothing paid; a void invoice never changes again.
-- A client that sets any other status is refused.
--   51184 void is final, 51155 void with money on it, 51183 any other status change.
DROP TRIGGER IF EXISTS invoice_status_guard;
DELIMITER $$
CREATE TRIGGER invoice_status_guard BEFORE UPDATE ON invoice
FOR EACH ROW
BEGIN
    DECLARE v_derived VARCHAR(14);
    IF OLD.status = 'void' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This invoice is void and cannot change.', MYSQL_ERRNO = 51184;
    ELSEIF NEW.status = 'void' THEN
        IF OLD.status <> 'issued' OR OLD.paid_total <> 0 OR NEW.paid_total <> 0 THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Only an issued invoice on which nothing has been paid can be voided.', MYSQL_ERRNO = 51155;
        END IF;
    ELSEIF NEW.status = 'draft' THEN
        IF OLD.status <> 'draft' THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'An invoice''s status follows its payments and credits, and cannot be set by hand.', MYSQL_ERRNO = 51183;
        END IF;
    ELSE
        SET v_derived = CASE
            WHEN NEW.total = 0 AND NEW.credit_total > 0 THEN 'credited'
            WHEN NEW.paid_total >= NEW.total THEN 'paid'
            WHEN NEW.paid_total > 0 THEN 'partially_paid'
            ELSE 'issued' END;
        IF NEW.status <> OLD.status AND NEW.status <> v_derived AND NOT (OLD.status = 'draft' AND NEW.status = 'issued') THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'An invoice''s status follows its payments and credits, and cannot be set by hand.', MYSQL_ERRNO = 51183;
        END IF;
        SET NEW.status = v_derived;
    END IF;
END$$
DELIMITER ;
