-- patient_get
-- One patient's demographics for the profile and the edit form, with phones also in local format.
-- A merged record is returned too (status 'merged', merged_into_patient_id and merged_into_mrn), so
-- the screen can send the user to the surviving record. Unknown id: 50209.
-- Minimum necessary: the free-text medical history is returned to clinicians (permission clinical.notes)
-- only; can_see_medical_history tells the screen whether to show it. Every read is written to the
-- access log (kind 'profile').
DROP PROCEDURE IF EXISTS patient_get;
DELIMITER $$
CREATE PROCEDURE patient_get(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_clinical TINYINT DEFAULT 0;
    CALL actor_require(p_session_token, 'patient.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    SET v_clinical = actor_can(v_actor_id, 'clinical.notes');
    CALL patient_access_record(p_patient_id, 'profile', NULL, NULL);

    SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth,
           age_years(p.date_of_birth, CURDATE()) AS age_years,
           p.phone, phone_format_local(p.phone) AS phone_local, p.email, p.address,
           p.emergency_contact_name, p.emergency_contact_phone,
           phone_format_local(p.emergency_contact_phone) AS emergency_contact_phone_local,
           p.blood_group, IF(v_clinical = 1, p.medical_history, NULL) AS medical_history,
           v_clinical AS can_see_medical_history, p.status, p.merged_into_patient_id, s.mrn AS merged_into_mrn,
           p.merge_reason, p.merged_at, p.created_at, p.updated_at
      FROM patient AS p
      LEFT JOIN patient AS s ON s.patient_id = p.merged_into_patient_id
     WHERE p.patient_id = p_patient_id;
END$$
DELIMITER ;
