-- report_visit_patient_refresh
-- INTERNAL: not executable by the app account; only the triggers visit_report_update and
-- visit_report_delete call it.
-- Counts one patient's row of the summary report_visit_patient (0068) afresh from the visits as they
-- stand now (ix_visit_patient_start: a few index entries): the number of visits and the first and latest
-- start, and the visits of the 365 days ending today (recent_visits, counted as of today: 0078); no row
-- when the patient has no visit left.
DROP PROCEDURE IF EXISTS report_visit_patient_refresh;
DELIMITER $$
CREATE PROCEDURE report_visit_patient_refresh(IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DELETE FROM report_visit_patient WHERE patient_id = p_patient_id;
    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits)
    SELECT p_patient_id, COUNT(*), MIN(v.started_at), MAX(v.started_at), CURDATE(),
           SUM(CASE WHEN v.started_at >= CURDATE() - INTERVAL 364 DAY THEN 1 ELSE 0 END)
      FROM visit AS v
     WHERE v.patient_id = p_patient_id
    HAVING COUNT(*) > 0;
END$$
DELIMITER ;
