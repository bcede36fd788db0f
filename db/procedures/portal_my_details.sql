-- portal_my_details
-- A patient's own details in the portal, one row: the identity fields (mrn, given_name, family_name,
-- sex, date_of_birth, age_years), which the patient cannot change (identity_note says whom to ask),
-- the contact details the patient may edit with portal_my_details_update (phone, email, address,
-- emergency_contact_name, emergency_contact_phone; phones also in the local form, phone_local and
-- emergency_contact_phone_local), the blood group, and can_edit_contact.
-- The patient is the one linked to the session's account (internal/portal_patient_of): no patient id
-- is taken from the caller.
-- Permission: portal.use.
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_my_details;
DELIMITER $$
CREATE PROCEDURE portal_my_details(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, age_years(p.date_of_birth, CURDATE()) AS age_years,
           p.phone, phone_format_local(p.phone) AS phone_local, p.email, p.address,
           p.emergency_contact_name, p.emergency_contact_phone, phone_format_local(p.emergency_contact_phone) AS emergency_contact_phone_local,
           p.blood_group,
           'To correct your name, date of birth or sex, please ask reception.' AS identity_note,
           1 AS can_edit_contact
      FROM patient AS p
     WHERE p.patient_id = v_patient_id;
END$$
DELIMITER ;
