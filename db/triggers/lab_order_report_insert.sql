-- lab_order_report_insert
-- Counts a new lab order in the summaries of 0077 (rpt_lab_turnaround), in the same transaction.
-- While a lab order import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID()
-- and kind lab_order, 0103; never a user variable) the import counts its orders set-based, once they have gone
-- through all their steps (internal/import_lab_order_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS lab_order_report_insert;
DELIMITER $$
CREATE TRIGGER lab_order_report_insert AFTER INSERT ON lab_order
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'lab_order') THEN
        CALL report_lab_order_add(NEW.ordered_at, NEW.lab_test_id, NEW.status, NEW.resulted_at, NEW.verified_at, NEW.abnormal_flag, 1);
        IF NEW.status IN ('resulted', 'verified') THEN
            CALL report_lab_day_median(DATE(NEW.ordered_at), NEW.lab_test_id);
        END IF;
    END IF;
END$$
DELIMITER ;
