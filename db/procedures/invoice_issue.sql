-- invoice_issue
-- Issues a draft invoice, in ONE transaction: freezes its lines (one invoice_line per charge gathered
-- on the draft, with the description, quantity, price and amount the charge holds now, so a later
-- price change never alters it), sets subtotal (the sum of the lines), total (subtotal less the
-- approved discounts and waivers and any credits) and the patient's share, and numbers it: the
-- billing.invoice_prefix setting + the next value of sequence_counter 'billing.invoice', zero-padded
-- to 6 digits, taken in the same transaction, so numbers are gap-free (a refused or failed issue
-- takes no number). The status becomes issued (or paid when nothing is owed: invoice_status_guard).
-- Insurance: internal/invoice_insurance_split splits the lines between the patient and the
-- insurer of the patient's primary policy (coverage rules valid on each service date, the annual
-- limit, discounts off the patient's share first) and writes the draft claim, in this transaction;
-- the invoice's patient_share and insurer_share are set from it (docs/insurance-claims.md).
-- Returns invoice_id, invoice_number, total, status, patient_share, insurer_share.
-- Permission: billing.invoice. Lock: the invoice row, its charges, the policy and its limit usage
-- (invoice_insurance_split), the claim counter, then the invoice counter.
--   50102, 51150 unknown, 51151 already issued (internal/invoice_action_require);
--   51152 no charges; 51153 approved discounts exceed the charges.
DROP PROCEDURE IF EXISTS invoice_issue;
DELIMITER $$
CREATE PROCEDURE invoice_issue(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_adjust DECIMAL(14,2) DEFAULT 0;
    DECLARE v_credit DECIMAL(14,2) DEFAULT 0;
    DECLARE v_insurer DECIMAL(14,2) DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_subtotal DECIMAL(14,2) DEFAULT 0;
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_number VARCHAR(24);
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.invoice', v_actor_id);
    START TRANSACTION;
    SELECT status, total, paid_total, credit_total, patient_id INTO v_status, v_total, v_paid, v_credit, v_patient_id
      FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    CALL invoice_action_require(v_actor_id, 'issue', v_status, v_total, v_paid);

    SELECT COUNT(*), COALESCE(SUM(amount), 0) INTO v_count, v_subtotal
      FROM charge WHERE invoice_id = p_invoice_id FOR UPDATE;
    IF v_count = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This invoice has no charges yet, so it cannot be issued.', MYSQL_ERRNO = 51152;
    END IF;
    SELECT COALESCE(SUM(amount), 0) INTO v_adjust
      FROM invoice_adjustment WHERE invoice_id = p_invoice_id AND status = 'approved';
    IF v_subtotal < 0 OR v_subtotal - v_adjust - v_credit < 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The discounts on this invoice are more than its charges. Please correct them first.', MYSQL_ERRNO = 51153;
    END IF;

    INSERT INTO invoice_line (invoice_id, charge_id, category_code, description, quantity, unit_price, amount,
                              patient_share, insurer_share, service_date)
    SELECT p_invoice_id, charge_id, category_code, description, quantity, unit_price, amount, amount, 0, service_date
      FROM charge WHERE invoice_id = p_invoice_id ORDER BY service_date, charge_id;
    CALL invoice_insurance_split(p_invoice_id, v_patient_id, v_actor_id, v_adjust + v_credit, v_insurer);

    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'billing.invoice' FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'billing.invoice';
    SET v_number = CONCAT(setting_text('billing.invoice_prefix', 'INV-'),
                          IF(CHAR_LENGTH(v_next) >= 6, CAST(v_next AS CHAR), LPAD(v_next, 6, '0')));
    SET v_total = v_subtotal - v_adjust - v_credit;
    UPDATE invoice
       SET invoice_number = v_number, status = 'issued', subtotal = v_subtotal, adjustment_total = v_adjust,
           total = v_total, patient_share = v_total - v_insurer, insurer_share = v_insurer,
           issued_at = NOW(), issued_by = v_actor_id
     WHERE invoice_id = p_invoice_id;
    COMMIT;

    SELECT invoice_id, invoice_number, total, status, patient_share, insurer_share FROM invoice WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
