-- rpt_queue_wait
-- For analysts: the walk-in queue per clinic day and priority: arrivals, and how long the patients who
-- were seen waited from arrival to the start of their consultation.
-- Grain: one row per clinic day and priority (emergency, urgent, normal) with any arrival.
-- Columns: clinic_day, priority, arrivals (queue entries), seen (consultation started), cancelled
-- (removed from the queue), median_wait_minutes, p90_wait_minutes, max_wait_minutes (arrival ->
-- start over the entries seen, in minutes with one decimal; NULL when nobody was seen). Median and
-- 90th percentile use the nearest-rank method: the wait at rank CEIL(0.5 * seen) and CEIL(0.9 * seen)
-- of the waits in ascending order, so each is a wait that actually happened. No patient is identified.
-- Speed: the view reads the summary report_queue_day (0086), which the queue_entry triggers keep in the
-- same transaction as each arrival, priority change, call or cancellation (always current), one row per
-- day and priority, the median, 90th percentile and longest wait included; a filter on clinic_day reads
-- only those days.
DROP VIEW IF EXISTS rpt_queue_wait;
CREATE SQL SECURITY DEFINER VIEW rpt_queue_wait AS
SELECT d.clinic_day,
       d.priority,
       CAST(d.arrivals AS SIGNED) AS arrivals,
       CAST(d.seen AS SIGNED) AS seen,
       CAST(d.cancelled AS SIGNED) AS cancelled,
       CAST(ROUND(d.median_wait_seconds / 60, 1) AS DECIMAL(9,1)) AS median_wait_minutes,
       CAST(ROUND(d.p90_wait_seconds / 60, 1) AS DECIMAL(9,1)) AS p90_wait_minutes,
       CAST(ROUND(d.max_wait_seconds / 60, 1) AS DECIMAL(9,1)) AS max_wait_minutes
  FROM report_queue_day AS d;

DELETE FROM report_catalog WHERE view_name = 'rpt_queue_wait';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_queue_wait', 0, NULL, 'The walk-in queue per clinic day and priority: arrivals, and the wait from arrival to the start of the consultation of those seen. One row per clinic day and priority with any arrival. Median and 90th percentile by the nearest-rank method.', 'Always current: a summary kept by the queue triggers in the same transaction as each arrival, priority change, call or cancellation (0086); filter on clinic_day.'),
('rpt_queue_wait', 1, 'clinic_day', 'The queue''s clinic day.', NULL),
('rpt_queue_wait', 2, 'priority', 'emergency, urgent or normal (the priority the entry has now).', NULL),
('rpt_queue_wait', 3, 'arrivals', 'Queue entries that day with that priority.', NULL),
('rpt_queue_wait', 4, 'seen', 'Entries whose consultation started.', NULL),
('rpt_queue_wait', 5, 'cancelled', 'Entries removed from the queue.', NULL),
('rpt_queue_wait', 6, 'median_wait_minutes', 'Median wait in minutes (one decimal) from arrival to start over the entries seen: the wait at rank CEIL(0.5 x seen) in ascending order; empty (NULL) when nobody was seen.', NULL),
('rpt_queue_wait', 7, 'p90_wait_minutes', '90th-percentile wait in minutes: the wait at rank CEIL(0.9 x seen) in ascending order; empty (NULL) when nobody was seen.', NULL),
('rpt_queue_wait', 8, 'max_wait_minutes', 'The longest wait in minutes of the entries seen; empty (NULL) when nobody was seen.', NULL);
