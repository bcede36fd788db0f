-- invoice_adjustment_request
-- Asks for a discount or a waiver on a draft invoice, or on an issued one with nothing paid, with a
-- reason. Up to the billing.discount_approval_threshold setting (or when the requester may approve:
-- billing.approve) it is approved at once and lowers the total; above it, it waits (status pending)
-- for an administrator's decision (invoice_adjustment_decide) and counts only once approved.
-- Returns invoice_adjustment_id, status, and the invoice's total.
-- Permission: billing.discount. Lock: the invoice row.
--   51159 kind not discount or waiver; 51160 no reason; 51161 amount not above zero or more than owed;
--   50102, 51150, 51162 not a draft or issued-unpaid invoice (internal/invoice_action_require).
DROP PROCEDURE IF EXISTS invoice_adjustment_request;
DELIMITER $$
CREATE PROCEDURE invoice_adjustment_request(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED, IN p_kind VARCHAR(20),
                                            IN p_amount DECIMAL(14,2), IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(1000) DEFAULT TRIM(COALESCE(p_reason, ''));
    DECLARE v_kind VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_kind, '')));
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_decision VARCHAR(8);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.discount', v_actor_id);
    IF v_kind NOT IN ('discount', 'waiver') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a discount or a waiver.', MYSQL_ERRNO = 51159;
    END IF;
    IF v_reason = '' OR CHAR_LENGTH(v_reason) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the discount or waiver (at most 255 characters).', MYSQL_ERRNO = 51160;
    END IF;
    START TRANSACTION;
    SELECT status, total, paid_total INTO v_status, v_total, v_paid FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    CALL invoice_action_require(v_actor_id, 'adjust', v_status, v_total, v_paid);
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) OR p_amount > v_total - v_paid THEN
        SET v_message = CONCAT('The discount must be more than zero and at most what is owed: ', money_text(v_total - v_paid), '.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51161;
    END IF;
    SET v_decision = IF(p_amount <= CAST(setting_text('billing.discount_approval_threshold', '0') AS DECIMAL(14,2))
                        OR actor_can(v_actor_id, 'billing.approve') = 1, 'approved', 'pending');
    INSERT INTO invoice_adjustment (invoice_id, kind, amount, reason, status, requested_by, decided_by, decided_at)
    VALUES (p_invoice_id, v_kind, p_amount, v_reason, v_decision, v_actor_id,
            IF(v_decision = 'approved', v_actor_id, NULL), IF(v_decision = 'approved', NOW(), NULL));
    SET v_id = LAST_INSERT_ID();
    IF v_decision = 'approved' THEN
        CALL invoice_adjustment_apply(p_invoice_id, p_amount);
    END IF;
    COMMIT;

    SELECT v_id AS invoice_adjustment_id, v_decision AS status, total FROM invoice WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
