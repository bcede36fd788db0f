-- lab_order_outbox_update
-- Queues "lab result ready" (internal/outbox_enqueue) in the same transaction as the verification of a
-- lab order (lab_order_verify): only a verified result is final, so a preliminary one is never
-- announced. The message names the test ({test_name}), never the value. Results entered from paper
-- (lab_order_record_past, verified more than a day ago) queue nothing. Cause key 'lab_order:<id>:ready'.
-- A lab order import (a row of import_bulk_write for CONNECTION_ID() and kind lab_order, 0103; never a user
-- variable) queues nothing either: internal/import_lab_order_apply writes that row while it verifies the batch.
DROP TRIGGER IF EXISTS lab_order_outbox_update;
DELIMITER $$
CREATE TRIGGER lab_order_outbox_update AFTER UPDATE ON lab_order
FOR EACH ROW
BEGIN
    DECLARE v_queued INT DEFAULT 0;
    DECLARE v_test_name VARCHAR(150) DEFAULT NULL;
    IF NEW.status = 'verified' AND OLD.status <> 'verified' AND NEW.verified_at >= NOW() - INTERVAL 1 DAY
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'lab_order') THEN
        SELECT MAX(name) INTO v_test_name FROM lab_test WHERE lab_test_id = NEW.lab_test_id;
        CALL outbox_enqueue('lab_result_ready', CONCAT('lab_order:', NEW.lab_order_id, ':ready'), NEW.patient_id, NULL,
                            NULL, v_test_name, v_queued);
    END IF;
END$$
DELIMITER ;
