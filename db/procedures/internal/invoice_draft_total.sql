-- invoice_draft_total
-- INTERNAL: not executable by the app account; only other procedures call it, inside their transaction.
-- Keeps a draft invoice's sums in step with its charges: subtotal = the sum of its charges' amounts
-- (each already rounded once by money_round when the charge was made; a sum is not rounded again),
-- total = subtotal - adjustment_total - credit_total (CHECK ck_invoice_total), and, while a draft is
-- not yet split between patient and insurer, patient_share = total - insurer_share. Does nothing to an
-- invoice that is not a draft: an issued invoice's sums change only through its own procedures.
-- The caller holds the invoice row locked (invoice_draft_for_visit).
DROP PROCEDURE IF EXISTS invoice_draft_total;
DELIMITER $$
CREATE PROCEDURE invoice_draft_total(IN p_invoice_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_subtotal DECIMAL(14,2) DEFAULT 0;
    -- A locking read: it sees every committed charge of the draft, not the transaction's older snapshot
    -- (a caller that waited for the draft's lock must count the charges committed while it waited).
    SELECT COALESCE(SUM(amount), 0) INTO v_subtotal FROM charge WHERE invoice_id = p_invoice_id FOR UPDATE;
    UPDATE invoice
       SET subtotal = v_subtotal,
           total = v_subtotal - adjustment_total - credit_total,
           patient_share = v_subtotal - adjustment_total - credit_total - insurer_share
     WHERE invoice_id = p_invoice_id AND status = 'draft';
END$$
DELIMITER ;
