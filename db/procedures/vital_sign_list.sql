-- vital_sign_list
-- Vital signs newest first, with BMI and the implausible-value flags of v_vital_sign (thresholds in
-- its header) and who recorded them: one visit's (p_visit_id), or else one patient's across visits
-- (p_patient_id: the trend on the visit workspace and the patient's history). At most p_limit rows
-- (default 20, capped at 100). Served by ix_vital_sign_visit / ix_vital_sign_patient_recorded.
-- Permission: clinical.read (which roles hold it: table role_permission).
-- Minimum necessary: a doctor or nurse reads these only as part of the visit's (or patient's) care
-- or after breaking the glass (50790, internal/clinical_read_require).
DROP PROCEDURE IF EXISTS vital_sign_list;
DELIMITER $$
CREATE PROCEDURE vital_sign_list(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_patient_id INT UNSIGNED, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL clinical_read_require(v_actor_id, p_patient_id, p_visit_id);
    IF p_visit_id IS NOT NULL THEN
        SELECT v.*, u.display_name AS recorded_by_name
          FROM v_vital_sign AS v
          JOIN user_account AS u ON u.user_account_id = v.recorded_by
         WHERE v.visit_id = p_visit_id
         ORDER BY v.recorded_at DESC, v.vital_sign_id DESC
         LIMIT v_limit;
    ELSE
        SELECT v.*, u.display_name AS recorded_by_name
          FROM v_vital_sign AS v
          JOIN user_account AS u ON u.user_account_id = v.recorded_by
         WHERE v.patient_id = p_patient_id
         ORDER BY v.recorded_at DESC, v.vital_sign_id DESC
         LIMIT v_limit;
    END IF;
END$$
DELIMITER ;
