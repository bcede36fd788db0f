-- portal_my_details_update
-- A patient edits their own contact details in the portal: phone, email, address, emergency contact
-- name and phone. The identity fields (name, date of birth, sex) and the clinical ones stay as they
-- are: only reception corrects them. The checks and the phone normalisation are reception's
-- (internal/patient_validate, run with the record's own identity fields), so a number is stored in
-- the same international form (50204 refused, 50205 email shape). Empty clears a field.
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record; 50204, 50205 (patient_validate).
DROP PROCEDURE IF EXISTS portal_my_details_update;
DELIMITER $$
CREATE PROCEDURE portal_my_details_update(
    IN p_session_token VARCHAR(100), IN p_phone VARCHAR(64), IN p_email VARCHAR(254), IN p_address VARCHAR(255),
    IN p_emergency_contact_name VARCHAR(100), IN p_emergency_contact_phone VARCHAR(64))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_given VARCHAR(100);
    DECLARE v_family VARCHAR(100);
    DECLARE v_sex VARCHAR(7);
    DECLARE v_dob DATE;
    DECLARE v_blood VARCHAR(3);
    DECLARE v_phone VARCHAR(20);
    DECLARE v_emergency_phone VARCHAR(20);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    START TRANSACTION;
    CALL patient_require_active(v_patient_id, 'lock');
    SELECT given_name, family_name, sex, date_of_birth, blood_group INTO v_given, v_family, v_sex, v_dob, v_blood
      FROM patient WHERE patient_id = v_patient_id;
    CALL patient_validate(v_given, v_family, v_sex, v_dob, p_phone, p_email, p_emergency_contact_phone, v_blood,
                          v_phone, v_emergency_phone);
    UPDATE patient
       SET phone = v_phone,
           email = LOWER(NULLIF(TRIM(p_email), '')),
           address = NULLIF(TRIM(p_address), ''),
           emergency_contact_name = NULLIF(TRIM(p_emergency_contact_name), ''),
           emergency_contact_phone = v_emergency_phone
     WHERE patient_id = v_patient_id;
    COMMIT;
END$$
DELIMITER ;
