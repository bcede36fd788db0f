-- insurance_plan_list
-- The plans of one payer (p_payer_id) or of every payer (NULL), by payer and name, with this year's
-- annual limit per member (NULL: none set, no cap) and how many patients' policies name the plan.
-- Inactive plans only when p_include_inactive = 1. A short list: not paged.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS insurance_plan_list;
DELIMITER $$
CREATE PROCEDURE insurance_plan_list(IN p_session_token VARCHAR(100), IN p_payer_id INT UNSIGNED, IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT pl.insurance_plan_id, pl.payer_id, py.name AS payer_name, pl.name, pl.is_active,
           (SELECT l.limit_amount FROM plan_annual_limit AS l
             WHERE l.insurance_plan_id = pl.insurance_plan_id AND l.limit_year = YEAR(CURDATE())) AS annual_limit,
           (SELECT COUNT(*) FROM patient_policy AS pp WHERE pp.insurance_plan_id = pl.insurance_plan_id) AS policy_count
      FROM insurance_plan AS pl
      JOIN payer AS py ON py.payer_id = pl.payer_id
     WHERE (p_payer_id IS NULL OR pl.payer_id = p_payer_id)
       AND (pl.is_active = 1 OR COALESCE(p_include_inactive, 0) = 1)
     ORDER BY py.name, pl.name, pl.insurance_plan_id;
END$$
DELIMITER ;
