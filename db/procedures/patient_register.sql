-- patient_register
-- Registers a patient and issues the medical record number (MRN). Returns patient_id and mrn.
-- Permission: patient.register (small clinics register walk-ins at triage or
-- in the consultation room).
--   * fields are checked by patient_validate (50201-50207);
--   * possible duplicates: an active patient with the same date of birth and a similar name
--     (name_similar), or with the same normalised phone number, refuses the registration with 50208
--     unless p_confirm_duplicate = 1; patient_duplicate_candidates lists them for the screen;
--   * the MRN is setting patient.mrn_prefix followed by the next number of sequence_counter
--     'patient.mrn', zero-padded to patient.mrn_digits. The counter row is locked (FOR UPDATE) and
--     incremented in the same transaction as the insert: numbers are unique, never reused, and have
--     no gaps even under concurrent registration (a failed insert rolls the counter back too).
DROP PROCEDURE IF EXISTS patient_register;
DELIMITER $$
CREATE PROCEDURE patient_register(
    IN p_session_token VARCHAR(100), IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100),
    IN p_sex VARCHAR(10), IN p_date_of_birth DATE, IN p_phone VARCHAR(64), IN p_email VARCHAR(254),
    IN p_address VARCHAR(255), IN p_emergency_contact_name VARCHAR(100),
    IN p_emergency_contact_phone VARCHAR(64), IN p_blood_group VARCHAR(5), IN p_medical_history TEXT,
    IN p_confirm_duplicate TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_phone VARCHAR(20);
    DECLARE v_emergency_phone VARCHAR(20);
    DECLARE v_next BIGINT UNSIGNED;
    DECLARE v_digits INT;
    DECLARE v_mrn VARCHAR(32);
    DECLARE v_id INT UNSIGNED;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'patient.register', v_actor_id);
    CALL patient_validate(p_given_name, p_family_name, p_sex, p_date_of_birth, p_phone, p_email,
                          p_emergency_contact_phone, p_blood_group, v_phone, v_emergency_phone);

    IF COALESCE(p_confirm_duplicate, 0) <> 1 AND (
           EXISTS (SELECT 1 FROM patient
                    WHERE date_of_birth = p_date_of_birth AND status = 'active'
                      AND name_similar(TRIM(p_given_name), TRIM(p_family_name), given_name, family_name) = 1)
        OR (v_phone IS NOT NULL AND EXISTS (SELECT 1 FROM patient WHERE phone = v_phone AND status = 'active'))) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This may be a patient who is already registered. Check the matches and confirm to register anyway.', MYSQL_ERRNO = 50208;
    END IF;

    SET v_digits = setting_int('patient.mrn_digits', 6);

    START TRANSACTION;

    SELECT next_value INTO v_next
      FROM sequence_counter
     WHERE counter_name = 'patient.mrn'
       FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'patient.mrn';

    SET v_mrn = CONCAT(setting_text('patient.mrn_prefix', ''),
                       IF(CHAR_LENGTH(v_next) >= v_digits, CAST(v_next AS CHAR), LPAD(v_next, v_digits, '0')));

    INSERT INTO patient (mrn, given_name, family_name, sex, date_of_birth, phone, email, address,
                         emergency_contact_name, emergency_contact_phone, blood_group, medical_history)
    VALUES (v_mrn, TRIM(p_given_name), TRIM(p_family_name), COALESCE(NULLIF(TRIM(p_sex), ''), 'unknown'),
            p_date_of_birth, v_phone, LOWER(NULLIF(TRIM(p_email), '')), NULLIF(TRIM(p_address), ''),
            NULLIF(TRIM(p_emergency_contact_name), ''), v_emergency_phone,
            UPPER(NULLIF(TRIM(p_blood_group), '')), NULLIF(TRIM(p_medical_history), ''));
    SET v_id = LAST_INSERT_ID();

    COMMIT;

    SELECT v_id AS patient_id, v_mrn AS mrn;
END$$
DELIMITER ;
