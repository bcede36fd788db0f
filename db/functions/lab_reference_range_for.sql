-- lab_reference_range_for
-- The reference range of lab test p_lab_test_id that applies to a patient of sex p_sex ('female',
-- 'male', 'other', 'unknown') aged p_age_years: the band with age_min_years <= age < age_max_years,
-- a band for the patient's own sex before an 'any' band. Returns lab_reference_range_id, or NULL
-- when no band applies (or the age is unknown). Bands of one test and sex never overlap
-- (lab_reference_range_set), so at most one band per sex matches.
DROP FUNCTION IF EXISTS lab_reference_range_for;
DELIMITER $$
CREATE FUNCTION lab_reference_range_for(p_lab_test_id INT UNSIGNED, p_sex VARCHAR(7), p_age_years INT) RETURNS INT UNSIGNED
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    IF p_lab_test_id IS NULL OR p_age_years IS NULL OR p_age_years < 0 THEN
        RETURN NULL;
    END IF;
    SELECT lab_reference_range_id INTO v_id
      FROM lab_reference_range
     WHERE lab_test_id = p_lab_test_id
       AND sex IN (COALESCE(p_sex, 'any'), 'any')
       AND age_min_years <= p_age_years
       AND age_max_years > p_age_years
     ORDER BY sex = 'any', age_min_years DESC
     LIMIT 1;
    RETURN v_id;
END$$
DELIMITER ;
