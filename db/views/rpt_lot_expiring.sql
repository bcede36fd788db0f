-- rpt_lot_expiring
-- For analysts: stock lots that still hold stock and expire within 180 days or have already expired
-- (seed 001: expiring value). The pharmacy's own alert (v_lot_expiring) looks
-- pharmacy.expiry_alert_days ahead; this view always looks 180 days ahead, so figures compare over
-- time.
-- Grain: one row per lot with stock on hand expiring on or before today + 180 days.
--   stock_lot_id, medication_id / medication_name, batch_number, expiry_date.
--   days_to_expiry: days from today to the expiry date (0: expires today, still usable; negative:
--     expired that many days ago, never dispensed).
--   quantity_on_hand: units in the lot; stock_value: those units x the lot's unit cost, rounded to the
--     currency's minor units (money_round's
--     rule, written out: the analyst may not execute functions, and a view calling one shows the
--     analyst no columns in information_schema).
DROP VIEW IF EXISTS rpt_lot_expiring;
CREATE SQL SECURITY DEFINER VIEW rpt_lot_expiring AS
SELECT l.stock_lot_id,
       l.medication_id,
       m.name AS medication_name,
       l.batch_number,
       l.expiry_date,
       CAST(DATEDIFF(l.expiry_date, CURDATE()) AS SIGNED) AS days_to_expiry,
       CAST(l.quantity_on_hand AS SIGNED) AS quantity_on_hand,
       CAST(ROUND(l.quantity_on_hand * l.unit_cost, cur.minor_units) AS DECIMAL(14,2)) AS stock_value
  FROM stock_lot AS l
  JOIN medication AS m ON m.medication_id = l.medication_id
  CROSS JOIN (SELECT LEAST(GREATEST(COALESCE(MAX(CASE WHEN cs.setting_value REGEXP '^-?[0-9]+$'
                                                     THEN CAST(cs.setting_value AS SIGNED) END), 0), 0), 2) AS minor_units
                FROM clinic_setting AS cs
               WHERE cs.setting_key = 'billing.minor_units') AS cur
 WHERE l.quantity_on_hand > 0
   AND l.expiry_date <= CURDATE() + INTERVAL 180 DAY;

DELETE FROM report_catalog WHERE view_name = 'rpt_lot_expiring';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_lot_expiring', 0, NULL, 'Stock lots that still hold stock and expire within 180 days or have already expired: one row per lot.', 'Live: the stock at the moment of the query, counted from today.'),
('rpt_lot_expiring', 1, 'stock_lot_id', 'The lot (stock lot id).', NULL),
('rpt_lot_expiring', 2, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_lot_expiring', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_lot_expiring', 4, 'batch_number', 'The supplier''s batch number of the lot.', NULL),
('rpt_lot_expiring', 5, 'expiry_date', 'The day the lot expires (usable up to and including that day).', NULL),
('rpt_lot_expiring', 6, 'days_to_expiry', 'Days from today to the expiry date: 0 expires today; negative: expired that many days ago (no longer dispensed).', NULL),
('rpt_lot_expiring', 7, 'quantity_on_hand', 'Units in the lot.', NULL),
('rpt_lot_expiring', 8, 'stock_value', 'Those units x the lot''s unit cost (rounded to the currency''s minor units), in the clinic''s currency.', NULL);
