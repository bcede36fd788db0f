-- user_account_set_active
-- An administrator activates or deactivates an account. Deactivating ends all of the account's
-- sessions at once (trigger user_account_session_end). Administrators cannot deactivate themselves
-- (50108), and the last active administrator cannot be deactivated (50119, trigger
-- user_account_admin_guard; the admin role row is locked first, so two administrators deactivating
-- each other at once leave one). Reactivating also clears a lockout.
DROP PROCEDURE IF EXISTS user_account_set_active;
DELIMITER $$
CREATE PROCEDURE user_account_set_active(
    IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_lock VARCHAR(20);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    IF p_user_account_id = v_actor_id AND p_is_active = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You cannot deactivate your own account.', MYSQL_ERRNO = 50108;
    END IF;

    START TRANSACTION;
    SELECT role_code INTO v_lock FROM role WHERE role_code = 'admin' FOR UPDATE;
    SELECT user_account_id INTO v_found FROM user_account WHERE user_account_id = p_user_account_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That account does not exist.', MYSQL_ERRNO = 50109;
    END IF;

    UPDATE user_account
       SET is_active = IF(p_is_active = 0, 0, 1),
           failed_sign_in_count = IF(p_is_active = 0, failed_sign_in_count, 0),
           locked_until = IF(p_is_active = 0, locked_until, NULL)
     WHERE user_account_id = p_user_account_id;
    COMMIT;
END$$
DELIMITER ;
