-- coverage_rule_set
-- Sets the coverage rule of a plan for a service category from a date (p_valid_from; NULL = today):
-- percent covered (0-100), a fixed co-payment per invoice line (zero or more), excluded (the
-- patient pays: percent and pre-authorisation become 0), or needing pre-authorisation. The date is
-- today or later, and a rule already in force (valid from today or earlier) never changes: a
-- change is a new rule from a later day. So the rules that split issued invoices stay as they were
-- (an invoice line is split by the rule valid on its service date). A rule for a future day may be
-- set again (it replaces that day's rule). Returns coverage_rule_id.
-- Permission: insurance.manage. Lock: the plan row (rules of a plan are set one at a time).
--   51207 unknown plan, 51208 unknown category, 51209 date in the past, 51210 percent,
--   51211 co-payment, 51223 that day's rule is already in force.
DROP PROCEDURE IF EXISTS coverage_rule_set;
DELIMITER $$
CREATE PROCEDURE coverage_rule_set(IN p_session_token VARCHAR(100), IN p_insurance_plan_id INT UNSIGNED, IN p_category_code VARCHAR(20),
                                   IN p_valid_from DATE, IN p_percent_covered DECIMAL(9,2), IN p_copay_amount DECIMAL(14,2),
                                   IN p_is_excluded TINYINT, IN p_needs_preauth TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_category VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_category_code, '')));
    DECLARE v_from DATE DEFAULT NULL;
    DECLARE v_excluded TINYINT DEFAULT IF(COALESCE(p_is_excluded, 0) <> 0, 1, 0);
    DECLARE v_preauth TINYINT DEFAULT IF(COALESCE(p_needs_preauth, 0) <> 0, 1, 0);
    DECLARE v_percent DECIMAL(9,2) DEFAULT COALESCE(p_percent_covered, 0);
    DECLARE v_copay DECIMAL(14,2) DEFAULT COALESCE(p_copay_amount, 0);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.manage', v_actor_id);
    SET v_from = COALESCE(p_valid_from, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_from < CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A coverage rule starts today or on a later day.', MYSQL_ERRNO = 51209;
    END IF;
    IF v_excluded = 1 THEN
        SET v_percent = 0, v_preauth = 0;
    END IF;
    IF v_percent < 0 OR v_percent > 100 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The percent covered must be between 0 and 100.', MYSQL_ERRNO = 51210;
    END IF;
    IF v_copay < 0 OR v_copay <> money_round(v_copay) OR v_copay >= 1000000000000 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The co-payment must be zero or more, in the currency''s units.', MYSQL_ERRNO = 51211;
    END IF;
    START TRANSACTION;
    SELECT insurance_plan_id INTO v_found FROM insurance_plan WHERE insurance_plan_id = p_insurance_plan_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That insurance plan does not exist.', MYSQL_ERRNO = 51207;
    END IF;
    SET v_found = NULL;
    SELECT COUNT(*) INTO v_found FROM service_category WHERE category_code = v_category;
    IF v_found = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a service category.', MYSQL_ERRNO = 51208;
    END IF;
    SET v_found = NULL;
    SELECT coverage_rule_id INTO v_found FROM coverage_rule
     WHERE insurance_plan_id = p_insurance_plan_id AND category_code = v_category AND valid_from = v_from;
    IF v_found IS NOT NULL AND v_from <= CURDATE() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This rule is already in force and cannot change. Set a new rule from tomorrow.', MYSQL_ERRNO = 51223;
    END IF;
    IF v_found IS NULL THEN
        INSERT INTO coverage_rule (insurance_plan_id, category_code, valid_from, percent_covered, copay_amount, is_excluded, needs_preauth)
        VALUES (p_insurance_plan_id, v_category, v_from, v_percent, v_copay, v_excluded, v_preauth);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE coverage_rule
           SET percent_covered = v_percent, copay_amount = v_copay, is_excluded = v_excluded, needs_preauth = v_preauth
         WHERE coverage_rule_id = v_found;
        SET v_id = v_found;
    END IF;
    COMMIT;
    SELECT v_id AS coverage_rule_id;
END$$
DELIMITER ;
