-- queue_entry_report_insert
-- Counts a new queue entry in the summaries of 0086 (rpt_queue_wait), in the same transaction. An entry
-- starts as waiting (queue_entry_insert_guard), so its waits are worked out only if it was seen already.
-- While a queue import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID() and
-- kind queue_entry, 0103; never a user variable) the import counts its entries once, set-based, after their last
-- step (internal/import_queue_entry_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS queue_entry_report_insert;
DELIMITER $$
CREATE TRIGGER queue_entry_report_insert AFTER INSERT ON queue_entry
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'queue_entry') THEN
        CALL report_queue_entry_add(NEW.clinic_day, NEW.priority, NEW.status, NEW.arrived_at, NEW.started_at, 1);
        IF NEW.started_at IS NOT NULL THEN
            CALL report_queue_day_waits(NEW.clinic_day, NEW.priority);
        END IF;
    END IF;
END$$
DELIMITER ;
