-- visit_diagnosis_report_delete
-- Takes a removed diagnosis out of the summary report_diagnosis_month (0065) in the same transaction.
DROP TRIGGER IF EXISTS visit_diagnosis_report_delete;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_report_delete AFTER DELETE ON visit_diagnosis
FOR EACH ROW
BEGIN
    DECLARE v_started_at DATETIME;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_date_of_birth DATE;
    DECLARE v_sex VARCHAR(7);
    SELECT v.started_at, v.staff_id, p.date_of_birth, p.sex INTO v_started_at, v_staff_id, v_date_of_birth, v_sex
      FROM visit AS v JOIN patient AS p ON p.patient_id = v.patient_id
     WHERE v.visit_id = OLD.visit_id;
    CALL report_diagnosis_month_add(OLD.visit_id, NULL, v_started_at, v_staff_id, v_date_of_birth, v_sex,
                                    OLD.icd10_code, OLD.is_primary, -1);
END$$
DELIMITER ;
