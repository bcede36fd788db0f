-- actor_require
-- Checks that p_actor_id is an active, unlocked account whose role is in p_allowed_roles (a
-- comma-separated list of role codes; NULL allows any role), then makes it the acting user for the
-- audit triggers by setting @clinic_actor_id. Every procedure that changes or reads clinic data
-- calls this first.
DROP PROCEDURE IF EXISTS actor_require;
DELIMITER $$
CREATE PROCEDURE actor_require(IN p_actor_id INT UNSIGNED, IN p_allowed_roles VARCHAR(255))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_role VARCHAR(20) DEFAULT NULL;

    SELECT role_code INTO v_role
      FROM user_account
     WHERE user_account_id = p_actor_id
       AND is_active = 1;

    IF v_role IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You are not signed in, or your account is no longer active. Please sign in again.', MYSQL_ERRNO = 50101;
    END IF;

    IF p_allowed_roles IS NOT NULL AND FIND_IN_SET(v_role, p_allowed_roles) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    END IF;

    SET @clinic_actor_id = p_actor_id;
END$$
DELIMITER ;
