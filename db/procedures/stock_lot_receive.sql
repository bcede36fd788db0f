-- stock_lot_receive
-- A pharmacist or administrator receives stock: a new lot of a medication with its batch number
-- (unique per medication), expiry date (after today), quantity (1 to 10,000,000; it is both the
-- quantity received and the first quantity on hand), unit cost, received date (not in the future;
-- NULL: today) and supplier. Returns stock_lot_id.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51007 unknown medication, 51017 inactive medication, 51011 batch number missing or too long,
--   51012 batch already received for this medication, 51013 expiry not in the future,
--   51014 quantity, 51015 negative unit cost, 51016 received date in the future, 51018 supplier too long.
-- The checks and the insert are in stock_lot_insert, shared with stock_lot_record_opening.
DROP PROCEDURE IF EXISTS stock_lot_receive;
DELIMITER $$
CREATE PROCEDURE stock_lot_receive(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_batch_number VARCHAR(255),
                                   IN p_expiry_date DATE, IN p_quantity INT, IN p_unit_cost DECIMAL(12,2),
                                   IN p_received_date DATE, IN p_supplier VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    CALL stock_lot_insert(v_actor_id, p_medication_id, p_batch_number, p_expiry_date, p_quantity, p_unit_cost,
                          p_received_date, p_supplier, 0);
END$$
DELIMITER ;
