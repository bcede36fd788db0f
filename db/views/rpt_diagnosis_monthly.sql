-- rpt_diagnosis_monthly
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper CLIN writes the real one, which replaces this file at merge.
-- Grain: one row per month, ICD-10 code, doctor, age band and sex. Columns: month_start, icd10_chapter,
-- icd10_code, diagnosis, staff_id, doctor_name, age_band, sex, diagnoses, primary_diagnoses.
DROP VIEW IF EXISTS rpt_diagnosis_monthly;
CREATE SQL SECURITY DEFINER VIEW rpt_diagnosis_monthly AS
SELECT CAST(DATE_FORMAT(v.started_at, '%Y-%m-01') AS DATE) AS month_start,
       COALESCE(c.chapter, icd10_chapter(vd.icd10_code)) AS icd10_chapter,
       vd.icd10_code,
       c.title AS diagnosis,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       age_band(p.date_of_birth, DATE(v.started_at)) AS age_band,
       p.sex,
       CAST(COUNT(*) AS SIGNED) AS diagnoses,
       CAST(SUM(vd.is_primary) AS SIGNED) AS primary_diagnoses
  FROM visit_diagnosis AS vd
  JOIN visit AS v ON v.visit_id = vd.visit_id
  JOIN patient AS p ON p.patient_id = vd.patient_id
  JOIN icd10_code AS c ON c.icd10_code = vd.icd10_code
  LEFT JOIN staff AS s ON s.staff_id = v.staff_id
 GROUP BY CAST(DATE_FORMAT(v.started_at, '%Y-%m-01') AS DATE), COALESCE(c.chapter, icd10_chapter(vd.icd10_code)), vd.icd10_code, c.title,
          s.staff_id, s.given_name, s.family_name, age_band(p.date_of_birth, DATE(v.started_at)), p.sex;

DELETE FROM report_catalog WHERE view_name = 'rpt_diagnosis_monthly';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_diagnosis_monthly', 0, NULL, 'Diagnoses per month, ICD-10 code, doctor, age band and sex (stand-in).', 'Live: computed on every query.'),
('rpt_diagnosis_monthly', 1, 'month_start', 'First day of the month of the visit.', NULL),
('rpt_diagnosis_monthly', 2, 'icd10_chapter', 'ICD-10 chapter (I-XXII).', NULL),
('rpt_diagnosis_monthly', 3, 'icd10_code', 'ICD-10 code.', NULL),
('rpt_diagnosis_monthly', 4, 'diagnosis', 'ICD-10 title.', NULL),
('rpt_diagnosis_monthly', 5, 'staff_id', 'The visit''s doctor (staff id).', NULL),
('rpt_diagnosis_monthly', 6, 'doctor_name', 'The visit''s doctor.', NULL),
('rpt_diagnosis_monthly', 7, 'age_band', 'Patient''s age band at the visit.', NULL),
('rpt_diagnosis_monthly', 8, 'sex', 'Patient''s sex.', NULL),
('rpt_diagnosis_monthly', 9, 'diagnoses', 'Diagnoses recorded.', NULL),
('rpt_diagnosis_monthly', 10, 'primary_diagnoses', 'Of which primary.', NULL);
