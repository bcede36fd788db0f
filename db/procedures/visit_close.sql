-- visit_close
-- The treating doctor signs the visit off: open -> closed, stamping closed_at (trigger
-- visit_status_guard) and closed_by. From then on the note never changes (corrections are signed
-- addenda: visit_addendum_add), and no vitals or diagnoses are added or changed.
-- An administrator may close any open visit (e.g. one left open by a doctor who has left).
-- Permission: visit.close. Lock: the visit row.
--   50701 unknown visit, 50702 not the treating doctor, 50703 already closed; trigger: 50704.
DROP PROCEDURE IF EXISTS visit_close;
DELIMITER $$
CREATE PROCEDURE visit_close(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_doctor_account_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'visit.close', v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;

    START TRANSACTION;
    SELECT status, staff_id INTO v_status, v_staff_id FROM visit WHERE visit_id = p_visit_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50701;
    END IF;
    SELECT user_account_id INTO v_doctor_account_id FROM staff WHERE staff_id = v_staff_id;
    IF v_role <> 'admin' AND NOT (v_doctor_account_id <=> v_actor_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the treating doctor or an administrator can close this visit.', MYSQL_ERRNO = 50702;
    END IF;
    IF v_status = 'closed' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is already closed.', MYSQL_ERRNO = 50703;
    END IF;
    UPDATE visit SET status = 'closed', closed_by = v_actor_id WHERE visit_id = p_visit_id;
    COMMIT;
END$$
DELIMITER ;
