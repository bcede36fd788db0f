-- credit_note_add
-- Writes a credit note on an issued invoice, with a reason: it reduces what the invoice owes by the
-- amount (at most what the patient still owes: the patient's share less what patients paid,
-- invoice_patient_paid), numbered CN-000123 (billing.credit_note_prefix
-- + sequence_counter 'billing.credit_note', taken in the same transaction, gap-free). When credits
-- bring the total to zero the invoice becomes credited (invoice_status_guard). On an insured invoice
-- a credit reduces the PATIENT's share only: the insurer's share changes only through its claim
-- (an outcome the clerk moves to the patient), so the claim always matches it. Returns
-- credit_note_id, credit_note_number, the invoice's total, paid_total and status.
-- Permission: billing.invoice. Lock: the invoice row, then the counter.
--   51156 no reason; 51157 amount not above zero, not in the currency's units, or more than owed (the
--   message says what is owed); 50102, 51150, 51158 not issued or partially paid (invoice_action_require).
DROP PROCEDURE IF EXISTS credit_note_add;
DELIMITER $$
CREATE PROCEDURE credit_note_add(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED, IN p_amount DECIMAL(14,2),
                                 IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(1000) DEFAULT TRIM(COALESCE(p_reason, ''));
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_patient DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_owed DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_new_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_number VARCHAR(24);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.invoice', v_actor_id);
    IF v_reason = '' OR CHAR_LENGTH(v_reason) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the credit note (at most 255 characters).', MYSQL_ERRNO = 51156;
    END IF;
    START TRANSACTION;
    SELECT status, total, paid_total, patient_share INTO v_status, v_total, v_paid, v_patient
      FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    CALL invoice_action_require(v_actor_id, 'credit', v_status, v_total, v_paid);
    SET v_owed = v_patient - invoice_patient_paid(p_invoice_id);
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) OR p_amount > v_owed THEN
        SET v_message = CONCAT('The credit must be more than zero and at most what is still owed: ', money_text(v_owed), '.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51157;
    END IF;
    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'billing.credit_note' FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'billing.credit_note';
    SET v_number = CONCAT(setting_text('billing.credit_note_prefix', 'CN-'),
                          IF(CHAR_LENGTH(v_next) >= 6, CAST(v_next AS CHAR), LPAD(v_next, 6, '0')));
    INSERT INTO credit_note (credit_note_number, invoice_id, amount, reason, created_by)
    VALUES (v_number, p_invoice_id, p_amount, v_reason, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    SET v_new_total = v_total - p_amount;
    UPDATE invoice
       SET credit_total = credit_total + p_amount, total = v_new_total, patient_share = patient_share - p_amount
     WHERE invoice_id = p_invoice_id;
    COMMIT;

    SELECT v_id AS credit_note_id, v_number AS credit_note_number, total, paid_total, status
      FROM invoice WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
