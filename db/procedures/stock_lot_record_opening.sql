-- stock_lot_record_opening
-- An administrator records a lot that is already on the shelf when the clinic starts using the
-- system (opening stock, e.g. after a stock-take when moving from paper). As stock_lot_receive,
-- except that the expiry date may be today or in the past: an expired lot recorded this way is
-- listed as expired (v_lot_expiring), is never dispensed, and is written off with stock_adjust
-- (reason expired). p_received_date is required. Returns stock_lot_id.
-- Permission: records.enter_past (which roles hold it: table role_permission).
--   51007 unknown medication, 51011 batch number missing or too long, 51012 batch already
--   recorded for this medication, 51019 no expiry date, 51014 quantity, 51015 negative unit cost,
--   51016 received date missing or in the future, 51018 supplier too long.
-- The checks and the insert are in stock_lot_insert, shared with stock_lot_receive.
DROP PROCEDURE IF EXISTS stock_lot_record_opening;
DELIMITER $$
CREATE PROCEDURE stock_lot_record_opening(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_batch_number VARCHAR(255),
                                   IN p_expiry_date DATE, IN p_quantity INT, IN p_unit_cost DECIMAL(12,2),
                                   IN p_received_date DATE, IN p_supplier VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'records.enter_past', v_actor_id);
    CALL stock_lot_insert(v_actor_id, p_medication_id, p_batch_number, p_expiry_date, p_quantity, p_unit_cost,
                          p_received_date, p_supplier, 1);
END$$
DELIMITER ;
