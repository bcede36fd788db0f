-- dashboard_clinic
-- The administrator's clinic dashboard for the days p_from to p_to (both included), drawn from the
-- analysts' views and nothing else, so the dashboard and the analysts' figures always agree. Five result
-- sets, one per chart:
--   1. appointments per day (rpt_appointment_daily, every doctor): day, appointments (all booked, any
--      status), completed, cancelled, no_show, still_open. Every day of the period, 0 for a day without any.
--   2. no-show rate per day: day, no_show, expected (appointments - cancelled), no_show_rate
--      (no_show / expected, 4 places; NULL for a day with nothing expected). Every day of the period.
--   3. department load over the period (rpt_department_load): department, appointments (not cancelled),
--      walk_ins, visits, share (the department's appointments and walk-ins over the period's total,
--      4 places), largest first.
--   4. queue waits per day and priority (rpt_queue_wait), days with arrivals only: day, priority
--      (emergency, urgent, normal), arrivals, seen, median_wait_minutes, p90_wait_minutes,
--      max_wait_minutes (nearest rank, arrival to start; as the view computes them per day and priority).
--   5. doctor utilisation over the period (rpt_doctor_utilisation): staff_id, doctor_name, department,
--      working_minutes, booked_minutes, utilisation (booked / working, 4 places; NULL without working
--      time), highest first.
-- Permission: report.clinic.
--   51310 a day missing, 51311 the first day after the last, 51312 more than 366 days
--   (internal/dashboard_range_require).
DROP PROCEDURE IF EXISTS dashboard_clinic;
DELIMITER $$
CREATE PROCEDURE dashboard_clinic(IN p_session_token VARCHAR(100), IN p_from DATE, IN p_to DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'report.clinic', v_actor_id);
    CALL dashboard_range_require(p_from, p_to);

    WITH RECURSIVE calendar (day) AS (
        SELECT p_from
        UNION ALL
        SELECT day + INTERVAL 1 DAY FROM calendar WHERE day < p_to)
    SELECT c.day,
           CAST(COALESCE(a.appointments, 0) AS SIGNED) AS appointments,
           CAST(COALESCE(a.completed, 0) AS SIGNED) AS completed,
           CAST(COALESCE(a.cancelled, 0) AS SIGNED) AS cancelled,
           CAST(COALESCE(a.no_show, 0) AS SIGNED) AS no_show,
           CAST(COALESCE(a.still_open, 0) AS SIGNED) AS still_open
      FROM calendar AS c
      LEFT JOIN (SELECT appointment_day, SUM(appointments) AS appointments, SUM(completed) AS completed,
                        SUM(cancelled) AS cancelled, SUM(no_show) AS no_show, SUM(still_open) AS still_open
                   FROM rpt_appointment_daily
                  WHERE appointment_day BETWEEN p_from AND p_to
                  GROUP BY appointment_day) AS a ON a.appointment_day = c.day
     ORDER BY c.day;

    WITH RECURSIVE calendar (day) AS (
        SELECT p_from
        UNION ALL
        SELECT day + INTERVAL 1 DAY FROM calendar WHERE day < p_to)
    SELECT c.day,
           CAST(COALESCE(a.no_show, 0) AS SIGNED) AS no_show,
           CAST(COALESCE(a.expected, 0) AS SIGNED) AS expected,
           CAST(ROUND(a.no_show / NULLIF(a.expected, 0), 4) AS DECIMAL(9,4)) AS no_show_rate
      FROM calendar AS c
      LEFT JOIN (SELECT appointment_day, SUM(no_show) AS no_show, SUM(appointments) - SUM(cancelled) AS expected
                   FROM rpt_appointment_daily
                  WHERE appointment_day BETWEEN p_from AND p_to
                  GROUP BY appointment_day) AS a ON a.appointment_day = c.day
     ORDER BY c.day;

    SELECT l.department,
           CAST(l.appointments AS SIGNED) AS appointments,
           CAST(l.walk_ins AS SIGNED) AS walk_ins,
           CAST(l.visits AS SIGNED) AS visits,
           CAST(ROUND((l.appointments + l.walk_ins) / NULLIF(SUM(l.appointments + l.walk_ins) OVER (), 0), 4) AS DECIMAL(9,4)) AS share
      FROM (SELECT department, SUM(appointments) AS appointments, SUM(walk_ins) AS walk_ins, SUM(visits) AS visits
              FROM rpt_department_load
             WHERE business_day BETWEEN p_from AND p_to
             GROUP BY department) AS l
     ORDER BY l.appointments + l.walk_ins DESC, l.visits DESC, l.department;

    SELECT q.clinic_day AS day, q.priority, q.arrivals, q.seen,
           q.median_wait_minutes, q.p90_wait_minutes, q.max_wait_minutes
      FROM rpt_queue_wait AS q
     WHERE q.clinic_day BETWEEN p_from AND p_to
     ORDER BY q.clinic_day, CASE q.priority WHEN 'emergency' THEN 1 WHEN 'urgent' THEN 2 ELSE 3 END;

    SELECT u.staff_id, u.doctor_name, u.department,
           CAST(u.working_minutes AS SIGNED) AS working_minutes,
           CAST(u.booked_minutes AS SIGNED) AS booked_minutes,
           CAST(ROUND(u.booked_minutes / NULLIF(u.working_minutes, 0), 4) AS DECIMAL(9,4)) AS utilisation
      FROM (SELECT staff_id, MIN(doctor_name) AS doctor_name, MIN(department) AS department,
                   SUM(working_minutes) AS working_minutes, SUM(booked_minutes) AS booked_minutes
              FROM rpt_doctor_utilisation
             WHERE work_day BETWEEN p_from AND p_to
             GROUP BY staff_id) AS u
     ORDER BY u.booked_minutes / NULLIF(u.working_minutes, 0) IS NULL, u.booked_minutes / NULLIF(u.working_minutes, 0) DESC,
              u.booked_minutes DESC, u.doctor_name;
END$$
DELIMITER ;
