-- message_template_preview
-- An administrator previews a template text before saving it: the subject and body rendered by
-- outbox_render, exactly as a message would be, with sample data (patient Mary Nakato, Dr. Sarah Okello,
-- tomorrow at 09:30, the test 'Full blood count') and the clinic's own name and phone (settings
-- clinic.name, clinic.phone). The same rules as saving (internal/message_template_validate, 51510-51513).
-- Returns one row: subject, body, characters (of the body; an SMS part holds 160).
DROP PROCEDURE IF EXISTS message_template_preview;
DELIMITER $$
CREATE PROCEDURE message_template_preview(IN p_session_token VARCHAR(100), IN p_event_code VARCHAR(30), IN p_channel VARCHAR(5),
                                          IN p_subject VARCHAR(150), IN p_body VARCHAR(2000))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_starts_at DATETIME;
    DECLARE v_body TEXT;
    CALL actor_require(p_session_token, 'notification.manage', v_actor_id);
    CALL message_template_validate(p_event_code, p_channel, p_subject, p_body);
    SET v_starts_at = TIMESTAMP(CURRENT_DATE + INTERVAL 1 DAY, '09:30:00');
    SET v_body = outbox_render(TRIM(p_body), 'Mary Nakato', 'Sarah Okello', v_starts_at, 'Full blood count',
                               setting_text('clinic.name', 'Clinic'), setting_text('clinic.phone', ''));
    SELECT IF(p_channel = 'email',
              outbox_render(TRIM(p_subject), 'Mary Nakato', 'Sarah Okello', v_starts_at, 'Full blood count',
                            setting_text('clinic.name', 'Clinic'), setting_text('clinic.phone', '')), '') AS subject,
           v_body AS body, CHAR_LENGTH(v_body) AS characters;
END$$
DELIMITER ;
