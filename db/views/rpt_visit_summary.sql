-- rpt_visit_summary
-- For analysts: the visits of each patient, by pseudonymous key (seed 002: patient visit count,
-- visit history, average patient age).
-- Grain: one row per patient record in use (merged duplicates, whose visits moved to the surviving
-- record, are left out), with or without visits.
--   patient_key: LEFT(SHA2(CONCAT(report_secret.pseudonym_salt, ':', patient_id), 256), 16): stable for
--     this database, never the patient id and not reversible without the secret salt.
--   sex: as registered; age_band: the patient's age band today, the bands of the function age_band
--     found by comparing the date of birth with today less 5, 15, 25, 45 and 65 years (no function
--     call: a view calling a function the analyst may not execute shows it no columns in
--     information_schema; ReportClinicalViewTests checks the bands agree with age_band). Exact ages
--     and dates of birth are not offered: with the visit days they would single patients out.
--   visits: all visits (open and closed); first_visit_day / last_visit_day: the days the first and the
--     latest visit started (NULL without visits); visits_last_365_days: visits started in the 365 days
--     ending today (today and the 364 days before it).
-- Speed: one read of the summary report_visit_patient, which holds a row for every patient (0085): the key,
-- sex, date of birth and whether the record is in use are copied there by the patient triggers; visits, first
-- and last by the visit triggers (0068, always current); the visits of the last 365 days (0078) too, when
-- they were counted for today (by the nightly event report_visit_recent_nightly, or by the triggers for a
-- patient whose visits changed today). Otherwise they are counted live on ix_visit_patient_start, only for
-- the patients whose latest visit falls in that window, found on ix_report_visit_patient_recent_as_of (0087;
-- written as a range, not <>, so that both engines use it). Either way the number is the same.
DROP VIEW IF EXISTS rpt_visit_summary;
CREATE SQL SECURITY DEFINER VIEW rpt_visit_summary AS
SELECT v.patient_key,
       v.sex,
       CASE WHEN v.date_of_birth > CURDATE() - INTERVAL 5 YEAR THEN '0-4'
            WHEN v.date_of_birth > CURDATE() - INTERVAL 15 YEAR THEN '5-14'
            WHEN v.date_of_birth > CURDATE() - INTERVAL 25 YEAR THEN '15-24'
            WHEN v.date_of_birth > CURDATE() - INTERVAL 45 YEAR THEN '25-44'
            WHEN v.date_of_birth > CURDATE() - INTERVAL 65 YEAR THEN '45-64'
            ELSE '65+' END AS age_band,
       CAST(v.visits AS SIGNED) AS visits,
       DATE(v.first_started_at) AS first_visit_day,
       DATE(v.last_started_at) AS last_visit_day,
       CAST(CASE WHEN v.last_started_at IS NULL OR v.last_started_at < CURDATE() - INTERVAL 364 DAY THEN 0
                 WHEN v.recent_as_of = CURDATE() THEN v.recent_visits
                 ELSE COALESCE(live.recent_visits, 0)
                 END AS SIGNED) AS visits_last_365_days
  FROM report_visit_patient AS v
  LEFT JOIN (SELECT r.patient_id, COUNT(*) AS recent_visits
               FROM report_visit_patient AS r
               JOIN visit AS vv ON vv.patient_id = r.patient_id AND vv.started_at >= CURDATE() - INTERVAL 364 DAY
              WHERE (r.recent_as_of IS NULL OR r.recent_as_of < CURDATE() OR r.recent_as_of > CURDATE())
                AND r.last_started_at >= CURDATE() - INTERVAL 364 DAY
              GROUP BY r.patient_id) AS live ON live.patient_id = v.patient_id
 WHERE v.is_active = 1;

DELETE FROM report_catalog WHERE view_name = 'rpt_visit_summary';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_visit_summary', 0, NULL, 'The visits of each patient by pseudonymous key: one row per patient record in use (merged duplicates left out), with or without visits. No names, numbers or dates of birth: ages are given as bands.', 'Always current: counts and days from a summary kept by triggers with each visit; the last 365 days from a nightly count (counted live until it has run).'),
('rpt_visit_summary', 1, 'patient_key', 'A pseudonymous patient key (16 hex characters): the same patient always has the same key in this database, it is not the patient id and cannot be turned back into one.', NULL),
('rpt_visit_summary', 2, 'sex', 'The patient''s sex as registered: female, male, other, unknown.', NULL),
('rpt_visit_summary', 3, 'age_band', 'The patient''s age band today: 0-4, 5-14, 15-24, 25-44, 45-64, 65+. Exact ages are not offered.', NULL),
('rpt_visit_summary', 4, 'visits', 'All visits of the patient, open and closed; 0 for a patient registered but never seen.', NULL),
('rpt_visit_summary', 5, 'first_visit_day', 'The day the first visit started; NULL without visits.', NULL),
('rpt_visit_summary', 6, 'last_visit_day', 'The day the latest visit started; NULL without visits.', NULL),
('rpt_visit_summary', 7, 'visits_last_365_days', 'Visits started in the 365 days ending today (today and the 364 days before).', NULL);
