-- rpt_prescribing
-- For analysts: what each doctor prescribed, per month and medication (seed 001: top prescribing
-- doctors).
-- Grain: one row per month, medication and prescribing doctor with at least one prescription.
--   month_start: the first day of the month the prescription was issued in.
--   medication_id / medication_name; staff_id / doctor_name: the prescribing doctor.
--   prescriptions: prescriptions listing the medication; items: their lines of the medication (a
--     prescription lists a medication at most once, so equal to prescriptions at this grain; summed
--     over medications it counts prescription lines); quantity_prescribed: the units to dispense
--     written on those lines; patients: distinct patients they were written for (not additive over
--     months, medications or doctors).
-- Cancelled prescriptions are left out; issued, partially dispensed and dispensed ones count, however
-- much was dispensed (see rpt_dispensing_daily). No patient or visit is identified.
-- Read from the summary report_prescribing_month (0065), which the prescription and prescription_item
-- triggers keep in the same transaction; ReportSummaryTests compares it with a live count.
DROP VIEW IF EXISTS rpt_prescribing;
CREATE SQL SECURITY DEFINER VIEW rpt_prescribing AS
SELECT r.month_start,
       r.medication_id,
       m.name AS medication_name,
       r.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       CAST(r.prescriptions AS SIGNED) AS prescriptions,
       CAST(r.items AS SIGNED) AS items,
       CAST(r.quantity_prescribed AS SIGNED) AS quantity_prescribed,
       CAST(r.patients AS SIGNED) AS patients
  FROM report_prescribing_month AS r
  JOIN medication AS m ON m.medication_id = r.medication_id
  JOIN staff AS s ON s.staff_id = r.staff_id
 WHERE r.items > 0;

DELETE FROM report_catalog WHERE view_name = 'rpt_prescribing';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_prescribing', 0, NULL, 'What each doctor prescribed, per month of issue and medication: one row for each month, medication and doctor with at least one prescription. Cancelled prescriptions are left out.', 'Always current: read from the summary report_prescribing_month, which triggers keep in the same transaction as each prescription; filter on month_start.'),
('rpt_prescribing', 1, 'month_start', 'The first day of the month the prescriptions were issued in.', NULL),
('rpt_prescribing', 2, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_prescribing', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_prescribing', 4, 'staff_id', 'The prescribing doctor (staff id).', NULL),
('rpt_prescribing', 5, 'doctor_name', 'The prescribing doctor''s name.', NULL),
('rpt_prescribing', 6, 'prescriptions', 'Prescriptions that list the medication.', NULL),
('rpt_prescribing', 7, 'items', 'Their lines of the medication: equal to prescriptions here (a prescription lists a medication once); summed over medications, the number of prescription lines.', NULL),
('rpt_prescribing', 8, 'quantity_prescribed', 'Units to dispense written on those lines.', NULL),
('rpt_prescribing', 9, 'patients', 'Distinct patients the medication was prescribed to by the doctor that month (do not add up over rows: a patient may appear in several).', NULL);
