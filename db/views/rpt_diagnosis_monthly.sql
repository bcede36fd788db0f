-- rpt_diagnosis_monthly
-- STAND-IN (helper DASH) for the CLIN helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per month, ICD-10 code, doctor, age band and sex. Columns: month_start, icd10_chapter,
-- icd10_code, diagnosis, staff_id, doctor_name, age_band, sex, diagnoses, primary_diagnoses.
-- NOTE for the real view: on MariaDB 10.11 a view that calls a stored function (age_band here) is left out of
-- information_schema.COLUMNS for the analyst account (SELECT works; the catalogue and contract tests see 0 columns).
DROP VIEW IF EXISTS rpt_diagnosis_monthly;
CREATE SQL SECURITY DEFINER VIEW rpt_diagnosis_monthly AS
SELECT CAST(DATE_FORMAT(v.started_at, '%Y-%m-01') AS DATE) AS month_start,
       c.chapter AS icd10_chapter,
       c.icd10_code,
       c.title AS diagnosis,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       age_band(p.date_of_birth, DATE(v.started_at)) AS age_band,
       p.sex,
       COUNT(*) AS diagnoses,
       CAST(SUM(vd.is_primary) AS SIGNED) AS primary_diagnoses
  FROM visit_diagnosis AS vd
  JOIN visit AS v ON v.visit_id = vd.visit_id
  JOIN staff AS s ON s.staff_id = v.staff_id
  JOIN patient AS p ON p.patient_id = vd.patient_id
  JOIN icd10_code AS c ON c.icd10_code = vd.icd10_code
 GROUP BY CAST(DATE_FORMAT(v.started_at, '%Y-%m-01') AS DATE), c.chapter, c.icd10_code, c.title, s.staff_id,
          s.given_name, s.family_name, age_band(p.date_of_birth, DATE(v.started_at)), p.sex;

DELETE FROM report_catalog WHERE view_name = 'rpt_diagnosis_monthly';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_diagnosis_monthly', 0, NULL, 'Diagnoses per month, code, doctor, age band and sex.', 'Live: computed on every query.'),
('rpt_diagnosis_monthly', 1, 'month_start', 'First day of the month of the visit.', NULL),
('rpt_diagnosis_monthly', 2, 'icd10_chapter', 'ICD-10 chapter.', NULL),
('rpt_diagnosis_monthly', 3, 'icd10_code', 'ICD-10 code.', NULL),
('rpt_diagnosis_monthly', 4, 'diagnosis', 'The ICD-10 title.', NULL),
('rpt_diagnosis_monthly', 5, 'staff_id', 'The treating doctor.', NULL),
('rpt_diagnosis_monthly', 6, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_diagnosis_monthly', 7, 'age_band', 'Age band at the visit.', NULL),
('rpt_diagnosis_monthly', 8, 'sex', 'Sex.', NULL),
('rpt_diagnosis_monthly', 9, 'diagnoses', 'Diagnoses recorded.', NULL),
('rpt_diagnosis_monthly', 10, 'primary_diagnoses', 'Of which primary.', NULL);
