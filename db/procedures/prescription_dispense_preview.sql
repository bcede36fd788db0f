-- prescription_dispense_preview
-- Read only: what prescription_dispense would take right now, for the dispense screen. Nothing is
-- written or locked; the screen calls it again whenever the pharmacist changes a quantity.
--   p_items_json: the quantities chosen now, as prescription_dispense takes them:
--   [{"prescription_item_id": 7, "quantity": 10}, ...]; an item not listed, or listed with 0, is
--   not dispensed now. NULL, '' or []: each item's quantity_now is what remains, but no more than
--   its unexpired stock (the screen's starting point: prescription_dispense refuses the whole
--   dispensing when one item is short, so a shortfall starts as a partial dispensing).
-- Returns one row per remaining item and lot (issued or partially dispensed prescriptions only; no
-- rows otherwise), in FEFO order (item, expiry date, lot id): the item, quantity_now, the lot, its
-- batch, expiry and stock, and take_quantity, the units FEFO takes from it for quantity_now. An item
-- that takes nothing from a lot has one row with no lot.
--   available        the item's medication's unexpired stock (lots with stock, expiry >= today);
--   expired_on_hand  what sits in expired lots (never dispensed);
--   shortfall        quantity_remaining - available when positive (what cannot be covered now);
--   shortfall_now    quantity_now - available when positive (prescription_dispense would refuse);
--   amount_now       quantity_now x the medication's unit price (what prescription_dispense charges);
--   units_now        the sum of quantity_now over the items, and estimated_total the sum of
--                    amount_now: the same on every row.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51041 items not a JSON array, 51042 item not on this prescription, 51043 item listed twice,
--   51044 quantity not 0..remaining.
DROP PROCEDURE IF EXISTS prescription_dispense_preview;
DELIMITER $$
CREATE PROCEDURE prescription_dispense_preview(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED,
                                               IN p_items_json LONGTEXT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_all TINYINT DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_name VARCHAR(150) DEFAULT NULL;
    DECLARE v_remaining INT DEFAULT NULL;
    DECLARE v_message VARCHAR(128);

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

    DROP TEMPORARY TABLE IF EXISTS tmp_preview_request;
    CREATE TEMPORARY TABLE tmp_preview_request (
        idx                  INT          NOT NULL,
        prescription_item_id INT UNSIGNED NULL,
        quantity             INT          NULL,
        PRIMARY KEY (idx)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    IF v_all = 0 THEN
        INSERT INTO tmp_preview_request (idx, prescription_item_id, quantity)
        SELECT j.idx,
               IF(TRIM(j.prescription_item_id) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.prescription_item_id) AS UNSIGNED), NULL),
               IF(TRIM(j.quantity) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.quantity) AS UNSIGNED), NULL)
          FROM JSON_TABLE(p_items_json, '$[*]' COLUMNS (
                   idx FOR ORDINALITY,
                   prescription_item_id VARCHAR(64) PATH '$.prescription_item_id',
                   quantity VARCHAR(64) PATH '$.quantity')) AS j;
        SELECT COUNT(*) INTO v_count
          FROM tmp_preview_request AS r
          LEFT JOIN prescription_item AS i ON i.prescription_item_id = r.prescription_item_id AND i.prescription_id = p_prescription_id
         WHERE i.prescription_item_id IS NULL;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That item is not on this prescription.', MYSQL_ERRNO = 51042;
        END IF;
        SELECT COUNT(*) INTO v_count FROM (SELECT prescription_item_id FROM tmp_preview_request
                                            GROUP BY prescription_item_id HAVING COUNT(*) > 1) AS d;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Each prescription item can be listed only once.', MYSQL_ERRNO = 51043;
        END IF;
        SELECT m.name, i.quantity - i.quantity_dispensed INTO v_name, v_remaining
          FROM tmp_preview_request AS r
          JOIN prescription_item AS i ON i.prescription_item_id = r.prescription_item_id
          JOIN medication AS m ON m.medication_id = i.medication_id
         WHERE r.quantity IS NULL OR r.quantity > i.quantity - i.quantity_dispensed
         ORDER BY r.idx LIMIT 1;
        IF v_name IS NOT NULL THEN
            IF v_remaining = 0 THEN
                SET v_message = LEFT(CONCAT(LEFT(v_name, 80), ' has already been dispensed in full.'), 128);
            ELSE
                SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': dispense 0 to ', v_remaining, ' (what remains on the prescription).'), 128);
            END IF;
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51044;
        END IF;
    END IF;

    SELECT it.prescription_item_id, it.medication_id, it.medication_name, it.form, it.strength, it.unit_price,
           it.quantity, it.quantity_dispensed, it.quantity_remaining, it.quantity_now,
           x.stock_lot_id, x.batch_number, x.expiry_date, x.quantity_on_hand,
           CASE WHEN x.stock_lot_id IS NULL THEN 0 ELSE LEAST(x.quantity_on_hand, it.quantity_now - x.before_qty) END AS take_quantity,
           it.available, it.expired_on_hand,
           GREATEST(it.quantity_remaining - it.available, 0) AS shortfall,
           GREATEST(it.quantity_now - it.available, 0) AS shortfall_now,
           it.amount_now, it.units_now, it.estimated_total
      FROM (SELECT q.*, money_round(q.quantity_now * q.unit_price) AS amount_now,
                   SUM(q.quantity_now) OVER () AS units_now,
                   SUM(money_round(q.quantity_now * q.unit_price)) OVER () AS estimated_total
              FROM (SELECT i.prescription_item_id, i.medication_id, m.name AS medication_name, m.form, m.strength, m.unit_price,
                           i.quantity, i.quantity_dispensed, i.quantity - i.quantity_dispensed AS quantity_remaining,
                           COALESCE(s.available, 0) AS available, COALESCE(s.expired_on_hand, 0) AS expired_on_hand,
                           CASE WHEN v_all = 1 THEN LEAST(i.quantity - i.quantity_dispensed, COALESCE(s.available, 0))
                                ELSE COALESCE(r.quantity, 0) END AS quantity_now
                      FROM prescription AS rx
                      JOIN prescription_item AS i ON i.prescription_id = rx.prescription_id
                      JOIN medication AS m ON m.medication_id = i.medication_id
                      LEFT JOIN tmp_preview_request AS r ON r.prescription_item_id = i.prescription_item_id
                      LEFT JOIN (SELECT l.medication_id,
                                        SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END) AS available,
                                        SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand ELSE 0 END) AS expired_on_hand
                                   FROM stock_lot AS l
                                  WHERE l.medication_id IN (SELECT pi.medication_id FROM prescription_item AS pi
                                                             WHERE pi.prescription_id = p_prescription_id)
                                  GROUP BY l.medication_id) AS s
                             ON s.medication_id = i.medication_id
                     WHERE rx.prescription_id = p_prescription_id
                       AND rx.status IN ('issued', 'partially_dispensed')
                       AND i.quantity > i.quantity_dispensed) AS q) AS it
      LEFT JOIN (SELECT l.stock_lot_id, l.medication_id, l.batch_number, l.expiry_date, l.quantity_on_hand,
                        COALESCE(SUM(l.quantity_on_hand) OVER (PARTITION BY l.medication_id ORDER BY l.expiry_date, l.stock_lot_id
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_qty
                   FROM stock_lot AS l
                  WHERE l.medication_id IN (SELECT pi.medication_id FROM prescription_item AS pi
                                             WHERE pi.prescription_id = p_prescription_id)
                    AND l.expiry_date >= CURDATE() AND l.quantity_on_hand > 0) AS x
             ON x.medication_id = it.medication_id AND x.before_qty < it.quantity_now
     ORDER BY it.prescription_item_id, x.expiry_date, x.stock_lot_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_preview_request;
END$$
DELIMITER ;
