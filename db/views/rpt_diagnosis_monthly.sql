-- rpt_diagnosis_monthly
-- For analysts: coded diagnoses per month, ICD-10 chapter and code, treating doctor, age band and sex.
-- Grain: one row per month, ICD-10 code, doctor, age band and sex with at least one diagnosis.
--   month_start: the first day of the month the visit started in (a diagnosis belongs to its visit,
--     also when it was written later or recorded from paper).
--   icd10_chapter: the code's WHO chapter (I-XXII) as the code list holds it (the starter list has it;
--     clinic-db import-icd10 computes it with icd10_chapter when the file gives none); icd10_code and
--     diagnosis (the code's title).
--   staff_id / doctor_name: the visit's treating doctor (NULL when the visit has none).
--   age_band: the patient's age band on the day of the visit, sex: as registered. The bands of the
--     function age_band, found by comparing the date of birth with the visit's day less 5, 15, 25, 45
--     and 65 years: the analyst account may not execute functions, and a view calling one shows it no
--     columns in information_schema (ReportClinicalViewTests checks the bands agree with age_band).
--   diagnoses: diagnoses coded (a visit codes each code at most once); primary_diagnoses: of them, the
--     visit's primary diagnosis (at most one a visit).
-- Every visit's diagnoses count, open or closed; removed diagnoses are gone from the record and do not
-- count. No patient or visit is identified.
DROP VIEW IF EXISTS rpt_diagnosis_monthly;
CREATE SQL SECURITY DEFINER VIEW rpt_diagnosis_monthly AS
SELECT x.month_start,
       x.icd10_chapter,
       x.icd10_code,
       x.diagnosis,
       x.staff_id,
       x.doctor_name,
       x.age_band,
       x.sex,
       COUNT(*) AS diagnoses,
       CAST(SUM(x.is_primary) AS SIGNED) AS primary_diagnoses
  FROM (SELECT DATE(v.started_at) - INTERVAL (DAYOFMONTH(v.started_at) - 1) DAY AS month_start,
               ic.chapter AS icd10_chapter,
               d.icd10_code,
               ic.title AS diagnosis,
               v.staff_id,
               CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
               CASE WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 5 YEAR THEN '0-4'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 15 YEAR THEN '5-14'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 25 YEAR THEN '15-24'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 45 YEAR THEN '25-44'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 65 YEAR THEN '45-64'
                    ELSE '65+' END AS age_band,
               p.sex,
               d.is_primary
          FROM visit_diagnosis AS d
          JOIN visit AS v ON v.visit_id = d.visit_id
          JOIN patient AS p ON p.patient_id = v.patient_id
          JOIN icd10_code AS ic ON ic.icd10_code = d.icd10_code
          LEFT JOIN staff AS s ON s.staff_id = v.staff_id) AS x
 GROUP BY x.month_start, x.icd10_chapter, x.icd10_code, x.diagnosis, x.staff_id, x.doctor_name, x.age_band, x.sex;

DELETE FROM report_catalog WHERE view_name = 'rpt_diagnosis_monthly';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_diagnosis_monthly', 0, NULL, 'Coded diagnoses per month, ICD-10 chapter and code, treating doctor, age band and sex: one row for each combination with at least one diagnosis. A diagnosis counts in the month its visit started.', 'Live: computed from the visits'' diagnoses on every query; filter on month_start.'),
('rpt_diagnosis_monthly', 1, 'month_start', 'The first day of the month the visit started in.', NULL),
('rpt_diagnosis_monthly', 2, 'icd10_chapter', 'The WHO ICD-10 chapter, I to XXII (e.g. X: diseases of the respiratory system).', NULL),
('rpt_diagnosis_monthly', 3, 'icd10_code', 'The ICD-10 code, e.g. J06.9.', NULL),
('rpt_diagnosis_monthly', 4, 'diagnosis', 'The code''s title in the clinic''s ICD-10 list.', NULL),
('rpt_diagnosis_monthly', 5, 'staff_id', 'The treating doctor of the visit (staff id); NULL when the visit has no doctor.', NULL),
('rpt_diagnosis_monthly', 6, 'doctor_name', 'The treating doctor''s name.', NULL),
('rpt_diagnosis_monthly', 7, 'age_band', 'The patient''s age band on the day of the visit: 0-4, 5-14, 15-24, 25-44, 45-64, 65+.', NULL),
('rpt_diagnosis_monthly', 8, 'sex', 'The patient''s sex as registered: female, male, other, unknown.', NULL),
('rpt_diagnosis_monthly', 9, 'diagnoses', 'Diagnoses coded (a visit codes a code at most once, so this is also the number of visits).', NULL),
('rpt_diagnosis_monthly', 10, 'primary_diagnoses', 'Of those, the ones that were the visit''s primary diagnosis.', NULL);
