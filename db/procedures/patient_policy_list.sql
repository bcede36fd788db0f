-- patient_policy_list
-- A patient's insurance policies, the primary first, then by start date: plan and payer, member
-- number, holder and relationship, dates, is_valid (valid today), the plan's annual limit for this
-- year (NULL: none) and what the policy has used of it this year (used_this_year), and can_edit
-- (the account may record policies: insurance.policy). Unknown patient: no rows.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS patient_policy_list;
DELIMITER $$
CREATE PROCEDURE patient_policy_list(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_can_edit TINYINT DEFAULT 0;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SET v_can_edit = actor_can(v_actor_id, 'insurance.policy');
    SELECT pp.patient_policy_id, pp.patient_id, pp.insurance_plan_id, pl.name AS plan_name, pl.payer_id, py.name AS payer_name,
           pp.member_number, pp.holder_name, pp.relationship, pp.valid_from, pp.valid_to, pp.is_primary,
           (pp.valid_from <= CURDATE() AND (pp.valid_to IS NULL OR pp.valid_to >= CURDATE())) AS is_valid,
           l.limit_amount AS annual_limit,
           COALESCE(u.used_amount, 0) AS used_this_year,
           v_can_edit AS can_edit
      FROM patient_policy AS pp
      JOIN insurance_plan AS pl ON pl.insurance_plan_id = pp.insurance_plan_id
      JOIN payer AS py ON py.payer_id = pl.payer_id
      LEFT JOIN plan_annual_limit AS l ON l.insurance_plan_id = pp.insurance_plan_id AND l.limit_year = YEAR(CURDATE())
      LEFT JOIN policy_limit_usage AS u ON u.patient_policy_id = pp.patient_policy_id AND u.usage_year = YEAR(CURDATE())
     WHERE pp.patient_id = p_patient_id
     ORDER BY pp.is_primary DESC, pp.valid_from DESC, pp.patient_policy_id;
END$$
DELIMITER ;
