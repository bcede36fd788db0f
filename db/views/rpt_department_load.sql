-- rpt_department_load
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper OPS writes the real one, which replaces this file at merge.
-- Grain: one row per business day and department. Columns: business_day, department, appointments
-- (not cancelled), walk_ins (queue entries not cancelled; 'Unassigned' without a doctor), visits,
-- share_of_day.
DROP VIEW IF EXISTS rpt_department_load;
CREATE SQL SECURITY DEFINER VIEW rpt_department_load AS
SELECT x.business_day,
       x.department,
       CAST(SUM(x.appointments) AS SIGNED) AS appointments,
       CAST(SUM(x.walk_ins) AS SIGNED) AS walk_ins,
       CAST(SUM(x.visits) AS SIGNED) AS visits,
       CAST(ROUND((SUM(x.appointments) + SUM(x.walk_ins))
                  / NULLIF(SUM(SUM(x.appointments) + SUM(x.walk_ins)) OVER (PARTITION BY x.business_day), 0), 4) AS DECIMAL(9,4)) AS share_of_day
  FROM (SELECT DATE(a.starts_at) AS business_day, COALESCE(d.name, 'No department') AS department,
               1 AS appointments, 0 AS walk_ins, 0 AS visits
          FROM appointment AS a
          JOIN staff AS s ON s.staff_id = a.staff_id
          LEFT JOIN department AS d ON d.department_id = s.department_id
         WHERE a.status <> 'cancelled'
        UNION ALL
        SELECT q.clinic_day, CASE WHEN q.staff_id IS NULL THEN 'Unassigned' ELSE COALESCE(d.name, 'No department') END,
               0, 1, 0
          FROM queue_entry AS q
          LEFT JOIN staff AS s ON s.staff_id = q.staff_id
          LEFT JOIN department AS d ON d.department_id = s.department_id
         WHERE q.status <> 'cancelled'
        UNION ALL
        SELECT DATE(v.started_at), COALESCE(d.name, 'No department'), 0, 0, 1
          FROM visit AS v
          LEFT JOIN staff AS s ON s.staff_id = v.staff_id
          LEFT JOIN department AS d ON d.department_id = s.department_id) AS x
 GROUP BY x.business_day, x.department;

DELETE FROM report_catalog WHERE view_name = 'rpt_department_load';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_department_load', 0, NULL, 'Load per business day and department: appointments, walk-ins and visits (stand-in).', 'Live: computed on every query.'),
('rpt_department_load', 1, 'business_day', 'The day.', NULL),
('rpt_department_load', 2, 'department', 'The department of the doctor; Unassigned for walk-ins without a doctor.', NULL),
('rpt_department_load', 3, 'appointments', 'Appointments that day, not cancelled.', NULL),
('rpt_department_load', 4, 'walk_ins', 'Walk-ins of the queue that day, not cancelled.', NULL),
('rpt_department_load', 5, 'visits', 'Visits opened that day.', NULL),
('rpt_department_load', 6, 'share_of_day', 'The department''s appointments and walk-ins over the day''s total.', NULL);
