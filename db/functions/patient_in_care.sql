-- patient_in_care
-- Minimum necessary, for a patient's medical history: 1 when p_actor_id has a part in this patient's
-- care, i.e. the actor (or the actor's department, for a doctor or nurse with an active staff record)
--   * treats or treated one of the patient's visits, or
--   * has an appointment with the patient that is not cancelled, or
--   * has the patient in today's walk-in queue (an unassigned walk-in waits for everyone), or
--   * broke the glass for this patient in the current sign-in session (@clinic_session_id);
-- 0 otherwise. Each test reads the patient's rows through their (patient_id, ...) index.
DROP FUNCTION IF EXISTS patient_in_care;
DELIMITER $$
CREATE FUNCTION patient_in_care(p_actor_id INT UNSIGNED, p_patient_id INT UNSIGNED) RETURNS TINYINT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_department_id INT UNSIGNED DEFAULT NULL;

    SELECT staff_id, department_id INTO v_staff_id, v_department_id
      FROM staff
     WHERE user_account_id = p_actor_id AND staff_role IN ('doctor', 'nurse') AND is_active = 1;

    IF v_staff_id IS NOT NULL AND (
           EXISTS (SELECT 1 FROM visit AS v JOIN staff AS d ON d.staff_id = v.staff_id
                    WHERE v.patient_id = p_patient_id AND (d.staff_id = v_staff_id OR d.department_id <=> v_department_id))
        OR EXISTS (SELECT 1 FROM appointment AS a JOIN staff AS d ON d.staff_id = a.staff_id
                    WHERE a.patient_id = p_patient_id AND a.status <> 'cancelled'
                      AND (d.staff_id = v_staff_id OR d.department_id <=> v_department_id))
        OR EXISTS (SELECT 1 FROM queue_entry AS q LEFT JOIN staff AS d ON d.staff_id = q.staff_id
                    WHERE q.patient_id = p_patient_id AND q.clinic_day = CURDATE() AND q.status <> 'cancelled'
                      AND (q.staff_id IS NULL OR d.staff_id = v_staff_id OR d.department_id <=> v_department_id))) THEN
        RETURN 1;
    END IF;
    RETURN EXISTS (SELECT 1 FROM break_glass_access
                    WHERE user_session_id = @clinic_session_id AND patient_id = p_patient_id);
END$$
DELIMITER ;
