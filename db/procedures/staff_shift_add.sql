-- staff_shift_add
-- An administrator adds a shift for a staff member. Returns staff_shift_id.
--   unknown staff 50315, inactive staff 50323, end not after start or longer than 24 hours 50321,
--   overlap with another shift of the same person 50322.
-- No overlap under concurrency: the staff row is locked (FOR UPDATE) before the overlap check, so
-- two connections adding shifts for the same person are serialised, while shifts for different
-- people never wait for each other. Shifts that touch (one ends when the next starts) are allowed.
DROP PROCEDURE IF EXISTS staff_shift_add;
DELIMITER $$
CREATE PROCEDURE staff_shift_add(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_ends_at DATETIME, IN p_note VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT NULL;
    DECLARE v_clash INT DEFAULT 0;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'staff.manage', v_actor_id);
    IF p_starts_at IS NULL OR p_ends_at IS NULL OR p_ends_at <= p_starts_at OR p_ends_at > p_starts_at + INTERVAL 24 HOUR THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A shift must end after it starts and last at most 24 hours.', MYSQL_ERRNO = 50321;
    END IF;

    START TRANSACTION;
    SELECT is_active INTO v_active FROM staff WHERE staff_id = p_staff_id FOR UPDATE;
    IF v_active IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That staff member does not exist.', MYSQL_ERRNO = 50315;
    END IF;
    IF v_active = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This staff member is inactive and cannot be given shifts.', MYSQL_ERRNO = 50323;
    END IF;
    -- A plain SELECT ... INTO, not IF EXISTS (...): with binary logging on, both engines run a
    -- subquery inside IF as a locking read, whose shared gap locks deadlock neighbouring staff's
    -- inserts. The staff row lock above already serialises this person's shift changes.
    SELECT COUNT(*) INTO v_clash
      FROM staff_shift
     WHERE staff_id = p_staff_id
       AND starts_at < p_ends_at
       AND ends_at > p_starts_at;
    IF v_clash > 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This shift overlaps another shift of the same person.', MYSQL_ERRNO = 50322;
    END IF;
    INSERT INTO staff_shift (staff_id, starts_at, ends_at, note)
    VALUES (p_staff_id, p_starts_at, p_ends_at, NULLIF(TRIM(p_note), ''));
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS staff_shift_id;
END$$
DELIMITER ;
