-- queue_entry_report_delete
-- Takes a removed queue entry out of the summaries of 0086 (rpt_queue_wait), in the same transaction.
-- Entries are cancelled, not deleted, by the procedures; this keeps the summary true for the schema
-- owner's corrections too.
DROP TRIGGER IF EXISTS queue_entry_report_delete;
DELIMITER $$
CREATE TRIGGER queue_entry_report_delete AFTER DELETE ON queue_entry
FOR EACH ROW
BEGIN
    CALL report_queue_entry_add(OLD.clinic_day, OLD.priority, OLD.status, OLD.arrived_at, OLD.started_at, -1);
    IF OLD.started_at IS NOT NULL THEN
        CALL report_queue_day_waits(OLD.clinic_day, OLD.priority);
    END IF;
END$$
DELIMITER ;
