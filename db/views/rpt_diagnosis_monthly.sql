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
-- Read from the summary report_diagnosis_month (0065), which the triggers of visit_diagnosis, visit and
-- patient keep in the same transaction as each change (the bands computed there once per diagnosis);
-- ReportSummaryTests compares it with a live count.
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
       CAST(x.diagnoses AS SIGNED) AS diagnoses,
       CAST(x.primary_diagnoses AS SIGNED) AS primary_diagnoses
  FROM (SELECT r.month_start,
               ic.chapter AS icd10_chapter,
               r.icd10_code,
               ic.title AS diagnosis,
               NULLIF(r.staff_id, 0) AS staff_id,
               CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
               r.age_band,
               r.sex,
               r.diagnoses,
               r.primary_diagnoses
          FROM report_diagnosis_month AS r
          JOIN icd10_code AS ic ON ic.icd10_code = r.icd10_code
          LEFT JOIN staff AS s ON s.staff_id = r.staff_id
         WHERE r.diagnoses > 0) AS x;

DELETE FROM report_catalog WHERE view_name = 'rpt_diagnosis_monthly';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_diagnosis_monthly', 0, NULL, 'Coded diagnoses per month, ICD-10 chapter and code, treating doctor, age band and sex: one row for each combination with at least one diagnosis. A diagnosis counts in the month its visit started.', 'Always current: read from the summary report_diagnosis_month, which triggers keep in the same transaction as each diagnosis, visit or patient change; filter on month_start.'),
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
