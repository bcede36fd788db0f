-- specialisation_create
-- An administrator adds a specialisation with its default appointment length in minutes (5 to 240,
-- 50307). Returns specialisation_id. Name required (50304) and unique (50305).
DROP PROCEDURE IF EXISTS specialisation_create;
DELIMITER $$
CREATE PROCEDURE specialisation_create(IN p_session_token VARCHAR(100), IN p_name VARCHAR(100), IN p_default_appointment_minutes INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the specialisation''s name.', MYSQL_ERRNO = 50304;
    END IF;
    IF EXISTS (SELECT 1 FROM specialisation WHERE name = TRIM(p_name)) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A specialisation with that name already exists.', MYSQL_ERRNO = 50305;
    END IF;
    IF p_default_appointment_minutes IS NULL OR p_default_appointment_minutes NOT BETWEEN 5 AND 240 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The default appointment length must be between 5 and 240 minutes.', MYSQL_ERRNO = 50307;
    END IF;
    INSERT INTO specialisation (name, default_appointment_minutes) VALUES (TRIM(p_name), p_default_appointment_minutes);
    SELECT LAST_INSERT_ID() AS specialisation_id;
END$$
DELIMITER ;
