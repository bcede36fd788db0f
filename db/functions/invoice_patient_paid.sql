-- invoice_patient_paid
-- What the patient has paid on an invoice, net: paid_total less what the insurer paid
-- (insurer_paid_total, kept by remittance_allocate; an insurer's payment is never refunded). It reads
-- the invoice row alone: scanning the payment table here took gap locks that deadlocked two clerks
-- paying different invoices at once. payment_take,
-- patient_credit_apply and credit_note_add compare it with the patient's share (the patient's
-- balance is patient_share - invoice_patient_paid), and invoice_get shows it. Callers that act on it
-- read it under the invoice's row lock, so the payments cannot change meanwhile.
DROP FUNCTION IF EXISTS invoice_patient_paid;
DELIMITER $$
CREATE FUNCTION invoice_patient_paid(p_invoice_id INT UNSIGNED) RETURNS DECIMAL(14,2)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_paid DECIMAL(14,2) DEFAULT 0;
    SELECT paid_total - insurer_paid_total INTO v_paid FROM invoice WHERE invoice_id = p_invoice_id;
    RETURN COALESCE(v_paid, 0);
END$$
DELIMITER ;
