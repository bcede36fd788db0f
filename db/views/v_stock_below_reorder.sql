-- v_stock_below_reorder
-- Pharmacy alert: active medications whose stock in unexpired lots (expiry_date >= today) is below
-- their reorder level, lowest cover first in the app's ORDER BY. Expired stock does not count.
DROP VIEW IF EXISTS v_stock_below_reorder;
CREATE SQL SECURITY DEFINER VIEW v_stock_below_reorder AS
SELECT m.medication_id, m.name, m.generic_substance, m.form, m.strength, m.reorder_level,
       COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) AS on_hand
  FROM medication AS m
  LEFT JOIN stock_lot AS l ON l.medication_id = m.medication_id
 WHERE m.is_active = 1
 GROUP BY m.medication_id, m.name, m.generic_substance, m.form, m.strength, m.reorder_level
HAVING COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) < m.reorder_level;
