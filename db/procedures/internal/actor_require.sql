-- actor_require
-- INTERNAL (not executable by the app). The first call of every public procedure: resolves the
-- caller's session token to the acting account (internal/session_resolve: 50101, 50115-50117 when
-- the session is unknown, expired or ended), refuses a session opened with a temporary password
-- (50118: it may only change the password), and checks that the account's role holds the permission
-- p_permission (table role_permission, function actor_can; NULL allows any signed-in account; 50102
-- otherwise).
-- Returns the acting account in p_actor_id and leaves @clinic_actor_id / @clinic_session_id set
-- for the audit triggers and the access log on this same call.
DROP PROCEDURE IF EXISTS actor_require;
DELIMITER $$
CREATE PROCEDURE actor_require(IN p_session_token VARCHAR(100), IN p_permission VARCHAR(40), OUT p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_must_change TINYINT DEFAULT 0;

    SET p_actor_id = NULL;
    CALL session_resolve(p_session_token, 1, v_actor_id, v_session_id, v_must_change);

    IF v_must_change = 1 THEN
        SET @clinic_actor_id = NULL;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please change your temporary password before you continue.', MYSQL_ERRNO = 50118;
    END IF;

    IF p_permission IS NOT NULL THEN
        IF actor_can(v_actor_id, p_permission) = 0 THEN
            SET @clinic_actor_id = NULL;
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
        END IF;
    END IF;

    SET p_actor_id = v_actor_id;
END$$
DELIMITER ;
