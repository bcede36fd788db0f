-- rpt_stock_below_reorder
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper CLIN writes the real one, which replaces this file at merge.
-- Grain: one row per active medication whose usable (unexpired) stock is below its reorder level.
-- Columns: medication_id, medication_name, quantity_on_hand, reorder_level, shortfall, as_of.
DROP VIEW IF EXISTS rpt_stock_below_reorder;
CREATE SQL SECURITY DEFINER VIEW rpt_stock_below_reorder AS
SELECT m.medication_id,
       m.name AS medication_name,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand END), 0) AS SIGNED) AS quantity_on_hand,
       CAST(m.reorder_level AS SIGNED) AS reorder_level,
       CAST(m.reorder_level - COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand END), 0) AS SIGNED) AS shortfall,
       CURDATE() AS as_of
  FROM medication AS m
  LEFT JOIN stock_lot AS l ON l.medication_id = m.medication_id
 WHERE m.is_active = 1
 GROUP BY m.medication_id, m.name, m.reorder_level
HAVING COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand END), 0) < m.reorder_level;

DELETE FROM report_catalog WHERE view_name = 'rpt_stock_below_reorder';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_stock_below_reorder', 0, NULL, 'Medications whose usable stock is below the reorder level (stand-in).', 'Live: computed on every query.'),
('rpt_stock_below_reorder', 1, 'medication_id', 'The medication.', NULL),
('rpt_stock_below_reorder', 2, 'medication_name', 'The medication''s name.', NULL),
('rpt_stock_below_reorder', 3, 'quantity_on_hand', 'Usable quantity on hand (unexpired lots).', NULL),
('rpt_stock_below_reorder', 4, 'reorder_level', 'The reorder level.', NULL),
('rpt_stock_below_reorder', 5, 'shortfall', 'reorder_level - quantity_on_hand.', NULL),
('rpt_stock_below_reorder', 6, 'as_of', 'Today.', NULL);
