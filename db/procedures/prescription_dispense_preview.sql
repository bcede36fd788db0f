-- prescription_dispense_preview
-- Read only: what prescription_dispense would take right now for everything that remains on a
-- prescription (issued or partially dispensed; no rows otherwise). One row per item and lot, in
-- FEFO order (item, expiry date, lot id): the lot, its batch, expiry and stock, and take_quantity,
-- the units FEFO would take from it. An item without unexpired stock has one row with no lot.
-- available is the item's medication's unexpired stock, expired_on_hand what sits in expired lots
-- (never dispensed), shortfall = quantity_remaining - available when positive.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS prescription_dispense_preview;
DELIMITER $$
CREATE PROCEDURE prescription_dispense_preview(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT i.prescription_item_id, i.medication_id, m.name AS medication_name, m.form, m.strength, m.unit_price,
           i.quantity, i.quantity_dispensed, i.quantity - i.quantity_dispensed AS quantity_remaining,
           x.stock_lot_id, x.batch_number, x.expiry_date, x.quantity_on_hand,
           CASE WHEN x.stock_lot_id IS NULL THEN 0
                ELSE LEAST(x.quantity_on_hand, (i.quantity - i.quantity_dispensed) - x.before_qty) END AS take_quantity,
           COALESCE(x.available, 0) AS available,
           (SELECT COALESCE(SUM(e.quantity_on_hand), 0) FROM stock_lot AS e
             WHERE e.medication_id = i.medication_id AND e.expiry_date < CURDATE()) AS expired_on_hand,
           GREATEST((i.quantity - i.quantity_dispensed) - COALESCE(x.available, 0), 0) AS shortfall
      FROM prescription AS rx
      JOIN prescription_item AS i ON i.prescription_id = rx.prescription_id
      JOIN medication AS m ON m.medication_id = i.medication_id
      LEFT JOIN (SELECT l.stock_lot_id, l.medication_id, l.batch_number, l.expiry_date, l.quantity_on_hand,
                        COALESCE(SUM(l.quantity_on_hand) OVER (PARTITION BY l.medication_id ORDER BY l.expiry_date, l.stock_lot_id
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_qty,
                        SUM(l.quantity_on_hand) OVER (PARTITION BY l.medication_id) AS available
                   FROM stock_lot AS l
                  WHERE l.medication_id IN (SELECT pi.medication_id FROM prescription_item AS pi
                                             WHERE pi.prescription_id = p_prescription_id)
                    AND l.expiry_date >= CURDATE() AND l.quantity_on_hand > 0) AS x
             ON x.medication_id = i.medication_id AND x.before_qty < i.quantity - i.quantity_dispensed
     WHERE rx.prescription_id = p_prescription_id
       AND rx.status IN ('issued', 'partially_dispensed')
       AND i.quantity > i.quantity_dispensed
     ORDER BY i.prescription_item_id, x.expiry_date, x.stock_lot_id;
END$$
DELIMITER ;
