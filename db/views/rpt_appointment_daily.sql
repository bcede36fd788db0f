-- rpt_appointment_daily
-- For analysts: appointments per day and doctor, counted by status, with the no-show rate.
-- Grain: one row per appointment day (the day the appointment starts) and doctor with any appointment
-- booked for that day, whatever its status.
-- Columns: appointment_day, staff_id and doctor_name (the doctor), department (the doctor's department
-- today, else 'No department'), specialisation (the doctor's specialisation, NULL if none),
-- appointments (all booked for that day, any status), completed, cancelled, no_show, still_open
-- (booked, checked in or in progress), no_show_rate (no_show / (appointments - cancelled), 4 places,
-- NULL when every appointment was cancelled). No patient is identified.
DROP VIEW IF EXISTS rpt_appointment_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_appointment_daily AS
SELECT c.appointment_day,
       c.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COALESCE(d.name, 'No department') AS department,
       sp.name AS specialisation,
       CAST(c.appointments AS SIGNED) AS appointments,
       CAST(c.completed AS SIGNED) AS completed,
       CAST(c.cancelled AS SIGNED) AS cancelled,
       CAST(c.no_show AS SIGNED) AS no_show,
       CAST(c.still_open AS SIGNED) AS still_open,
       CAST(ROUND(c.no_show / NULLIF(c.appointments - c.cancelled, 0), 4) AS DECIMAL(9,4)) AS no_show_rate
  FROM (SELECT r.appointment_day,
               r.staff_id,
               SUM(r.appointments) AS appointments,
               SUM(r.completed) AS completed,
               SUM(r.cancelled) AS cancelled,
               SUM(r.no_show) AS no_show,
               SUM(r.still_open) AS still_open
          FROM report_appointment_day AS r
         GROUP BY r.appointment_day, r.staff_id
        HAVING SUM(r.appointments) > 0) AS c
  JOIN staff AS s ON s.staff_id = c.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
  LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id;

DELETE FROM report_catalog WHERE view_name = 'rpt_appointment_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_appointment_daily', 0, NULL, 'Appointments per day and doctor, counted by status, with the no-show rate. One row per appointment day and doctor with any appointment that day, whatever its status.', 'Always current: read from the summary report_appointment_day, which the appointment triggers keep in the same transaction as each booking or status change; filter on appointment_day.'),
('rpt_appointment_daily', 1, 'appointment_day', 'The day the appointments start.', NULL),
('rpt_appointment_daily', 2, 'staff_id', 'The doctor (staff id).', NULL),
('rpt_appointment_daily', 3, 'doctor_name', 'The doctor''s given and family name.', NULL),
('rpt_appointment_daily', 4, 'department', 'The doctor''s department today, else No department.', NULL),
('rpt_appointment_daily', 5, 'specialisation', 'The doctor''s specialisation today; empty (NULL) if none.', NULL),
('rpt_appointment_daily', 6, 'appointments', 'All appointments booked for that day, whatever their status (cancelled ones included).', NULL),
('rpt_appointment_daily', 7, 'completed', 'Appointments completed.', NULL),
('rpt_appointment_daily', 8, 'cancelled', 'Appointments cancelled.', NULL),
('rpt_appointment_daily', 9, 'no_show', 'Appointments marked as a no-show.', NULL),
('rpt_appointment_daily', 10, 'still_open', 'Appointments still booked, checked in or in progress.', NULL),
('rpt_appointment_daily', 11, 'no_show_rate', 'no_show / (appointments - cancelled), rounded to 4 places (0.1250 = 12.5 %); empty (NULL) when every appointment was cancelled.', NULL);
