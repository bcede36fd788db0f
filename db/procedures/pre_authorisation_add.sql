-- pre_authorisation_add
-- Records an insurer's pre-authorisation for a policy: the service category, the authorisation
-- number (unique per policy) and the days it is valid. A line of a category whose coverage rule
-- needs pre-authorisation is covered only when one is valid on the line's service date
-- (coverage_line_share). Returns pre_authorisation_id.
-- Permission: insurance.policy. Lock: the policy row.
--   51220 number, 51222 dates, 51213 unknown policy, 51208 unknown category, 51221 number taken.
DROP PROCEDURE IF EXISTS pre_authorisation_add;
DELIMITER $$
CREATE PROCEDURE pre_authorisation_add(IN p_session_token VARCHAR(100), IN p_patient_policy_id INT UNSIGNED, IN p_category_code VARCHAR(20),
                                       IN p_authorisation_number VARCHAR(100), IN p_valid_from DATE, IN p_valid_to DATE)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_category VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_category_code, '')));
    DECLARE v_number VARCHAR(100) DEFAULT TRIM(COALESCE(p_authorisation_number, ''));
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That authorisation number is already recorded for this policy.', MYSQL_ERRNO = 51221;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.policy', v_actor_id);
    IF CHAR_LENGTH(v_number) NOT BETWEEN 1 AND 40 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the authorisation number (at most 40 characters).', MYSQL_ERRNO = 51220;
    END IF;
    IF p_valid_from IS NULL OR p_valid_to IS NULL OR p_valid_to < p_valid_from THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the days the authorisation is valid, the last on or after the first.', MYSQL_ERRNO = 51222;
    END IF;
    START TRANSACTION;
    SELECT patient_policy_id INTO v_found FROM patient_policy WHERE patient_policy_id = p_patient_policy_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That policy does not exist.', MYSQL_ERRNO = 51213;
    END IF;
    SELECT COUNT(*) INTO v_found FROM service_category WHERE category_code = v_category;
    IF v_found = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a service category.', MYSQL_ERRNO = 51208;
    END IF;
    SELECT COUNT(*) INTO v_found FROM pre_authorisation
     WHERE patient_policy_id = p_patient_policy_id AND authorisation_number = v_number;
    IF v_found > 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That authorisation number is already recorded for this policy.', MYSQL_ERRNO = 51221;
    END IF;
    INSERT INTO pre_authorisation (patient_policy_id, category_code, authorisation_number, valid_from, valid_to, created_by)
    VALUES (p_patient_policy_id, v_category, v_number, p_valid_from, p_valid_to, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS pre_authorisation_id;
END$$
DELIMITER ;
