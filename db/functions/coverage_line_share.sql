-- coverage_line_share
-- The insurer's share of one invoice line under a plan, before the annual limit (the one rule,
-- used by internal/invoice_insurance_split when an invoice is issued):
--   the plan's coverage rule for the line's category valid on the service date (the one with the
--   latest valid_from on or before it); no rule, an excluded category, or a line of zero or less:
--   0 (the patient pays);
--   a rule needing pre-authorisation without a pre_authorisation of the policy for that category
--   valid on the service date: 0;
--   otherwise money_round(amount * percent_covered / 100) less the rule's fixed co-payment, never
--   below 0.
DROP FUNCTION IF EXISTS coverage_line_share;
DELIMITER $$
CREATE FUNCTION coverage_line_share(p_insurance_plan_id INT UNSIGNED, p_patient_policy_id INT UNSIGNED,
                                    p_category_code VARCHAR(20), p_service_date DATE, p_amount DECIMAL(14,2))
    RETURNS DECIMAL(14,2)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_rule_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_percent DECIMAL(5,2) DEFAULT 0;
    DECLARE v_copay DECIMAL(14,2) DEFAULT 0;
    DECLARE v_excluded TINYINT DEFAULT 0;
    DECLARE v_preauth TINYINT DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RETURN 0;
    END IF;
    SELECT coverage_rule_id, percent_covered, copay_amount, is_excluded, needs_preauth
      INTO v_rule_id, v_percent, v_copay, v_excluded, v_preauth
      FROM coverage_rule
     WHERE insurance_plan_id = p_insurance_plan_id AND category_code = p_category_code AND valid_from <= p_service_date
     ORDER BY valid_from DESC
     LIMIT 1;
    IF v_rule_id IS NULL OR v_excluded = 1 THEN
        RETURN 0;
    END IF;
    IF v_preauth = 1 THEN
        SELECT COUNT(*) INTO v_count FROM pre_authorisation
         WHERE patient_policy_id = p_patient_policy_id AND category_code = p_category_code
           AND p_service_date BETWEEN valid_from AND valid_to;
        IF v_count = 0 THEN
            RETURN 0;
        END IF;
    END IF;
    RETURN GREATEST(money_round(p_amount * v_percent / 100) - v_copay, 0);
END$$
DELIMITER ;
