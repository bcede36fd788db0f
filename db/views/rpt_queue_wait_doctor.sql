-- rpt_queue_wait_doctor
-- For analysts and the doctor's own dashboard: how long the walk-ins each doctor saw had waited.
-- Grain: one row per clinic day and doctor who started at least one queue consultation that day.
-- Columns: clinic_day, staff_id and doctor_name (the doctor who saw them), seen (consultations
-- started), median_wait_minutes and p90_wait_minutes (arrival -> start, minutes with one decimal;
-- nearest-rank: the wait at rank CEIL(0.5 * seen) and CEIL(0.9 * seen) in ascending order).
-- No patient is identified.
DROP VIEW IF EXISTS rpt_queue_wait_doctor;
CREATE SQL SECURITY DEFINER VIEW rpt_queue_wait_doctor AS
SELECT w.clinic_day,
       w.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       CAST(COUNT(*) AS SIGNED) AS seen,
       CAST(ROUND(MAX(CASE WHEN w.wait_rank = CEIL(0.5 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS median_wait_minutes,
       CAST(ROUND(MAX(CASE WHEN w.wait_rank = CEIL(0.9 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS p90_wait_minutes
  FROM (SELECT q.clinic_day,
               q.staff_id,
               TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds,
               ROW_NUMBER() OVER (PARTITION BY q.clinic_day, q.staff_id
                                  ORDER BY TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), q.queue_entry_id) AS wait_rank,
               COUNT(*) OVER (PARTITION BY q.clinic_day, q.staff_id) AS seen_count
          FROM queue_entry AS q
         WHERE q.started_at IS NOT NULL AND q.staff_id IS NOT NULL) AS w
  JOIN staff AS s ON s.staff_id = w.staff_id
 GROUP BY w.clinic_day, w.staff_id, s.given_name, s.family_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_queue_wait_doctor';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_queue_wait_doctor', 0, NULL, 'How long the walk-ins each doctor saw had waited, from arrival to the start of the consultation. One row per clinic day and doctor who started at least one queue consultation. Median and 90th percentile by the nearest-rank method.', 'Live: computed from the queue on every query; filter on clinic_day.'),
('rpt_queue_wait_doctor', 1, 'clinic_day', 'The queue''s clinic day.', NULL),
('rpt_queue_wait_doctor', 2, 'staff_id', 'The doctor who saw the patients (staff id).', NULL),
('rpt_queue_wait_doctor', 3, 'doctor_name', 'The doctor''s given and family name.', NULL),
('rpt_queue_wait_doctor', 4, 'seen', 'Queue consultations the doctor started that day.', NULL),
('rpt_queue_wait_doctor', 5, 'median_wait_minutes', 'Median wait in minutes (one decimal): the wait at rank CEIL(0.5 x seen) in ascending order.', NULL),
('rpt_queue_wait_doctor', 6, 'p90_wait_minutes', '90th-percentile wait in minutes: the wait at rank CEIL(0.9 x seen) in ascending order.', NULL);
