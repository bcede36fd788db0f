-- lab_order_report_insert
-- Counts a new lab order in the summaries of 0077 (rpt_lab_turnaround), in the same transaction.
DROP TRIGGER IF EXISTS lab_order_report_insert;
DELIMITER $$
CREATE TRIGGER lab_order_report_insert AFTER INSERT ON lab_order
FOR EACH ROW
BEGIN
    CALL report_lab_order_add(NEW.ordered_at, NEW.lab_test_id, NEW.status, NEW.resulted_at, NEW.verified_at, NEW.abnormal_flag, 1);
    IF NEW.status IN ('resulted', 'verified') THEN
        CALL report_lab_day_median(DATE(NEW.ordered_at), NEW.lab_test_id);
    END IF;
END$$
DELIMITER ;
