-- 0077_report_lab_day.sql
-- A summary for rpt_lab_turnaround (issue 12: one year of every analyst view in 1 s on the benchmark's
-- 317,000 lab orders). The view ranked a year's orders per day and test on each query to find the median
-- turnaround (1.3 s on MariaDB). The lab_order triggers now keep, in the same transaction as the order
-- (always current):
--   report_lab_day: per day of ordering and test, the counts (orders, cancelled, resulted, verified,
--     abnormal), the sums of the seconds to the result and to verification, and the median seconds to
--     the result (the ceil(n/2)-th smallest, as the view defined it).
--   report_lab_result_time: per day and test, how many resulted orders took each number of seconds. The
--     median is found from these few rows, never from lab_order itself, so two lab staff resulting orders
--     of the same test and day at once queue on the day's summary row instead of waiting on each other's
--     lab orders (which would deadlock).
-- internal/report_lab_order_add adds (+1) or takes away (-1) one order's share; the triggers
-- lab_order_report_insert, _update and _delete call it with the OLD and NEW rows. Derived data, like the
-- tables of 0065 and 0068: not audited (the lab orders are), filled from scratch below, and
-- ReportSummaryTests compares the view with the live computation after every kind of change.
CREATE TABLE report_lab_day (
    order_day             DATE         NOT NULL,
    lab_test_id           INT UNSIGNED NOT NULL,
    orders                INT          NOT NULL,
    cancelled             INT          NOT NULL,
    resulted              INT          NOT NULL,
    verified              INT          NOT NULL,
    abnormal              INT          NOT NULL,
    result_seconds        BIGINT       NOT NULL,
    verify_seconds        BIGINT       NOT NULL,
    median_result_seconds BIGINT       NULL,
    PRIMARY KEY (order_day, lab_test_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE report_lab_result_time (
    order_day      DATE         NOT NULL,
    lab_test_id    INT UNSIGNED NOT NULL,
    result_seconds BIGINT       NOT NULL,
    orders         INT          NOT NULL,
    PRIMARY KEY (order_day, lab_test_id, result_seconds)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_lab_result_time (order_day, lab_test_id, result_seconds, orders)
SELECT DATE(lo.ordered_at), lo.lab_test_id, TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.resulted_at), COUNT(*)
  FROM lab_order AS lo
 WHERE lo.status IN ('resulted', 'verified')
 GROUP BY DATE(lo.ordered_at), lo.lab_test_id, TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.resulted_at);

INSERT INTO report_lab_day (order_day, lab_test_id, orders, cancelled, resulted, verified, abnormal,
                            result_seconds, verify_seconds, median_result_seconds)
SELECT DATE(lo.ordered_at), lo.lab_test_id,
       COUNT(*),
       SUM(CASE WHEN lo.status = 'cancelled' THEN 1 ELSE 0 END),
       SUM(CASE WHEN lo.status IN ('resulted', 'verified') THEN 1 ELSE 0 END),
       SUM(CASE WHEN lo.status = 'verified' THEN 1 ELSE 0 END),
       SUM(CASE WHEN lo.status IN ('resulted', 'verified') AND lo.abnormal_flag IN ('low', 'high') THEN 1 ELSE 0 END),
       COALESCE(SUM(CASE WHEN lo.status IN ('resulted', 'verified') THEN TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.resulted_at) END), 0),
       COALESCE(SUM(CASE WHEN lo.status = 'verified' THEN TIMESTAMPDIFF(SECOND, lo.ordered_at, lo.verified_at) END), 0),
       NULL
  FROM lab_order AS lo
 GROUP BY DATE(lo.ordered_at), lo.lab_test_id;

-- The medians: the smallest time whose running count of results reaches ceil(n/2).
UPDATE report_lab_day AS d
  JOIN (SELECT c.order_day, c.lab_test_id, MIN(c.result_seconds) AS median_result_seconds
          FROM (SELECT t.order_day, t.lab_test_id, t.result_seconds,
                       SUM(t.orders) OVER (PARTITION BY t.order_day, t.lab_test_id ORDER BY t.result_seconds) AS running
                  FROM report_lab_result_time AS t) AS c
          JOIN report_lab_day AS x ON x.order_day = c.order_day AND x.lab_test_id = c.lab_test_id
         WHERE c.running >= CEILING(x.resulted / 2)
         GROUP BY c.order_day, c.lab_test_id) AS m
    ON m.order_day = d.order_day AND m.lab_test_id = d.lab_test_id
   SET d.median_result_seconds = m.median_result_seconds;
