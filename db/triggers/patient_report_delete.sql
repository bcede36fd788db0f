-- patient_report_delete
-- A deleted patient record leaves the summary report_visit_patient (0085). The procedures never delete a
-- patient (duplicates are merged); this keeps the summary exact for a DBA's or a test's clean-up.
DROP TRIGGER IF EXISTS patient_report_delete;
DELIMITER $$
CREATE TRIGGER patient_report_delete AFTER DELETE ON patient
FOR EACH ROW
BEGIN
    DELETE FROM report_visit_patient WHERE patient_id = OLD.patient_id;
END$$
DELIMITER ;
