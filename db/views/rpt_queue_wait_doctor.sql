-- rpt_queue_wait_doctor
-- STAND-IN (helper DASH) for the OPS helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per clinic day and doctor who saw queue patients. Columns: clinic_day, staff_id,
-- doctor_name, seen, median_wait_minutes, p90_wait_minutes (nearest rank, arrival to start).
DROP VIEW IF EXISTS rpt_queue_wait_doctor;
CREATE SQL SECURITY DEFINER VIEW rpt_queue_wait_doctor AS
SELECT w.clinic_day,
       w.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COUNT(*) AS seen,
       CAST(MIN(CASE WHEN w.rn >= CEIL(0.5 * w.n) THEN w.wait END) AS DECIMAL(9,1)) AS median_wait_minutes,
       CAST(MIN(CASE WHEN w.rn >= CEIL(0.9 * w.n) THEN w.wait END) AS DECIMAL(9,1)) AS p90_wait_minutes
  FROM (SELECT e.clinic_day, e.staff_id,
               TIMESTAMPDIFF(SECOND, e.arrived_at, e.started_at) / 60 AS wait,
               ROW_NUMBER() OVER (PARTITION BY e.clinic_day, e.staff_id ORDER BY TIMESTAMPDIFF(SECOND, e.arrived_at, e.started_at)) AS rn,
               COUNT(*) OVER (PARTITION BY e.clinic_day, e.staff_id) AS n
          FROM queue_entry AS e
         WHERE e.started_at IS NOT NULL AND e.staff_id IS NOT NULL) AS w
  JOIN staff AS s ON s.staff_id = w.staff_id
 GROUP BY w.clinic_day, w.staff_id, s.given_name, s.family_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_queue_wait_doctor';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_queue_wait_doctor', 0, NULL, 'Queue waits per clinic day and doctor.', 'Live: computed on every query.'),
('rpt_queue_wait_doctor', 1, 'clinic_day', 'The clinic day.', NULL),
('rpt_queue_wait_doctor', 2, 'staff_id', 'The doctor who saw the patients.', NULL),
('rpt_queue_wait_doctor', 3, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_queue_wait_doctor', 4, 'seen', 'Queue patients seen.', NULL),
('rpt_queue_wait_doctor', 5, 'median_wait_minutes', 'Median wait, nearest rank.', NULL),
('rpt_queue_wait_doctor', 6, 'p90_wait_minutes', '90th percentile wait, nearest rank.', NULL);
