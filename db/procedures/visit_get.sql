-- visit_get
-- The header of one visit for the visit workspace (no row when it does not exist): the patient
-- (name, MRN, sex, date of birth, age in whole years today), the treating doctor and department,
-- status and times, who closed it, and two flags for the acting user:
--   can_write: this user may write in the visit (visit_can_write: the treating doctor or a nurse of
--     the doctor's department), whatever its status: the note and vitals while it is open, signed
--     addenda once it is closed;
--   can_close: the visit is open and this user is its treating doctor or an administrator.
-- Permission: clinical.read (which roles hold it: table role_permission).
-- Minimum necessary: a doctor or nurse opens a visit only as part of its care (the treating doctor
-- or staff of its department) or after breaking the glass for the patient (50790,
-- internal/clinical_read_require); can_read_notes says whether the clinical notes are for this
-- reader (doctor and nurse; not administrators). Every opening is written to the access log
-- (kind 'visit').
DROP PROCEDURE IF EXISTS visit_get;
DELIMITER $$
CREATE PROCEDURE visit_get(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;
    SELECT patient_id INTO v_patient_id FROM visit WHERE visit_id = p_visit_id;
    IF v_patient_id IS NOT NULL THEN
        CALL clinical_read_require(v_actor_id, v_patient_id, p_visit_id);
        CALL patient_access_record(v_patient_id, 'visit', p_visit_id, NULL);
    END IF;
    SELECT v.visit_id, v.patient_id, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, p.mrn, p.sex,
           p.date_of_birth, age_years(p.date_of_birth, CURDATE()) AS age_years,
           v.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, s.department_id, d.name AS department_name,
           v.status, v.started_at, v.closed_at, v.closed_by, c.display_name AS closed_by_name,
           v.appointment_id, v.queue_entry_id,
           visit_can_write(v_actor_id, v.visit_id) AS can_write,
           (v.status = 'open' AND (v_role = 'admin' OR (v_role = 'doctor' AND s.user_account_id <=> v_actor_id))) AS can_close,
           actor_can(v_actor_id, 'clinical.notes') AS can_read_notes
      FROM visit AS v
      JOIN patient AS p ON p.patient_id = v.patient_id
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
      LEFT JOIN department AS d ON d.department_id = s.department_id
      LEFT JOIN user_account AS c ON c.user_account_id = v.closed_by
     WHERE v.visit_id = p_visit_id;
END$$
DELIMITER ;
