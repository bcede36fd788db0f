-- visit_report_delete
-- Takes a deleted visit out of the summary report_visit_patient (0068), in the same transaction: its
-- patient's row is counted afresh (the first or latest start may have been this visit's).
-- While a visit import batch of this connection replaces the appointments' empty visits (a row of import_bulk_write for
-- CONNECTION_ID(), 0103; never a user variable) the import counts its patients afresh once, set-based
-- (internal/import_visit_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS visit_report_delete;
DELIMITER $$
CREATE TRIGGER visit_report_delete AFTER DELETE ON visit
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'visit') THEN
        CALL report_visit_patient_refresh(OLD.patient_id);
    END IF;
END$$
DELIMITER ;
