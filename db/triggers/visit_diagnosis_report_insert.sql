-- visit_diagnosis_report_insert
-- Counts a new diagnosis in the summary report_diagnosis_month (0065) in the same transaction, with its
-- visit's start and doctor and its patient's date of birth and sex.
-- While a visit import batch of this connection writes its diagnoses (a row of import_bulk_write for CONNECTION_ID(),
-- 0103; never a user variable) the import counts them set-based (internal/import_visit_apply), and this trigger
-- steps aside.
DROP TRIGGER IF EXISTS visit_diagnosis_report_insert;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_report_insert AFTER INSERT ON visit_diagnosis
FOR EACH ROW
BEGIN
    DECLARE v_started_at DATETIME;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_date_of_birth DATE;
    DECLARE v_sex VARCHAR(7);
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'visit') THEN
        SELECT v.started_at, v.staff_id, p.date_of_birth, p.sex INTO v_started_at, v_staff_id, v_date_of_birth, v_sex
          FROM visit AS v JOIN patient AS p ON p.patient_id = v.patient_id
         WHERE v.visit_id = NEW.visit_id;
        CALL report_diagnosis_month_add(NEW.visit_id, NULL, v_started_at, v_staff_id, v_date_of_birth, v_sex,
                                        NEW.icd10_code, NEW.is_primary, 1);
    END IF;
END$$
DELIMITER ;
