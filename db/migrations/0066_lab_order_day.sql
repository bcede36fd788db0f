-- 0066_lab_order_day.sql
-- The day a lab test was ordered, as an indexed generated column, for rpt_lab_turnaround (issue 12).
-- The view ranks each day's results per test (ROW_NUMBER, for the median turnaround). Both engines push an
-- analyst's filter on order_day (e.g. WHERE order_day BETWEEN ...) through the grouping and into the ranking
-- only when the window is partitioned by a column, not by DATE(ordered_at); on this column the filter becomes a
-- range on ix_lab_order_ordered_on instead of a scan and sort of every lab order ever placed. The index covers
-- everything the view reads (test, status, the three times and the abnormal flag), so the rows are not read.
-- VIRTUAL, like the days of 0064: nothing is stored in the rows; only the index holds the day.
ALTER TABLE lab_order
    ADD COLUMN ordered_on DATE AS (DATE(ordered_at)) VIRTUAL,
    ADD KEY ix_lab_order_ordered_on (ordered_on, lab_test_id, status, ordered_at, resulted_at, verified_at, abnormal_flag);
