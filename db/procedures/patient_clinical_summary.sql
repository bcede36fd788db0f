-- patient_clinical_summary
-- The clinical header of a patient's profile, one row per item, in this order:
--   'allergy'  every active allergy, most severe first: label = substance, detail = reaction,
--              flag = severity (mild, moderate, severe, life_threatening)
--   'problem'  every active problem, latest onset first: label = description, detail = ICD-10 code
--              and onset date
--   'vitals'   the latest set of vital signs (at most one row): label 'Latest vital signs', detail as
--              vital_sign_text, e.g. 'BP 150/95, pulse 88, T 37.2, BMI 27.1'
-- Columns: item_kind, item_id, label, detail, flag, recorded_at (allergy/vitals recorded, problem
-- onset or recorded), visit_id (vitals only). No rows: no known allergies, problems or vitals.
-- Permission: clinical.read (which roles hold it: table role_permission).
--   50209 unknown patient; 50790 a doctor or nurse with no part in the patient's care (break the
--   glass first: internal/clinical_read_require). Written to the access log (kind 'clinical_summary').
DROP PROCEDURE IF EXISTS patient_clinical_summary;
DELIMITER $$
CREATE PROCEDURE patient_clinical_summary(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    CALL clinical_read_require(v_actor_id, p_patient_id, NULL);
    CALL patient_access_record(p_patient_id, 'clinical_summary', NULL, NULL);

    SELECT s.item_kind, s.item_id, s.label, s.detail, s.flag, s.recorded_at, s.visit_id
      FROM (
            (SELECT 1 AS section, 'allergy' AS item_kind, allergy_id AS item_id, substance AS label,
                    reaction AS detail, severity AS flag, recorded_at, CAST(NULL AS UNSIGNED) AS visit_id,
                    FIELD(severity, 'life_threatening', 'severe', 'moderate', 'mild') AS rank_1,
                    substance AS rank_2
               FROM allergy
              WHERE patient_id = p_patient_id AND status = 'active')
            UNION ALL
            (SELECT 2, 'problem', problem_id, description,
                    CONCAT_WS(' · ', icd10_code, CONCAT('since ', onset_date)), NULL,
                    COALESCE(CAST(onset_date AS DATETIME), recorded_at), NULL,
                    0, ''
               FROM problem
              WHERE patient_id = p_patient_id AND status = 'active')
            UNION ALL
            (SELECT 3, 'vitals', vital_sign_id, 'Latest vital signs',
                    vital_sign_text(systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, respiratory_rate,
                                    spo2_pct, weight_kg, height_cm),
                    NULL, recorded_at, visit_id, 0, ''
               FROM vital_sign
              WHERE patient_id = p_patient_id
              ORDER BY recorded_at DESC, vital_sign_id DESC
              LIMIT 1)
           ) AS s
     ORDER BY s.section, s.rank_1, s.rank_2, s.recorded_at DESC, s.item_id DESC;
END$$
DELIMITER ;
