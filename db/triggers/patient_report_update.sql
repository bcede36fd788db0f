-- patient_report_update
-- When a patient's date of birth or sex is corrected, moves the diagnoses of all their visits in the
-- summary report_diagnosis_month (0065) to the right age band and sex, in the same transaction.
DROP TRIGGER IF EXISTS patient_report_update;
DELIMITER $$
CREATE TRIGGER patient_report_update AFTER UPDATE ON patient
FOR EACH ROW
BEGIN
    IF NOT (OLD.date_of_birth <=> NEW.date_of_birth AND OLD.sex <=> NEW.sex) THEN
        CALL report_diagnosis_month_add(NULL, OLD.patient_id, NULL, NULL, OLD.date_of_birth, OLD.sex, NULL, NULL, -1);
        CALL report_diagnosis_month_add(NULL, NEW.patient_id, NULL, NULL, NEW.date_of_birth, NEW.sex, NULL, NULL, 1);
    END IF;
END$$
DELIMITER ;
