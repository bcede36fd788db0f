-- portal_contact_preference_set
-- The portal's variant of patient_contact_preference_set: the signed-in patient chooses their channels,
-- email on or off and SMS on or off (both off = opted out of every reminder and notification). Messages
-- already queued stay queued; new ones follow the choice (internal/outbox_enqueue). The patient is the one
-- linked to the session's account (internal/portal_patient_of): no patient id is taken from the caller;
-- updated_by records the patient's own account.
-- Permission: portal.use.
--   51410 the account is not linked to a patient record, 51520 a choice that is not 0 or 1.
DROP PROCEDURE IF EXISTS portal_contact_preference_set;
DELIMITER $$
CREATE PROCEDURE portal_contact_preference_set(IN p_session_token VARCHAR(100), IN p_email_enabled TINYINT, IN p_sms_enabled TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    CALL patient_contact_preference_save(v_patient_id, p_email_enabled, p_sms_enabled, v_actor_id);
END$$
DELIMITER ;
