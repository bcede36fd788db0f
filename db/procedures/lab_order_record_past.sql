-- lab_order_record_past
-- Records a historical lab order: an administrator enters a test that was ordered (and perhaps
-- resulted and verified) on an earlier visit, e.g. when a clinic moves from paper, and demo mode,
-- which fills past visits this way. lab_order_place refuses closed visits and every step stamps
-- NOW(), so history cannot be made through them. The order still goes through the state machine:
-- it is inserted as ordered and taken step by step to p_status (lab_order_status_guard checks every
-- step, the four-eyes rule included), with times derived from p_ordered_at: collected 15 minutes
-- later, resulted after 2 hours, verified after 4 hours, cancelled after 30 minutes (never later
-- than now). The reference range that applied to the patient on the day of collection is copied,
-- as lab_order_result does. Returns lab_order_id.
--   Who: ordered by the visit's treating doctor (the administrator when the doctor has no sign-in);
--   collected and resulted by the administrator; verified by p_verified_by (NULL: the treating
--   doctor), which must be a doctor's or administrator's account other than the administrator's own.
--   p_status: ordered, specimen_collected, resulted, verified or cancelled (p_cancel_reason required).
--   The test may since have been taken out of the catalogue. The same-test-pending rule of
--   lab_order_place is not applied to history.
-- Locks the visit row first, as lab_order_place does.
-- Permission: records.enter_past (which roles hold it: table role_permission).
--   50820 unknown visit, 50806 unknown test, 50841 unknown status, 50840 order time not during the
--   visit or in the future, 50826 a result without value or text, 50828 cancelled without a reason,
--   50842 the verifier is not a doctor or administrator; trigger: 50827 verifier entered the result.
DROP PROCEDURE IF EXISTS lab_order_record_past;
DELIMITER $$
CREATE PROCEDURE lab_order_record_past(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_lab_test_id INT UNSIGNED,
                                       IN p_ordered_at DATETIME, IN p_status VARCHAR(18), IN p_value DECIMAL(12,4), IN p_text VARCHAR(255),
                                       IN p_cancel_reason VARCHAR(255), IN p_verified_by INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit INT UNSIGNED DEFAULT NULL;
    DECLARE v_started_at DATETIME;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_doctor_account INT UNSIGNED DEFAULT NULL;
    DECLARE v_ordered_by INT UNSIGNED;
    DECLARE v_verified_by INT UNSIGNED DEFAULT NULL;
    DECLARE v_verifier_role VARCHAR(20) DEFAULT NULL;
    DECLARE v_test INT UNSIGNED DEFAULT NULL;
    DECLARE v_unit VARCHAR(20);
    DECLARE v_sex VARCHAR(7);
    DECLARE v_age INT;
    DECLARE v_range INT UNSIGNED DEFAULT NULL;
    DECLARE v_low DECIMAL(12,4) DEFAULT NULL;
    DECLARE v_high DECIMAL(12,4) DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT LOWER(TRIM(COALESCE(p_status, '')));
    DECLARE v_text VARCHAR(255) DEFAULT NULLIF(TRIM(p_text), '');
    DECLARE v_collected_at DATETIME;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'records.enter_past', v_actor_id);
    IF v_status NOT IN ('ordered', 'specimen_collected', 'resulted', 'verified', 'cancelled') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose the status of the past lab order.', MYSQL_ERRNO = 50841;
    END IF;
    IF v_status IN ('resulted', 'verified') AND p_value IS NULL AND v_text IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter the result: a numeric value or a text.', MYSQL_ERRNO = 50826;
    END IF;
    IF v_status = 'cancelled' AND CHAR_LENGTH(TRIM(COALESCE(p_cancel_reason, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for cancelling the test.', MYSQL_ERRNO = 50828;
    END IF;

    START TRANSACTION;
    SELECT visit_id, started_at, patient_id, staff_id INTO v_visit, v_started_at, v_patient_id, v_staff_id
      FROM visit WHERE visit_id = p_visit_id FOR UPDATE;
    IF v_visit IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50820;
    END IF;
    IF p_ordered_at IS NULL OR p_ordered_at < v_started_at OR p_ordered_at > NOW() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A past lab order must be ordered during its visit, not before it started and not in the future.', MYSQL_ERRNO = 50840;
    END IF;
    SELECT lab_test_id, unit INTO v_test, v_unit FROM lab_test WHERE lab_test_id = p_lab_test_id;
    IF v_test IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test does not exist.', MYSQL_ERRNO = 50806;
    END IF;
    SELECT user_account_id INTO v_doctor_account FROM staff WHERE staff_id = v_staff_id;
    SET v_ordered_by = COALESCE(v_doctor_account, v_actor_id);
    IF v_status = 'verified' THEN
        SET v_verified_by = COALESCE(p_verified_by, v_doctor_account);
        SELECT role_code INTO v_verifier_role FROM user_account WHERE user_account_id = v_verified_by;
        IF v_verifier_role IS NULL OR v_verifier_role NOT IN ('doctor', 'admin') THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A result is verified by a doctor or an administrator.', MYSQL_ERRNO = 50842;
        END IF;
    END IF;

    INSERT INTO lab_order (visit_id, patient_id, lab_test_id, status, ordered_by, ordered_at)
    VALUES (v_visit, v_patient_id, v_test, 'ordered', v_ordered_by, p_ordered_at);
    SET v_id = LAST_INSERT_ID();
    SET v_collected_at = LEAST(p_ordered_at + INTERVAL 15 MINUTE, NOW());
    IF v_status = 'cancelled' THEN
        UPDATE lab_order SET status = 'cancelled', cancelled_by = v_actor_id, cancelled_at = LEAST(p_ordered_at + INTERVAL 30 MINUTE, NOW()),
                             cancel_reason = TRIM(p_cancel_reason)
         WHERE lab_order_id = v_id;
    ELSEIF v_status <> 'ordered' THEN
        UPDATE lab_order SET status = 'specimen_collected', collected_by = v_actor_id, collected_at = v_collected_at WHERE lab_order_id = v_id;
        IF v_status IN ('resulted', 'verified') THEN
            SELECT sex, age_years(date_of_birth, DATE(v_collected_at)) INTO v_sex, v_age FROM patient WHERE patient_id = v_patient_id;
            SET v_range = lab_reference_range_for(v_test, v_sex, v_age);
            IF v_range IS NOT NULL THEN
                SELECT low_value, high_value INTO v_low, v_high FROM lab_reference_range WHERE lab_reference_range_id = v_range;
            END IF;
            UPDATE lab_order
               SET status = 'resulted', result_value = p_value, result_text = v_text, result_unit = v_unit, reference_low = v_low,
                   reference_high = v_high, resulted_by = v_actor_id, resulted_at = LEAST(p_ordered_at + INTERVAL 2 HOUR, NOW())
             WHERE lab_order_id = v_id;
        END IF;
        IF v_status = 'verified' THEN
            UPDATE lab_order SET status = 'verified', verified_by = v_verified_by, verified_at = LEAST(p_ordered_at + INTERVAL 4 HOUR, NOW())
             WHERE lab_order_id = v_id;
        END IF;
    END IF;
    COMMIT;
    SELECT v_id AS lab_order_id;
END$$
DELIMITER ;
