-- schedule_exception_add
-- An administrator records leave, a holiday or an extra session for a doctor. Returns
-- doctor_schedule_exception_id. Leave and holidays block bookings in their period; an extra session
-- is bookable time outside the weekly hours. Appointments already booked are not touched.
--   50401 not an active doctor, 50406 unknown kind, 50407 end not after start.
DROP PROCEDURE IF EXISTS schedule_exception_add;
DELIMITER $$
CREATE PROCEDURE schedule_exception_add(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_kind VARCHAR(20),
                                        IN p_starts_at DATETIME, IN p_ends_at DATETIME, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_ok TINYINT DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'schedule.manage', v_actor_id);
    IF p_kind IS NULL OR p_kind NOT IN ('leave', 'holiday', 'extra_session') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose the kind: leave, holiday or extra session.', MYSQL_ERRNO = 50406;
    END IF;
    IF p_starts_at IS NULL OR p_ends_at IS NULL OR p_ends_at <= p_starts_at THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The period must end after it starts.', MYSQL_ERRNO = 50407;
    END IF;

    START TRANSACTION;
    SELECT 1 INTO v_ok FROM staff
     WHERE staff_id = p_staff_id AND staff_role = 'doctor' AND is_active = 1
       FOR UPDATE;
    IF v_ok IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an active doctor can have working hours and leave.', MYSQL_ERRNO = 50401;
    END IF;
    INSERT INTO doctor_schedule_exception (staff_id, kind, starts_at, ends_at, reason)
    VALUES (p_staff_id, p_kind, p_starts_at, p_ends_at, NULLIF(TRIM(p_reason), ''));
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS doctor_schedule_exception_id;
END$$
DELIMITER ;
