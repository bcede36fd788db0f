-- rpt_department_load
-- For analysts: how the day's work is spread over the departments (seed 004's distribution of
-- appointments across departments).
-- Grain: one row per business day and department with any appointment, walk-in or visit that day.
-- Columns: business_day, department (the department of the doctor today, 'No department' for a doctor
-- without one; walk-ins and visits with no doctor yet: 'Unassigned'), appointments (appointments
-- starting that day, not cancelled), walk_ins (queue entries of that clinic day, not cancelled, under
-- the department of the doctor they are assigned to or were seen by), visits (visits opened that day
-- by the department's doctors, from appointments and walk-ins alike), share_of_day ((appointments +
-- walk_ins) / the day's total of both, 4 places; NULL when the day has none). No patient is identified.
-- Every column of every UNION branch has a short alias: MySQL stores an unnamed expression under its
-- text as the column name, and a name over 64 characters makes the view's own SHOW CREATE VIEW (and so
-- a mysqldump of it) fail to load (error 1166).
DROP VIEW IF EXISTS rpt_department_load;
CREATE SQL SECURITY DEFINER VIEW rpt_department_load AS
SELECT g.business_day,
       g.department,
       CAST(g.appointments AS SIGNED) AS appointments,
       CAST(g.walk_ins AS SIGNED) AS walk_ins,
       CAST(g.visits AS SIGNED) AS visits,
       CAST(ROUND((g.appointments + g.walk_ins)
                  / NULLIF(SUM(g.appointments + g.walk_ins) OVER (PARTITION BY g.business_day), 0), 4) AS DECIMAL(9,4)) AS share_of_day
  FROM (SELECT e.business_day,
               e.department,
               SUM(e.appointments) AS appointments,
               SUM(e.walk_ins) AS walk_ins,
               SUM(e.visits) AS visits
          FROM (SELECT x.business_day, COALESCE(d.name, 'No department') AS department,
                       x.n AS appointments, 0 AS walk_ins, 0 AS visits
                  FROM (SELECT r.appointment_day AS business_day, r.staff_id, SUM(r.not_cancelled) AS n
                          FROM report_appointment_day AS r
                         GROUP BY r.appointment_day, r.staff_id
                        HAVING SUM(r.not_cancelled) > 0) AS x
                  JOIN staff AS s ON s.staff_id = x.staff_id
                  LEFT JOIN department AS d ON d.department_id = s.department_id
                UNION ALL
                SELECT y.clinic_day AS business_day,
                       CASE WHEN y.assigned = 0 THEN 'Unassigned' ELSE COALESCE(d.name, 'No department') END AS department,
                       0 AS appointments, y.n AS walk_ins, 0 AS visits
                  FROM (SELECT q.clinic_day, CASE WHEN q.staff_id IS NULL THEN 0 ELSE 1 END AS assigned, s.department_id,
                               COUNT(*) AS n
                          FROM queue_entry AS q
                          LEFT JOIN staff AS s ON s.staff_id = q.staff_id
                         WHERE q.status <> 'cancelled'
                         GROUP BY q.clinic_day, CASE WHEN q.staff_id IS NULL THEN 0 ELSE 1 END, s.department_id) AS y
                  LEFT JOIN department AS d ON d.department_id = y.department_id
                UNION ALL
                SELECT z.business_day AS business_day,
                       CASE WHEN z.assigned = 0 THEN 'Unassigned' ELSE COALESCE(d.name, 'No department') END AS department,
                       0 AS appointments, 0 AS walk_ins, z.n AS visits
                  FROM (SELECT v.started_on AS business_day, CASE WHEN v.staff_id IS NULL THEN 0 ELSE 1 END AS assigned,
                               v.staff_id, COUNT(*) AS n
                          FROM visit AS v
                         GROUP BY v.started_on, v.staff_id) AS z
                  LEFT JOIN staff AS s ON s.staff_id = z.staff_id
                  LEFT JOIN department AS d ON d.department_id = s.department_id) AS e
         GROUP BY e.business_day, e.department) AS g;

DELETE FROM report_catalog WHERE view_name = 'rpt_department_load';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_department_load', 0, NULL, 'How each day''s work is spread over the departments: appointments, walk-ins and visits. One row per business day and department with any of them that day.', 'Always current: appointments from the summary report_appointment_day (kept by triggers in the same transaction), the queue and visits read live; filter on business_day.'),
('rpt_department_load', 1, 'business_day', 'The day: the appointment''s start, the queue''s clinic day, the day the visit was opened.', NULL),
('rpt_department_load', 2, 'department', 'The department of the doctor today (No department for a doctor without one); Unassigned for walk-ins and visits with no doctor.', NULL),
('rpt_department_load', 3, 'appointments', 'Appointments starting that day with the department''s doctors, not cancelled.', NULL),
('rpt_department_load', 4, 'walk_ins', 'Queue entries of that clinic day, not cancelled, assigned to or seen by the department''s doctors; waiting unassigned ones count under Unassigned.', NULL),
('rpt_department_load', 5, 'visits', 'Visits opened that day by the department''s doctors, from appointments and walk-ins alike.', NULL),
('rpt_department_load', 6, 'share_of_day', '(appointments + walk_ins) over the day''s total of both across departments, rounded to 4 places; empty (NULL) when the day has none.', NULL);
