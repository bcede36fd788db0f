-- patient_policy_save
-- Records a patient's insurance policy (p_patient_policy_id NULL) or changes one: the plan (active),
-- member number (unique per plan), holder's name, relationship to the holder (self, spouse, child,
-- dependant, employee), valid from (required) and to (optional, not before from), and whether it is
-- the patient's primary policy. Making a policy primary makes the patient's other primary policy
-- secondary in the same transaction (one primary per patient: uq_patient_policy_primary). Invoices
-- are split with the primary policy valid on their service dates (invoice_issue); invoices already
-- issued keep the split they had. Returns patient_policy_id.
-- Permission: insurance.policy. Lock: the patient row (internal/patient_require_active 'lock'), so
-- two saves for one patient run one after the other, then the plan row.
--   50209, 50210 (internal/patient_require_active); 51213 unknown policy or one of another patient;
--   51214 member number; 51216 holder; 51217 relationship; 51218 dates; 51207 unknown plan;
--   51219 inactive plan (for a new policy or a change of plan); 51215 member number taken on the plan.
DROP PROCEDURE IF EXISTS patient_policy_save;
DELIMITER $$
CREATE PROCEDURE patient_policy_save(IN p_session_token VARCHAR(100), IN p_patient_policy_id INT UNSIGNED, IN p_patient_id INT UNSIGNED,
                                     IN p_insurance_plan_id INT UNSIGNED, IN p_member_number VARCHAR(100), IN p_holder_name VARCHAR(300),
                                     IN p_relationship VARCHAR(20), IN p_valid_from DATE, IN p_valid_to DATE, IN p_is_primary TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_member VARCHAR(100) DEFAULT TRIM(COALESCE(p_member_number, ''));
    DECLARE v_holder VARCHAR(300) DEFAULT TRIM(COALESCE(p_holder_name, ''));
    DECLARE v_relationship VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_relationship, '')));
    DECLARE v_primary TINYINT DEFAULT IF(COALESCE(p_is_primary, 0) <> 0, 1, 0);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_old_plan INT UNSIGNED DEFAULT NULL;
    DECLARE v_plan_active TINYINT DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That member number is already recorded on this plan.', MYSQL_ERRNO = 51215;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.policy', v_actor_id);
    IF CHAR_LENGTH(v_member) NOT BETWEEN 1 AND 40 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the member number (at most 40 characters).', MYSQL_ERRNO = 51214;
    END IF;
    IF CHAR_LENGTH(v_holder) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the policy holder''s name (at most 150 characters).', MYSQL_ERRNO = 51216;
    END IF;
    IF v_relationship NOT IN ('self', 'spouse', 'child', 'dependant', 'employee') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Choose the relationship to the holder: self, spouse, child, dependant or employee.', MYSQL_ERRNO = 51217;
    END IF;
    IF p_valid_from IS NULL OR p_valid_to < p_valid_from THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the day the policy starts, and an end day on or after it (or none).', MYSQL_ERRNO = 51218;
    END IF;

    START TRANSACTION;
    CALL patient_require_active(p_patient_id, 'lock');
    IF p_patient_policy_id IS NOT NULL THEN
        SELECT patient_policy_id, insurance_plan_id INTO v_found, v_old_plan FROM patient_policy
         WHERE patient_policy_id = p_patient_policy_id AND patient_id = p_patient_id FOR UPDATE;
        IF v_found IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That policy does not exist.', MYSQL_ERRNO = 51213;
        END IF;
    END IF;
    SELECT is_active INTO v_plan_active FROM insurance_plan WHERE insurance_plan_id = p_insurance_plan_id FOR UPDATE;
    IF v_plan_active IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That insurance plan does not exist.', MYSQL_ERRNO = 51207;
    END IF;
    IF v_plan_active = 0 AND NOT (v_old_plan <=> p_insurance_plan_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This plan is no longer offered. Choose an active plan.', MYSQL_ERRNO = 51219;
    END IF;
    SET v_found = NULL;
    SELECT patient_policy_id INTO v_found FROM patient_policy
     WHERE insurance_plan_id = p_insurance_plan_id AND member_number = v_member
       AND NOT (patient_policy_id <=> p_patient_policy_id) LIMIT 1;
    IF v_found IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That member number is already recorded on this plan.', MYSQL_ERRNO = 51215;
    END IF;
    IF v_primary = 1 THEN
        UPDATE patient_policy SET is_primary = 0
         WHERE patient_id = p_patient_id AND is_primary = 1 AND NOT (patient_policy_id <=> p_patient_policy_id);
    END IF;
    IF p_patient_policy_id IS NULL THEN
        INSERT INTO patient_policy (patient_id, insurance_plan_id, member_number, holder_name, relationship, valid_from, valid_to, is_primary)
        VALUES (p_patient_id, p_insurance_plan_id, v_member, v_holder, v_relationship, p_valid_from, p_valid_to, v_primary);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE patient_policy
           SET insurance_plan_id = p_insurance_plan_id, member_number = v_member, holder_name = v_holder,
               relationship = v_relationship, valid_from = p_valid_from, valid_to = p_valid_to, is_primary = v_primary
         WHERE patient_policy_id = p_patient_policy_id;
        SET v_id = p_patient_policy_id;
    END IF;
    COMMIT;
    SELECT v_id AS patient_policy_id;
END$$
DELIMITER ;
