-- rpt_queue_wait
-- For analysts: the walk-in queue per clinic day and priority: arrivals, and how long the patients who
-- were seen waited from arrival to the start of their consultation.
-- Grain: one row per clinic day and priority (emergency, urgent, normal) with any arrival.
-- Columns: clinic_day, priority, arrivals (queue entries), seen (consultation started), cancelled
-- (removed from the queue), median_wait_minutes, p90_wait_minutes, max_wait_minutes (arrival ->
-- start over the entries seen, in minutes with one decimal; NULL when nobody was seen). Median and
-- 90th percentile use the nearest-rank method: the wait at rank CEIL(0.5 * seen) and CEIL(0.9 * seen)
-- of the waits in ascending order, so each is a wait that actually happened. No patient is identified.
DROP VIEW IF EXISTS rpt_queue_wait;
CREATE SQL SECURITY DEFINER VIEW rpt_queue_wait AS
SELECT w.clinic_day,
       w.priority,
       CAST(COUNT(*) AS SIGNED) AS arrivals,
       CAST(SUM(w.is_seen) AS SIGNED) AS seen,
       CAST(SUM(CASE WHEN w.status = 'cancelled' THEN 1 ELSE 0 END) AS SIGNED) AS cancelled,
       CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.5 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS median_wait_minutes,
       CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 AND w.wait_rank = CEIL(0.9 * w.seen_count) THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS p90_wait_minutes,
       CAST(ROUND(MAX(CASE WHEN w.is_seen = 1 THEN w.wait_seconds END) / 60, 1) AS DECIMAL(9,1)) AS max_wait_minutes
  FROM (SELECT q.clinic_day,
               q.priority,
               q.status,
               CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END AS is_seen,
               TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds,
               ROW_NUMBER() OVER (PARTITION BY q.clinic_day, q.priority, CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END
                                  ORDER BY TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), q.queue_entry_id) AS wait_rank,
               SUM(CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END) OVER (PARTITION BY q.clinic_day, q.priority) AS seen_count
          FROM queue_entry AS q) AS w
 GROUP BY w.clinic_day, w.priority;

DELETE FROM report_catalog WHERE view_name = 'rpt_queue_wait';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_queue_wait', 0, NULL, 'The walk-in queue per clinic day and priority: arrivals, and the wait from arrival to the start of the consultation of those seen. One row per clinic day and priority with any arrival. Median and 90th percentile by the nearest-rank method.', 'Live: computed from the queue on every query; filter on clinic_day.'),
('rpt_queue_wait', 1, 'clinic_day', 'The queue''s clinic day.', NULL),
('rpt_queue_wait', 2, 'priority', 'emergency, urgent or normal (the priority the entry has now).', NULL),
('rpt_queue_wait', 3, 'arrivals', 'Queue entries that day with that priority.', NULL),
('rpt_queue_wait', 4, 'seen', 'Entries whose consultation started.', NULL),
('rpt_queue_wait', 5, 'cancelled', 'Entries removed from the queue.', NULL),
('rpt_queue_wait', 6, 'median_wait_minutes', 'Median wait in minutes (one decimal) from arrival to start over the entries seen: the wait at rank CEIL(0.5 x seen) in ascending order; empty (NULL) when nobody was seen.', NULL),
('rpt_queue_wait', 7, 'p90_wait_minutes', '90th-percentile wait in minutes: the wait at rank CEIL(0.9 x seen) in ascending order; empty (NULL) when nobody was seen.', NULL),
('rpt_queue_wait', 8, 'max_wait_minutes', 'The longest wait in minutes of the entries seen; empty (NULL) when nobody was seen.', NULL);
