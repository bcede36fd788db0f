-- report_visit_recent_refresh
-- INTERNAL: not executable by the app account; the event report_visit_recent_nightly (0078) calls it a
-- few minutes after the server's midnight, and the schema owner may call it at any time. "Today" is the clinic's
-- (setting clinic.time_zone, internal/clinic_time_zone_apply).
-- Counts afresh, as of today, each patient's visits of the 365 days ending today (recent_visits of
-- report_visit_patient), for the rows not yet counted today. It works through the patients in batches of
-- 5,000, each its own short transaction, so a visit being recorded waits a moment at most.
DROP PROCEDURE IF EXISTS report_visit_recent_refresh;
DELIMITER $$
CREATE PROCEDURE report_visit_recent_refresh()
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_from INT UNSIGNED DEFAULT 0;
    DECLARE v_to INT UNSIGNED DEFAULT NULL;
    DECLARE v_today DATE DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    -- A job of the server's, not of a person: nobody is the acting user (report_visit_patient is derived
    -- data and not audited).
    SET @clinic_actor_id = NULL;
    -- the clinic's day (clinic.time_zone), not the server's: the event runs in the server's zone
    CALL clinic_time_zone_apply();
    SET v_today = CURDATE();
    batches: LOOP
        SET v_to = NULL;
        SELECT MAX(b.patient_id) INTO v_to
          FROM (SELECT r.patient_id FROM report_visit_patient AS r
                 WHERE r.patient_id > v_from ORDER BY r.patient_id LIMIT 5000) AS b;
        IF v_to IS NULL THEN
            LEAVE batches;
        END IF;
        START TRANSACTION;
        UPDATE report_visit_patient AS r
           SET r.recent_as_of = v_today,
               r.recent_visits = (SELECT COUNT(*) FROM visit AS v
                                   WHERE v.patient_id = r.patient_id AND v.started_at >= v_today - INTERVAL 364 DAY)
         WHERE r.patient_id > v_from AND r.patient_id <= v_to
           AND (r.recent_as_of IS NULL OR r.recent_as_of <> v_today);
        COMMIT;
        SET v_from = v_to;
    END LOOP;
END$$
DELIMITER ;
