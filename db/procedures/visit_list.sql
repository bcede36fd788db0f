-- visit_list
-- The visit worklist, newest first: a doctor sees the visits they treat, a nurse those of doctors in
-- their own department (the nurse's "record vitals" list), an administrator every visit (function
-- visit_scope_of; visit_list_scope tells the page which). A doctor or
-- nurse without an active staff record sees nothing. Filters: p_day (visits started that day; NULL:
-- any day) and p_status ('open' or 'closed'; NULL: both). Paged: p_limit is capped at 100;
-- total_count is on every row. vital_count / last_vitals_at tell the nurse which patients still
-- need vitals.
-- Served by the staff primary key (doctor) or ix_staff_department (nurse), then ix_visit_staff_start;
-- an administrator's list by ix_visit_status_start when a status is given.
-- Permission: clinical.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS visit_list;
DELIMITER $$
CREATE PROCEDURE visit_list(IN p_session_token VARCHAR(100), IN p_day DATE, IN p_status VARCHAR(6), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_scope VARCHAR(10);
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_department_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_from DATETIME DEFAULT '1000-01-01';
    DECLARE v_to DATETIME DEFAULT '9999-12-31';

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    SET v_scope = visit_scope_of(v_actor_id);
    IF v_scope = 'own' THEN
        SELECT staff_id INTO v_staff_id FROM staff WHERE user_account_id = v_actor_id AND staff_role = 'doctor' AND is_active = 1;
    ELSEIF v_scope = 'department' THEN
        SELECT department_id INTO v_department_id FROM staff WHERE user_account_id = v_actor_id AND staff_role = 'nurse' AND is_active = 1;
    END IF;
    IF p_day IS NOT NULL THEN
        SET v_from = p_day;
        SET v_to = p_day + INTERVAL 1 DAY;
    END IF;

    IF v_scope = 'all' THEN
        SELECT v.visit_id, v.patient_id, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, p.mrn, p.sex,
               age_years(p.date_of_birth, CURDATE()) AS age_years,
               v.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, d.name AS department_name,
               v.status, v.started_at, v.closed_at, v.appointment_id, v.queue_entry_id,
               (SELECT COUNT(*) FROM vital_sign AS vs WHERE vs.visit_id = v.visit_id) AS vital_count,
               (SELECT MAX(vs.recorded_at) FROM vital_sign AS vs WHERE vs.visit_id = v.visit_id) AS last_vitals_at,
               COUNT(*) OVER () AS total_count
          FROM visit AS v
          JOIN patient AS p ON p.patient_id = v.patient_id
          LEFT JOIN staff AS s ON s.staff_id = v.staff_id
          LEFT JOIN department AS d ON d.department_id = s.department_id
         WHERE v.started_at >= v_from AND v.started_at < v_to
           AND (p_status IS NULL OR v.status = p_status)
         ORDER BY v.started_at DESC, v.visit_id DESC
         LIMIT v_offset, v_limit;
    ELSE
        -- The doctor's own staff row, or the doctors of the nurse's department (exactly one of
        -- v_staff_id / v_department_id is set; NULL matches nothing), then their visits.
        SELECT v.visit_id, v.patient_id, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, p.mrn, p.sex,
               age_years(p.date_of_birth, CURDATE()) AS age_years,
               v.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, d.name AS department_name,
               v.status, v.started_at, v.closed_at, v.appointment_id, v.queue_entry_id,
               (SELECT COUNT(*) FROM vital_sign AS vs WHERE vs.visit_id = v.visit_id) AS vital_count,
               (SELECT MAX(vs.recorded_at) FROM vital_sign AS vs WHERE vs.visit_id = v.visit_id) AS last_vitals_at,
               COUNT(*) OVER () AS total_count
          FROM staff AS s
          JOIN visit AS v ON v.staff_id = s.staff_id
          JOIN patient AS p ON p.patient_id = v.patient_id
          LEFT JOIN department AS d ON d.department_id = s.department_id
         WHERE (s.staff_id = v_staff_id OR (s.department_id = v_department_id AND s.staff_role = 'doctor'))
           AND v.started_at >= v_from AND v.started_at < v_to
           AND (p_status IS NULL OR v.status = p_status)
         ORDER BY v.started_at DESC, v.visit_id DESC
         LIMIT v_offset, v_limit;
    END IF;
END$$
DELIMITER ;
