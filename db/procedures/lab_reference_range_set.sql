-- lab_reference_range_set
-- An administrator adds or replaces a reference range band of a lab test: for sex 'any', 'female'
-- or 'male' and the age band [p_age_min_years, p_age_max_years) in whole years (0 to 150), the
-- normal values p_low_value..p_high_value (either may be NULL for a one-sided range, e.g. CRP < 5).
-- p_lab_reference_range_id NULL adds a band, or replaces the band of the same test, sex and
-- starting age; otherwise that band is edited. Bands of the same test and sex may not overlap
-- (a female and an 'any' band may: lab_reference_range_for prefers the patient's own sex).
-- The test row is locked first, so two administrators cannot add overlapping bands at once.
-- Results already entered keep the range copied onto them. Returns lab_reference_range_id.
-- Permission: lab.catalogue (which roles hold it: table role_permission).
--   50806 unknown test, 50811 unknown band (or a band of another test), 50807 sex,
--   50808 age band, 50809 values, 50810 overlapping band.
DROP PROCEDURE IF EXISTS lab_reference_range_set;
DELIMITER $$
CREATE PROCEDURE lab_reference_range_set(IN p_session_token VARCHAR(100), IN p_lab_reference_range_id INT UNSIGNED, IN p_lab_test_id INT UNSIGNED,
                                         IN p_sex VARCHAR(7), IN p_age_min_years INT, IN p_age_max_years INT,
                                         IN p_low_value DECIMAL(12,4), IN p_high_value DECIMAL(12,4))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_test INT UNSIGNED DEFAULT NULL;
    DECLARE v_range_test INT UNSIGNED DEFAULT NULL;
    DECLARE v_replace INT UNSIGNED DEFAULT NULL;
    DECLARE v_clash_min INT DEFAULT NULL;
    DECLARE v_clash_max INT DEFAULT NULL;
    DECLARE v_sex VARCHAR(7) DEFAULT LOWER(TRIM(COALESCE(p_sex, 'any')));
    DECLARE v_min INT DEFAULT COALESCE(p_age_min_years, 0);
    DECLARE v_max INT DEFAULT COALESCE(p_age_max_years, 150);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.catalogue', v_actor_id);
    IF v_sex NOT IN ('any', 'female', 'male') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose whom the range is for: any, female or male.', MYSQL_ERRNO = 50807;
    END IF;
    IF v_min < 0 OR v_max > 150 OR v_max <= v_min THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The age band must go from a lower to a higher age, between 0 and 150 years.', MYSQL_ERRNO = 50808;
    END IF;
    IF (p_low_value IS NULL AND p_high_value IS NULL) OR p_high_value < p_low_value THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Enter a low value, a high value or both. The high value cannot be below the low value.', MYSQL_ERRNO = 50809;
    END IF;

    START TRANSACTION;
    SELECT lab_test_id INTO v_test FROM lab_test WHERE lab_test_id = p_lab_test_id FOR UPDATE;
    IF v_test IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test does not exist.', MYSQL_ERRNO = 50806;
    END IF;
    IF p_lab_reference_range_id IS NOT NULL THEN
        SELECT lab_test_id INTO v_range_test FROM lab_reference_range WHERE lab_reference_range_id = p_lab_reference_range_id;
        IF NOT (v_range_test <=> v_test) THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That reference range does not exist.', MYSQL_ERRNO = 50811;
        END IF;
        SET v_replace = p_lab_reference_range_id;
    ELSE
        SELECT lab_reference_range_id INTO v_replace FROM lab_reference_range
         WHERE lab_test_id = v_test AND sex = v_sex AND age_min_years = v_min;
    END IF;
    -- Half-open bands [min, max) overlap when each starts before the other ends.
    SELECT age_min_years, age_max_years INTO v_clash_min, v_clash_max
      FROM lab_reference_range
     WHERE lab_test_id = v_test AND sex = v_sex
       AND age_min_years < v_max AND v_min < age_max_years
       AND NOT (lab_reference_range_id <=> v_replace)
     ORDER BY age_min_years
     LIMIT 1;
    IF v_clash_min IS NOT NULL THEN
        SET v_message = CONCAT('This band overlaps the ', v_sex, ' range for ages ', v_clash_min, ' to ', v_clash_max,
                                        '. Change or remove that one first.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50810;
    END IF;
    IF v_replace IS NULL THEN
        INSERT INTO lab_reference_range (lab_test_id, sex, age_min_years, age_max_years, low_value, high_value)
        VALUES (v_test, v_sex, v_min, v_max, p_low_value, p_high_value);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE lab_reference_range
           SET sex = v_sex, age_min_years = v_min, age_max_years = v_max, low_value = p_low_value, high_value = p_high_value
         WHERE lab_reference_range_id = v_replace;
        SET v_id = v_replace;
    END IF;
    COMMIT;
    SELECT v_id AS lab_reference_range_id;
END$$
DELIMITER ;
