-- coverage_rule_list
-- The coverage rules of a plan: one per service category and valid-from date, by category then
-- date, with is_current = 1 for the rule that applies today to its category (the latest valid_from
-- on or before today). A plan has a handful of rules: not paged. Unknown plan: no rows.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS coverage_rule_list;
DELIMITER $$
CREATE PROCEDURE coverage_rule_list(IN p_session_token VARCHAR(100), IN p_insurance_plan_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT r.coverage_rule_id, r.insurance_plan_id, r.category_code, c.name AS category_name, r.valid_from,
           r.percent_covered, r.copay_amount, r.is_excluded, r.needs_preauth,
           (r.valid_from = (SELECT MAX(r2.valid_from) FROM coverage_rule AS r2
                             WHERE r2.insurance_plan_id = r.insurance_plan_id AND r2.category_code = r.category_code
                               AND r2.valid_from <= CURDATE())) AS is_current
      FROM coverage_rule AS r
      JOIN service_category AS c ON c.category_code = r.category_code
     WHERE r.insurance_plan_id = p_insurance_plan_id
     ORDER BY c.sort_order, r.valid_from, r.coverage_rule_id;
END$$
DELIMITER ;
