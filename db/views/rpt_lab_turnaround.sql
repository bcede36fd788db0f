-- rpt_lab_turnaround
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper CLIN writes the real one, which replaces this file at merge. Its median is
-- the average.
-- Grain: one row per order day and lab test. Columns: order_day, lab_test_id, test_code, test_name,
-- orders, cancelled, resulted, verified, abnormal, abnormal_rate, avg_minutes_to_result,
-- median_minutes_to_result, avg_minutes_to_verify.
DROP VIEW IF EXISTS rpt_lab_turnaround;
CREATE SQL SECURITY DEFINER VIEW rpt_lab_turnaround AS
SELECT DATE(o.ordered_at) AS order_day,
       t.lab_test_id,
       t.code AS test_code,
       t.name AS test_name,
       CAST(COUNT(*) AS SIGNED) AS orders,
       CAST(SUM(o.status = 'cancelled') AS SIGNED) AS cancelled,
       CAST(SUM(o.resulted_at IS NOT NULL) AS SIGNED) AS resulted,
       CAST(SUM(o.verified_at IS NOT NULL) AS SIGNED) AS verified,
       CAST(SUM(o.resulted_at IS NOT NULL AND o.abnormal_flag IN ('low', 'high')) AS SIGNED) AS abnormal,
       CAST(ROUND(SUM(o.resulted_at IS NOT NULL AND o.abnormal_flag IN ('low', 'high')) / NULLIF(SUM(o.resulted_at IS NOT NULL), 0), 4) AS DECIMAL(9,4)) AS abnormal_rate,
       CAST(ROUND(AVG(TIMESTAMPDIFF(SECOND, o.ordered_at, o.resulted_at)) / 60, 1) AS DECIMAL(9,1)) AS avg_minutes_to_result,
       CAST(ROUND(AVG(TIMESTAMPDIFF(SECOND, o.ordered_at, o.resulted_at)) / 60, 1) AS DECIMAL(9,1)) AS median_minutes_to_result,
       CAST(ROUND(AVG(TIMESTAMPDIFF(SECOND, o.ordered_at, o.verified_at)) / 60, 1) AS DECIMAL(9,1)) AS avg_minutes_to_verify
  FROM lab_order AS o
  JOIN lab_test AS t ON t.lab_test_id = o.lab_test_id
 GROUP BY DATE(o.ordered_at), t.lab_test_id, t.code, t.name;

DELETE FROM report_catalog WHERE view_name = 'rpt_lab_turnaround';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_lab_turnaround', 0, NULL, 'Lab orders per day and test with turnaround (stand-in).', 'Live: computed on every query.'),
('rpt_lab_turnaround', 1, 'order_day', 'The day ordered.', NULL),
('rpt_lab_turnaround', 2, 'lab_test_id', 'The test.', NULL),
('rpt_lab_turnaround', 3, 'test_code', 'The test''s code.', NULL),
('rpt_lab_turnaround', 4, 'test_name', 'The test''s name.', NULL),
('rpt_lab_turnaround', 5, 'orders', 'Orders placed.', NULL),
('rpt_lab_turnaround', 6, 'cancelled', 'Orders cancelled.', NULL),
('rpt_lab_turnaround', 7, 'resulted', 'Orders with a result.', NULL),
('rpt_lab_turnaround', 8, 'verified', 'Orders verified.', NULL),
('rpt_lab_turnaround', 9, 'abnormal', 'Results flagged low or high.', NULL),
('rpt_lab_turnaround', 10, 'abnormal_rate', 'abnormal / resulted.', NULL),
('rpt_lab_turnaround', 11, 'avg_minutes_to_result', 'Average minutes from order to result.', NULL),
('rpt_lab_turnaround', 12, 'median_minutes_to_result', 'Median minutes from order to result.', NULL),
('rpt_lab_turnaround', 13, 'avg_minutes_to_verify', 'Average minutes from order to verification.', NULL);
