-- room_create
-- An administrator adds a room: name (required 50317, unique 50318), type (50320: consultation,
-- examination, procedure, laboratory, imaging, pharmacy, ward, other), optional department (50303).
-- Returns room_id.
DROP PROCEDURE IF EXISTS room_create;
DELIMITER $$
CREATE PROCEDURE room_create(IN p_session_token VARCHAR(100), IN p_name VARCHAR(100), IN p_room_type VARCHAR(20), IN p_department_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the room''s name.', MYSQL_ERRNO = 50317;
    END IF;
    IF p_room_type IS NULL OR p_room_type NOT IN ('consultation', 'examination', 'procedure', 'laboratory', 'imaging', 'pharmacy', 'ward', 'other') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a room type.', MYSQL_ERRNO = 50320;
    END IF;
    IF p_department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department WHERE department_id = p_department_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That department does not exist.', MYSQL_ERRNO = 50303;
    END IF;
    IF EXISTS (SELECT 1 FROM room WHERE name = TRIM(p_name)) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A room with that name already exists.', MYSQL_ERRNO = 50318;
    END IF;
    INSERT INTO room (name, room_type, department_id) VALUES (TRIM(p_name), p_room_type, p_department_id);
    SELECT LAST_INSERT_ID() AS room_id;
END$$
DELIMITER ;
