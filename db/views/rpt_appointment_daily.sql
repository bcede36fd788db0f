-- rpt_appointment_daily
-- STAND-IN (helper REPORTS): a minimal version of the contracted view so that the Reports page can be
-- built and tested; helper OPS writes the real one, which replaces this file at merge.
-- Grain: one row per day and doctor with appointments. Columns: appointment_day, staff_id, doctor_name,
-- department, specialisation, appointments, completed, cancelled, no_show, still_open, no_show_rate.
DROP VIEW IF EXISTS rpt_appointment_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_appointment_daily AS
SELECT DATE(a.starts_at) AS appointment_day,
       s.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COALESCE(d.name, 'No department') AS department,
       sp.name AS specialisation,
       CAST(COUNT(*) AS SIGNED) AS appointments,
       CAST(SUM(a.status = 'completed') AS SIGNED) AS completed,
       CAST(SUM(a.status = 'cancelled') AS SIGNED) AS cancelled,
       CAST(SUM(a.status = 'no_show') AS SIGNED) AS no_show,
       CAST(SUM(a.status IN ('booked', 'checked_in', 'in_progress')) AS SIGNED) AS still_open,
       CAST(ROUND(SUM(a.status = 'no_show') / NULLIF(COUNT(*) - SUM(a.status = 'cancelled'), 0), 4) AS DECIMAL(9,4)) AS no_show_rate
  FROM appointment AS a
  JOIN staff AS s ON s.staff_id = a.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
  LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
 GROUP BY DATE(a.starts_at), s.staff_id, s.given_name, s.family_name, d.name, sp.name;

DELETE FROM report_catalog WHERE view_name = 'rpt_appointment_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_appointment_daily', 0, NULL, 'Appointments per day and doctor, by status, with the no-show rate (stand-in).', 'Live: computed on every query.'),
('rpt_appointment_daily', 1, 'appointment_day', 'The day the appointment starts.', NULL),
('rpt_appointment_daily', 2, 'staff_id', 'The doctor (staff id).', NULL),
('rpt_appointment_daily', 3, 'doctor_name', 'The doctor''s name.', NULL),
('rpt_appointment_daily', 4, 'department', 'The doctor''s department, else No department.', NULL),
('rpt_appointment_daily', 5, 'specialisation', 'The doctor''s specialisation, NULL if none.', NULL),
('rpt_appointment_daily', 6, 'appointments', 'Appointments booked for the day, any status.', NULL),
('rpt_appointment_daily', 7, 'completed', 'Completed appointments.', NULL),
('rpt_appointment_daily', 8, 'cancelled', 'Cancelled appointments.', NULL),
('rpt_appointment_daily', 9, 'no_show', 'Appointments marked as no-show.', NULL),
('rpt_appointment_daily', 10, 'still_open', 'Appointments booked, checked in or in progress.', NULL),
('rpt_appointment_daily', 11, 'no_show_rate', 'no_show / (appointments - cancelled), 4 places.', NULL);
