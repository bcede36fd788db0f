-- rpt_dispensing_daily
-- STAND-IN (helper DASH) for the CLIN helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per day and medication dispensed. Columns: dispensing_day, medication_id,
-- medication_name, dispensings, prescriptions, quantity_dispensed, dispensed_value.
DROP VIEW IF EXISTS rpt_dispensing_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_dispensing_daily AS
SELECT DATE(ds.dispensed_at) AS dispensing_day,
       m.medication_id,
       m.name AS medication_name,
       COUNT(DISTINCT ds.dispensing_id) AS dispensings,
       COUNT(DISTINCT ds.prescription_id) AS prescriptions,
       CAST(SUM(dl.quantity) AS SIGNED) AS quantity_dispensed,
       CAST(SUM(dl.quantity * dl.unit_price) AS DECIMAL(14,2)) AS dispensed_value
  FROM dispensing_line AS dl
  JOIN dispensing AS ds ON ds.dispensing_id = dl.dispensing_id
  JOIN prescription_item AS pi ON pi.prescription_item_id = dl.prescription_item_id
  JOIN medication AS m ON m.medication_id = pi.medication_id
 GROUP BY DATE(ds.dispensed_at), m.medication_id, m.name;

DELETE FROM report_catalog WHERE view_name = 'rpt_dispensing_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_dispensing_daily', 0, NULL, 'Dispensing per day and medication.', 'Live: computed on every query.'),
('rpt_dispensing_daily', 1, 'dispensing_day', 'The day.', NULL),
('rpt_dispensing_daily', 2, 'medication_id', 'The medication.', NULL),
('rpt_dispensing_daily', 3, 'medication_name', 'Its name.', NULL),
('rpt_dispensing_daily', 4, 'dispensings', 'Dispensings that included it.', NULL),
('rpt_dispensing_daily', 5, 'prescriptions', 'Prescriptions dispensed from.', NULL),
('rpt_dispensing_daily', 6, 'quantity_dispensed', 'Units dispensed.', NULL),
('rpt_dispensing_daily', 7, 'dispensed_value', 'Units times the price charged.', NULL);
