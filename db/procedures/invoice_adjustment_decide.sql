-- invoice_adjustment_decide
-- An administrator approves or rejects a pending discount or waiver. Approved, it counts at once
-- (the invoice must still be a draft or issued with nothing paid, and the amount at most what is
-- owed); rejected, it never counts. Returns invoice_adjustment_id, status, and the invoice's total.
-- Permission: billing.approve. Lock: the adjustment, then the invoice row.
--   51163 unknown adjustment; 51164 already decided; 51161 more than owed now (approving);
--   50102, 51150, 51162 (internal/invoice_action_require, when approving).
DROP PROCEDURE IF EXISTS invoice_adjustment_decide;
DELIMITER $$
CREATE PROCEDURE invoice_adjustment_decide(IN p_session_token VARCHAR(100), IN p_invoice_adjustment_id INT UNSIGNED,
                                           IN p_approve TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_amount DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_decision VARCHAR(8) DEFAULT NULL;
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.approve', v_actor_id);
    START TRANSACTION;
    SELECT invoice_id INTO v_invoice_id FROM invoice_adjustment WHERE invoice_adjustment_id = p_invoice_adjustment_id;
    SELECT status, total, paid_total INTO v_status, v_total, v_paid FROM invoice WHERE invoice_id = v_invoice_id FOR UPDATE;
    SELECT amount, status INTO v_amount, v_decision
      FROM invoice_adjustment WHERE invoice_adjustment_id = p_invoice_adjustment_id FOR UPDATE;
    IF v_decision IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That discount or waiver does not exist.', MYSQL_ERRNO = 51163;
    END IF;
    IF v_decision <> 'pending' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This discount or waiver has already been decided.', MYSQL_ERRNO = 51164;
    END IF;
    IF COALESCE(p_approve, 0) = 1 THEN
        CALL invoice_action_require(v_actor_id, 'adjust', v_status, v_total, v_paid);
        CALL invoice_adjustment_apply(v_invoice_id, v_amount);
        SET v_decision = 'approved';
    ELSE
        SET v_decision = 'rejected';
    END IF;
    UPDATE invoice_adjustment SET status = v_decision, decided_by = v_actor_id, decided_at = NOW()
     WHERE invoice_adjustment_id = p_invoice_adjustment_id;
    COMMIT;

    SELECT p_invoice_adjustment_id AS invoice_adjustment_id, v_decision AS status, total FROM invoice WHERE invoice_id = v_invoice_id;
END$$
DELIMITER ;
