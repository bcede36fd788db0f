-- patient_contact_preference_get
-- Reception (and whoever may read patients) sees how a patient wants to hear from the clinic: email on
-- or off, SMS on or off (no stored choice = both on), and whether the record has an email address and
-- a phone number at all (without them nothing is sent on that channel), and can_change: whether the
-- session may change the choice here (patient.register and the record is active: patient_contact_preference_set).
-- The portal's own variant: portal_contact_preference_get.
--   50209 unknown patient (a merged record is accepted: it shows its own choice).
DROP PROCEDURE IF EXISTS patient_contact_preference_get;
DELIMITER $$
CREATE PROCEDURE patient_contact_preference_get(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'patient.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    SELECT p.patient_id, COALESCE(c.email_enabled, 1) AS email_enabled, COALESCE(c.sms_enabled, 1) AS sms_enabled,
           IF(NULLIF(TRIM(p.email), '') IS NULL, 0, 1) AS has_email, IF(NULLIF(TRIM(p.phone), '') IS NULL, 0, 1) AS has_phone,
           c.updated_at, (actor_can(v_actor_id, 'patient.register') = 1 AND p.status = 'active') AS can_change
      FROM patient AS p
      LEFT JOIN patient_contact_preference AS c ON c.patient_id = p.patient_id
     WHERE p.patient_id = p_patient_id;
END$$
DELIMITER ;
