-- lab_order_report_update
-- Keeps the summaries of 0077 (rpt_lab_turnaround) current in the same transaction as a lab order's
-- change (collected, resulted, corrected, verified, cancelled): the order's new share is added and its
-- old one taken away, and the median worked out again when its time to the result changed. Changes that
-- touch none of the counted columns cost nothing here.
-- While a lab order import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID()
-- and kind lab_order, 0103) the import counts its orders once, set-based, after their last step
-- (internal/import_lab_order_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS lab_order_report_update;
DELIMITER $$
CREATE TRIGGER lab_order_report_update AFTER UPDATE ON lab_order
FOR EACH ROW
BEGIN
    DECLARE v_old_seconds BIGINT DEFAULT CASE WHEN OLD.status IN ('resulted', 'verified')
                                              THEN TIMESTAMPDIFF(SECOND, OLD.ordered_at, OLD.resulted_at) END;
    DECLARE v_new_seconds BIGINT DEFAULT CASE WHEN NEW.status IN ('resulted', 'verified')
                                              THEN TIMESTAMPDIFF(SECOND, NEW.ordered_at, NEW.resulted_at) END;
    IF (NOT (OLD.status <=> NEW.status) OR NOT (OLD.ordered_at <=> NEW.ordered_at)
        OR NOT (OLD.lab_test_id <=> NEW.lab_test_id) OR NOT (OLD.resulted_at <=> NEW.resulted_at)
        OR NOT (OLD.verified_at <=> NEW.verified_at) OR NOT (OLD.abnormal_flag <=> NEW.abnormal_flag))
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'lab_order') THEN
        -- The new share first: the day's row (and its median) never goes empty in between.
        CALL report_lab_order_add(NEW.ordered_at, NEW.lab_test_id, NEW.status, NEW.resulted_at, NEW.verified_at, NEW.abnormal_flag, 1);
        CALL report_lab_order_add(OLD.ordered_at, OLD.lab_test_id, OLD.status, OLD.resulted_at, OLD.verified_at, OLD.abnormal_flag, -1);
        IF DATE(OLD.ordered_at) <> DATE(NEW.ordered_at) OR OLD.lab_test_id <> NEW.lab_test_id THEN
            CALL report_lab_day_median(DATE(OLD.ordered_at), OLD.lab_test_id);
            CALL report_lab_day_median(DATE(NEW.ordered_at), NEW.lab_test_id);
        ELSEIF NOT (v_old_seconds <=> v_new_seconds) THEN
            CALL report_lab_day_median(DATE(NEW.ordered_at), NEW.lab_test_id);
        END IF;
    END IF;
END$$
DELIMITER ;
