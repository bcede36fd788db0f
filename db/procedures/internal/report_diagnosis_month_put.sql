-- report_diagnosis_month_put
-- INTERNAL: not executable by the app account; only report_diagnosis_month_add calls it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one diagnosis in report_diagnosis_month (0065): the
-- month its visit started in, its code, the visit's doctor (0: none), the patient's age band on the
-- visit day (the comparisons of rpt_visit_summary: born after the day less 5 years is 0-4, and so on)
-- and sex, and whether it is the visit's primary diagnosis.
DROP PROCEDURE IF EXISTS report_diagnosis_month_put;
DELIMITER $$
CREATE PROCEDURE report_diagnosis_month_put(IN p_visit_started_at DATETIME, IN p_staff_id INT UNSIGNED, IN p_date_of_birth DATE,
                                            IN p_sex VARCHAR(7), IN p_icd10_code VARCHAR(8), IN p_is_primary TINYINT, IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO report_diagnosis_month (month_start, icd10_code, staff_id, age_band, sex, diagnoses, primary_diagnoses)
    VALUES (DATE(p_visit_started_at) - INTERVAL (DAYOFMONTH(p_visit_started_at) - 1) DAY, p_icd10_code,
            COALESCE(p_staff_id, 0),
            CASE WHEN p_date_of_birth > DATE(p_visit_started_at) - INTERVAL 5 YEAR THEN '0-4'
                 WHEN p_date_of_birth > DATE(p_visit_started_at) - INTERVAL 15 YEAR THEN '5-14'
                 WHEN p_date_of_birth > DATE(p_visit_started_at) - INTERVAL 25 YEAR THEN '15-24'
                 WHEN p_date_of_birth > DATE(p_visit_started_at) - INTERVAL 45 YEAR THEN '25-44'
                 WHEN p_date_of_birth > DATE(p_visit_started_at) - INTERVAL 65 YEAR THEN '45-64'
                 ELSE '65+' END,
            p_sex, p_sign, p_sign * p_is_primary)
    ON DUPLICATE KEY UPDATE diagnoses = diagnoses + p_sign, primary_diagnoses = primary_diagnoses + p_sign * p_is_primary;
END$$
DELIMITER ;
