-- patient_update
-- Edits a patient's details with the same checks as registration (patient_validate). The MRN never
-- changes. A merged record cannot be edited (50210): edit the surviving patient instead.
-- Minimum necessary: only clinicians (permission clinical.notes), who see the free-text medical history,
-- change it; for anyone else p_medical_history is ignored and the history stays as it is.
DROP PROCEDURE IF EXISTS patient_update;
DELIMITER $$
CREATE PROCEDURE patient_update(
    IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_given_name VARCHAR(100),
    IN p_family_name VARCHAR(100), IN p_sex VARCHAR(10), IN p_date_of_birth DATE, IN p_phone VARCHAR(64),
    IN p_email VARCHAR(254), IN p_address VARCHAR(255), IN p_emergency_contact_name VARCHAR(100),
    IN p_emergency_contact_phone VARCHAR(64), IN p_blood_group VARCHAR(5), IN p_medical_history TEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_phone VARCHAR(20);
    DECLARE v_emergency_phone VARCHAR(20);
    DECLARE v_clinical TINYINT DEFAULT 0;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'patient.register', v_actor_id);
    SET v_clinical = actor_can(v_actor_id, 'clinical.notes');
    CALL patient_validate(p_given_name, p_family_name, p_sex, p_date_of_birth, p_phone, p_email,
                          p_emergency_contact_phone, p_blood_group, v_phone, v_emergency_phone);

    START TRANSACTION;

    CALL patient_require_active(p_patient_id, 'lock');

    UPDATE patient
       SET given_name = TRIM(p_given_name),
           family_name = TRIM(p_family_name),
           sex = COALESCE(NULLIF(TRIM(p_sex), ''), 'unknown'),
           date_of_birth = p_date_of_birth,
           phone = v_phone,
           email = LOWER(NULLIF(TRIM(p_email), '')),
           address = NULLIF(TRIM(p_address), ''),
           emergency_contact_name = NULLIF(TRIM(p_emergency_contact_name), ''),
           emergency_contact_phone = v_emergency_phone,
           blood_group = UPPER(NULLIF(TRIM(p_blood_group), '')),
           medical_history = IF(v_clinical = 1, NULLIF(TRIM(p_medical_history), ''), medical_history)
     WHERE patient_id = p_patient_id;

    COMMIT;
END$$
DELIMITER ;
