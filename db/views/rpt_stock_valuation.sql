-- rpt_stock_valuation
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper CLIN writes the real one, which replaces this file at merge.
-- Grain: one row per medication with stock lots. Columns: medication_id, medication_name, lots,
-- quantity_on_hand, stock_value, expired_quantity, expired_value, as_of.
DROP VIEW IF EXISTS rpt_stock_valuation;
CREATE SQL SECURITY DEFINER VIEW rpt_stock_valuation AS
SELECT m.medication_id,
       m.name AS medication_name,
       CAST(SUM(l.quantity_on_hand > 0) AS SIGNED) AS lots,
       CAST(SUM(l.quantity_on_hand) AS SIGNED) AS quantity_on_hand,
       CAST(SUM(l.quantity_on_hand * l.unit_cost) AS DECIMAL(14,2)) AS stock_value,
       CAST(SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand ELSE 0 END) AS SIGNED) AS expired_quantity,
       CAST(SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand * l.unit_cost ELSE 0 END) AS DECIMAL(14,2)) AS expired_value,
       CURDATE() AS as_of
  FROM medication AS m
  JOIN stock_lot AS l ON l.medication_id = m.medication_id
 GROUP BY m.medication_id, m.name;

DELETE FROM report_catalog WHERE view_name = 'rpt_stock_valuation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_stock_valuation', 0, NULL, 'Stock on hand and its value per medication, today (stand-in).', 'Live: computed on every query.'),
('rpt_stock_valuation', 1, 'medication_id', 'The medication.', NULL),
('rpt_stock_valuation', 2, 'medication_name', 'The medication''s name.', NULL),
('rpt_stock_valuation', 3, 'lots', 'Lots with stock.', NULL),
('rpt_stock_valuation', 4, 'quantity_on_hand', 'Quantity on hand, all lots.', NULL),
('rpt_stock_valuation', 5, 'stock_value', 'Quantity times unit cost.', NULL),
('rpt_stock_valuation', 6, 'expired_quantity', 'Quantity in expired lots.', NULL),
('rpt_stock_valuation', 7, 'expired_value', 'Value of the expired quantity.', NULL),
('rpt_stock_valuation', 8, 'as_of', 'Today.', NULL);
