-- portal_visit_list
-- A patient's own visits in the portal, newest first (at most 100), in two result sets:
--   1. the visits: visit_id, started_at, closed_at, status (open, closed), doctor_name,
--      department_name, the visit summary (primary_diagnosis: the ICD-10 title of the primary
--      diagnosis; diagnosis_count, prescription_count, lab_result_count: verified results only),
--      notes_shown, and the clinical notes (subjective, objective, assessment, plan) only when the
--      clinic enables it (setting portal.show_clinical_notes = 1; otherwise NULL and notes_shown 0);
--   2. the diagnoses of those visits in plain words: visit_id, icd10_code, title (the ICD-10 title),
--      is_primary; primary first.
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_visit_list;
DELIMITER $$
CREATE PROCEDURE portal_visit_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_notes TINYINT DEFAULT 0;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    SET v_notes = IF(setting_int('portal.show_clinical_notes', 0) = 1, 1, 0);

    SELECT v.visit_id, v.started_at, v.closed_at, v.status,
           CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, d.name AS department_name,
           (SELECT c.title FROM visit_diagnosis AS vd JOIN icd10_code AS c ON c.icd10_code = vd.icd10_code
             WHERE vd.visit_id = v.visit_id AND vd.is_primary = 1 LIMIT 1) AS primary_diagnosis,
           (SELECT COUNT(*) FROM visit_diagnosis AS vd WHERE vd.visit_id = v.visit_id) AS diagnosis_count,
           (SELECT COUNT(*) FROM prescription AS p WHERE p.visit_id = v.visit_id AND p.status <> 'cancelled') AS prescription_count,
           (SELECT COUNT(*) FROM lab_order AS o WHERE o.visit_id = v.visit_id AND o.status = 'verified') AS lab_result_count,
           v_notes AS notes_shown,
           IF(v_notes = 1, n.subjective, NULL) AS subjective,
           IF(v_notes = 1, n.objective, NULL) AS objective,
           IF(v_notes = 1, n.assessment, NULL) AS assessment,
           IF(v_notes = 1, n.plan, NULL) AS plan
      FROM visit AS v
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
      LEFT JOIN department AS d ON d.department_id = s.department_id
      LEFT JOIN visit_note AS n ON n.visit_id = v.visit_id
     WHERE v.patient_id = v_patient_id
     ORDER BY v.started_at DESC, v.visit_id DESC
     LIMIT 100;

    SELECT vd.visit_id, vd.icd10_code, c.title, vd.is_primary
      FROM visit_diagnosis AS vd
      JOIN icd10_code AS c ON c.icd10_code = vd.icd10_code
     WHERE vd.patient_id = v_patient_id
       AND vd.visit_id IN (SELECT w.visit_id FROM (SELECT visit_id FROM visit WHERE patient_id = v_patient_id
                                                   ORDER BY started_at DESC, visit_id DESC LIMIT 100) AS w)
     ORDER BY vd.visit_id DESC, vd.is_primary DESC, c.title;
END$$
DELIMITER ;
