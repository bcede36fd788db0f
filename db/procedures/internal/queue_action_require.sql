-- queue_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the action when queue_action_refusal says so, with that code and its sentence; the caller
-- passes the entry row it has just locked. The same function gives queue_list and queue_get their
-- can_* flags, so the flag and the refusal cannot drift apart.
--   50102, 50606-50613, 50615, 50617, 50618, 50621, 50622: see queue_action_refusal.
DROP PROCEDURE IF EXISTS queue_action_require;
DELIMITER $$
CREATE PROCEDURE queue_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(12), IN p_status VARCHAR(11),
                                      IN p_staff_id INT UNSIGNED, IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT queue_action_refusal(p_actor_id, p_action, p_status, p_staff_id, p_patient_id);

    IF v_code = 50102 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    ELSEIF v_code = 50621 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Your sign-in is not linked to an active doctor''s staff record. Ask an administrator.', MYSQL_ERRNO = 50621;
    ELSEIF v_code = 50606 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That queue entry does not exist.', MYSQL_ERRNO = 50606;
    ELSEIF v_code = 50607 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This patient is no longer waiting, so the doctor or priority cannot change.', MYSQL_ERRNO = 50607;
    ELSEIF v_code = 50617 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This queue entry already belongs to a registered patient.', MYSQL_ERRNO = 50617;
    ELSEIF v_code = 50622 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a waiting walk-in can be linked to a patient record.', MYSQL_ERRNO = 50622;
    ELSEIF v_code = 50615 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This queue visit is already completed or cancelled and cannot change.', MYSQL_ERRNO = 50615;
    ELSEIF v_code = 50613 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a waiting patient can be removed from the queue.', MYSQL_ERRNO = 50613;
    ELSEIF v_code = 50608 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Register this walk-in as a patient and link the record before the consultation starts.', MYSQL_ERRNO = 50608;
    ELSEIF v_code = 50609 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Assign a doctor before starting the consultation.', MYSQL_ERRNO = 50609;
    ELSEIF v_code = 50610 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This patient is waiting for another doctor. Ask reception to reassign them first.', MYSQL_ERRNO = 50610;
    ELSEIF v_code = 50611 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a waiting patient can be called in.', MYSQL_ERRNO = 50611;
    ELSEIF v_code = 50618 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the doctor seeing this patient can complete the consultation.', MYSQL_ERRNO = 50618;
    ELSEIF v_code = 50612 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a consultation in progress can be completed. Start it first.', MYSQL_ERRNO = 50612;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That queue status change is not allowed.', MYSQL_ERRNO = 50616;
    END IF;
END$$
DELIMITER ;
