-- room_set_active
-- An administrator takes a room out of use or back into use. Unknown id: 50319.
DROP PROCEDURE IF EXISTS room_set_active;
DELIMITER $$
CREATE PROCEDURE room_set_active(IN p_session_token VARCHAR(100), IN p_room_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'facility.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM room WHERE room_id = p_room_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That room does not exist.', MYSQL_ERRNO = 50319;
    END IF;
    UPDATE room SET is_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1) WHERE room_id = p_room_id;
END$$
DELIMITER ;
