-- patient_credit_apply
-- Applies a patient's credit (held from an intended overpayment) to an issued invoice of the same
-- patient: p_amount, or when NULL as much as both the credit and the patient's balance allow (the
-- patient's share less what patients paid: invoice_patient_paid; the insurer's share is never paid
-- with patient credit). It counts as
-- paid (paid_total), so the status moves like a payment's (invoice_status_guard), and a negative
-- patient_credit row records the use. Returns the amount applied, the credit left, and the invoice's
-- status, paid_total and balance.
-- Permission: billing.payment. Lock: the invoice row, then the patient's credit rows.
--   51178 no credit; 51179 amount not above zero or more than the credit or the balance;
--   50102, 51150, 51173 not issued or nothing owed (internal/invoice_action_require).
DROP PROCEDURE IF EXISTS patient_credit_apply;
DELIMITER $$
CREATE PROCEDURE patient_credit_apply(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED, IN p_amount DECIMAL(14,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_credit DECIMAL(14,2) DEFAULT 0;
    DECLARE v_amount DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.payment', v_actor_id);
    START TRANSACTION;
    SELECT status, patient_share, patient_id INTO v_status, v_total, v_patient_id
      FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    SET v_paid = invoice_patient_paid(p_invoice_id);
    CALL invoice_action_require(v_actor_id, 'pay', v_status, v_total, v_paid);
    SELECT COALESCE(SUM(amount), 0) INTO v_credit FROM patient_credit WHERE patient_id = v_patient_id FOR UPDATE;
    IF v_credit <= 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This patient has no credit to apply.', MYSQL_ERRNO = 51178;
    END IF;
    SET v_amount = COALESCE(p_amount, LEAST(v_credit, v_total - v_paid));
    IF v_amount <= 0 OR v_amount <> money_round(v_amount) OR v_amount > LEAST(v_credit, v_total - v_paid) THEN
        SET v_message = CONCAT('At most ', money_text(LEAST(v_credit, v_total - v_paid)),
                               ' can be applied (the patient''s credit is ', money_text(v_credit), ').');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51179;
    END IF;
    INSERT INTO patient_credit (patient_id, amount, invoice_id, created_by) VALUES (v_patient_id, -v_amount, p_invoice_id, v_actor_id);
    UPDATE invoice SET paid_total = paid_total + v_amount WHERE invoice_id = p_invoice_id;
    COMMIT;

    SELECT v_amount AS applied, v_credit - v_amount AS credit_left, status, paid_total, total - paid_total AS balance
      FROM invoice WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
