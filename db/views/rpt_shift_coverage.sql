-- rpt_shift_coverage
-- For analysts: staff on shift per day, department and role (seed 003).
-- Grain: one row per calendar day, department and staff role with at least one shift overlapping that
-- day. A shift that runs past midnight counts on both days, each with its own minutes (shifts last at
-- most 24 hours, staff_shift_add checks it, so a shift touches at most two days; the view counts up to
-- three).
-- Columns: shift_day, department (the staff member's department today, else 'No department'),
-- staff_role (doctor, nurse, pharmacist, receptionist, billing_clerk, admin), staff_on_shift (distinct
-- staff with a shift overlapping that day), shift_minutes (minutes of those shifts inside that day).
DROP VIEW IF EXISTS rpt_shift_coverage;
CREATE SQL SECURITY DEFINER VIEW rpt_shift_coverage AS
SELECT x.shift_day,
       COALESCE(d.name, 'No department') AS department,
       s.staff_role,
       CAST(COUNT(DISTINCT x.staff_id) AS SIGNED) AS staff_on_shift,
       CAST(SUM(x.minutes) AS SIGNED) AS shift_minutes
  FROM (SELECT DATE(sh.starts_at) + INTERVAL n.n DAY AS shift_day,
               sh.staff_id,
               TIMESTAMPDIFF(MINUTE,
                             GREATEST(sh.starts_at, CAST(DATE(sh.starts_at) AS DATETIME) + INTERVAL n.n DAY),
                             LEAST(sh.ends_at, CAST(DATE(sh.starts_at) AS DATETIME) + INTERVAL (n.n + 1) DAY)) AS minutes
          FROM staff_shift AS sh
          JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) AS n
            ON CAST(DATE(sh.starts_at) AS DATETIME) + INTERVAL n.n DAY < sh.ends_at) AS x
  JOIN staff AS s ON s.staff_id = x.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
 GROUP BY x.shift_day, COALESCE(d.name, 'No department'), s.staff_role;

DELETE FROM report_catalog WHERE view_name = 'rpt_shift_coverage';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_shift_coverage', 0, NULL, 'Staff on shift per day, department and role. One row per calendar day, department and role with a shift overlapping that day; a shift past midnight counts on both days with the minutes of each.', 'Live: computed from the staff shifts on every query; filter on shift_day.'),
('rpt_shift_coverage', 1, 'shift_day', 'The calendar day.', NULL),
('rpt_shift_coverage', 2, 'department', 'The staff member''s department today, else No department.', NULL),
('rpt_shift_coverage', 3, 'staff_role', 'doctor, nurse, pharmacist, receptionist, billing_clerk or admin.', NULL),
('rpt_shift_coverage', 4, 'staff_on_shift', 'Distinct staff with a shift overlapping that day.', NULL),
('rpt_shift_coverage', 5, 'shift_minutes', 'Minutes of those shifts that fall inside that day.', NULL);
