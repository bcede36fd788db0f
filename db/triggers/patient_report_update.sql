-- patient_report_update
-- When a patient's date of birth or sex is corrected, moves the diagnoses of all their visits in the
-- summary report_diagnosis_month (0065) to the right age band and sex, in the same transaction; and keeps
-- the patient's row of report_visit_patient (0085: sex, date of birth, whether the record is in use, which
-- a merge changes) in step for rpt_visit_summary.
DROP TRIGGER IF EXISTS patient_report_update;
DELIMITER $$
CREATE TRIGGER patient_report_update AFTER UPDATE ON patient
FOR EACH ROW
BEGIN
    IF NOT (OLD.date_of_birth <=> NEW.date_of_birth AND OLD.sex <=> NEW.sex) THEN
        CALL report_diagnosis_month_add(NULL, OLD.patient_id, NULL, NULL, OLD.date_of_birth, OLD.sex, NULL, NULL, -1);
        CALL report_diagnosis_month_add(NULL, NEW.patient_id, NULL, NULL, NEW.date_of_birth, NEW.sex, NULL, NULL, 1);
    END IF;
    IF NOT (OLD.date_of_birth <=> NEW.date_of_birth AND OLD.sex <=> NEW.sex AND OLD.status <=> NEW.status) THEN
        UPDATE report_visit_patient
           SET sex = NEW.sex, date_of_birth = NEW.date_of_birth,
               is_active = CASE WHEN NEW.status = 'active' THEN 1 ELSE 0 END
         WHERE patient_id = NEW.patient_id;
    END IF;
END$$
DELIMITER ;
