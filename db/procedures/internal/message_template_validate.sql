-- message_template_validate
-- INTERNAL (not executable by the app). The rules of a message template's text, shared by
-- message_template_update and message_template_preview:
--   51510 no template for that event and channel (the events and channels are fixed: table
--         message_template's checks);
--   51511 an email needs a subject of 1 to 150 characters (an SMS has none: its subject is ignored);
--   51512 the body must be 1 to 2000 characters, an SMS body at most 480 (three SMS parts);
--   51513 an unknown placeholder: after the known ones ({patient_name}, {doctor_name}, {starts_at},
--         {clinic_name}, {clinic_phone}, {test_name}) are removed, no {word} may remain.
DROP PROCEDURE IF EXISTS message_template_validate;
DELIMITER $$
CREATE PROCEDURE message_template_validate(IN p_event_code VARCHAR(30), IN p_channel VARCHAR(5), IN p_subject VARCHAR(150),
                                           IN p_body VARCHAR(2000))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_known TEXT;
    IF NOT EXISTS (SELECT 1 FROM message_template WHERE event_code = p_event_code AND channel = p_channel) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That message template does not exist.', MYSQL_ERRNO = 51510;
    END IF;
    IF p_channel = 'email' AND CHAR_LENGTH(TRIM(COALESCE(p_subject, ''))) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An email needs a subject of 1 to 150 characters.', MYSQL_ERRNO = 51511;
    END IF;
    IF CHAR_LENGTH(TRIM(COALESCE(p_body, ''))) NOT BETWEEN 1 AND IF(p_channel = 'sms', 480, 2000) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the text: at most 2000 characters for an email, 480 for an SMS.', MYSQL_ERRNO = 51512;
    END IF;
    SET v_known = CONCAT(IF(p_channel = 'email', COALESCE(p_subject, ''), ''), ' ', p_body);
    SET v_known = REPLACE(REPLACE(REPLACE(v_known, '{patient_name}', ''), '{doctor_name}', ''), '{starts_at}', '');
    SET v_known = REPLACE(REPLACE(REPLACE(v_known, '{clinic_name}', ''), '{clinic_phone}', ''), '{test_name}', '');
    IF v_known REGEXP '[{][A-Za-z_ ]*[}]' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Unknown placeholder. Use {patient_name}, {doctor_name}, {starts_at}, {clinic_name}, {clinic_phone} or {test_name}.',
                MYSQL_ERRNO = 51513;
    END IF;
END$$
DELIMITER ;
