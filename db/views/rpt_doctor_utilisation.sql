-- rpt_doctor_utilisation
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper OPS writes the real one, which replaces this file at merge. This stand-in
-- only has the days with bookings and ignores schedule exceptions.
-- Grain: one row per doctor and day. Columns: work_day, staff_id, doctor_name, department,
-- working_minutes, booked_minutes, utilisation.
DROP VIEW IF EXISTS rpt_doctor_utilisation;
CREATE SQL SECURITY DEFINER VIEW rpt_doctor_utilisation AS
SELECT b.work_day,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COALESCE(d.name, 'No department') AS department,
       CAST(COALESCE(w.minutes, 0) AS SIGNED) AS working_minutes,
       CAST(b.booked_minutes AS SIGNED) AS booked_minutes,
       CAST(ROUND(b.booked_minutes / NULLIF(w.minutes, 0), 4) AS DECIMAL(9,4)) AS utilisation
  FROM (SELECT a.staff_id, DATE(a.starts_at) AS work_day, SUM(TIMESTAMPDIFF(MINUTE, a.starts_at, a.ends_at)) AS booked_minutes
          FROM appointment AS a
         WHERE a.status <> 'cancelled'
         GROUP BY a.staff_id, DATE(a.starts_at)) AS b
  JOIN staff AS s ON s.staff_id = b.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
  LEFT JOIN (SELECT h.staff_id, h.weekday, SUM(TIME_TO_SEC(h.ends_at) - TIME_TO_SEC(h.starts_at)) DIV 60 AS minutes
               FROM doctor_working_hours AS h
              GROUP BY h.staff_id, h.weekday) AS w ON w.staff_id = b.staff_id AND w.weekday = WEEKDAY(b.work_day) + 1;

DELETE FROM report_catalog WHERE view_name = 'rpt_doctor_utilisation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_doctor_utilisation', 0, NULL, 'Booked against working minutes per doctor and day (stand-in).', 'Live: computed on every query.'),
('rpt_doctor_utilisation', 1, 'work_day', 'The day.', NULL),
('rpt_doctor_utilisation', 2, 'staff_id', 'The doctor (staff id).', NULL),
('rpt_doctor_utilisation', 3, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_doctor_utilisation', 4, 'department', 'The doctor''s department, else No department.', NULL),
('rpt_doctor_utilisation', 5, 'working_minutes', 'Minutes of working hours that weekday.', NULL),
('rpt_doctor_utilisation', 6, 'booked_minutes', 'Minutes of non-cancelled appointments that day.', NULL),
('rpt_doctor_utilisation', 7, 'utilisation', 'booked_minutes / working_minutes, NULL when working is 0.', NULL);
