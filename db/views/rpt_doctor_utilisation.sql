-- rpt_doctor_utilisation
-- For analysts: booked minutes against working minutes per doctor and day, honouring leave.
-- Grain: one row per day and doctor with working time or bookings that day (days with neither have no
-- row).
-- Working time: the doctor's weekly blocks for that weekday (doctor_working_hours), minus the parts
-- covered by leave or holidays (doctor_schedule_exception; overlapping exceptions count once), plus
-- extra sessions on that day. Weekly hours have no history, so today's hours stand for every day: from
-- the doctor's joining or first appointment, whichever is earlier, to today or the last booked day,
-- whichever is later (at most 10,000 days).
-- Columns: work_day, staff_id, doctor_name, department (the doctor's department today, else
-- 'No department'), working_minutes, booked_minutes (appointments starting that day, not cancelled,
-- no-shows included, up to midnight), utilisation (booked / working, 4 places; NULL when working is 0;
-- above 1 when booked beyond working time). No patient is identified.
-- Every column of every UNION branch has a short alias: MySQL stores an unnamed expression under its
-- text as the column name, and a name over 64 characters makes the view's own SHOW CREATE VIEW (and so
-- a mysqldump of it) fail to load (error 1166).
DROP VIEW IF EXISTS rpt_doctor_utilisation;
CREATE SQL SECURITY DEFINER VIEW rpt_doctor_utilisation AS
SELECT u.work_day,
       u.staff_id,
       CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
       COALESCE(d.name, 'No department') AS department,
       CAST(SUM(u.working_minutes) AS SIGNED) AS working_minutes,
       CAST(SUM(u.booked_minutes) AS SIGNED) AS booked_minutes,
       CAST(ROUND(SUM(u.booked_minutes) / NULLIF(SUM(u.working_minutes), 0), 4) AS DECIMAL(9,4)) AS utilisation
  FROM (-- weekly blocks on each day of the doctor's range, less the leave that covers them
        SELECT blk.work_day,
               blk.staff_id,
               TIMESTAMPDIFF(MINUTE, blk.block_start, blk.block_end)
                 - COALESCE(SUM(TIMESTAMPDIFF(MINUTE, GREATEST(blk.block_start, lv.starts_at), LEAST(blk.block_end, lv.ends_at))), 0)
                 AS working_minutes,
               0 AS booked_minutes
          FROM (SELECT c.work_day,
                       c.staff_id,
                       wh.doctor_working_hours_id,
                       CAST(c.work_day AS DATETIME) + INTERVAL TIME_TO_SEC(wh.starts_at) SECOND AS block_start,
                       CAST(c.work_day AS DATETIME) + INTERVAL TIME_TO_SEC(wh.ends_at) SECOND AS block_end
                  FROM (SELECT cal.work_day, rg.staff_id
                          FROM (SELECT an.first_day + INTERVAL n.n DAY AS work_day
                                  FROM (SELECT MIN(r.first_day) AS first_day, MAX(r.last_day) AS last_day
                                          FROM (SELECT s.staff_id,
                                               LEAST(DATE(s.created_at), COALESCE(DATE(ap.first_start), DATE(s.created_at))) AS first_day,
                                               GREATEST(CURDATE(), COALESCE(DATE(ap.last_start), CURDATE())) AS last_day
                                          FROM staff AS s
                                          LEFT JOIN (SELECT a.staff_id, MIN(a.starts_at) AS first_start, MAX(a.starts_at) AS last_start
                                                       FROM appointment AS a
                                                      GROUP BY a.staff_id) AS ap ON ap.staff_id = s.staff_id
                                         WHERE s.staff_id IN (SELECT h.staff_id FROM doctor_working_hours AS h)) AS r) AS an
                                  JOIN (SELECT d1.n + 10 * d2.n + 100 * d3.n + 1000 * d4.n AS n
                                          FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d1
                                         CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d2
                                         CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d3
                                         CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d4) AS n
                                    ON n.n <= DATEDIFF(an.last_day, an.first_day)) AS cal
                          JOIN (SELECT s.staff_id,
                                       LEAST(DATE(s.created_at), COALESCE(DATE(ap.first_start), DATE(s.created_at))) AS first_day,
                                       GREATEST(CURDATE(), COALESCE(DATE(ap.last_start), CURDATE())) AS last_day
                                  FROM staff AS s
                                  LEFT JOIN (SELECT a.staff_id, MIN(a.starts_at) AS first_start, MAX(a.starts_at) AS last_start
                                               FROM appointment AS a
                                              GROUP BY a.staff_id) AS ap ON ap.staff_id = s.staff_id
                                 WHERE s.staff_id IN (SELECT h.staff_id FROM doctor_working_hours AS h)) AS rg
                            ON cal.work_day BETWEEN rg.first_day AND rg.last_day) AS c
                  JOIN doctor_working_hours AS wh ON wh.staff_id = c.staff_id AND wh.weekday = WEEKDAY(c.work_day) + 1) AS blk
          LEFT JOIN (-- leave and holidays of each doctor, overlapping periods merged into one
                     SELECT k.staff_id, MIN(k.starts_at) AS starts_at, MAX(k.ends_at) AS ends_at
                       FROM (SELECT j.staff_id, j.starts_at, j.ends_at,
                                    SUM(j.is_new) OVER (PARTITION BY j.staff_id ORDER BY j.starts_at, j.exception_id) AS island
                               FROM (SELECT e.staff_id, e.starts_at, e.ends_at, e.doctor_schedule_exception_id AS exception_id,
                                            CASE WHEN e.starts_at <= MAX(e.ends_at) OVER (PARTITION BY e.staff_id
                                                                                            ORDER BY e.starts_at, e.doctor_schedule_exception_id
                                                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                                                 THEN 0 ELSE 1 END AS is_new
                                       FROM doctor_schedule_exception AS e
                                      WHERE e.kind IN ('leave', 'holiday')) AS j) AS k
                      GROUP BY k.staff_id, k.island) AS lv
            ON lv.staff_id = blk.staff_id AND lv.starts_at < blk.block_end AND lv.ends_at > blk.block_start
         GROUP BY blk.work_day, blk.staff_id, blk.doctor_working_hours_id, blk.block_start, blk.block_end
        UNION ALL
        -- extra sessions, on each day they cover
        SELECT DATE(x.starts_at) + INTERVAL n.n DAY AS work_day,
               x.staff_id AS staff_id,
               TIMESTAMPDIFF(MINUTE,
                             GREATEST(x.starts_at, CAST(DATE(x.starts_at) AS DATETIME) + INTERVAL n.n DAY),
                             LEAST(x.ends_at, CAST(DATE(x.starts_at) AS DATETIME) + INTERVAL (n.n + 1) DAY)) AS working_minutes,
               0 AS booked_minutes
          FROM doctor_schedule_exception AS x
          JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                UNION ALL SELECT 5 UNION ALL SELECT 6) AS n
            ON CAST(DATE(x.starts_at) AS DATETIME) + INTERVAL n.n DAY < x.ends_at
         WHERE x.kind = 'extra_session'
        UNION ALL
        -- booked: appointments starting that day, not cancelled, up to midnight
        SELECT r.appointment_day AS work_day,
               r.staff_id AS staff_id,
               0 AS working_minutes,
               SUM(r.booked_minutes) AS booked_minutes
          FROM report_appointment_day AS r
         GROUP BY r.appointment_day, r.staff_id
        HAVING SUM(r.not_cancelled) > 0) AS u
  JOIN staff AS s ON s.staff_id = u.staff_id
  LEFT JOIN department AS d ON d.department_id = s.department_id
 GROUP BY u.work_day, u.staff_id, s.given_name, s.family_name, d.name
