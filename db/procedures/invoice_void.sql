-- invoice_void
-- Voids an issued invoice on which nothing has been paid, with a reason. Its number stays used (the
-- numbering stays gap-free); its charges stay linked to it. A void invoice never changes again.
-- Permission: billing.void. Lock: the invoice row.
--   51154 no reason (or longer than 255); 50102, 51150 unknown, 51155 not issued or something paid
--   (internal/invoice_action_require, the rule of the can_void flag).
DROP PROCEDURE IF EXISTS invoice_void;
DELIMITER $$
CREATE PROCEDURE invoice_void(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED, IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(1000) DEFAULT TRIM(COALESCE(p_reason, ''));
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_claim_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_claim_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_policy_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_year SMALLINT DEFAULT NULL;
    DECLARE v_used DECIMAL(14,2) DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.void', v_actor_id);
    IF v_reason = '' OR CHAR_LENGTH(v_reason) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for voiding the invoice (at most 255 characters).', MYSQL_ERRNO = 51154;
    END IF;
    START TRANSACTION;
    SELECT claim_id INTO v_claim_id FROM claim WHERE invoice_id = p_invoice_id;
    IF v_claim_id IS NOT NULL THEN
        SELECT status INTO v_claim_status FROM claim WHERE claim_id = v_claim_id FOR UPDATE;
    END IF;
    SELECT status, total, paid_total INTO v_status, v_total, v_paid FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    CALL invoice_action_require(v_actor_id, 'void', v_status, v_total, v_paid);
    IF v_claim_id IS NOT NULL AND v_claim_status <> 'draft' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The claim of this invoice has been sent to the insurer, so the invoice cannot be voided.', MYSQL_ERRNO = 51225;
    END IF;
    SELECT patient_policy_id, usage_year, limit_used INTO v_policy_id, v_year, v_used
      FROM invoice_insurance WHERE invoice_id = p_invoice_id FOR UPDATE;
    IF v_used > 0 THEN
        UPDATE policy_limit_usage SET used_amount = GREATEST(used_amount - v_used, 0)
         WHERE patient_policy_id = v_policy_id AND usage_year = v_year;
        UPDATE invoice_insurance SET limit_used = 0 WHERE invoice_id = p_invoice_id;
    END IF;
    IF v_claim_id IS NOT NULL THEN
        UPDATE claim SET status = 'void' WHERE claim_id = v_claim_id;
    END IF;
    UPDATE invoice SET status = 'void', void_reason = v_reason, voided_at = NOW(), voided_by = v_actor_id
     WHERE invoice_id = p_invoice_id;
    COMMIT;
END$$
DELIMITER ;
