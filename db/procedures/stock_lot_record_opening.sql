-- stock_lot_record_opening
-- An administrator records a lot that is already on the shelf when the clinic starts using the
-- system (opening stock, e.g. after a stock-take when moving from paper). As stock_lot_receive,
-- except that the expiry date may be today or in the past: an expired lot recorded this way is
-- listed as expired (v_lot_expiring), is never dispensed, and is written off with stock_adjust
-- (reason expired). p_received_date is required. Returns stock_lot_id.
-- Allowed: admin.
--   51007 unknown medication, 51011 batch number missing or too long, 51012 batch already
--   recorded for this medication, 51019 no expiry date, 51014 quantity, 51015 negative unit cost,
--   51016 received date missing or in the future, 51018 supplier too long.
DROP PROCEDURE IF EXISTS stock_lot_record_opening;
DELIMITER $$
CREATE PROCEDURE stock_lot_record_opening(IN p_actor_id INT UNSIGNED, IN p_medication_id INT UNSIGNED, IN p_batch_number VARCHAR(255),
                                   IN p_expiry_date DATE, IN p_quantity INT, IN p_unit_cost DECIMAL(12,2),
                                   IN p_received_date DATE, IN p_supplier VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_active TINYINT DEFAULT NULL;
    DECLARE v_existing INT UNSIGNED DEFAULT NULL;
    DECLARE v_batch VARCHAR(255) DEFAULT TRIM(COALESCE(p_batch_number, ''));
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        SET v_message = LEFT(CONCAT('This medication already has a lot with batch number ', v_batch, '.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51012;
    END;

    CALL actor_require(p_actor_id, 'admin');
    SELECT is_active INTO v_active FROM medication WHERE medication_id = p_medication_id;
    IF v_active IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That medication does not exist.', MYSQL_ERRNO = 51007;
    END IF;
    IF CHAR_LENGTH(v_batch) NOT BETWEEN 1 AND 50 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the batch number (at most 50 characters).', MYSQL_ERRNO = 51011;
    END IF;
    SELECT stock_lot_id INTO v_existing FROM stock_lot WHERE medication_id = p_medication_id AND batch_number = v_batch;
    IF v_existing IS NOT NULL THEN
        SET v_message = LEFT(CONCAT('This medication already has a lot with batch number ', v_batch, '.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51012;
    END IF;
    IF p_expiry_date IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the expiry date.', MYSQL_ERRNO = 51019;
    END IF;
    IF p_quantity IS NULL OR p_quantity NOT BETWEEN 1 AND 10000000 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The quantity received must be a whole number from 1 to 10,000,000.', MYSQL_ERRNO = 51014;
    END IF;
    IF p_unit_cost IS NULL OR p_unit_cost < 0 OR p_unit_cost > 99999999.99 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The unit cost cannot be negative.', MYSQL_ERRNO = 51015;
    END IF;
    IF p_received_date IS NULL OR p_received_date > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The received date cannot be in the future.', MYSQL_ERRNO = 51016;
    END IF;
    IF CHAR_LENGTH(TRIM(COALESCE(p_supplier, ''))) > 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The supplier''s name can be at most 150 characters.', MYSQL_ERRNO = 51018;
    END IF;

    INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost,
                           received_date, supplier, received_by)
    VALUES (p_medication_id, v_batch, p_expiry_date, p_quantity, p_quantity, p_unit_cost,
            p_received_date, NULLIF(TRIM(p_supplier), ''), p_actor_id);
    SELECT LAST_INSERT_ID() AS stock_lot_id;
END$$
DELIMITER ;
