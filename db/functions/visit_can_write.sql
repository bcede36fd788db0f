-- visit_can_write
-- The one rule for who may write in a visit's clinical record (SOAP note, addenda, vitals,
-- diagnoses): 1 when p_actor_id is
--   * the treating doctor: a doctor's sign-in linked to the visit's staff record (visit.staff_id), or
--   * a nurse whose active staff record is in the treating doctor's department (staff.department_id);
-- 0 otherwise (also for an unknown visit or an inactive account). Administrators do not write
-- clinical entries: a note is signed by the clinician who saw the patient; an administrator may
-- close a forgotten visit (visit_close) and reads everything.
-- Used by visit_require_writer (every writing procedure calls it) and visit_get (its can_write flag).
DROP FUNCTION IF EXISTS visit_can_write;
DELIMITER $$
CREATE FUNCTION visit_can_write(p_actor_id INT UNSIGNED, p_visit_id INT UNSIGNED) RETURNS TINYINT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_role VARCHAR(20) DEFAULT NULL;
    DECLARE v_doctor_account_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_department_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_nurse_department_id INT UNSIGNED DEFAULT NULL;

    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = p_actor_id AND is_active = 1;
    SELECT s.user_account_id, s.department_id INTO v_doctor_account_id, v_department_id
      FROM visit AS v
      JOIN staff AS s ON s.staff_id = v.staff_id
     WHERE v.visit_id = p_visit_id;

    IF v_role = 'doctor' THEN
        RETURN COALESCE(v_doctor_account_id = p_actor_id, 0);
    END IF;
    IF v_role = 'nurse' AND v_department_id IS NOT NULL THEN
        SELECT department_id INTO v_nurse_department_id
          FROM staff
         WHERE user_account_id = p_actor_id AND staff_role = 'nurse' AND is_active = 1;
        RETURN COALESCE(v_nurse_department_id = v_department_id, 0);
    END IF;
    RETURN 0;
END$$
DELIMITER ;
