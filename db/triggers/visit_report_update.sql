-- visit_report_update
-- When a visit's start, doctor or patient changes (a merge moves visits to the surviving patient), moves
-- its diagnoses in the summary report_diagnosis_month (0065): counted out with the old values, back in
-- with the new ones, in the same transaction. When its start or patient changes, it also counts the
-- patients' rows of report_visit_patient (0068) afresh: the old patient's and, if another, the new one's.
DROP TRIGGER IF EXISTS visit_report_update;
DELIMITER $$
CREATE TRIGGER visit_report_update AFTER UPDATE ON visit
FOR EACH ROW
BEGIN
    DECLARE v_date_of_birth DATE;
    DECLARE v_sex VARCHAR(7);
    IF NOT (OLD.started_at <=> NEW.started_at AND OLD.staff_id <=> NEW.staff_id AND OLD.patient_id <=> NEW.patient_id) THEN
        SELECT p.date_of_birth, p.sex INTO v_date_of_birth, v_sex FROM patient AS p WHERE p.patient_id = OLD.patient_id;
        CALL report_diagnosis_month_add(OLD.visit_id, NULL, OLD.started_at, OLD.staff_id, v_date_of_birth, v_sex, NULL, NULL, -1);
        SELECT p.date_of_birth, p.sex INTO v_date_of_birth, v_sex FROM patient AS p WHERE p.patient_id = NEW.patient_id;
        CALL report_diagnosis_month_add(NEW.visit_id, NULL, NEW.started_at, NEW.staff_id, v_date_of_birth, v_sex, NULL, NULL, 1);
    END IF;
    IF NOT (OLD.started_at <=> NEW.started_at AND OLD.patient_id <=> NEW.patient_id) THEN
        CALL report_visit_patient_refresh(OLD.patient_id);
        IF NOT (OLD.patient_id <=> NEW.patient_id) THEN
            CALL report_visit_patient_refresh(NEW.patient_id);
        END IF;
    END IF;
END$$
DELIMITER ;
