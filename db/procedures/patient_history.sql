-- patient_history
-- A patient's medical history for the profile, newest first and paged: one row per event.
--   kind          visit | diagnosis | vitals | allergy | problem | prescription | lab_result
--   item_id       the source row: visit_id, visit_diagnosis_id, vital_sign_id, allergy_id, problem_id,
--                 prescription_id or lab_order_id
--   occurred_at   visit started, diagnosis/vitals/allergy/problem recorded, prescription issued,
--                 lab result entered (resulted_at)
--   title, detail short text for the list, e.g. 'J06.9 Acute upper respiratory infection (primary)',
--                 'BP 150/95, pulse 88, T 37.2, BMI 27.1', 'Amoxicillin 500 mg x 21, Paracetamol 500 mg x 20',
--                 'Haemoglobin 9.1 g/dL LOW (12-16)'
--   status        visit open/closed, allergy active/inactive, problem active/resolved, prescription
--                 issued/partially_dispensed/dispensed/cancelled, lab result 'final' (verified) or
--                 'preliminary' (resulted, not yet verified); NULL for diagnoses and vitals
--   flag          lab result low/high/normal, allergy severity, diagnosis primary/secondary; else NULL
--   is_abnormal   1 for a lab result outside its reference range (final or preliminary), else 0
--   visit_id, clinician_name (treating/prescribing doctor, or who recorded it),
--   has_more      1 when events follow this page (ask again with p_offset + p_limit).
-- Lab orders appear only once they have a result: ordered, collected and cancelled orders are not
-- events of the history, and a result is final only when verified.
-- p_kinds: a comma list of kinds to include; NULL or '' means all (50781 for an unknown kind).
-- Speed: each branch reads at most p_offset + p_limit + 1 keys through its (patient_id, time) index, in
-- the same order as the final sort (time, then id, descending: the primary key ends every InnoDB
-- secondary index), so no row is lost or repeated between pages. The union of those keys is sorted
-- and cut to the page, and only the page's rows (at most 100) are joined to their details.
-- Allergies and problems are read through (patient_id, ...) and sorted: a patient has few.
-- has_more instead of a total: every branch reads one key more than the page needs, and there is a
-- next page exactly when the union holds more than p_offset + p_limit keys. (An exact total would
-- count every event of the patient on every page: 5 ms of the 11 ms a first page took on MySQL with
-- 5,500 events, growing with the history; docs/benchmarks.md.) p_limit is capped at 100.
-- Permission: clinical.read; a doctor or nurse only with a part in the patient's care, or after
-- breaking the glass (internal/clinical_read_require: 50790). Administrators do not see the note
-- excerpt of a visit (clinical free text is for clinical roles). Every call is written to the access
-- log (kind 'medical_history').
--   50209 unknown patient, 50781 unknown kind.
DROP PROCEDURE IF EXISTS patient_history;
DELIMITER $$
CREATE PROCEDURE patient_history(
    IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_kinds VARCHAR(200), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE c_all_kinds VARCHAR(100) DEFAULT 'visit,diagnosis,vitals,allergy,problem,prescription,lab_result';
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);
    DECLARE v_window INT;
    DECLARE v_kinds VARCHAR(200);
    DECLARE v_rest VARCHAR(200);
    DECLARE v_kind VARCHAR(200);
    DECLARE w_visit INT DEFAULT 0;
    DECLARE w_diagnosis INT DEFAULT 0;
    DECLARE w_vitals INT DEFAULT 0;
    DECLARE w_allergy INT DEFAULT 0;
    DECLARE w_problem INT DEFAULT 0;
    DECLARE w_prescription INT DEFAULT 0;
    DECLARE w_lab INT DEFAULT 0;
    DECLARE v_clinical TINYINT DEFAULT 0;

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    CALL clinical_read_require(v_actor_id, p_patient_id, NULL);
    SET v_clinical = actor_can(v_actor_id, 'clinical.notes');
    CALL patient_access_record(p_patient_id, 'medical_history', NULL, NULL);

    SET v_kinds = LOWER(REPLACE(TRIM(COALESCE(p_kinds, '')), ' ', ''));
    IF v_kinds = '' THEN
        SET v_kinds = c_all_kinds;
    END IF;
    SET v_rest = v_kinds;
    WHILE v_rest <> '' DO
        SET v_kind = SUBSTRING_INDEX(v_rest, ',', 1);
        SET v_rest = IF(LOCATE(',', v_rest) > 0, SUBSTRING(v_rest, LOCATE(',', v_rest) + 1), '');
        IF FIND_IN_SET(v_kind, c_all_kinds) = 0 THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Unknown history kind. Use visit, diagnosis, vitals, allergy, problem, prescription or lab_result.',
                    MYSQL_ERRNO = 50781;
        END IF;
    END WHILE;

    -- A branch that is not asked for reads nothing (LIMIT 0); the others read one key past the page.
    SET v_window = v_offset + v_limit + 1;
    SET w_visit = IF(FIND_IN_SET('visit', v_kinds) > 0, v_window, 0);
    SET w_diagnosis = IF(FIND_IN_SET('diagnosis', v_kinds) > 0, v_window, 0);
    SET w_vitals = IF(FIND_IN_SET('vitals', v_kinds) > 0, v_window, 0);
    SET w_allergy = IF(FIND_IN_SET('allergy', v_kinds) > 0, v_window, 0);
    SET w_problem = IF(FIND_IN_SET('problem', v_kinds) > 0, v_window, 0);
    SET w_prescription = IF(FIND_IN_SET('prescription', v_kinds) > 0, v_window, 0);
    SET w_lab = IF(FIND_IN_SET('lab_result', v_kinds) > 0, v_window, 0);

    SELECT k.kind, k.item_id, k.occurred_at,
           CASE k.kind
               WHEN 'visit' THEN IF(vd.staff_id IS NULL, 'Visit', CONCAT('Visit · Dr ', vd.given_name, ' ', vd.family_name))
               WHEN 'diagnosis' THEN 'Diagnosis'
               WHEN 'vitals' THEN 'Vital signs'
               WHEN 'allergy' THEN CONCAT('Allergy: ', al.substance)
               WHEN 'problem' THEN CONCAT('Problem: ', pb.description)
               WHEN 'prescription' THEN 'Prescription'
               ELSE CONCAT('Lab result: ', lt.name)
           END AS title,
           CASE k.kind
               WHEN 'visit' THEN LEFT(CONCAT_WS(' · ', dp.name,
                                       IF(v_clinical = 1, NULLIF(TRIM(COALESCE(vn.assessment, vn.subjective, '')), ''), NULL)), 255)
               WHEN 'diagnosis' THEN CONCAT(dg.icd10_code, ' ', ic.title, IF(dg.is_primary = 1, ' (primary)', ''))
               WHEN 'vitals' THEN vital_sign_text(vs.systolic_mmhg, vs.diastolic_mmhg, vs.pulse_bpm, vs.temperature_c,
                                                  vs.respiratory_rate, vs.spo2_pct, vs.weight_kg, vs.height_cm)
               WHEN 'allergy' THEN CONCAT_WS(' · ', al.reaction, REPLACE(al.severity, '_', '-'),
                                             IF(al.status = 'inactive', CONCAT('inactive: ', al.inactive_reason), NULL))
               WHEN 'problem' THEN CONCAT_WS(' · ', pb.icd10_code, CONCAT('since ', pb.onset_date),
                                             CONCAT('resolved ', pb.resolved_date))
               WHEN 'prescription' THEN CONCAT_WS(' · ',
                   (SELECT LEFT(GROUP_CONCAT(CONCAT(m.name, ' ', m.strength, ' x ', pi.quantity)
                                             ORDER BY pi.prescription_item_id SEPARATOR ', '), 255)
                      FROM prescription_item AS pi
                      JOIN medication AS m ON m.medication_id = pi.medication_id
                     WHERE pi.prescription_id = rx.prescription_id),
                   IF(rx.status = 'cancelled', CONCAT('cancelled: ', rx.cancel_reason), NULL))
               ELSE CONCAT_WS(' ', lt.name,
                              COALESCE(CONCAT(lo.result_value + 0e0), lo.result_text),
                              COALESCE(lo.result_unit, lt.unit),
                              IF(lo.abnormal_flag IN ('low', 'high'), UPPER(lo.abnormal_flag), NULL),
                              CASE
                                  WHEN lo.reference_low IS NOT NULL AND lo.reference_high IS NOT NULL
                                      THEN CONCAT('(', lo.reference_low + 0e0, '-', lo.reference_high + 0e0, ')')
                                  WHEN lo.reference_low IS NOT NULL THEN CONCAT('(>= ', lo.reference_low + 0e0, ')')
                                  WHEN lo.reference_high IS NOT NULL THEN CONCAT('(<= ', lo.reference_high + 0e0, ')')
                              END)
           END AS detail,
           CASE k.kind
               WHEN 'visit' THEN v.status
               WHEN 'allergy' THEN al.status
               WHEN 'problem' THEN pb.status
               WHEN 'prescription' THEN rx.status
               WHEN 'lab_result' THEN IF(lo.status = 'verified', 'final', 'preliminary')
           END AS status,
           CASE k.kind
               WHEN 'diagnosis' THEN IF(dg.is_primary = 1, 'primary', 'secondary')
               WHEN 'allergy' THEN al.severity
               WHEN 'lab_result' THEN lo.abnormal_flag
           END AS flag,
           IF(k.kind = 'lab_result' AND lo.abnormal_flag IN ('low', 'high'), 1, 0) AS is_abnormal,
           COALESCE(v.visit_id, dg.visit_id, vs.visit_id, rx.visit_id, lo.visit_id) AS visit_id,
           CASE
               WHEN k.kind = 'visit' AND vd.staff_id IS NOT NULL THEN CONCAT(vd.given_name, ' ', vd.family_name)
               WHEN k.kind = 'prescription' THEN CONCAT(rd.given_name, ' ', rd.family_name)
               ELSE ua.display_name
           END AS clinician_name,
           k.union_rows >= v_window AS has_more
      FROM (
            SELECT u.kind, u.item_id, u.occurred_at, COUNT(*) OVER () AS union_rows
              FROM (
                    (SELECT 'visit' AS kind, visit_id AS item_id, started_at AS occurred_at
                       FROM visit
                      WHERE patient_id = p_patient_id
                      ORDER BY started_at DESC, visit_id DESC
                      LIMIT w_visit)
                    UNION ALL
                    (SELECT 'diagnosis', visit_diagnosis_id, recorded_at
                       FROM visit_diagnosis
                      WHERE patient_id = p_patient_id
                      ORDER BY recorded_at DESC, visit_diagnosis_id DESC
                      LIMIT w_diagnosis)
                    UNION ALL
                    (SELECT 'vitals', vital_sign_id, recorded_at
                       FROM vital_sign
                      WHERE patient_id = p_patient_id
                      ORDER BY recorded_at DESC, vital_sign_id DESC
                      LIMIT w_vitals)
                    UNION ALL
                    (SELECT 'allergy', allergy_id, recorded_at
                       FROM allergy
                      WHERE patient_id = p_patient_id
                      ORDER BY recorded_at DESC, allergy_id DESC
                      LIMIT w_allergy)
                    UNION ALL
                    (SELECT 'problem', problem_id, recorded_at
                       FROM problem
                      WHERE patient_id = p_patient_id
                      ORDER BY recorded_at DESC, problem_id DESC
                      LIMIT w_problem)
                    UNION ALL
                    (SELECT 'prescription', prescription_id, issued_at
                       FROM prescription
                      WHERE patient_id = p_patient_id
                      ORDER BY issued_at DESC, prescription_id DESC
                      LIMIT w_prescription)
                    UNION ALL
                    (SELECT 'lab_result', lab_order_id, resulted_at
                       FROM lab_order
                      WHERE patient_id = p_patient_id AND resulted_at IS NOT NULL
                        AND status IN ('resulted', 'verified')
                      ORDER BY resulted_at DESC, lab_order_id DESC
                      LIMIT w_lab)
                   ) AS u
             ORDER BY u.occurred_at DESC, u.kind, u.item_id DESC
             LIMIT v_offset, v_limit
           ) AS k
      LEFT JOIN visit AS v ON k.kind = 'visit' AND v.visit_id = k.item_id
      LEFT JOIN staff AS vd ON vd.staff_id = v.staff_id
      LEFT JOIN department AS dp ON dp.department_id = vd.department_id
      LEFT JOIN visit_note AS vn ON vn.visit_id = v.visit_id
      LEFT JOIN visit_diagnosis AS dg ON k.kind = 'diagnosis' AND dg.visit_diagnosis_id = k.item_id
      LEFT JOIN icd10_code AS ic ON ic.icd10_code = dg.icd10_code
      LEFT JOIN vital_sign AS vs ON k.kind = 'vitals' AND vs.vital_sign_id = k.item_id
      LEFT JOIN allergy AS al ON k.kind = 'allergy' AND al.allergy_id = k.item_id
      LEFT JOIN problem AS pb ON k.kind = 'problem' AND pb.problem_id = k.item_id
      LEFT JOIN prescription AS rx ON k.kind = 'prescription' AND rx.prescription_id = k.item_id
      LEFT JOIN staff AS rd ON rd.staff_id = rx.staff_id
      LEFT JOIN lab_order AS lo ON k.kind = 'lab_result' AND lo.lab_order_id = k.item_id
      LEFT JOIN lab_test AS lt ON lt.lab_test_id = lo.lab_test_id
      LEFT JOIN user_account AS ua
             ON ua.user_account_id = COALESCE(dg.recorded_by, vs.recorded_by, al.recorded_by, pb.recorded_by,
                                              lo.verified_by, lo.resulted_by)
     ORDER BY k.occurred_at DESC, k.kind, k.item_id DESC;
END$$
DELIMITER ;
