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
DROP VIEW IF EXISTS rpt_prescribing;
CREATE SQL SECURITY DEFINER VIEW rpt_prescribing AS
SELECT x.month_start,
       x.medication_id,
       m.name AS medication_name,
       x.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COUNT(DISTINCT x.prescription_id) AS prescriptions,
       COUNT(*) AS items,
       CAST(SUM(x.quantity) AS SIGNED) AS quantity_prescribed,
       COUNT(DISTINCT x.patient_id) AS patients
  FROM (SELECT DATE(pr.issued_at) - INTERVAL (DAYOFMONTH(pr.issued_at) - 1) DAY AS month_start,
               i.medication_id,
               pr.staff_id,
               pr.prescription_id,
               pr.patient_id,
               i.quantity
          FROM prescription AS pr
          JOIN prescription_item AS i ON i.prescription_id = pr.prescription_id
         WHERE pr.status <> 'cancelled') AS x
  JOIN medication AS m ON m.medication_id = x.medication_id
  JOIN staff AS s ON s.staff_id = x.staff_id
 GROUP BY x.month_start, x.medication_id, m.name, x.staff_id, s.given_name, s.family_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_prescribing';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_prescribing', 0, NULL, 'What each doctor prescribed, per month of issue and medication: one row for each month, medication and doctor with at least one prescription. Cancelled prescriptions are left out.', 'Live: computed from the prescriptions on every query; filter on month_start.'),
('rpt_prescribing', 1, 'month_start', 'The first day of the month the prescriptions were issued in.', NULL),
('rpt_prescribing', 2, 'medication_id', 'The medication (catalogue id).', NULL),
('rpt_prescribing', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_prescribing', 4, 'staff_id', 'The prescribing doctor (staff id).', NULL),
('rpt_prescribing', 5, 'doctor_name', 'The prescribing doctor''s name.', NULL),
('rpt_prescribing', 6, 'prescriptions', 'Prescriptions that list the medication.', NULL),
('rpt_prescribing', 7, 'items', 'Their lines of the medication: equal to prescriptions here (a prescription lists a medication once); summed over medications, the number of prescription lines.', NULL),
('rpt_prescribing', 8, 'quantity_prescribed', 'Units to dispense written on those lines.', NULL),
('rpt_prescribing', 9, 'patients', 'Distinct patients the medication was prescribed to by the doctor that month (do not add up over rows: a patient may appear in several).', NULL);
