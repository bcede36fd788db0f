-- queue_complete
-- The consultation ends: with_doctor -> completed (stamps completed_at). The visit created by
-- queue_start stays open for the clinical record. A doctor may complete only their own
-- consultation; an administrator any.
-- Permission: queue.call (which roles hold it: table role_permission).
--   50606 unknown entry, 50618 another doctor's consultation, 50621 doctor without a staff record,
--   50612 not with the doctor (trigger), 50615 already final.
DROP PROCEDURE IF EXISTS queue_complete;
DELIMITER $$
CREATE PROCEDURE queue_complete(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_actor_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.call', v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;
    SELECT staff_id INTO v_actor_staff_id
      FROM staff WHERE user_account_id = v_actor_id AND staff_role = 'doctor' AND is_active = 1;
    IF v_role = 'doctor' AND v_actor_staff_id IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Your sign-in is not linked to an active doctor''s staff record. Ask an administrator.', MYSQL_ERRNO = 50621;
    END IF;

    START TRANSACTION;
    SELECT status, staff_id INTO v_status, v_staff_id FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That queue entry does not exist.', MYSQL_ERRNO = 50606;
    END IF;
    IF v_status IN ('completed', 'cancelled') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This queue visit is already completed or cancelled and cannot change.', MYSQL_ERRNO = 50615;
    END IF;
    IF v_role = 'doctor' AND NOT (v_staff_id <=> v_actor_staff_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the doctor seeing this patient can complete the consultation.', MYSQL_ERRNO = 50618;
    END IF;
    UPDATE queue_entry SET status = 'completed' WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
