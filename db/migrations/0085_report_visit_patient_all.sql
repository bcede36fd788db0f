-- 0085_report_visit_patient_all.sql
-- rpt_visit_summary in one table read (issue 12: one year of every analyst view in 1 s on both engines). On
-- MySQL 9.7 the view took 1.27 s for the benchmark's 200,000 patients: joining patient to report_visit_patient
-- row by row and the pseudonymous key's SHA-256 per row cost about 0.6 s, and the live count in its select
-- list made MySQL materialise the whole view first. report_visit_patient now holds a row for EVERY patient,
-- with what the view shows of the patient, kept in the same transaction as the change (always current):
--   patient_key: LEFT(SHA2(CONCAT(report_secret.pseudonym_salt, ':', patient_id), 256), 16), as before;
--     computed once when the patient is registered (trigger patient_report_insert) and for every patient
--     when the salt is changed (trigger report_secret_report_update);
--   sex, date_of_birth, is_active (status = 'active'): copied by patient_report_insert and
--     patient_report_update (a correction, a merge);
--   visits 0 and first/last NULL for a patient never seen (visits are kept by the visit triggers as before).
-- A patient deleted (tests only: patients are never deleted by the procedures) loses the row
-- (patient_report_delete).
ALTER TABLE report_visit_patient
    MODIFY COLUMN visits INT NOT NULL DEFAULT 0,
    MODIFY COLUMN first_started_at DATETIME NULL,
    MODIFY COLUMN last_started_at DATETIME NULL,
    ADD COLUMN patient_key CHAR(16) NULL,
    ADD COLUMN sex VARCHAR(7) NULL,
    ADD COLUMN date_of_birth DATE NULL,
    ADD COLUMN is_active TINYINT(1) NOT NULL DEFAULT 0;

INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits)
SELECT p.patient_id, 0, NULL, NULL, CURDATE(), 0
  FROM patient AS p
 WHERE NOT EXISTS (SELECT 1 FROM report_visit_patient AS r WHERE r.patient_id = p.patient_id);

DELETE FROM report_visit_patient
 WHERE NOT EXISTS (SELECT 1 FROM patient AS p WHERE p.patient_id = report_visit_patient.patient_id);

UPDATE report_visit_patient AS r
  JOIN patient AS p ON p.patient_id = r.patient_id
 CROSS JOIN report_secret AS rs
   SET r.patient_key = LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16),
       r.sex = p.sex,
       r.date_of_birth = p.date_of_birth,
       r.is_active = CASE WHEN p.status = 'active' THEN 1 ELSE 0 END;

ALTER TABLE report_visit_patient
    MODIFY COLUMN patient_key CHAR(16) NOT NULL,
    MODIFY COLUMN sex VARCHAR(7) NOT NULL,
    MODIFY COLUMN date_of_birth DATE NOT NULL;
