-- rpt_dispensing_daily
-- For analysts: what the pharmacy dispensed, per day and medication (seed 001: daily dispensing
-- statistics, dispensing trends).
-- Grain: one row per day and medication with at least one unit dispensed.
--   dispensing_day: the day of the dispensing (the receipt's time).
--   medication_id / medication_name.
--   dispensings: dispensing events (receipts) that gave out the medication; prescriptions: distinct
--     prescriptions they served; quantity_dispensed: units given out (from every lot);
--     dispensed_value: what the receipts charged for it: per receipt line (lot), units x the unit
--     price, rounded once to the currency's minor units (billing.minor_units) by money_round when the
--     line is written, as the receipt total is.
-- Read from the summary report_dispensing_day (0065), which the dispensing_line triggers keep in the same
-- transaction as each dispensing; ReportSummaryTests compares it with a live count.
-- A dispensing is never undone; stock written off is in stock adjustments, not here. No patient,
-- receipt or prescription number is shown.
DROP VIEW IF EXISTS rpt_dispensing_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_dispensing_daily AS
SELECT r.dispensing_day,
       r.medication_id,
       m.name AS medication_name,
       CAST(r.dispensings AS SIGNED) AS dispensings,
       CAST(r.prescriptions AS SIGNED) AS prescriptions,
       CAST(r.quantity_dispensed AS SIGNED) AS quantity_dispensed,
       CAST(r.dispensed_value AS DECIMAL(14,2)) AS dispensed_value
  FROM report_dispensing_day AS r
  JOIN medication AS m ON m.medication_id = r.medication_id
 WHERE r.quantity_dispensed > 0;

DELETE FROM report_catalog WHERE view_name = 'rpt_dispensing_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_dispensing_daily', 0, NULL, 'What the pharmacy dispensed, per day and medication: one row for each day and medication with at least one unit dispensed.', 'Always current: read from the summary report_dispensing_day, which triggers keep in the same transaction as each dispensing; filter on dispensing_day.'),
('rpt_dispensing_daily', 1, 'dispensing_day', 'The day of the dispensing (receipt).', NULL),
('rpt_dispensing_daily', 2, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_dispensing_daily', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_dispensing_daily', 4, 'dispensings', 'Dispensing events (receipts) that gave out the medication that day.', NULL),
('rpt_dispensing_daily', 5, 'prescriptions', 'Distinct prescriptions those dispensings served.', NULL),
('rpt_dispensing_daily', 6, 'quantity_dispensed', 'Units given out, from every lot.', NULL),
('rpt_dispensing_daily', 7, 'dispensed_value', 'What the receipts charged for the medication: per receipt line, units x the unit price, rounded to the currency''s minor units as the receipt is; in the clinic''s currency.', NULL);
