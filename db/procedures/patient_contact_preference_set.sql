-- patient_contact_preference_set
-- Reception records how a patient wants to hear from the clinic: email on or off and SMS on or off
-- (both off = opted out of every reminder and notification). Messages already queued stay queued; new
-- ones follow the choice (internal/outbox_enqueue). The patient's own choice in the portal:
-- portal_contact_preference_set.
--   50209 unknown patient, 50210 merged patient, 51520 a choice that is not 0 or 1.
DROP PROCEDURE IF EXISTS patient_contact_preference_set;
DELIMITER $$
CREATE PROCEDURE patient_contact_preference_set(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_email_enabled TINYINT,
                                                IN p_sms_enabled TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'patient.register', v_actor_id);
    CALL patient_require_active(p_patient_id, 'active');
    CALL patient_contact_preference_save(p_patient_id, p_email_enabled, p_sms_enabled, v_actor_id);
END$$
DELIMITER ;
