-- rpt_dispensing_daily
-- For analysts: what the pharmacy dispensed, per day and medication (seed 001: daily dispensing
-- statistics, dispensing trends).
-- Grain: one row per day and medication with at least one unit dispensed.
--   dispensing_day: the day of the dispensing (the receipt's time).
--   medication_id / medication_name.
--   dispensings: dispensing events (receipts) that gave out the medication; prescriptions: distinct
--     prescriptions they served; quantity_dispensed: units given out (from every lot);
--     dispensed_value: what the receipts charged for it: per receipt line (lot), units x the unit
--     price, rounded once to the currency's minor units (billing.minor_units), as the receipt total is
--     (money_round's rule, written out: the analyst may not execute functions, and a view calling one
--     shows the analyst no columns in information_schema).
-- A dispensing is never undone; stock written off is in stock adjustments, not here. No patient,
-- receipt or prescription number is shown.
DROP VIEW IF EXISTS rpt_dispensing_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_dispensing_daily AS
SELECT DATE(d.dispensed_at) AS dispensing_day,
       i.medication_id,
       m.name AS medication_name,
       COUNT(DISTINCT d.dispensing_id) AS dispensings,
       COUNT(DISTINCT d.prescription_id) AS prescriptions,
       CAST(SUM(dl.quantity) AS SIGNED) AS quantity_dispensed,
       CAST(SUM(ROUND(dl.quantity * dl.unit_price, cur.minor_units)) AS DECIMAL(14,2)) AS dispensed_value
  FROM dispensing AS d
  JOIN dispensing_line AS dl ON dl.dispensing_id = d.dispensing_id
  JOIN prescription_item AS i ON i.prescription_item_id = dl.prescription_item_id
  JOIN medication AS m ON m.medication_id = i.medication_id
  CROSS JOIN (SELECT LEAST(GREATEST(COALESCE(MAX(CASE WHEN cs.setting_value REGEXP '^-?[0-9]+$'
                                                     THEN CAST(cs.setting_value AS SIGNED) END), 0), 0), 2) AS minor_units
                FROM clinic_setting AS cs
               WHERE cs.setting_key = 'billing.minor_units') AS cur
 GROUP BY DATE(d.dispensed_at), i.medication_id, m.name;

DELETE FROM report_catalog WHERE view_name = 'rpt_dispensing_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_dispensing_daily', 0, NULL, 'What the pharmacy dispensed, per day and medication: one row for each day and medication with at least one unit dispensed.', 'Live: computed from the dispensing receipts on every query; filter on dispensing_day.'),
('rpt_dispensing_daily', 1, 'dispensing_day', 'The day of the dispensing (receipt).', NULL),
('rpt_dispensing_daily', 2, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_dispensing_daily', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_dispensing_daily', 4, 'dispensings', 'Dispensing events (receipts) that gave out the medication that day.', NULL),
('rpt_dispensing_daily', 5, 'prescriptions', 'Distinct prescriptions those dispensings served.', NULL),
('rpt_dispensing_daily', 6, 'quantity_dispensed', 'Units given out, from every lot.', NULL),
('rpt_dispensing_daily', 7, 'dispensed_value', 'What the receipts charged for the medication: per receipt line, units x the unit price, rounded to the currency''s minor units as the receipt is; in the clinic''s currency.', NULL);
