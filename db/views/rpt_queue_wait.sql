-- rpt_queue_wait
-- STAND-IN (helper DASH) for the OPS helper's view: same name and columns, simple SQL, replaced at merge.
-- Grain: one row per clinic day and priority. Columns: clinic_day, priority, arrivals, seen, cancelled,
-- median_wait_minutes, p90_wait_minutes, max_wait_minutes (nearest rank, arrival to start, seen entries).
DROP VIEW IF EXISTS rpt_queue_wait;
CREATE SQL SECURITY DEFINER VIEW rpt_queue_wait AS
SELECT q.clinic_day,
       q.priority,
       COUNT(*) AS arrivals,
       CAST(SUM(q.started_at IS NOT NULL) AS SIGNED) AS seen,
       CAST(SUM(q.status = 'cancelled') AS SIGNED) AS cancelled,
       CAST(MIN(CASE WHEN w.rn >= CEIL(0.5 * w.n) THEN w.wait END) AS DECIMAL(9,1)) AS median_wait_minutes,
       CAST(MIN(CASE WHEN w.rn >= CEIL(0.9 * w.n) THEN w.wait END) AS DECIMAL(9,1)) AS p90_wait_minutes,
       CAST(MAX(w.wait) AS DECIMAL(9,1)) AS max_wait_minutes
  FROM queue_entry AS q
  LEFT JOIN (SELECT e.queue_entry_id,
                    TIMESTAMPDIFF(SECOND, e.arrived_at, e.started_at) / 60 AS wait,
                    ROW_NUMBER() OVER (PARTITION BY e.clinic_day, e.priority ORDER BY TIMESTAMPDIFF(SECOND, e.arrived_at, e.started_at)) AS rn,
                    COUNT(*) OVER (PARTITION BY e.clinic_day, e.priority) AS n
               FROM queue_entry AS e
              WHERE e.started_at IS NOT NULL) AS w ON w.queue_entry_id = q.queue_entry_id
 GROUP BY q.clinic_day, q.priority;

DELETE FROM report_catalog WHERE view_name = 'rpt_queue_wait';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_queue_wait', 0, NULL, 'Queue waits per clinic day and priority.', 'Live: computed on every query.'),
('rpt_queue_wait', 1, 'clinic_day', 'The clinic day.', NULL),
('rpt_queue_wait', 2, 'priority', 'emergency, urgent or normal.', NULL),
('rpt_queue_wait', 3, 'arrivals', 'Entries that day.', NULL),
('rpt_queue_wait', 4, 'seen', 'Entries whose consultation started.', NULL),
('rpt_queue_wait', 5, 'cancelled', 'Entries taken off the queue.', NULL),
('rpt_queue_wait', 6, 'median_wait_minutes', 'Median wait from arrival to start, nearest rank.', NULL),
('rpt_queue_wait', 7, 'p90_wait_minutes', '90th percentile wait, nearest rank.', NULL),
('rpt_queue_wait', 8, 'max_wait_minutes', 'Longest wait.', NULL);
