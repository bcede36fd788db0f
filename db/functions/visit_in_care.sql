-- visit_in_care
-- Minimum necessary, for one visit: 1 when p_actor_id is part of this visit's care, i.e.
--   * the treating doctor (a sign-in linked to the visit's staff record), or
--   * a doctor or nurse whose active staff record is in the treating doctor's department, or
--   * someone who broke the glass for this patient in the current sign-in session
--     (break_glass_access for @clinic_session_id, set by actor_require);
-- 0 otherwise. Administrators are not checked here: they read visits but not clinical free text
-- (internal/clinical_read_require). Served by primary keys and ix_break_glass_access_session_patient.
DROP FUNCTION IF EXISTS visit_in_care;
DELIMITER $$
CREATE FUNCTION visit_in_care(p_actor_id INT UNSIGNED, p_visit_id INT UNSIGNED) RETURNS TINYINT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_doctor_account_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_department_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_actor_department_id INT UNSIGNED DEFAULT NULL;

    SELECT v.patient_id, s.user_account_id, s.department_id INTO v_patient_id, v_doctor_account_id, v_department_id
      FROM visit AS v
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
     WHERE v.visit_id = p_visit_id;
    IF v_patient_id IS NULL THEN
        RETURN 0;
    END IF;
    IF v_doctor_account_id <=> p_actor_id THEN
        RETURN 1;
    END IF;
    SELECT department_id INTO v_actor_department_id
      FROM staff
     WHERE user_account_id = p_actor_id AND staff_role IN ('doctor', 'nurse') AND is_active = 1;
    IF v_department_id IS NOT NULL AND v_actor_department_id <=> v_department_id THEN
        RETURN 1;
    END IF;
    RETURN EXISTS (SELECT 1 FROM break_glass_access
                    WHERE user_session_id = @clinic_session_id AND patient_id = v_patient_id);
END$$
DELIMITER ;
