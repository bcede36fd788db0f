-- rpt_lot_expiring
-- STAND-IN (helper DASH) for the CLIN helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per lot with stock expiring within 180 days or already expired. Columns: stock_lot_id,
-- medication_id, medication_name, batch_number, expiry_date, days_to_expiry, quantity_on_hand, stock_value.
DROP VIEW IF EXISTS rpt_lot_expiring;
CREATE SQL SECURITY DEFINER VIEW rpt_lot_expiring AS
SELECT l.stock_lot_id,
       m.medication_id,
       m.name AS medication_name,
       l.batch_number,
       l.expiry_date,
       DATEDIFF(l.expiry_date, CURDATE()) AS days_to_expiry,
       l.quantity_on_hand,
       CAST(l.quantity_on_hand * l.unit_cost AS DECIMAL(14,2)) AS stock_value
  FROM stock_lot AS l
  JOIN medication AS m ON m.medication_id = l.medication_id
 WHERE l.quantity_on_hand > 0
   AND l.expiry_date <= CURDATE() + INTERVAL 180 DAY;

DELETE FROM report_catalog WHERE view_name = 'rpt_lot_expiring';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_lot_expiring', 0, NULL, 'Lots with stock expiring within 180 days or expired.', 'Live: computed on every query.'),
('rpt_lot_expiring', 1, 'stock_lot_id', 'The lot.', NULL),
('rpt_lot_expiring', 2, 'medication_id', 'The medication.', NULL),
('rpt_lot_expiring', 3, 'medication_name', 'Its name.', NULL),
('rpt_lot_expiring', 4, 'batch_number', 'The batch.', NULL),
('rpt_lot_expiring', 5, 'expiry_date', 'Expiry date.', NULL),
('rpt_lot_expiring', 6, 'days_to_expiry', 'Days until expiry, negative when expired.', NULL),
('rpt_lot_expiring', 7, 'quantity_on_hand', 'Units on hand.', NULL),
('rpt_lot_expiring', 8, 'stock_value', 'Units times unit cost.', NULL);
