-- staff_set_active
-- An administrator activates or deactivates a staff member. The linked sign-in account follows in
-- the same transaction (reactivating also clears its lockout), so a deactivated staff member can no
-- longer sign in. Unknown id: 50315; deactivating yourself: 50316.
DROP PROCEDURE IF EXISTS staff_set_active;
DELIMITER $$
CREATE PROCEDURE staff_set_active(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found TINYINT DEFAULT 0;
    DECLARE v_account INT UNSIGNED DEFAULT NULL;
    DECLARE v_active TINYINT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'staff.manage', v_actor_id);
    SET v_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1);

    START TRANSACTION;
    SELECT 1, user_account_id INTO v_found, v_account FROM staff WHERE staff_id = p_staff_id FOR UPDATE;
    IF v_found = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That staff member does not exist.', MYSQL_ERRNO = 50315;
    END IF;
    IF v_active = 0 AND v_account = v_actor_id THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'You cannot deactivate yourself.', MYSQL_ERRNO = 50316;
    END IF;

    UPDATE staff SET is_active = v_active WHERE staff_id = p_staff_id;
    IF v_account IS NOT NULL THEN
        UPDATE user_account
           SET is_active = v_active,
               failed_sign_in_count = IF(v_active = 0, failed_sign_in_count, 0),
               locked_until = IF(v_active = 0, locked_until, NULL)
         WHERE user_account_id = v_account;
    END IF;
    COMMIT;
END$$
DELIMITER ;
