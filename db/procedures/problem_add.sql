-- problem_add
-- Adds an active problem to a patient's problem list: a description, optionally an ICD-10 code
-- (must exist and be active; "E119" means "E11.9") and the onset date (not in the future, not before
-- the patient was born). Returns problem_id.
-- Permission: clinical.record (which roles hold it: table role_permission).
--   50760 no description, 50766 too long, 50761 onset in the future, 50209 unknown patient,
--   50210 merged patient, 50767 onset before birth, 50740 unknown or inactive code.
DROP PROCEDURE IF EXISTS problem_add;
DELIMITER $$
CREATE PROCEDURE problem_add(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_description VARCHAR(1000),
                             IN p_icd10_code VARCHAR(20), IN p_onset_date DATE)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_description VARCHAR(1000) DEFAULT TRIM(COALESCE(p_description, ''));
    DECLARE v_code VARCHAR(20) DEFAULT NULLIF(UPPER(TRIM(p_icd10_code)), '');
    DECLARE v_birth DATE DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT NULL;

    CALL actor_require(p_session_token, 'clinical.record', v_actor_id);
    IF v_description = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please describe the problem.', MYSQL_ERRNO = 50760;
    END IF;
    IF CHAR_LENGTH(v_description) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The description can be at most 255 characters long.', MYSQL_ERRNO = 50766;
    END IF;
    IF p_onset_date > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The onset date cannot be in the future.', MYSQL_ERRNO = 50761;
    END IF;
    CALL patient_require_active(p_patient_id, 'active');
    SELECT date_of_birth INTO v_birth FROM patient WHERE patient_id = p_patient_id;
    IF p_onset_date < v_birth THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The onset date cannot be before the patient was born.', MYSQL_ERRNO = 50767;
    END IF;
    IF v_code IS NOT NULL THEN
        IF CHAR_LENGTH(v_code) > 3 AND LOCATE('.', v_code) = 0 THEN
            SET v_code = CONCAT(LEFT(v_code, 3), '.', SUBSTRING(v_code, 4));
        END IF;
        SELECT is_active INTO v_active FROM icd10_code WHERE icd10_code = v_code;
        IF v_active IS NULL OR v_active = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That ICD-10 code does not exist or is no longer in use.', MYSQL_ERRNO = 50740;
        END IF;
    END IF;
    INSERT INTO problem (patient_id, description, icd10_code, onset_date, recorded_by)
    VALUES (p_patient_id, v_description, v_code, p_onset_date, v_actor_id);
    SELECT LAST_INSERT_ID() AS problem_id;
END$$
DELIMITER ;
