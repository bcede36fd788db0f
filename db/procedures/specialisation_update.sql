-- specialisation_update
-- An administrator changes a specialisation. Unknown id: 50306; same checks as specialisation_create.
DROP PROCEDURE IF EXISTS specialisation_update;
DELIMITER $$
CREATE PROCEDURE specialisation_update(IN p_session_token VARCHAR(100), IN p_specialisation_id INT UNSIGNED, IN p_name VARCHAR(100), IN p_default_appointment_minutes INT, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM specialisation WHERE specialisation_id = p_specialisation_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That specialisation does not exist.', MYSQL_ERRNO = 50306;
    END IF;
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the specialisation''s name.', MYSQL_ERRNO = 50304;
    END IF;
    IF EXISTS (SELECT 1 FROM specialisation WHERE name = TRIM(p_name) AND specialisation_id <> p_specialisation_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A specialisation with that name already exists.', MYSQL_ERRNO = 50305;
    END IF;
    IF p_default_appointment_minutes IS NULL OR p_default_appointment_minutes NOT BETWEEN 5 AND 240 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The default appointment length must be between 5 and 240 minutes.', MYSQL_ERRNO = 50307;
    END IF;
    UPDATE specialisation
       SET name = TRIM(p_name), default_appointment_minutes = p_default_appointment_minutes,
           is_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1)
     WHERE specialisation_id = p_specialisation_id;
END$$
DELIMITER ;
