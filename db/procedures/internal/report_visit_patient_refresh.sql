-- report_visit_patient_refresh
-- INTERNAL: not executable by the app account; only the triggers visit_report_update and
-- visit_report_delete call it.
-- Counts one patient's row of the summary report_visit_patient (0068) afresh from the visits as they
-- stand now (ix_visit_patient_start: a few index entries): the number of visits and the first and latest
-- start, and the visits of the 365 days ending today (recent_visits, counted as of today: 0078). Since 0085
-- every patient keeps a row, with 0 visits and no first or latest start when none is left.
DROP PROCEDURE IF EXISTS report_visit_patient_refresh;
DELIMITER $$
CREATE PROCEDURE report_visit_patient_refresh(IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_visits INT DEFAULT 0;
    DECLARE v_first DATETIME DEFAULT NULL;
    DECLARE v_last DATETIME DEFAULT NULL;
    DECLARE v_recent INT DEFAULT 0;

    SELECT COUNT(*), MIN(v.started_at), MAX(v.started_at),
           COALESCE(SUM(CASE WHEN v.started_at >= CURDATE() - INTERVAL 364 DAY THEN 1 ELSE 0 END), 0)
      INTO v_visits, v_first, v_last, v_recent
      FROM visit AS v
     WHERE v.patient_id = p_patient_id;

    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                      patient_key, sex, date_of_birth, is_active)
    SELECT p.patient_id, v_visits, v_first, v_last, CURDATE(), v_recent,
           LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16), p.sex, p.date_of_birth,
           CASE WHEN p.status = 'active' THEN 1 ELSE 0 END
      FROM patient AS p
     CROSS JOIN report_secret AS rs
     WHERE p.patient_id = p_patient_id
    ON DUPLICATE KEY UPDATE visits = v_visits, first_started_at = v_first, last_started_at = v_last,
                            recent_as_of = CURDATE(), recent_visits = v_recent;
END$$
DELIMITER ;
