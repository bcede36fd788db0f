-- rpt_prescribing
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper CLIN writes the real one, which replaces this file at merge.
-- Grain: one row per month, medication and doctor. Columns: month_start, medication_id,
-- medication_name, staff_id, doctor_name, prescriptions, items, quantity_prescribed, patients.
-- Cancelled prescriptions are left out.
DROP VIEW IF EXISTS rpt_prescribing;
CREATE SQL SECURITY DEFINER VIEW rpt_prescribing AS
SELECT CAST(DATE_FORMAT(pr.issued_at, '%Y-%m-01') AS DATE) AS month_start,
       m.medication_id,
       m.name AS medication_name,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       CAST(COUNT(DISTINCT pr.prescription_id) AS SIGNED) AS prescriptions,
       CAST(COUNT(*) AS SIGNED) AS items,
       CAST(SUM(pi.quantity) AS SIGNED) AS quantity_prescribed,
       CAST(COUNT(DISTINCT pr.patient_id) AS SIGNED) AS patients
  FROM prescription_item AS pi
  JOIN prescription AS pr ON pr.prescription_id = pi.prescription_id
  JOIN medication AS m ON m.medication_id = pi.medication_id
  JOIN staff AS s ON s.staff_id = pr.staff_id
 WHERE pr.status <> 'cancelled'
 GROUP BY CAST(DATE_FORMAT(pr.issued_at, '%Y-%m-01') AS DATE), m.medication_id, m.name, s.staff_id, s.given_name, s.family_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_prescribing';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_prescribing', 0, NULL, 'Prescribing per month, medication and doctor (stand-in).', 'Live: computed on every query.'),
('rpt_prescribing', 1, 'month_start', 'First day of the month of issue.', NULL),
('rpt_prescribing', 2, 'medication_id', 'The medication.', NULL),
('rpt_prescribing', 3, 'medication_name', 'The medication''s name.', NULL),
('rpt_prescribing', 4, 'staff_id', 'The prescribing doctor (staff id).', NULL),
('rpt_prescribing', 5, 'doctor_name', 'The prescribing doctor.', NULL),
('rpt_prescribing', 6, 'prescriptions', 'Prescriptions with this medication.', NULL),
('rpt_prescribing', 7, 'items', 'Prescription items.', NULL),
('rpt_prescribing', 8, 'quantity_prescribed', 'Quantity prescribed.', NULL),
('rpt_prescribing', 9, 'patients', 'Distinct patients.', NULL);
