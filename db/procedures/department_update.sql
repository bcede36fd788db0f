-- department_update
-- An administrator renames a department or (de)activates it. Unknown id: 50303.
DROP PROCEDURE IF EXISTS department_update;
DELIMITER $$
CREATE PROCEDURE department_update(IN p_session_token VARCHAR(100), IN p_department_id INT UNSIGNED, IN p_name VARCHAR(100), IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM department WHERE department_id = p_department_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That department does not exist.', MYSQL_ERRNO = 50303;
    END IF;
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the department''s name.', MYSQL_ERRNO = 50301;
    END IF;
    IF EXISTS (SELECT 1 FROM department WHERE name = TRIM(p_name) AND department_id <> p_department_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A department with that name already exists.', MYSQL_ERRNO = 50302;
    END IF;
    UPDATE department SET name = TRIM(p_name), is_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1)
     WHERE department_id = p_department_id;
END$$
DELIMITER ;
