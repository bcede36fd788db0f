-- rpt_lab_turnaround
-- For analysts: lab orders per day and test, how many were cancelled, resulted and verified, the
-- abnormal rate, and the turnaround from ordering to the result and to verification.
-- Grain: one row per day of ordering and lab test with at least one order.
--   order_day: the day the test was ordered; lab_test_id, test_code, test_name: the test.
--   orders: all orders; cancelled: cancelled ones; resulted: orders with a result (status resulted or
--     verified); verified: verified ones (final results).
--   abnormal: results outside the reference range copied onto the order (flag low or high); a result
--     with no range (or a text result) is never abnormal. abnormal_rate = abnormal / resulted, to 4
--     places (NULL when nothing is resulted).
--   avg_minutes_to_result / median_minutes_to_result: minutes from ordering to the (latest) result
--     entry over the resulted orders; the median by the nearest-rank method (the ceil(n/2)-th smallest).
--   avg_minutes_to_verify: minutes from ordering to verification over the verified orders.
-- Minutes are exact to the second, then rounded to one decimal. No patient or visit is identified.
-- Speed: the view reads the summary report_lab_day (0077), which the lab_order triggers keep in the
-- same transaction as each order, result, verification or cancellation (always current), one row per day
-- and test, the median included; a filter on order_day reads only those days.
DROP VIEW IF EXISTS rpt_lab_turnaround;
CREATE SQL SECURITY DEFINER VIEW rpt_lab_turnaround AS
SELECT d.order_day,
       d.lab_test_id,
       t.code AS test_code,
       t.name AS test_name,
       CAST(d.orders AS SIGNED) AS orders,
       CAST(d.cancelled AS SIGNED) AS cancelled,
       CAST(d.resulted AS SIGNED) AS resulted,
       CAST(d.verified AS SIGNED) AS verified,
       CAST(d.abnormal AS SIGNED) AS abnormal,
       CAST(ROUND(d.abnormal / NULLIF(d.resulted, 0), 4) AS DECIMAL(5,4)) AS abnormal_rate,
       CAST(ROUND(CAST(d.result_seconds AS DECIMAL(20,0)) / NULLIF(d.resulted, 0) / 60, 1) AS DECIMAL(12,1)) AS avg_minutes_to_result,
       CAST(ROUND(d.median_result_seconds / 60, 1) AS DECIMAL(12,1)) AS median_minutes_to_result,
       CAST(ROUND(CAST(d.verify_seconds AS DECIMAL(20,0)) / NULLIF(d.verified, 0) / 60, 1) AS DECIMAL(12,1)) AS avg_minutes_to_verify
  FROM report_lab_day AS d
  JOIN lab_test AS t ON t.lab_test_id = d.lab_test_id;

DELETE FROM report_catalog WHERE view_name = 'rpt_lab_turnaround';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_lab_turnaround', 0, NULL, 'Lab orders per day of ordering and test: cancelled, resulted and verified counts, the abnormal rate, and the minutes from ordering to the result and to verification.', 'Always current: a summary kept by the lab order triggers in the same transaction as each order, result, verification or cancellation (0077); filter on order_day.'),
('rpt_lab_turnaround', 1, 'order_day', 'The day the tests were ordered.', NULL),
('rpt_lab_turnaround', 2, 'lab_test_id', 'The lab test (catalogue id).', NULL),
('rpt_lab_turnaround', 3, 'test_code', 'The test''s code.', NULL),
('rpt_lab_turnaround', 4, 'test_name', 'The test''s name.', NULL),
('rpt_lab_turnaround', 5, 'orders', 'Orders placed that day, whatever became of them.', NULL),
('rpt_lab_turnaround', 6, 'cancelled', 'Of those, cancelled orders.', NULL),
('rpt_lab_turnaround', 7, 'resulted', 'Of those, orders with a result entered (resulted or verified).', NULL),
('rpt_lab_turnaround', 8, 'verified', 'Of those, orders whose result is verified (final).', NULL),
('rpt_lab_turnaround', 9, 'abnormal', 'Results outside the reference range that applied to the patient (flagged low or high); results without a range are never abnormal.', NULL),
('rpt_lab_turnaround', 10, 'abnormal_rate', 'abnormal / resulted, to 4 places; NULL when nothing is resulted.', NULL),
('rpt_lab_turnaround', 11, 'avg_minutes_to_result', 'Average minutes from ordering to the result entry (the latest correction if corrected), over the resulted orders, to one decimal.', NULL),
('rpt_lab_turnaround', 12, 'median_minutes_to_result', 'Median of the same minutes by the nearest-rank method (the ceil(n/2)-th smallest), to one decimal.', NULL),
('rpt_lab_turnaround', 13, 'avg_minutes_to_verify', 'Average minutes from ordering to verification, over the verified orders, to one decimal.', NULL);
