-- message_template_update
-- An administrator changes the text of one event's message on one channel, or turns it off
-- (p_is_active 0: nothing is queued for that event on that channel). Placeholders: {patient_name},
-- {doctor_name}, {starts_at}, {clinic_name}, {clinic_phone}, {test_name} (lab results). The change applies
-- to messages queued from now on. Rules: internal/message_template_validate (51510-51513); an SMS has no
-- subject (stored empty).
DROP PROCEDURE IF EXISTS message_template_update;
DELIMITER $$
CREATE PROCEDURE message_template_update(IN p_session_token VARCHAR(100), IN p_event_code VARCHAR(30), IN p_channel VARCHAR(5),
                                         IN p_subject VARCHAR(150), IN p_body VARCHAR(2000), IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'notification.manage', v_actor_id);
    CALL message_template_validate(p_event_code, p_channel, p_subject, p_body);
    UPDATE message_template
       SET subject = IF(channel = 'email', TRIM(p_subject), ''), body = TRIM(p_body), is_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1),
           updated_by = v_actor_id
     WHERE event_code = p_event_code AND channel = p_channel;
END$$
DELIMITER ;
