-- rpt_prescribing
-- STAND-IN (helper DASH) for the CLIN helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per month, medication and doctor. Columns: month_start, medication_id, medication_name,
-- staff_id, doctor_name, prescriptions, items, quantity_prescribed, patients.
DROP VIEW IF EXISTS rpt_prescribing;
CREATE SQL SECURITY DEFINER VIEW rpt_prescribing AS
SELECT CAST(DATE_FORMAT(p.issued_at, '%Y-%m-01') AS DATE) AS month_start,
       m.medication_id,
       m.name AS medication_name,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COUNT(DISTINCT p.prescription_id) AS prescriptions,
       COUNT(*) AS items,
       CAST(SUM(pi.quantity) AS SIGNED) AS quantity_prescribed,
       COUNT(DISTINCT p.patient_id) AS patients
  FROM prescription_item AS pi
  JOIN prescription AS p ON p.prescription_id = pi.prescription_id
  JOIN medication AS m ON m.medication_id = pi.medication_id
  JOIN staff AS s ON s.staff_id = p.staff_id
 WHERE p.status <> 'cancelled'
 GROUP BY CAST(DATE_FORMAT(p.issued_at, '%Y-%m-01') AS DATE), m.medication_id, m.name, s.staff_id, s.given_name, s.family_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_prescribing';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_prescribing', 0, NULL, 'Prescribing per month, medication and doctor.', 'Live: computed on every query.'),
('rpt_prescribing', 1, 'month_start', 'First day of the month.', NULL),
('rpt_prescribing', 2, 'medication_id', 'The medication.', NULL),
('rpt_prescribing', 3, 'medication_name', 'Its name.', NULL),
('rpt_prescribing', 4, 'staff_id', 'The prescribing doctor.', NULL),
('rpt_prescribing', 5, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_prescribing', 6, 'prescriptions', 'Prescriptions.', NULL),
('rpt_prescribing', 7, 'items', 'Prescription items.', NULL),
('rpt_prescribing', 8, 'quantity_prescribed', 'Units prescribed.', NULL),
('rpt_prescribing', 9, 'patients', 'Distinct patients.', NULL);
