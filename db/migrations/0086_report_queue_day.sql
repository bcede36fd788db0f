-- 0086_report_queue_day.sql
-- A summary for rpt_queue_wait (issue 12: one year of every analyst view in 1 s on the benchmark's
-- 292,000 queue entries). The view ranked a year's entries twice per clinic day and priority on each
-- query to find the median and 90th-percentile waits (1.6-2.0 s on MySQL). The queue_entry triggers now
-- keep, in the same transaction as the entry (always current):
--   report_queue_day: per clinic day and priority, the arrivals, the entries seen (started_at set) and
--     cancelled, and over the entries seen the median, 90th-percentile and longest wait in seconds from
--     arrival to the start of the consultation (the ceil(0.5 n)-th and ceil(0.9 n)-th smallest of the
--     n waits, the nearest-rank method, as the view defined them).
--   report_queue_wait_time: per clinic day and priority, how many entries seen waited each number of
--     seconds. The k-th smallest wait is found from these few rows, never from queue_entry itself, so
--     two doctors calling patients of the same day and priority at once queue on the day's summary row
--     instead of waiting on each other's queue entries.
-- internal/report_queue_entry_add adds (+1) or takes away (-1) one entry's share and
-- internal/report_queue_day_waits works out the waits again; the triggers queue_entry_report_insert,
-- _update and _delete call them with the OLD and NEW rows, writing the day rows in key order. Derived
-- data, like the tables of 0065, 0068 and 0077: not audited (the queue entries are), filled from scratch
-- below, and ReportQueueSummaryTests compares the view with the live computation after every kind of change.
CREATE TABLE report_queue_day (
    clinic_day          DATE       NOT NULL,
    priority            VARCHAR(9) NOT NULL,
    arrivals            INT        NOT NULL,
    seen                INT        NOT NULL,
    cancelled           INT        NOT NULL,
    median_wait_seconds BIGINT     NULL,
    p90_wait_seconds    BIGINT     NULL,
    max_wait_seconds    BIGINT     NULL,
    PRIMARY KEY (clinic_day, priority)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE report_queue_wait_time (
    clinic_day   DATE       NOT NULL,
    priority     VARCHAR(9) NOT NULL,
    wait_seconds BIGINT     NOT NULL,
    entries      INT        NOT NULL,
    PRIMARY KEY (clinic_day, priority, wait_seconds)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_queue_wait_time (clinic_day, priority, wait_seconds, entries)
SELECT q.clinic_day, q.priority, TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at), COUNT(*)
  FROM queue_entry AS q
 WHERE q.started_at IS NOT NULL
 GROUP BY q.clinic_day, q.priority, TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at);

INSERT INTO report_queue_day (clinic_day, priority, arrivals, seen, cancelled,
                              median_wait_seconds, p90_wait_seconds, max_wait_seconds)
SELECT q.clinic_day, q.priority,
       COUNT(*),
       SUM(CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END),
       SUM(CASE WHEN q.status = 'cancelled' THEN 1 ELSE 0 END),
       NULL, NULL,
       MAX(TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at))
  FROM queue_entry AS q
 GROUP BY q.clinic_day, q.priority;

-- The median and 90th percentile: the smallest wait whose running count of entries seen reaches
-- ceil(0.5 n) and ceil(0.9 n).
UPDATE report_queue_day AS d
  JOIN (SELECT c.clinic_day, c.priority,
               MIN(CASE WHEN c.running >= CEILING(0.5 * x.seen) THEN c.wait_seconds END) AS median_wait_seconds,
               MIN(CASE WHEN c.running >= CEILING(0.9 * x.seen) THEN c.wait_seconds END) AS p90_wait_seconds
          FROM (SELECT t.clinic_day, t.priority, t.wait_seconds,
                       SUM(t.entries) OVER (PARTITION BY t.clinic_day, t.priority ORDER BY t.wait_seconds) AS running
                  FROM report_queue_wait_time AS t) AS c
          JOIN report_queue_day AS x ON x.clinic_day = c.clinic_day AND x.priority = c.priority
         GROUP BY c.clinic_day, c.priority) AS m
    ON m.clinic_day = d.clinic_day AND m.priority = d.priority
   SET d.median_wait_seconds = m.median_wait_seconds,
       d.p90_wait_seconds = m.p90_wait_seconds;
