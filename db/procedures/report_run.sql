-- report_run
-- Runs one report of report_definition over the days p_from..p_to (both included) for a download in
-- p_format (csv, xlsx or pdf), writes who ran it to the audit schema's report_export_log (view
-- report_export_trail: the user, the session, the report, the range, the format, and the row count when
-- it is known before the rows stream: only for the stock snapshot), and returns two result sets:
--   1. one row: report_code, title, description, range_from, range_to (NULL for a snapshot report),
--      uses_range, generated_at;
--   2. the report's rows, read from the rpt_* views (one SELECT per report; nothing is built from text):
--      appointments             rpt_appointment_daily, the days of the range
--      diagnoses                rpt_diagnosis_monthly, the months the range touches, summed over doctors,
--                               age bands and sex
--      treatments_prescriptions rpt_prescribing, the months the range touches
--      lab_turnaround           rpt_lab_turnaround, the days of the range summed per test (averages
--                               weighted by the orders they average)
--      department_efficiency    rpt_department_load, rpt_appointment_daily and rpt_doctor_utilisation,
--                               the days of the range summed per department
--      stock                    rpt_stock_valuation with the shortfall of rpt_stock_below_reorder: today;
--                               the range is ignored
-- Permission: report.run, and the report's own permission (report_definition.permission_code).
--   51330 unknown report (or one without its SELECT here); 51331 the role may not run this report; 51332 unknown format;
--   51333 a day of the range missing; 51334 the last day before the first; 51335 more than 366 days.
DROP PROCEDURE IF EXISTS report_run;
DELIMITER $$
CREATE PROCEDURE report_run(IN p_session_token VARCHAR(100), IN p_report_code VARCHAR(40), IN p_from DATE, IN p_to DATE,
                            IN p_format VARCHAR(10))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_code VARCHAR(40) DEFAULT NULL;
    DECLARE v_permission VARCHAR(40) DEFAULT NULL;
    DECLARE v_uses_range TINYINT DEFAULT 1;
    DECLARE v_from DATE DEFAULT NULL;
    DECLARE v_to DATE DEFAULT NULL;
    DECLARE v_first_month DATE DEFAULT NULL;
    DECLARE v_rows INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'report.run', v_actor_id);

    SELECT d.report_code, d.permission_code, d.uses_range INTO v_code, v_permission, v_uses_range
      FROM report_definition AS d
     WHERE d.report_code = p_report_code;
    IF v_code IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That report does not exist.', MYSQL_ERRNO = 51330;
    END IF;
    IF actor_can(v_actor_id, v_permission) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role may not run this report.', MYSQL_ERRNO = 51331;
    END IF;
    IF p_format IS NULL OR p_format NOT IN ('csv', 'xlsx', 'pdf') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose CSV, XLSX or PDF as the format of the report.', MYSQL_ERRNO = 51332;
    END IF;
    IF v_uses_range = 1 THEN
        IF p_from IS NULL OR p_to IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose the first and the last day of the report.', MYSQL_ERRNO = 51333;
        END IF;
        IF p_to < p_from THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The last day of the report must be on or after the first.', MYSQL_ERRNO = 51334;
        END IF;
        IF DATEDIFF(p_to, p_from) >= 366 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A report covers at most 366 days. Choose a shorter range.', MYSQL_ERRNO = 51335;
        END IF;
        SET v_from = p_from, v_to = p_to;
        SET v_first_month = v_from - INTERVAL (DAYOFMONTH(v_from) - 1) DAY;
    ELSE
        SET v_rows = (SELECT COUNT(*) FROM rpt_stock_valuation);
    END IF;

    INSERT INTO report_export_trail (user_account_id, user_session_id, report_code, range_from, range_to, export_format, row_count, db_user)
    VALUES (v_actor_id, @clinic_session_id, v_code, v_from, v_to, p_format, v_rows, USER());

    SELECT d.report_code, d.title, d.description, v_from AS range_from, v_to AS range_to, d.uses_range, NOW() AS generated_at
      FROM report_definition AS d
     WHERE d.report_code = v_code;

    CASE v_code
    WHEN 'appointments' THEN
        SELECT a.appointment_day AS day, a.doctor_name AS doctor, a.department, a.specialisation,
               a.appointments, a.completed, a.cancelled, a.no_show, a.still_open, a.no_show_rate
          FROM rpt_appointment_daily AS a
         WHERE a.appointment_day BETWEEN v_from AND v_to
         ORDER BY a.appointment_day, a.doctor_name, a.staff_id;
    WHEN 'diagnoses' THEN
        SELECT g.month_start AS month, g.icd10_chapter AS chapter, g.icd10_code, g.diagnosis,
               CAST(SUM(g.diagnoses) AS SIGNED) AS diagnoses, CAST(SUM(g.primary_diagnoses) AS SIGNED) AS primary_diagnoses
          FROM rpt_diagnosis_monthly AS g
         WHERE g.month_start BETWEEN v_first_month AND v_to
         GROUP BY g.month_start, g.icd10_chapter, g.icd10_code, g.diagnosis
         ORDER BY g.month_start, SUM(g.diagnoses) DESC, g.icd10_code;
    WHEN 'treatments_prescriptions' THEN
        SELECT p.month_start AS month, p.medication_name AS medication, p.doctor_name AS doctor,
               p.prescriptions, p.items, p.quantity_prescribed, p.patients
          FROM rpt_prescribing AS p
         WHERE p.month_start BETWEEN v_first_month AND v_to
         ORDER BY p.month_start, p.medication_name, p.medication_id, p.doctor_name, p.staff_id;
    WHEN 'lab_turnaround' THEN
        SELECT l.test_code, l.test_name,
               CAST(SUM(l.orders) AS SIGNED) AS orders, CAST(SUM(l.cancelled) AS SIGNED) AS cancelled,
               CAST(SUM(l.resulted) AS SIGNED) AS resulted, CAST(SUM(l.verified) AS SIGNED) AS verified,
               CAST(SUM(l.abnormal) AS SIGNED) AS abnormal,
               CAST(ROUND(SUM(l.abnormal) / NULLIF(SUM(l.resulted), 0), 4) AS DECIMAL(9,4)) AS abnormal_rate,
               CAST(ROUND(SUM(l.avg_minutes_to_result * l.resulted)
                          / NULLIF(SUM(CASE WHEN l.avg_minutes_to_result IS NOT NULL THEN l.resulted END), 0), 1) AS DECIMAL(9,1)) AS avg_minutes_to_result,
               CAST(ROUND(SUM(l.avg_minutes_to_verify * l.verified)
                          / NULLIF(SUM(CASE WHEN l.avg_minutes_to_verify IS NOT NULL THEN l.verified END), 0), 1) AS DECIMAL(9,1)) AS avg_minutes_to_verify
          FROM rpt_lab_turnaround AS l
         WHERE l.order_day BETWEEN v_from AND v_to
         GROUP BY l.lab_test_id, l.test_code, l.test_name
         ORDER BY l.test_code, l.lab_test_id;
    WHEN 'department_efficiency' THEN
        SELECT x.department,
               CAST(SUM(x.appointments) AS SIGNED) AS appointments, CAST(SUM(x.walk_ins) AS SIGNED) AS walk_ins,
               CAST(SUM(x.visits) AS SIGNED) AS visits,
               CAST(ROUND((SUM(x.appointments) + SUM(x.walk_ins))
                          / NULLIF(SUM(SUM(x.appointments) + SUM(x.walk_ins)) OVER (), 0), 4) AS DECIMAL(9,4)) AS share_of_load,
               CAST(SUM(x.no_show) AS SIGNED) AS no_shows,
               CAST(ROUND(SUM(x.no_show) / NULLIF(SUM(x.booked) - SUM(x.cancelled), 0), 4) AS DECIMAL(9,4)) AS no_show_rate,
               CAST(SUM(x.working_minutes) AS SIGNED) AS working_minutes, CAST(SUM(x.booked_minutes) AS SIGNED) AS booked_minutes,
               CAST(ROUND(SUM(x.booked_minutes) / NULLIF(SUM(x.working_minutes), 0), 4) AS DECIMAL(9,4)) AS utilisation
          FROM (SELECT dl.department, dl.appointments, dl.walk_ins, dl.visits,
                       0 AS booked, 0 AS cancelled, 0 AS no_show, 0 AS working_minutes, 0 AS booked_minutes
                  FROM rpt_department_load AS dl
                 WHERE dl.business_day BETWEEN v_from AND v_to
                UNION ALL
                SELECT ad.department, 0, 0, 0, ad.appointments, ad.cancelled, ad.no_show, 0, 0
                  FROM rpt_appointment_daily AS ad
                 WHERE ad.appointment_day BETWEEN v_from AND v_to
                UNION ALL
                SELECT du.department, 0, 0, 0, 0, 0, 0, du.working_minutes, du.booked_minutes
                  FROM rpt_doctor_utilisation AS du
                 WHERE du.work_day BETWEEN v_from AND v_to) AS x
         GROUP BY x.department
         ORDER BY x.department;
    WHEN 'stock' THEN
        SELECT v.medication_name AS medication, v.lots, v.quantity_on_hand, COALESCE(r.shortfall, 0) AS below_reorder_by,
               v.stock_value, v.expired_quantity, v.expired_value, v.as_of
          FROM rpt_stock_valuation AS v
          LEFT JOIN rpt_stock_below_reorder AS r ON r.medication_id = v.medication_id
         ORDER BY v.medication_name, v.medication_id;
    ELSE
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That report does not exist.', MYSQL_ERRNO = 51330;
    END CASE;
END$$
DELIMITER ;
