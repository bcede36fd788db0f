-- visit_record_past
-- An administrator records a visit that already happened, with its clinical record: a clinic moving
-- from paper, and the demo clinic. One transaction writes the visit (no appointment or queue entry:
-- it was kept on paper), its SOAP note, one set of vitals, a primary and an optional secondary
-- ICD-10 diagnosis, then closes it at p_closed_at, signed by the administrator. The visit is
-- inserted open, filled, then closed, so the closed-visit triggers and every CHECK hold for it as
-- for a visit recorded live; afterwards it changes only through signed addenda.
-- Vitals: any subset (all NULL: none recorded); the CHECKs on vital_sign refuse impossible values.
-- Permission: records.enter_past. Returns visit_id.
--   50770 times (started in the past; closed after it started and not in the future),
--   50771 not an active doctor, 50772 unknown patient, 50773 unknown or inactive ICD-10 code.
-- Lock order: the doctor's staff row, then the patient row (as booking does).
DROP PROCEDURE IF EXISTS visit_record_past;
DELIMITER $$
CREATE PROCEDURE visit_record_past(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_staff_id INT UNSIGNED,
                                   IN p_started_at DATETIME, IN p_closed_at DATETIME,
                                   IN p_subjective TEXT, IN p_objective TEXT, IN p_assessment TEXT, IN p_plan TEXT,
                                   IN p_systolic_mmhg INT, IN p_diastolic_mmhg INT, IN p_pulse_bpm INT,
                                   IN p_temperature_c DECIMAL(4,1), IN p_respiratory_rate INT, IN p_spo2_pct INT,
                                   IN p_weight_kg DECIMAL(5,2), IN p_height_cm DECIMAL(5,1),
                                   IN p_primary_code VARCHAR(8), IN p_secondary_code VARCHAR(8))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_locked INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient INT UNSIGNED DEFAULT NULL;
    DECLARE v_codes INT DEFAULT 0;
    DECLARE v_visit_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'records.enter_past', v_actor_id);
    IF p_started_at IS NULL OR p_closed_at IS NULL OR p_started_at >= NOW() OR p_closed_at <= p_started_at OR p_closed_at > NOW() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A past visit must have started in the past and closed after it started, not in the future.', MYSQL_ERRNO = 50770;
    END IF;

    START TRANSACTION;
    SELECT staff_id INTO v_locked FROM staff
     WHERE staff_id = p_staff_id AND staff_role = 'doctor' AND is_active = 1 FOR UPDATE;
    IF v_locked IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose an active doctor for the visit.', MYSQL_ERRNO = 50771;
    END IF;
    SELECT patient_id INTO v_patient FROM patient WHERE patient_id = p_patient_id FOR UPDATE;
    IF v_patient IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That patient does not exist.', MYSQL_ERRNO = 50772;
    END IF;
    SELECT COUNT(*) INTO v_codes FROM icd10_code
     WHERE is_active = 1 AND icd10_code IN (UPPER(TRIM(p_primary_code)), UPPER(TRIM(p_secondary_code)));
    IF (p_primary_code IS NOT NULL AND v_codes < 1 + (p_secondary_code IS NOT NULL))
       OR (p_primary_code IS NULL AND p_secondary_code IS NOT NULL) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That ICD-10 code is not in the code list, or is no longer used.', MYSQL_ERRNO = 50773;
    END IF;

    INSERT INTO visit (patient_id, staff_id, started_at, status) VALUES (p_patient_id, p_staff_id, p_started_at, 'open');
    SET v_visit_id = LAST_INSERT_ID();
    IF COALESCE(p_subjective, p_objective, p_assessment, p_plan) IS NOT NULL THEN
        INSERT INTO visit_note (visit_id, subjective, objective, assessment, plan, updated_by)
        VALUES (v_visit_id, NULLIF(TRIM(p_subjective), ''), NULLIF(TRIM(p_objective), ''), NULLIF(TRIM(p_assessment), ''),
                NULLIF(TRIM(p_plan), ''), v_actor_id);
    END IF;
    IF COALESCE(p_systolic_mmhg, p_pulse_bpm, p_temperature_c, p_respiratory_rate, p_spo2_pct, p_weight_kg, p_height_cm) IS NOT NULL THEN
        INSERT INTO vital_sign (visit_id, patient_id, recorded_at, recorded_by, systolic_mmhg, diastolic_mmhg, pulse_bpm,
                                temperature_c, respiratory_rate, spo2_pct, weight_kg, height_cm)
        VALUES (v_visit_id, p_patient_id, p_started_at + INTERVAL 5 MINUTE, v_actor_id, p_systolic_mmhg, p_diastolic_mmhg, p_pulse_bpm,
                p_temperature_c, p_respiratory_rate, p_spo2_pct, p_weight_kg, p_height_cm);
    END IF;
    IF p_primary_code IS NOT NULL THEN
        INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
        VALUES (v_visit_id, p_patient_id, UPPER(TRIM(p_primary_code)), 1, v_actor_id, p_closed_at);
    END IF;
    IF p_secondary_code IS NOT NULL AND UPPER(TRIM(p_secondary_code)) <> UPPER(TRIM(p_primary_code)) THEN
        INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
        VALUES (v_visit_id, p_patient_id, UPPER(TRIM(p_secondary_code)), 0, v_actor_id, p_closed_at);
    END IF;
    UPDATE visit SET status = 'closed', closed_at = p_closed_at, closed_by = v_actor_id WHERE visit_id = v_visit_id;
    COMMIT;
    SELECT v_visit_id AS visit_id;
END$$
DELIMITER ;
