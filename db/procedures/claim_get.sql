-- claim_get
-- One claim, as two result sets:
--  1. the claim (no row when it does not exist), with the columns and flags of claim_search;
--  2. its lines: the invoice line (category, description, service date), claimed, accepted (NULL
--     until the outcome is recorded), the insurer's reason, paid, rejected_amount (claimed less
--     accepted once decided), unpaid (accepted less paid), when the rejected part was moved to the
--     patient, and can_move_to_patient / can_allocate (claim_action_refusal, the rule
--     claim_line_move_to_patient and remittance_allocate refuse with).
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS claim_get;
DELIMITER $$
CREATE PROCEDURE claim_get(IN p_session_token VARCHAR(100), IN p_claim_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT status INTO v_status FROM claim WHERE claim_id = p_claim_id;

    SELECT c.claim_id, c.claim_number, c.payer_id, py.name AS payer_name, c.invoice_id, i.invoice_number,
           i.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, pp.member_number,
           c.status, c.claimed_amount, c.accepted_amount, c.paid_amount, c.created_at, c.submitted_at, c.decided_at,
           claim_action_refusal(v_actor_id, 'submit', c.status, NULL, NULL, NULL) = 0 AS can_submit,
           claim_action_refusal(v_actor_id, 'outcome', c.status, NULL, NULL, NULL) = 0 AS can_record_outcome,
           1 AS total_count
      FROM claim AS c
      JOIN payer AS py ON py.payer_id = c.payer_id
      JOIN invoice AS i ON i.invoice_id = c.invoice_id
      JOIN patient AS p ON p.patient_id = i.patient_id
      JOIN invoice_insurance AS ii ON ii.invoice_id = c.invoice_id
      JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
     WHERE c.claim_id = p_claim_id;

    SELECT cl.claim_line_id, cl.invoice_line_id, il.category_code, il.description, il.service_date, cl.claimed_amount,
           cl.accepted_amount, cl.rejection_reason, cl.paid_amount,
           IF(cl.accepted_amount IS NULL, 0, cl.claimed_amount - cl.accepted_amount) AS rejected_amount,
           COALESCE(cl.accepted_amount, 0) - cl.paid_amount AS unpaid,
           cl.moved_to_patient_at,
           claim_action_refusal(v_actor_id, 'move', v_status, IF(cl.accepted_amount IS NULL, 0, cl.claimed_amount - cl.accepted_amount),
                                cl.moved_to_patient_at IS NOT NULL, NULL) = 0 AS can_move_to_patient,
           claim_action_refusal(v_actor_id, 'allocate', v_status, NULL, NULL,
                                COALESCE(cl.accepted_amount, 0) - cl.paid_amount) = 0 AS can_allocate
      FROM claim_line AS cl
      JOIN invoice_line AS il ON il.invoice_line_id = cl.invoice_line_id
     WHERE cl.claim_id = p_claim_id
     ORDER BY il.service_date, cl.invoice_line_id;
END$$
DELIMITER ;