HAVING SUM(u.working_minutes) > 0 OR SUM(u.booked_minutes) > 0;

DELETE FROM report_catalog WHERE view_name = 'rpt_doctor_utilisation';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_doctor_utilisation', 0, NULL, 'Booked minutes against working minutes per doctor and day, honouring leave. One row per day and doctor with working time or bookings that day. Weekly hours have no history: today''s hours stand for every day from the doctor''s joining or first appointment (the earlier) to today or the last booked day (the later).', 'Always current: working hours and leave read live, booked minutes from the summary report_appointment_day kept by triggers in the same transaction; filter on work_day.'),
('rpt_doctor_utilisation', 1, 'work_day', 'The day.', NULL),
('rpt_doctor_utilisation', 2, 'staff_id', 'The doctor (staff id).', NULL),
('rpt_doctor_utilisation', 3, 'doctor_name', 'The doctor''s given and family name.', NULL),
('rpt_doctor_utilisation', 4, 'department', 'The doctor''s department today, else No department.', NULL),
('rpt_doctor_utilisation', 5, 'working_minutes', 'Minutes of the doctor''s weekly working hours for that weekday, less the parts on leave or holiday (overlapping ones count once), plus extra sessions that day.', NULL),
('rpt_doctor_utilisation', 6, 'booked_minutes', 'Minutes of the appointments starting that day, not cancelled (no-shows count: the time was held), up to midnight.', NULL),
('rpt_doctor_utilisation', 7, 'utilisation', 'booked_minutes / working_minutes, rounded to 4 places (0.7500 = 75 %); empty (NULL) when working_minutes is 0; above 1 when booked beyond working time.', NULL);
