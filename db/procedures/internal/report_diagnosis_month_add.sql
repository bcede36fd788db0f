-- report_diagnosis_month_add
-- INTERNAL: not executable by the app account; only the diagnosis, visit and patient triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) the diagnoses of one visit, or of all the visits of one
-- patient, in the summary table report_diagnosis_month (0065), counted as they stood with the values
-- given: the visit's start, its doctor, and the patient's date of birth and sex. The triggers pass the
-- OLD values (-1) and then the NEW ones (+1) when any of them changes, so the summary moves in the same
-- transaction as the record.
--   p_visit_id: one visit (p_patient_id NULL), or NULL with p_patient_id: every visit of that patient
--     (p_visit_started_at and p_staff_id are then ignored: each visit's own are used).
--   p_icd10_code / p_is_primary: one diagnosis only (a diagnosis added, removed or changed); NULL: all
--     the visit's diagnoses as they are now.
-- Each diagnosis goes through internal/report_diagnosis_month_put.
DROP PROCEDURE IF EXISTS report_diagnosis_month_add;
DELIMITER $$
CREATE PROCEDURE report_diagnosis_month_add(IN p_visit_id INT UNSIGNED, IN p_patient_id INT UNSIGNED,
                                            IN p_visit_started_at DATETIME, IN p_staff_id INT UNSIGNED,
                                            IN p_date_of_birth DATE, IN p_sex VARCHAR(7),
                                            IN p_icd10_code VARCHAR(8), IN p_is_primary TINYINT, IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_done INT DEFAULT 0;
    DECLARE v_started_at DATETIME;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_code VARCHAR(8);
    DECLARE v_primary TINYINT;
    DECLARE c_diagnoses CURSOR FOR
        SELECT CASE WHEN p_visit_id IS NULL THEN v.started_at ELSE p_visit_started_at END,
               CASE WHEN p_visit_id IS NULL THEN v.staff_id ELSE p_staff_id END,
               d.icd10_code, d.is_primary
          FROM visit_diagnosis AS d
          JOIN visit AS v ON v.visit_id = d.visit_id
         WHERE (p_visit_id IS NOT NULL AND d.visit_id = p_visit_id)
            OR (p_visit_id IS NULL AND v.patient_id = p_patient_id)
         ORDER BY d.visit_diagnosis_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;

    IF p_icd10_code IS NOT NULL THEN
        CALL report_diagnosis_month_put(p_visit_started_at, p_staff_id, p_date_of_birth, p_sex, p_icd10_code, p_is_primary, p_sign);
    ELSE
        OPEN c_diagnoses;
        each_diagnosis: LOOP
            FETCH c_diagnoses INTO v_started_at, v_staff_id, v_code, v_primary;
            IF v_done = 1 THEN
                LEAVE each_diagnosis;
            END IF;
            CALL report_diagnosis_month_put(v_started_at, v_staff_id, p_date_of_birth, p_sex, v_code, v_primary, p_sign);
        END LOOP;
        CLOSE c_diagnoses;
    END IF;
END$$
DELIMITER ;
