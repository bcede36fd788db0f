-- portal_contact_preference_get
-- The portal's variant of patient_contact_preference_get: how the signed-in patient wants to hear from
-- the clinic (email on or off, SMS on or off; no stored choice = both on), whether their record has an
-- email address and a phone number (without one nothing is sent on that channel), when they last chose,
-- and can_change (an active record). The patient is the one linked to the session's account
-- (internal/portal_patient_of): no patient id is taken from the caller.
-- Permission: portal.use.
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_contact_preference_get;
DELIMITER $$
CREATE PROCEDURE portal_contact_preference_get(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    SELECT p.patient_id, COALESCE(c.email_enabled, 1) AS email_enabled, COALESCE(c.sms_enabled, 1) AS sms_enabled,
           IF(NULLIF(TRIM(p.email), '') IS NULL, 0, 1) AS has_email, IF(NULLIF(TRIM(p.phone), '') IS NULL, 0, 1) AS has_phone,
           c.updated_at, (p.status = 'active') AS can_change
      FROM patient AS p
      LEFT JOIN patient_contact_preference AS c ON c.patient_id = p.patient_id
     WHERE p.patient_id = v_patient_id;
END$$
DELIMITER ;
