-- appointment_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the action when appointment_action_refusal says so, with that code and its sentence; the
-- caller passes the row it has just locked. The same function gives appointment_get and
-- appointment_list their can_* flags, so the flag and the refusal cannot drift apart.
--   50102, 50510, 50512-50518, 50520: see appointment_action_refusal.
DROP PROCEDURE IF EXISTS appointment_action_require;
DELIMITER $$
CREATE PROCEDURE appointment_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(12), IN p_status VARCHAR(11),
                                            IN p_starts_at DATETIME)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT appointment_action_refusal(p_actor_id, p_action, p_status, p_starts_at);

    IF v_code = 50102 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    ELSEIF v_code = 50510 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That appointment does not exist.', MYSQL_ERRNO = 50510;
    ELSEIF v_code = 50512 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This appointment is already completed, cancelled or marked no-show and cannot change.', MYSQL_ERRNO = 50512;
    ELSEIF v_code = 50513 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a booked appointment can be checked in.', MYSQL_ERRNO = 50513;
    ELSEIF v_code = 50514 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a checked-in appointment can be started. Check the patient in first.', MYSQL_ERRNO = 50514;
    ELSEIF v_code = 50515 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an appointment in progress can be completed. Start it first.', MYSQL_ERRNO = 50515;
    ELSEIF v_code = 50516 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a booked or checked-in appointment can be cancelled.', MYSQL_ERRNO = 50516;
    ELSEIF v_code = 50517 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a booked appointment can be marked as a no-show.', MYSQL_ERRNO = 50517;
    ELSEIF v_code = 50518 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A no-show can only be recorded after the appointment start time.', MYSQL_ERRNO = 50518;
    ELSEIF v_code = 50520 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a booked or checked-in appointment can be rescheduled.', MYSQL_ERRNO = 50520;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That status change is not allowed.', MYSQL_ERRNO = 50519;
    END IF;
END$$
DELIMITER ;
