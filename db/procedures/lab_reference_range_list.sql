-- lab_reference_range_list
-- The reference range bands of one lab test: 'any' first, then female, then male, each by age.
-- Permission: clinical.read (which roles hold it: table role_permission).
--   50806 unknown test.
DROP PROCEDURE IF EXISTS lab_reference_range_list;
DELIMITER $$
CREATE PROCEDURE lab_reference_range_list(IN p_session_token VARCHAR(100), IN p_lab_test_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    SELECT lab_test_id INTO v_found FROM lab_test WHERE lab_test_id = p_lab_test_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test does not exist.', MYSQL_ERRNO = 50806;
    END IF;
    SELECT r.lab_reference_range_id, r.lab_test_id, r.sex, r.age_min_years, r.age_max_years, r.low_value, r.high_value,
           r.created_at, r.updated_at
      FROM lab_reference_range AS r
     WHERE r.lab_test_id = p_lab_test_id
     ORDER BY FIELD(r.sex, 'any', 'female', 'male'), r.age_min_years;
END$$
DELIMITER ;
