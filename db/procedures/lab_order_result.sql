-- lab_order_result
-- A nurse, doctor or administrator enters the result of a collected specimen: specimen_collected ->
-- resulted. The result is a numeric value (p_value), a text (p_text, e.g. 'Negative' for a malaria
-- RDT) or both. The test's unit and the reference range that applies to the patient (their sex and
-- their age in whole years on the day the specimen was collected, lab_reference_range_for) are
-- copied onto the order, so a later catalogue change never rewrites it; abnormal_flag (low, high,
-- normal) is computed by the table from the value and that copied range.
-- A result not yet verified is corrected by entering it again (resulted -> resulted); the old and
-- new values are both in the audit trail, and whoever entered it last counts for the four-eyes rule.
-- Permission: lab.work (which roles hold it: table role_permission).
--   50825 unknown order, 50826 neither value nor text, 50834 verified or cancelled,
--   50831 specimen not collected (trigger too); the last three are the rule of lab_order_rows'
--   can_result flag (lab_order_action_refusal).
DROP PROCEDURE IF EXISTS lab_order_result;
DELIMITER $$
CREATE PROCEDURE lab_order_result(IN p_session_token VARCHAR(100), IN p_lab_order_id INT UNSIGNED, IN p_value DECIMAL(12,4), IN p_text VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_test INT UNSIGNED;
    DECLARE v_patient INT UNSIGNED;
    DECLARE v_collected_at DATETIME;
    DECLARE v_unit VARCHAR(20);
    DECLARE v_sex VARCHAR(7);
    DECLARE v_age INT;
    DECLARE v_range INT UNSIGNED DEFAULT NULL;
    DECLARE v_low DECIMAL(12,4) DEFAULT NULL;
    DECLARE v_high DECIMAL(12,4) DEFAULT NULL;
    DECLARE v_text VARCHAR(255) DEFAULT NULLIF(TRIM(p_text), '');
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    IF p_value IS NULL AND v_text IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter the result: a numeric value or a text.', MYSQL_ERRNO = 50826;
    END IF;

    START TRANSACTION;
    -- Only the order row is locked; the patient and the catalogue are read plainly afterwards.
    SELECT status, lab_test_id, patient_id, collected_at INTO v_status, v_test, v_patient, v_collected_at
      FROM lab_order WHERE lab_order_id = p_lab_order_id FOR UPDATE;
    CALL lab_order_action_require(v_actor_id, 'result', v_status, NULL);
    SELECT unit INTO v_unit FROM lab_test WHERE lab_test_id = v_test;
    SELECT sex, age_years(date_of_birth, DATE(v_collected_at)) INTO v_sex, v_age FROM patient WHERE patient_id = v_patient;
    SET v_range = lab_reference_range_for(v_test, v_sex, v_age);
    IF v_range IS NOT NULL THEN
        SELECT low_value, high_value INTO v_low, v_high FROM lab_reference_range WHERE lab_reference_range_id = v_range;
    END IF;
    UPDATE lab_order
       SET status = 'resulted', result_value = p_value, result_text = v_text, result_unit = v_unit,
           reference_low = v_low, reference_high = v_high, resulted_by = v_actor_id, resulted_at = NOW()
     WHERE lab_order_id = p_lab_order_id;
    COMMIT;
END$$
DELIMITER ;
