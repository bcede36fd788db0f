-- visit_diagnosis_report_update
-- Moves a diagnosis in the summary report_diagnosis_month (0065) when its visit, code or primary flag
-- changes: the old share out, the new one in, in the same transaction.
DROP TRIGGER IF EXISTS visit_diagnosis_report_update;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_report_update AFTER UPDATE ON visit_diagnosis
FOR EACH ROW
BEGIN
    DECLARE v_started_at DATETIME;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_date_of_birth DATE;
    DECLARE v_sex VARCHAR(7);
    IF NOT (OLD.visit_id <=> NEW.visit_id AND OLD.icd10_code <=> NEW.icd10_code AND OLD.is_primary <=> NEW.is_primary) THEN
        SELECT v.started_at, v.staff_id, p.date_of_birth, p.sex INTO v_started_at, v_staff_id, v_date_of_birth, v_sex
          FROM visit AS v JOIN patient AS p ON p.patient_id = v.patient_id
         WHERE v.visit_id = OLD.visit_id;
        CALL report_diagnosis_month_add(OLD.visit_id, NULL, v_started_at, v_staff_id, v_date_of_birth, v_sex,
                                        OLD.icd10_code, OLD.is_primary, -1);
        SELECT v.started_at, v.staff_id, p.date_of_birth, p.sex INTO v_started_at, v_staff_id, v_date_of_birth, v_sex
          FROM visit AS v JOIN patient AS p ON p.patient_id = v.patient_id
         WHERE v.visit_id = NEW.visit_id;
        CALL report_diagnosis_month_add(NEW.visit_id, NULL, v_started_at, v_staff_id, v_date_of_birth, v_sex,
                                        NEW.icd10_code, NEW.is_primary, 1);
    END IF;
END$$
DELIMITER ;
