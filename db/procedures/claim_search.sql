-- claim_search
-- The claims worklist, newest first. Filters (all optional): p_payer_id, p_status (one claim
-- status: draft, submitted, accepted, partially_accepted, rejected, paid, void) and p_query (an exact
-- claim number, invoice number or MRN, or text contained in the patient's name). Each row: number,
-- payer, invoice, patient (MRN, name), member number, status, claimed / accepted / paid amounts,
-- when created, submitted and decided, and the actions the account may take now: can_submit and
-- can_record_outcome (claim_action_refusal, the rule claim_submit and claim_outcome_record refuse
-- with). Paged (p_offset, p_limit capped at 100), total_count on every row.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS claim_search;
DELIMITER $$
CREATE PROCEDURE claim_search(IN p_session_token VARCHAR(100), IN p_payer_id INT UNSIGNED, IN p_status VARCHAR(20),
                              IN p_query VARCHAR(100), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_query VARCHAR(100) DEFAULT NULLIF(TRIM(p_query), '');
    DECLARE v_status VARCHAR(20) DEFAULT NULLIF(LOWER(TRIM(p_status)), '');
    DECLARE v_pattern VARCHAR(310) DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    IF v_query IS NOT NULL THEN
        SET v_pattern = CONCAT('%', REPLACE(REPLACE(REPLACE(v_query, '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '%');
    END IF;
    SELECT c.claim_id, c.claim_number, c.payer_id, py.name AS payer_name, c.invoice_id, i.invoice_number,
           i.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, pp.member_number,
           c.status, c.claimed_amount, c.accepted_amount, c.paid_amount, c.created_at, c.submitted_at, c.decided_at,
           claim_action_refusal(v_actor_id, 'submit', c.status, NULL, NULL, NULL) = 0 AS can_submit,
           claim_action_refusal(v_actor_id, 'outcome', c.status, NULL, NULL, NULL) = 0 AS can_record_outcome,
           COUNT(*) OVER () AS total_count
      FROM claim AS c
      JOIN payer AS py ON py.payer_id = c.payer_id
      JOIN invoice AS i ON i.invoice_id = c.invoice_id
      JOIN patient AS p ON p.patient_id = i.patient_id
      JOIN invoice_insurance AS ii ON ii.invoice_id = c.invoice_id
      JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
     WHERE (p_payer_id IS NULL OR c.payer_id = p_payer_id)
       AND (v_status IS NULL OR c.status = v_status)
       AND (v_query IS NULL OR c.claim_number = v_query OR i.invoice_number = v_query OR p.mrn = v_query
            OR CONCAT(p.given_name, ' ', p.family_name) LIKE v_pattern)
     ORDER BY c.created_at DESC, c.claim_id DESC
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
