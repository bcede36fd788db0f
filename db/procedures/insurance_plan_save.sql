-- insurance_plan_save
-- Adds a plan to a payer (p_insurance_plan_id NULL) or changes one: name (unique per payer), active.
-- A plan made inactive splits no new invoice. Coverage rules and annual limits are set separately
-- (coverage_rule_set, plan_annual_limit_set). Returns insurance_plan_id.
-- Permission: insurance.manage. Lock: the payer row (two saves cannot both take a name), the plan row.
--   51205 name, 51204 unknown payer, 51207 unknown plan, 51206 name taken for this payer.
DROP PROCEDURE IF EXISTS insurance_plan_save;
DELIMITER $$
CREATE PROCEDURE insurance_plan_save(IN p_session_token VARCHAR(100), IN p_insurance_plan_id INT UNSIGNED, IN p_payer_id INT UNSIGNED,
                                     IN p_name VARCHAR(300), IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_name VARCHAR(300) DEFAULT TRIM(COALESCE(p_name, ''));
    DECLARE v_active TINYINT DEFAULT IF(COALESCE(p_is_active, 1) <> 0, 1, 0);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.manage', v_actor_id);
    IF CHAR_LENGTH(v_name) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the plan''s name (at most 150 characters).', MYSQL_ERRNO = 51205;
    END IF;
    START TRANSACTION;
    SELECT payer_id INTO v_found FROM payer WHERE payer_id = p_payer_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That payer does not exist.', MYSQL_ERRNO = 51204;
    END IF;
    IF p_insurance_plan_id IS NOT NULL THEN
        SET v_found = NULL;
        SELECT insurance_plan_id INTO v_found FROM insurance_plan WHERE insurance_plan_id = p_insurance_plan_id FOR UPDATE;
        IF v_found IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That insurance plan does not exist.', MYSQL_ERRNO = 51207;
        END IF;
    END IF;
    SET v_found = NULL;
    SELECT insurance_plan_id INTO v_found FROM insurance_plan
     WHERE payer_id = p_payer_id AND name = v_name AND NOT (insurance_plan_id <=> p_insurance_plan_id) LIMIT 1;
    IF v_found IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This payer already has a plan with that name.', MYSQL_ERRNO = 51206;
    END IF;
    IF p_insurance_plan_id IS NULL THEN
        INSERT INTO insurance_plan (payer_id, name, is_active) VALUES (p_payer_id, v_name, v_active);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE insurance_plan SET payer_id = p_payer_id, name = v_name, is_active = v_active
         WHERE insurance_plan_id = p_insurance_plan_id;
        SET v_id = p_insurance_plan_id;
    END IF;
    COMMIT;
    SELECT v_id AS insurance_plan_id;
END$$
DELIMITER ;
