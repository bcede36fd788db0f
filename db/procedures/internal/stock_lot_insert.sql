-- stock_lot_insert
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal (called by stock_lot_receive and stock_lot_record_opening, never by the app): checks a new
-- lot and inserts it; the caller has checked the acting user's role. p_opening = 0 is receiving
-- (active medication, expiry after today, received date NULL = today); p_opening = 1 is opening
-- stock (the medication may be inactive, the expiry date may be past, the received date is required).
-- Returns stock_lot_id.
--   51007 unknown medication, 51017 inactive medication (receiving), 51011 batch number missing or too
--   long, 51012 batch already recorded for this medication, 51013 expiry not in the future
--   (receiving), 51019 no expiry date (opening), 51014 quantity, 51015 negative unit cost, 51016
--   received date in the future (or missing for opening stock), 51018 supplier too long.
DROP PROCEDURE IF EXISTS stock_lot_insert;
DELIMITER $$
CREATE PROCEDURE stock_lot_insert(IN p_actor_id INT UNSIGNED, IN p_medication_id INT UNSIGNED, IN p_batch_number VARCHAR(255),
                                  IN p_expiry_date DATE, IN p_quantity INT, IN p_unit_cost DECIMAL(12,2),
                                  IN p_received_date DATE, IN p_supplier VARCHAR(255), IN p_opening TINYINT)
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

    SELECT is_active INTO v_active FROM medication WHERE medication_id = p_medication_id;
    IF v_active IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That medication does not exist.', MYSQL_ERRNO = 51007;
    END IF;
    IF v_active = 0 AND p_opening = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Stock cannot be received for an inactive medication. Reactivate it first.', MYSQL_ERRNO = 51017;
    END IF;
    IF CHAR_LENGTH(v_batch) NOT BETWEEN 1 AND 50 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the batch number (at most 50 characters).', MYSQL_ERRNO = 51011;
    END IF;
    SELECT stock_lot_id INTO v_existing FROM stock_lot WHERE medication_id = p_medication_id AND batch_number = v_batch;
    IF v_existing IS NOT NULL THEN
        SET v_message = LEFT(CONCAT('This medication already has a lot with batch number ', v_batch, '.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51012;
    END IF;
    IF p_expiry_date IS NULL AND p_opening = 1 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the expiry date.', MYSQL_ERRNO = 51019;
    END IF;
    IF p_opening = 0 AND (p_expiry_date IS NULL OR p_expiry_date <= CURDATE()) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The expiry date must be in the future.', MYSQL_ERRNO = 51013;
    END IF;
    IF p_quantity IS NULL OR p_quantity NOT BETWEEN 1 AND 10000000 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The quantity received must be a whole number from 1 to 10,000,000.', MYSQL_ERRNO = 51014;
    END IF;
    IF p_unit_cost IS NULL OR p_unit_cost < 0 OR p_unit_cost > 99999999.99 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The unit cost cannot be negative.', MYSQL_ERRNO = 51015;
    END IF;
    IF p_received_date > CURDATE() OR (p_received_date IS NULL AND p_opening = 1) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The received date cannot be in the future.', MYSQL_ERRNO = 51016;
    END IF;
    IF CHAR_LENGTH(TRIM(COALESCE(p_supplier, ''))) > 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The supplier''s name can be at most 150 characters.', MYSQL_ERRNO = 51018;
    END IF;

    INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost,
                           received_date, supplier, received_by)
    VALUES (p_medication_id, v_batch, p_expiry_date, p_quantity, p_quantity, p_unit_cost,
            COALESCE(p_received_date, CURDATE()), NULLIF(TRIM(p_supplier), ''), p_actor_id);
    SELECT LAST_INSERT_ID() AS stock_lot_id;
END$$
DELIMITER ;
