-- user_account_bootstrap_admin
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Creates the first administrator (the DBA's create-admin command, as the schema owner). Refused
-- once any active administrator exists: from then on, administrators add accounts themselves.
-- The check and the insert run in one transaction under a lock on the admin role row, so two
-- concurrent calls cannot both create a "first" administrator.
DROP PROCEDURE IF EXISTS user_account_bootstrap_admin;
DELIMITER $$
CREATE PROCEDURE user_account_bootstrap_admin(
    IN p_username VARCHAR(50), IN p_display_name VARCHAR(100),
    IN p_password_hash VARCHAR(255), IN p_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_lock VARCHAR(20);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    SET @clinic_actor_id = NULL;
    START TRANSACTION;
    SELECT role_code INTO v_lock FROM role WHERE role_code = 'admin' FOR UPDATE;

    IF EXISTS (SELECT 1 FROM user_account WHERE role_code = 'admin' AND is_active = 1) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'An administrator already exists. Sign in as that administrator to add accounts.', MYSQL_ERRNO = 50107;
    END IF;

    CALL user_account_validate(p_username, p_display_name, 'admin', p_password_hash, p_password_length);

    INSERT INTO user_account (username, display_name, role_code, password_hash)
    VALUES (TRIM(p_username), TRIM(p_display_name), 'admin', p_password_hash);
    COMMIT;

    SELECT LAST_INSERT_ID() AS user_account_id;
END$$
DELIMITER ;
