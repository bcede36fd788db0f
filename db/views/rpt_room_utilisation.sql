-- rpt_room_utilisation
-- For analysts: how much of each room's day is booked.
-- Grain: one row per day and room with at least one appointment (not cancelled) in that room that day;
-- a room with nothing booked on a day has no row for it (its utilisation is 0).
-- Columns: work_day (the day the appointments start), room_id, room_name, room_type, department (the
-- room's department, else 'No department'), appointments (not cancelled, no-shows included: the room was
-- held), booked_minutes (their minutes up to midnight), available_minutes (the clinic's opening minutes
-- per day: the setting clinic.opening_minutes when it is set to a whole number, else 600 = ten hours),
-- utilisation (booked_minutes / available_minutes, 4 places; may exceed 1 when a room is booked
-- longer than the opening hours).
DROP VIEW IF EXISTS rpt_room_utilisation;
CREATE SQL SECURITY DEFINER VIEW rpt_room_utilisation AS
SELECT b.work_day,
       b.room_id,
       r.name AS room_name,
       r.room_type,
       COALESCE(d.name, 'No department') AS department,
       CAST(b.appointments AS SIGNED) AS appointments,
       CAST(b.booked_minutes AS SIGNED) AS booked_minutes,
       CAST(o.minutes AS SIGNED) AS available_minutes,
       CAST(ROUND(b.booked_minutes / NULLIF(o.minutes, 0), 4) AS DECIMAL(9,4)) AS utilisation
  FROM (SELECT r.appointment_day AS work_day,
               r.room_id,
               SUM(r.not_cancelled) AS appointments,
               SUM(r.booked_minutes) AS booked_minutes
          FROM report_appointment_day AS r
         WHERE r.room_id <> 0
         GROUP BY r.appointment_day, r.room_id
        HAVING SUM(r.not_cancelled) > 0) AS b
  JOIN room AS r ON r.room_id = b.room_id
  LEFT JOIN department AS d ON d.department_id = r.department_id
 CROSS JOIN (SELECT COALESCE(MAX(CASE WHEN cs.setting_value REGEXP '^[0-9]{1,4}$'
                                      THEN CAST(cs.setting_value AS UNSIGNED) END), 600) AS minutes
               FROM clinic_setting AS cs
              WHERE cs.setting_key = 'clinic.opening_minutes') AS o;

DELETE FROM report_catalog WHERE view_name = 'rpt_room_utilisation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_room_utilisation', 0, NULL, 'How much of each room''s day is booked. One row per day and room with at least one appointment (not cancelled) in it; a room with nothing booked that day has no row.', 'Always current: appointments from the summary report_appointment_day, kept by the appointment triggers in the same transaction as each change; filter on work_day.'),
('rpt_room_utilisation', 1, 'work_day', 'The day the appointments start.', NULL),
('rpt_room_utilisation', 2, 'room_id', 'The room (room id).', NULL),
('rpt_room_utilisation', 3, 'room_name', 'The room''s name.', NULL),
('rpt_room_utilisation', 4, 'room_type', 'consultation, examination, procedure, laboratory, imaging, pharmacy, ward or other.', NULL),
('rpt_room_utilisation', 5, 'department', 'The room''s department, else No department.', NULL),
('rpt_room_utilisation', 6, 'appointments', 'Appointments in the room that day, not cancelled (no-shows count: the room was held).', NULL),
('rpt_room_utilisation', 7, 'booked_minutes', 'Their minutes, up to midnight.', NULL),
('rpt_room_utilisation', 8, 'available_minutes', 'The clinic''s opening minutes per day: the setting clinic.opening_minutes when set to a whole number, else 600 (ten hours).', NULL),
('rpt_room_utilisation', 9, 'utilisation', 'booked_minutes / available_minutes, rounded to 4 places (0.7500 = 75 %); above 1 when booked beyond the opening hours.', NULL);
