-- lab_order_report_delete
-- Takes a removed lab order out of the summaries of 0077 (rpt_lab_turnaround), in the same transaction.
-- Lab orders are cancelled, not deleted, by the procedures; this keeps the summary true for the schema
-- owner's corrections too.
DROP TRIGGER IF EXISTS lab_order_report_delete;
DELIMITER $$
CREATE TRIGGER lab_order_report_delete AFTER DELETE ON lab_order
FOR EACH ROW
BEGIN
    CALL report_lab_order_add(OLD.ordered_at, OLD.lab_test_id, OLD.status, OLD.resulted_at, OLD.verified_at, OLD.abnormal_flag, -1);
    IF OLD.status IN ('resulted', 'verified') THEN
        CALL report_lab_day_median(DATE(OLD.ordered_at), OLD.lab_test_id);
    END IF;
END$$
DELIMITER ;
