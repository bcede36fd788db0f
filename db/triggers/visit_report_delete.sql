-- visit_report_delete
-- Takes a deleted visit out of the summary report_visit_patient (0068), in the same transaction: its
-- patient's row is counted afresh (the first or latest start may have been this visit's).
DROP TRIGGER IF EXISTS visit_report_delete;
DELIMITER $$
CREATE TRIGGER visit_report_delete AFTER DELETE ON visit
FOR EACH ROW
BEGIN
    CALL report_visit_patient_refresh(OLD.patient_id);
END$$
DELIMITER ;
