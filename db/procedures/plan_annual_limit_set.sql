-- plan_annual_limit_set
-- Sets a plan's limit per member for a calendar year (this year or a later one): what the insurer
-- covers of one policy's invoices issued for service dates in that year, at most. p_limit_amount NULL
-- removes the limit (no cap). A lower limit than a policy has already used leaves that policy with
-- nothing more covered that year; what it used stays (policy_limit_usage).
-- Permission: insurance.manage. Lock: the plan row.
--   51207 unknown plan, 51212 year in the past or amount below zero or not in the currency's units.
DROP PROCEDURE IF EXISTS plan_annual_limit_set;
DELIMITER $$
CREATE PROCEDURE plan_annual_limit_set(IN p_session_token VARCHAR(100), IN p_insurance_plan_id INT UNSIGNED, IN p_limit_year INT,
                                       IN p_limit_amount DECIMAL(14,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.manage', v_actor_id);
    IF p_limit_year IS NULL OR p_limit_year < YEAR(CURDATE()) OR p_limit_year > YEAR(CURDATE()) + 10
       OR p_limit_amount < 0 OR p_limit_amount <> money_round(p_limit_amount) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Set the limit for this year or a later one, as zero or more in the currency''s units.', MYSQL_ERRNO = 51212;
    END IF;
    START TRANSACTION;
    SELECT insurance_plan_id INTO v_found FROM insurance_plan WHERE insurance_plan_id = p_insurance_plan_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That insurance plan does not exist.', MYSQL_ERRNO = 51207;
    END IF;
    IF p_limit_amount IS NULL THEN
        DELETE FROM plan_annual_limit WHERE insurance_plan_id = p_insurance_plan_id AND limit_year = p_limit_year;
    ELSE
        INSERT INTO plan_annual_limit (insurance_plan_id, limit_year, limit_amount)
        VALUES (p_insurance_plan_id, p_limit_year, p_limit_amount)
        ON DUPLICATE KEY UPDATE limit_amount = p_limit_amount;
    END IF;
    COMMIT;
END$$
DELIMITER ;
