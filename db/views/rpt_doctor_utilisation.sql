-- rpt_doctor_utilisation
-- STAND-IN (helper DASH) for the OPS helper's view: same name and columns, simple SQL, replaced at merge
-- (this stand-in lists only days with bookings and ignores leave).
-- Grain: one row per work day and doctor. Columns: work_day, staff_id, doctor_name, department,
-- working_minutes, booked_minutes, utilisation.
DROP VIEW IF EXISTS rpt_doctor_utilisation;
CREATE SQL SECURITY DEFINER VIEW rpt_doctor_utilisation AS
SELECT b.work_day,
       b.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COALESCE(d.name, 'No department') AS department,
       CAST(COALESCE(wh.minutes, 0) AS SIGNED) AS working_minutes,
       CAST(b.booked_minutes AS SIGNED) AS booked_minutes,
       CAST(ROUND(b.booked_minutes / NULLIF(wh.minutes, 0), 4) AS DECIMAL(9,4)) AS utilisation
  FROM (SELECT DATE(a.starts_at) AS work_day, a.staff_id, SUM(TIMESTAMPDIFF(MINUTE, a.starts_at, a.ends_at)) AS booked_minutes
          FROM appointment AS a
         WHERE a.status <> 'cancelled'
         GROUP BY DATE(a.starts_at), a.staff_id) AS b
  JOIN staff AS s ON s.staff_id = b.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
  LEFT JOIN (SELECT h.staff_id, h.weekday, SUM(TIME_TO_SEC(TIMEDIFF(h.ends_at, h.starts_at))) / 60 AS minutes
               FROM doctor_working_hours AS h
              GROUP BY h.staff_id, h.weekday) AS wh ON wh.staff_id = b.staff_id AND wh.weekday = WEEKDAY(b.work_day) + 1;

DELETE FROM report_catalog WHERE view_name = 'rpt_doctor_utilisation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_doctor_utilisation', 0, NULL, 'Booked minutes against working minutes per doctor and day.', 'Live: computed on every query.'),
('rpt_doctor_utilisation', 1, 'work_day', 'The day.', NULL),
('rpt_doctor_utilisation', 2, 'staff_id', 'The doctor.', NULL),
('rpt_doctor_utilisation', 3, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_doctor_utilisation', 4, 'department', 'The doctor''s department.', NULL),
('rpt_doctor_utilisation', 5, 'working_minutes', 'Working minutes of that weekday.', NULL),
('rpt_doctor_utilisation', 6, 'booked_minutes', 'Minutes of appointments not cancelled.', NULL),
('rpt_doctor_utilisation', 7, 'utilisation', 'booked_minutes / working_minutes, NULL when no working time.', NULL);
