-- invoice_adjustment_apply
-- INTERNAL: not executable by the app account; called by invoice_adjustment_request and
-- invoice_adjustment_decide inside their transaction, with the invoice row already locked and the
-- invoice_action_require 'adjust' check passed. Counts an approved discount or waiver: it refuses an
-- amount above what the invoice still owes (the message says what is owed), then lowers the total
-- and the patient's share.
--   51161 amount not above zero, not in the currency's units, or more than owed.
DROP PROCEDURE IF EXISTS invoice_adjustment_apply;
DELIMITER $$
CREATE PROCEDURE invoice_adjustment_apply(IN p_invoice_id INT UNSIGNED, IN p_amount DECIMAL(14,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_insurer DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_message VARCHAR(128);

    SELECT total, paid_total, insurer_share INTO v_total, v_paid, v_insurer FROM invoice WHERE invoice_id = p_invoice_id;
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) OR p_amount > v_total - v_paid THEN
        SET v_message = CONCAT('The discount must be more than zero and at most what is owed: ', money_text(v_total - v_paid), '.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51161;
    END IF;
    SET v_total = v_total - p_amount;
    SET v_insurer = LEAST(v_insurer, v_total);
    UPDATE invoice
       SET adjustment_total = adjustment_total + p_amount, total = v_total,
           patient_share = v_total - v_insurer, insurer_share = v_insurer
     WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
