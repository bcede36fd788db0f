-- patient_contact_preference_save
-- INTERNAL: not executable by the app account; patient_contact_preference_set (reception) and
-- portal_contact_preference_set (the patient) call it once they know the patient and the actor.
-- Stores how a patient wants to hear from the clinic: email on or off and SMS on or off (both off = opted
-- out of every reminder and notification), recording who chose. Messages already queued stay queued; new
-- ones follow the choice (internal/outbox_enqueue).
--   51520 a choice that is not 0 or 1.
DROP PROCEDURE IF EXISTS patient_contact_preference_save;
DELIMITER $$
CREATE PROCEDURE patient_contact_preference_save(IN p_patient_id INT UNSIGNED, IN p_email_enabled TINYINT, IN p_sms_enabled TINYINT,
                                                 IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_email_enabled IS NULL OR p_email_enabled NOT IN (0, 1) OR p_sms_enabled IS NULL OR p_sms_enabled NOT IN (0, 1) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose on or off for email and for SMS.', MYSQL_ERRNO = 51520;
    END IF;
    INSERT INTO patient_contact_preference (patient_id, email_enabled, sms_enabled, updated_by)
    VALUES (p_patient_id, p_email_enabled, p_sms_enabled, p_actor_id)
    ON DUPLICATE KEY UPDATE email_enabled = p_email_enabled, sms_enabled = p_sms_enabled, updated_by = p_actor_id;
END$$
DELIMITER ;
