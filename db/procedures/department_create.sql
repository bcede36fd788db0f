-- department_create
-- An administrator adds a department. Returns department_id. Name required (50301) and unique (50302).
DROP PROCEDURE IF EXISTS department_create;
DELIMITER $$
CREATE PROCEDURE department_create(IN p_session_token VARCHAR(100), IN p_name VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the department''s name.', MYSQL_ERRNO = 50301;
    END IF;
    IF EXISTS (SELECT 1 FROM department WHERE name = TRIM(p_name)) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A department with that name already exists.', MYSQL_ERRNO = 50302;
    END IF;
    INSERT INTO department (name) VALUES (TRIM(p_name));
    SELECT LAST_INSERT_ID() AS department_id;
END$$
DELIMITER ;
