-- visit_diagnosis_add
-- Adds an ICD-10 coded diagnosis to an open visit, as the primary diagnosis (p_is_primary = 1) or a
-- secondary one. A visit has at most one primary diagnosis: a second is refused with the code of the
-- first (visit_diagnosis_set_primary swaps them); the unique key uq_visit_diagnosis_primary is the
-- backstop. The code must exist and be active (p_icd10_code is trimmed and upper-cased; "E119"
-- means "E11.9"); a code is recorded once per visit. Returns visit_diagnosis_id.
-- Who: the treating doctor (role doctor + visit_require_writer); diagnosing is a doctor's act.
-- Permission: diagnosis.record. Lock: the visit row (visit_require_writer); the checks below are plain reads
-- under that lock.
--   50744 note too long, 50701 unknown visit, 50705 not a writer, 50711 visit closed,
--   50740 unknown or inactive code, 50742 already recorded, 50741 a primary exists.
DROP PROCEDURE IF EXISTS visit_diagnosis_add;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_add(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_icd10_code VARCHAR(20),
                                     IN p_is_primary TINYINT, IN p_note TEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_code VARCHAR(20) DEFAULT UPPER(TRIM(COALESCE(p_icd10_code, '')));
    DECLARE v_note TEXT DEFAULT NULLIF(TRIM(p_note), '');
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);
    DECLARE v_active TINYINT DEFAULT NULL;
    DECLARE v_existing INT UNSIGNED DEFAULT NULL;
    DECLARE v_primary VARCHAR(8) DEFAULT NULL;
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'diagnosis.record', v_actor_id);
    IF CHAR_LENGTH(v_code) > 3 AND LOCATE('.', v_code) = 0 THEN
        SET v_code = CONCAT(LEFT(v_code, 3), '.', SUBSTRING(v_code, 4));
    END IF;
    IF CHAR_LENGTH(v_note) > 500 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The note on a diagnosis can be at most 500 characters.', MYSQL_ERRNO = 50744;
    END IF;

    START TRANSACTION;
    CALL visit_require_writer(v_actor_id, p_visit_id, v_patient_id, v_status);
    IF v_status <> 'open' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
    SELECT is_active INTO v_active FROM icd10_code WHERE icd10_code = v_code;
    IF v_active IS NULL OR v_active = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That ICD-10 code does not exist or is no longer in use.', MYSQL_ERRNO = 50740;
    END IF;
    SELECT visit_diagnosis_id INTO v_existing FROM visit_diagnosis WHERE visit_id = p_visit_id AND icd10_code = v_code;
    IF v_existing IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This diagnosis is already recorded on this visit.', MYSQL_ERRNO = 50742;
    END IF;
    IF COALESCE(p_is_primary, 0) = 1 THEN
        SELECT icd10_code INTO v_primary FROM visit_diagnosis WHERE visit_id = p_visit_id AND is_primary = 1;
        IF v_primary IS NOT NULL THEN
            SET v_message = CONCAT('This visit already has a primary diagnosis (', v_primary,
                                   '). Add this one as secondary, then make it primary if needed.');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50741;
        END IF;
    END IF;
    INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, note, recorded_by)
    VALUES (p_visit_id, v_patient_id, v_code, IF(COALESCE(p_is_primary, 0) = 1, 1, 0), v_note, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS visit_diagnosis_id;
END$$
DELIMITER ;
