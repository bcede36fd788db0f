-- working_hours_add
-- An administrator adds a weekly working-hours block for a doctor. Returns doctor_working_hours_id.
-- p_weekday is the ISO weekday (Monday = 1 ... Sunday = 7); p_ends_at may be '24:00:00'.
--   50401 not an active doctor, 50402 bad weekday, 50403 end not after start,
--   50404 overlaps another block of the same doctor on that day (touching blocks are allowed).
-- No overlap under concurrency: the doctor's staff row is locked (FOR UPDATE) before the check.
DROP PROCEDURE IF EXISTS working_hours_add;
DELIMITER $$
CREATE PROCEDURE working_hours_add(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_weekday TINYINT,
                                   IN p_starts_at TIME, IN p_ends_at TIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_ok TINYINT DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE v_hit TINYINT DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'schedule.manage', v_actor_id);
    IF p_weekday IS NULL OR p_weekday NOT BETWEEN 1 AND 7 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a weekday from Monday to Sunday.', MYSQL_ERRNO = 50402;
    END IF;
    IF p_starts_at IS NULL OR p_ends_at IS NULL OR p_ends_at <= p_starts_at
       OR p_starts_at < '00:00:00' OR p_ends_at > '24:00:00' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Working hours must end after they start, within one day.', MYSQL_ERRNO = 50403;
    END IF;

    START TRANSACTION;
    SELECT 1 INTO v_ok FROM staff
     WHERE staff_id = p_staff_id AND staff_role = 'doctor' AND is_active = 1
       FOR UPDATE;
    IF v_ok IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an active doctor can have working hours and leave.', MYSQL_ERRNO = 50401;
    END IF;
    -- A plain SELECT ... INTO (a consistent read): IF EXISTS (SELECT ...) would take shared gap locks.
    SELECT 1 INTO v_hit FROM doctor_working_hours
     WHERE staff_id = p_staff_id AND weekday = p_weekday
       AND starts_at < p_ends_at AND ends_at > p_starts_at
     LIMIT 1;
    IF v_hit IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'These hours overlap another block of the same doctor on that day.', MYSQL_ERRNO = 50404;
    END IF;
    INSERT INTO doctor_working_hours (staff_id, weekday, starts_at, ends_at)
    VALUES (p_staff_id, p_weekday, p_starts_at, p_ends_at);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS doctor_working_hours_id;
END$$
DELIMITER ;
