-- invoice_action_refusal
-- The one rule for whether an account may act on an invoice now: 0 when it may, otherwise the code
-- the procedure refuses with (db/ERRORS.md). p_status, p_total and p_paid_total are the invoice's
-- (NULL status: it does not exist). Checked in this order:
--   issue:  50102 without billing.invoice; 51150 unknown; 51151 unless draft;
--   void:   50102 without billing.void; 51150; 51155 unless issued with nothing paid;
--   pay:    50102 without billing.payment; 51150; 51173 unless issued or partially paid with a balance;
--   refund: 50102 without billing.refund; 51150; 51186 unless something is paid;
--   credit: 50102 without billing.invoice; 51150; 51158 unless issued or partially paid;
--   adjust: 50102 without billing.discount; 51150; 51162 unless draft, or issued with nothing paid.
-- Used by internal/invoice_action_require (the action procedures refuse with it under the invoice's
-- row lock) and by invoice_get (the can_* flags), so a button shows exactly when the call is accepted.
DROP FUNCTION IF EXISTS invoice_action_refusal;
DELIMITER $$
CREATE FUNCTION invoice_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(10), p_status VARCHAR(14),
                                       p_total DECIMAL(14,2), p_paid_total DECIMAL(14,2)) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_permission VARCHAR(40) DEFAULT CASE p_action
        WHEN 'issue' THEN 'billing.invoice' WHEN 'void' THEN 'billing.void' WHEN 'pay' THEN 'billing.payment'
        WHEN 'refund' THEN 'billing.refund' WHEN 'credit' THEN 'billing.invoice' WHEN 'adjust' THEN 'billing.discount'
        ELSE NULL END;
    IF v_permission IS NULL OR actor_can(p_actor_id, v_permission) = 0 THEN
        RETURN 50102;
    END IF;
    IF p_status IS NULL THEN
        RETURN 51150;
    END IF;
    IF p_action = 'issue' AND p_status <> 'draft' THEN
        RETURN 51151;
    END IF;
    IF p_action = 'void' AND NOT (p_status = 'issued' AND p_paid_total = 0) THEN
        RETURN 51155;
    END IF;
    IF p_action = 'pay' AND NOT (p_status IN ('issued', 'partially_paid') AND p_total > p_paid_total) THEN
        RETURN 51173;
    END IF;
    IF p_action = 'refund' AND NOT (p_status IN ('partially_paid', 'paid') AND p_paid_total > 0) THEN
        RETURN 51186;
    END IF;
    IF p_action = 'credit' AND p_status NOT IN ('issued', 'partially_paid') THEN
        RETURN 51158;
    END IF;
    IF p_action = 'adjust' AND NOT (p_status = 'draft' OR (p_status = 'issued' AND p_paid_total = 0)) THEN
        RETURN 51162;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
