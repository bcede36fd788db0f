-- patient_vitals_trend
-- A patient's latest p_limit sets of vital signs, oldest first, for a trend chart: blood pressure,
-- pulse, temperature, respiratory rate, SpO2, weight, height and BMI (computed by vital_bmi, never
-- stored). Reads at most p_limit rows through ix_vital_sign_patient_recorded. p_limit: default 20,
-- at most 200.
-- Permission: clinical.read (which roles hold it: table role_permission).
--   50209 unknown patient; 50790 a doctor or nurse with no part in the patient's care (break the
--   glass first: internal/clinical_read_require). Written to the access log (kind 'vitals_trend').
DROP PROCEDURE IF EXISTS patient_vitals_trend;
DELIMITER $$
CREATE PROCEDURE patient_vitals_trend(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 200);

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    CALL clinical_read_require(v_actor_id, p_patient_id, NULL);
    CALL patient_access_record(p_patient_id, 'vitals_trend', NULL, NULL);

    SELECT t.vital_sign_id, t.visit_id, t.recorded_at, t.systolic_mmhg, t.diastolic_mmhg, t.pulse_bpm,
           t.temperature_c, t.respiratory_rate, t.spo2_pct, t.weight_kg, t.height_cm,
           vital_bmi(t.weight_kg, t.height_cm) AS bmi
      FROM (SELECT vital_sign_id, visit_id, recorded_at, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c,
                   respiratory_rate, spo2_pct, weight_kg, height_cm
              FROM vital_sign
             WHERE patient_id = p_patient_id
             ORDER BY recorded_at DESC, vital_sign_id DESC
             LIMIT v_limit) AS t
     ORDER BY t.recorded_at, t.vital_sign_id;
END$$
DELIMITER ;
