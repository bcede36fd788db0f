-- prescription_dispense
-- A pharmacist dispenses a prescription, wholly or in part, in ONE transaction:
--   p_items_json: a JSON array [{"prescription_item_id": 7, "quantity": 10}, ...]; NULL, '' or []
--   dispenses everything that remains on every item.
-- Stock is taken first-expiry-first-out: for each item, from the medication's lots with
-- expiry_date >= today (never an expired lot) and stock on hand, ordered by expiry date then lot
-- id. If the unexpired stock cannot cover a requested quantity the whole call is refused, naming
-- the medication and what is available, and nothing is written. Otherwise it writes one
-- dispensing row (receipt number 'RX-' + the next value of sequence_counter 'dispensing.receipt',
-- zero-padded to 6 digits, taken in the same transaction), one dispensing_line per lot used (with
-- the medication's current unit price), takes the units off the lots, adds them to the items'
-- quantity_dispensed, and sets the prescription partially_dispensed or dispensed (the status
-- guard stamps dispensed_at). Returns dispensing_id, receipt_number, total_amount (the billed sum of
-- the lines' charges) and status.
-- Billing: each dispensing line is charged in the same transaction (internal/charge_record, source
-- 'dispensing_line', quantity x the line's unit price, rounded once by money_round) on the patient's
-- draft invoice for the visit. The invoice row is locked last, after the lots and the receipt counter.
-- Concurrency: lock order is the prescription row (FOR UPDATE; a second pharmacist on the same
-- prescription waits, then sees what is left), then the stock lots of each medication in the fixed
-- order (medication_id, expiry_date, stock_lot_id) with locking reads (so quantities are the
-- latest committed ones), then the receipt counter. Two pharmacists can therefore never take the
-- same units, and quantity_on_hand never goes below zero (also a CHECK).
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51041 items not a JSON array, 50930 unknown prescription, 51045 cancelled, 51046 nothing
--   remains (these three: internal/prescription_action_require, the rule of the can_dispense flag), 51042 item not on this prescription, 51043 item listed twice, 51044 quantity not
--   1..remaining, 51047 not enough unexpired stock.
DROP PROCEDURE IF EXISTS prescription_dispense;
DELIMITER $$
CREATE PROCEDURE prescription_dispense(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED, IN p_items_json LONGTEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_all TINYINT DEFAULT 0;
    DECLARE v_status VARCHAR(19) DEFAULT NULL;
    DECLARE v_new_status VARCHAR(19) DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_idx INT DEFAULT NULL;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_name VARCHAR(150) DEFAULT NULL;
    DECLARE v_needed INT DEFAULT NULL;
    DECLARE v_available BIGINT DEFAULT NULL;
    DECLARE v_medication_id INT UNSIGNED DEFAULT 0;
    DECLARE v_left BIGINT DEFAULT 0;
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_receipt VARCHAR(20);
    DECLARE v_total DECIMAL(12,2) DEFAULT 0;
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_line_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_line_qty INT UNSIGNED DEFAULT NULL;
    DECLARE v_line_price DECIMAL(10,2) DEFAULT NULL;
    DECLARE v_charge_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    IF p_items_json IS NULL OR TRIM(p_items_json) IN ('', 'null') THEN
        SET v_all = 1;
    ELSEIF JSON_VALID(p_items_json) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The items to dispense are not in the expected form.', MYSQL_ERRNO = 51041;
    ELSEIF JSON_TYPE(p_items_json) <> 'ARRAY' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The items to dispense are not in the expected form.', MYSQL_ERRNO = 51041;
    ELSEIF JSON_LENGTH(p_items_json) = 0 THEN
        SET v_all = 1;
    END IF;

    DROP TEMPORARY TABLE IF EXISTS tmp_dispense_request;
    CREATE TEMPORARY TABLE tmp_dispense_request (
        idx                  INT           NOT NULL,
        prescription_item_id INT UNSIGNED  NULL,
        quantity             INT           NULL,
        medication_id        INT UNSIGNED  NULL,
        name                 VARCHAR(150)  NULL,
        unit_price           DECIMAL(10,2) NULL,
        remaining            INT           NULL,
        PRIMARY KEY (idx)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    DROP TEMPORARY TABLE IF EXISTS tmp_dispense_lot;
    CREATE TEMPORARY TABLE tmp_dispense_lot (
        stock_lot_id  INT UNSIGNED NOT NULL,
        medication_id INT UNSIGNED NOT NULL,
        expiry_date   DATE         NOT NULL,
        on_hand       INT          NOT NULL,
        before_qty    BIGINT       NOT NULL,
        take_qty      INT          NOT NULL DEFAULT 0,
        PRIMARY KEY (stock_lot_id)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    IF v_all = 0 THEN
        INSERT INTO tmp_dispense_request (idx, prescription_item_id, quantity)
        SELECT j.idx,
               IF(TRIM(j.prescription_item_id) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.prescription_item_id) AS UNSIGNED), NULL),
               IF(TRIM(j.quantity) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.quantity) AS UNSIGNED), NULL)
          FROM JSON_TABLE(p_items_json, '$[*]' COLUMNS (
                   idx FOR ORDINALITY,
                   prescription_item_id VARCHAR(64) PATH '$.prescription_item_id',
                   quantity VARCHAR(64) PATH '$.quantity')) AS j;
        SELECT COUNT(*) INTO v_count FROM tmp_dispense_request WHERE prescription_item_id IS NULL;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That item is not on this prescription.', MYSQL_ERRNO = 51042;
        END IF;
        SELECT COUNT(*) INTO v_count FROM (SELECT prescription_item_id FROM tmp_dispense_request
                                            GROUP BY prescription_item_id HAVING COUNT(*) > 1) AS d;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Each prescription item can be listed only once.', MYSQL_ERRNO = 51043;
        END IF;
    END IF;

    START TRANSACTION;
    SELECT status, patient_id, visit_id INTO v_status, v_patient_id, v_visit_id FROM prescription WHERE prescription_id = p_prescription_id FOR UPDATE;
    CALL prescription_action_require(v_actor_id, 'dispense', v_status, NULL);

    IF v_all = 1 THEN
        INSERT INTO tmp_dispense_request (idx, prescription_item_id, quantity)
        SELECT i.prescription_item_id, i.prescription_item_id, i.quantity - i.quantity_dispensed
          FROM prescription_item AS i
         WHERE i.prescription_id = p_prescription_id AND i.quantity > i.quantity_dispensed
         ORDER BY i.prescription_item_id
           FOR UPDATE;
        SELECT COUNT(*) INTO v_count FROM tmp_dispense_request;
        IF v_count = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Nothing remains to be dispensed on this prescription.', MYSQL_ERRNO = 51046;
        END IF;
    END IF;
    UPDATE tmp_dispense_request AS r
      JOIN prescription_item AS i ON i.prescription_item_id = r.prescription_item_id AND i.prescription_id = p_prescription_id
      JOIN medication AS m ON m.medication_id = i.medication_id
       SET r.medication_id = i.medication_id, r.name = m.name, r.unit_price = m.unit_price,
           r.remaining = i.quantity - i.quantity_dispensed;
    SELECT COUNT(*) INTO v_count FROM tmp_dispense_request WHERE medication_id IS NULL;
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That item is not on this prescription.', MYSQL_ERRNO = 51042;
    END IF;
    SELECT name, remaining INTO v_name, v_needed
      FROM tmp_dispense_request
     WHERE quantity IS NULL OR quantity < 1 OR quantity > remaining
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        IF v_needed = 0 THEN
            SET v_message = LEFT(CONCAT(LEFT(v_name, 80), ' has already been dispensed in full.'), 128);
        ELSE
            SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': dispense 1 to ', v_needed, ' (what remains on the prescription).'), 128);
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51044;
    END IF;

    -- Lock and read the unexpired lots, medication by medication in id order, each in FEFO order.
    -- before_qty is what the earlier lots of the same medication hold.
    SET v_medication_id = 0;
    lots: LOOP
        SET v_idx = NULL;
        SELECT MIN(medication_id) INTO v_idx FROM tmp_dispense_request WHERE medication_id > v_medication_id;
        IF v_idx IS NULL THEN
            LEAVE lots;
        END IF;
        SET v_medication_id = v_idx;
        INSERT INTO tmp_dispense_lot (stock_lot_id, medication_id, expiry_date, on_hand, before_qty)
        SELECT l.stock_lot_id, l.medication_id, l.expiry_date, l.quantity_on_hand,
               COALESCE(SUM(l.quantity_on_hand) OVER (ORDER BY l.expiry_date, l.stock_lot_id
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
          FROM stock_lot AS l FORCE INDEX (ix_stock_lot_fefo)
         WHERE l.medication_id = v_medication_id AND l.expiry_date >= CURDATE()
         ORDER BY l.expiry_date, l.stock_lot_id
           FOR UPDATE;
    END LOOP lots;

    SET v_name = NULL;
    SELECT r.name, r.quantity, COALESCE(SUM(l.on_hand), 0) INTO v_name, v_needed, v_available
      FROM tmp_dispense_request AS r
      LEFT JOIN tmp_dispense_lot AS l ON l.medication_id = r.medication_id
     GROUP BY r.idx, r.name, r.quantity
    HAVING COALESCE(SUM(l.on_hand), 0) < r.quantity
     ORDER BY r.idx
     LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT('Not enough unexpired stock of ', LEFT(v_name, 50), ': ', v_needed, ' needed, ',
                                    v_available, ' available.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51047;
    END IF;

    UPDATE tmp_dispense_lot AS l
      JOIN tmp_dispense_request AS r ON r.medication_id = l.medication_id
       SET l.take_qty = LEAST(l.on_hand, GREATEST(r.quantity - l.before_qty, 0));

    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'dispensing.receipt' FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'dispensing.receipt';
    SET v_receipt = CONCAT('RX-', IF(CHAR_LENGTH(v_next) >= 6, CAST(v_next AS CHAR), LPAD(v_next, 6, '0')));
    -- The total is what is billed: each line rounded once by money_round, as its charge is.
    SELECT COALESCE(SUM(money_round(l.take_qty * r.unit_price)), 0) INTO v_total
      FROM tmp_dispense_lot AS l
      JOIN tmp_dispense_request AS r ON r.medication_id = l.medication_id;

    INSERT INTO dispensing (receipt_number, prescription_id, patient_id, dispensed_by, total_amount)
    VALUES (v_receipt, p_prescription_id, v_patient_id, v_actor_id, v_total);
    SET v_id = LAST_INSERT_ID();
    INSERT INTO dispensing_line (dispensing_id, prescription_item_id, stock_lot_id, quantity, unit_price)
    SELECT v_id, r.prescription_item_id, l.stock_lot_id, l.take_qty, r.unit_price
      FROM tmp_dispense_lot AS l
      JOIN tmp_dispense_request AS r ON r.medication_id = l.medication_id
     WHERE l.take_qty > 0
     ORDER BY r.medication_id, l.expiry_date, l.stock_lot_id;
    UPDATE stock_lot AS s
      JOIN tmp_dispense_lot AS l ON l.stock_lot_id = s.stock_lot_id
       SET s.quantity_on_hand = s.quantity_on_hand - l.take_qty
     WHERE l.take_qty > 0;
    UPDATE prescription_item AS i
      JOIN tmp_dispense_request AS r ON r.prescription_item_id = i.prescription_item_id
       SET i.quantity_dispensed = i.quantity_dispensed + r.quantity;

    -- Each dispensing line is charged (source 'dispensing_line') on the visit's draft invoice.
    CALL invoice_draft_for_visit(v_patient_id, v_visit_id, v_invoice_id);
    SET v_line_id = 0;
    charges: LOOP
        SET v_name = NULL;
        SELECT d.dispensing_line_id, d.quantity, d.unit_price, r.name INTO v_line_id, v_line_qty, v_line_price, v_name
          FROM dispensing_line AS d
          JOIN tmp_dispense_request AS r ON r.prescription_item_id = d.prescription_item_id
         WHERE d.dispensing_id = v_id AND d.dispensing_line_id > v_line_id
         ORDER BY d.dispensing_line_id
         LIMIT 1;
        IF v_name IS NULL THEN
            LEAVE charges;
        END IF;
        CALL charge_record(v_actor_id, v_invoice_id, 'dispensing_line', v_line_id, v_patient_id, v_visit_id, 'medication', NULL,
                           v_name, v_line_qty, v_line_price, CURDATE(), v_charge_id);
    END LOOP charges;
    CALL invoice_draft_total(v_invoice_id);

    SELECT COALESCE(SUM(quantity - quantity_dispensed), 0) INTO v_left
      FROM prescription_item WHERE prescription_id = p_prescription_id FOR UPDATE;
    SET v_new_status = IF(v_left = 0, 'dispensed', 'partially_dispensed');
    UPDATE prescription SET status = v_new_status WHERE prescription_id = p_prescription_id AND status <> v_new_status;
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_dispense_request;
    DROP TEMPORARY TABLE IF EXISTS tmp_dispense_lot;
    SELECT v_id AS dispensing_id, v_receipt AS receipt_number, v_total AS total_amount, v_new_status AS status;
END$$
DELIMITER ;
