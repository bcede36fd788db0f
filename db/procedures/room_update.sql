-- room_update
-- An administrator changes a room's name, type or department. Unknown id: 50319.
DROP PROCEDURE IF EXISTS room_update;
DELIMITER $$
CREATE PROCEDURE room_update(IN p_session_token VARCHAR(100), IN p_room_id INT UNSIGNED, IN p_name VARCHAR(100), IN p_room_type VARCHAR(20), IN p_department_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM room WHERE room_id = p_room_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That room does not exist.', MYSQL_ERRNO = 50319;
    END IF;
    IF p_name IS NULL OR TRIM(p_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the room''s name.', MYSQL_ERRNO = 50317;
    END IF;
    IF p_room_type IS NULL OR p_room_type NOT IN ('consultation', 'examination', 'procedure', 'laboratory', 'imaging', 'pharmacy', 'ward', 'other') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a room type.', MYSQL_ERRNO = 50320;
    END IF;
    IF p_department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department WHERE department_id = p_department_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That department does not exist.', MYSQL_ERRNO = 50303;
    END IF;
    IF EXISTS (SELECT 1 FROM room WHERE name = TRIM(p_name) AND room_id <> p_room_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A room with that name already exists.', MYSQL_ERRNO = 50318;
    END IF;
    UPDATE room SET name = TRIM(p_name), room_type = p_room_type, department_id = p_department_id
     WHERE room_id = p_room_id;
END$$
DELIMITER ;
