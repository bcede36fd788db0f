-- dashboard_my_performance
-- The signed-in doctor's own figures for the days p_from to p_to (both included), drawn from the analysts'
-- views. The doctor is the active staff record of the session's account, never a parameter, so a doctor
-- sees only their own figures. Three result sets, one per chart:
--   1. consultations per day: day, appointments (booked for the doctor, not cancelled:
--      rpt_appointment_daily appointments - cancelled), completed, no_show, walk_ins_seen (queue patients
--      the doctor started: rpt_queue_wait_doctor.seen), consultations (completed + walk_ins_seen). Every
--      day of the period, 0 for a day without any.
--   2. my queue waits per day (rpt_queue_wait_doctor), days with queue patients seen only: day, seen,
--      median_wait_minutes, p90_wait_minutes (arrival to start, nearest rank).
--   3. my top diagnoses (rpt_diagnosis_monthly, whose grain is the month: the months that the period
--      touches): icd10_code, diagnosis, diagnoses, primary_diagnoses; the 10 most frequent.
-- Permission: report.own_performance.
--   51310 a day missing, 51311 the first day after the last, 51312 more than 366 days
--   (internal/dashboard_range_require); 51313 the account has no active staff record.
DROP PROCEDURE IF EXISTS dashboard_my_performance;
DELIMITER $$
CREATE PROCEDURE dashboard_my_performance(IN p_session_token VARCHAR(100), IN p_from DATE, IN p_to DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'report.own_performance', v_actor_id);
    CALL dashboard_range_require(p_from, p_to);
    SELECT staff_id INTO v_staff_id FROM staff WHERE user_account_id = v_actor_id AND is_active = 1;
    IF v_staff_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your account is not linked to a staff record, so it has no figures of its own.',
            MYSQL_ERRNO = 51313;
    END IF;

    WITH RECURSIVE calendar (day) AS (
        SELECT p_from
        UNION ALL
        SELECT day + INTERVAL 1 DAY FROM calendar WHERE day < p_to)
    SELECT c.day,
           CAST(COALESCE(a.appointments, 0) AS SIGNED) AS appointments,
           CAST(COALESCE(a.completed, 0) AS SIGNED) AS completed,
           CAST(COALESCE(a.no_show, 0) AS SIGNED) AS no_show,
           CAST(COALESCE(q.seen, 0) AS SIGNED) AS walk_ins_seen,
           CAST(COALESCE(a.completed, 0) + COALESCE(q.seen, 0) AS SIGNED) AS consultations
      FROM calendar AS c
      LEFT JOIN (SELECT appointment_day, SUM(appointments) - SUM(cancelled) AS appointments, SUM(completed) AS completed,
                        SUM(no_show) AS no_show
                   FROM rpt_appointment_daily
                  WHERE staff_id = v_staff_id AND appointment_day BETWEEN p_from AND p_to
                  GROUP BY appointment_day) AS a ON a.appointment_day = c.day
      LEFT JOIN (SELECT clinic_day, SUM(seen) AS seen
                   FROM rpt_queue_wait_doctor
                  WHERE staff_id = v_staff_id AND clinic_day BETWEEN p_from AND p_to
                  GROUP BY clinic_day) AS q ON q.clinic_day = c.day
     ORDER BY c.day;

    SELECT w.clinic_day AS day, w.seen, w.median_wait_minutes, w.p90_wait_minutes
      FROM rpt_queue_wait_doctor AS w
     WHERE w.staff_id = v_staff_id AND w.clinic_day BETWEEN p_from AND p_to
     ORDER BY w.clinic_day;

    SELECT d.icd10_code, MIN(d.diagnosis) AS diagnosis,
           CAST(SUM(d.diagnoses) AS SIGNED) AS diagnoses,
           CAST(SUM(d.primary_diagnoses) AS SIGNED) AS primary_diagnoses
      FROM rpt_diagnosis_monthly AS d
     WHERE d.staff_id = v_staff_id
       AND d.month_start BETWEEN p_from - INTERVAL (DAYOFMONTH(p_from) - 1) DAY AND p_to
     GROUP BY d.icd10_code
     ORDER BY SUM(d.diagnoses) DESC, SUM(d.primary_diagnoses) DESC, d.icd10_code
     LIMIT 10;
END$$
DELIMITER ;
