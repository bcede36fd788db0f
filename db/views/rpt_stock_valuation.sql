-- rpt_stock_valuation
-- For analysts: the pharmacy's stock today and what it cost, per medication.
-- Grain: one row per medication that is active or still holds stock.
--   lots: lots holding usable stock; quantity_on_hand: units in unexpired lots (expiry_date today or
--     later: the rule of dispensing and of v_stock_below_reorder); stock_value: those units x their
--     lot's unit cost, rounded per lot to the currency's minor units (money_round's
--     rule, written out: the analyst may not execute functions, and a view calling one shows the
--     analyst no columns in information_schema).
--   expired_quantity / expired_value: units still on hand in expired lots (never dispensed; to be
--     written off with a stock adjustment) and their cost.
--   as_of: today (the view always shows the present stock).
-- Amounts are in the clinic's currency, at purchase cost (not the selling price).
DROP VIEW IF EXISTS rpt_stock_valuation;
CREATE SQL SECURITY DEFINER VIEW rpt_stock_valuation AS
SELECT m.medication_id,
       m.name AS medication_name,
       COUNT(CASE WHEN l.quantity_on_hand > 0 AND l.expiry_date >= CURDATE() THEN 1 END) AS lots,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand END), 0) AS SIGNED) AS quantity_on_hand,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN ROUND(l.quantity_on_hand * l.unit_cost, cur.minor_units) END), 0) AS DECIMAL(14,2)) AS stock_value,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand END), 0) AS SIGNED) AS expired_quantity,
       CAST(COALESCE(SUM(CASE WHEN l.expiry_date < CURDATE() THEN ROUND(l.quantity_on_hand * l.unit_cost, cur.minor_units) END), 0) AS DECIMAL(14,2)) AS expired_value,
       CURDATE() AS as_of
  FROM medication AS m
  LEFT JOIN stock_lot AS l ON l.medication_id = m.medication_id
  CROSS JOIN (SELECT LEAST(GREATEST(COALESCE(MAX(CASE WHEN cs.setting_value REGEXP '^-?[0-9]+$'
                                                     THEN CAST(cs.setting_value AS SIGNED) END), 0), 0), 2) AS minor_units
                FROM clinic_setting AS cs
               WHERE cs.setting_key = 'billing.minor_units') AS cur
 GROUP BY m.medication_id, m.name, m.is_active, cur.minor_units
HAVING m.is_active = 1 OR COALESCE(SUM(l.quantity_on_hand), 0) > 0;

DELETE FROM report_catalog WHERE view_name = 'rpt_stock_valuation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_stock_valuation', 0, NULL, 'The pharmacy''s stock today at purchase cost, per medication: one row per medication that is active or still holds stock. Usable stock is stock in lots not yet expired; expired stock is shown apart.', 'Live: the stock at the moment of the query (as_of is today); there is no history.'),
('rpt_stock_valuation', 1, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_stock_valuation', 2, 'medication_name', 'The medication''s name.', NULL),
('rpt_stock_valuation', 3, 'lots', 'Lots holding usable (unexpired) stock.', NULL),
('rpt_stock_valuation', 4, 'quantity_on_hand', 'Units on hand in unexpired lots (expiry date today or later), the stock that can be dispensed.', NULL),
('rpt_stock_valuation', 5, 'stock_value', 'Those units x their lot''s unit cost (rounded per lot to the currency''s minor units), in the clinic''s currency.', NULL),
('rpt_stock_valuation', 6, 'expired_quantity', 'Units still on hand in expired lots (never dispensed; to be written off).', NULL),
('rpt_stock_valuation', 7, 'expired_value', 'Those expired units x their lot''s unit cost (rounded per lot).', NULL),
('rpt_stock_valuation', 8, 'as_of', 'Today: the day the figures hold for.', NULL);
