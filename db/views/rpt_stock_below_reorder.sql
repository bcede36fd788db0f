-- rpt_stock_below_reorder
-- For analysts: active medications whose usable stock is below their reorder level, today (the
-- pharmacy's low-stock alert, v_stock_below_reorder, with the same rule).
-- Grain: one row per active medication below its reorder level.
--   quantity_on_hand: units in unexpired lots (expiry_date today or later); expired stock does not
--     count. reorder_level: the medication's level; shortfall = reorder_level - quantity_on_hand
--     (always above zero here). as_of: today.
DROP VIEW IF EXISTS rpt_stock_below_reorder;
CREATE SQL SECURITY DEFINER VIEW rpt_stock_below_reorder AS
SELECT m.medication_id,
       m.name AS medication_name,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) AS SIGNED) AS quantity_on_hand,
       CAST(m.reorder_level AS SIGNED) AS reorder_level,
       CAST(m.reorder_level AS SIGNED)
           - CAST(COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) AS SIGNED) AS shortfall,
       CURDATE() AS as_of
  FROM medication AS m
  LEFT JOIN stock_lot AS l ON l.medication_id = m.medication_id
 WHERE m.is_active = 1
 GROUP BY m.medication_id, m.name, m.reorder_level
HAVING COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) < m.reorder_level;

DELETE FROM report_catalog WHERE view_name = 'rpt_stock_below_reorder';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_stock_below_reorder', 0, NULL, 'Active medications whose usable stock (in lots not yet expired) is below their reorder level today: one row each. The same rule as the pharmacy''s low-stock alert.', 'Live: the stock at the moment of the query (as_of is today).'),
('rpt_stock_below_reorder', 1, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_stock_below_reorder', 2, 'medication_name', 'The medication''s name.', NULL),
('rpt_stock_below_reorder', 3, 'quantity_on_hand', 'Units on hand in unexpired lots (expiry date today or later); expired stock does not count.', NULL),
('rpt_stock_below_reorder', 4, 'reorder_level', 'The medication''s reorder level.', NULL),
('rpt_stock_below_reorder', 5, 'shortfall', 'reorder_level - quantity_on_hand: units needed to reach the level.', NULL),
('rpt_stock_below_reorder', 6, 'as_of', 'Today: the day the figures hold for.', NULL);
