-- auth_session_get
-- Looks at a session without using it: the app calls this on every page request and when an open
-- page re-checks its sign-in, so that a session ended elsewhere (sign-out, password change or reset,
-- deactivation, role change, an administrator's revocation, idle or absolute timeout) signs the
-- browser out at once, with the reason. It never moves last_used_at, so polling keeps no idle
-- session alive. One row: state ('live' or 'ended'), message (why it ended), and the account's
-- columns when live (with role_name, the role's display name from table role), with its permissions
-- as a comma-separated list (role_permission), which the app turns into the menus and page access of
-- that request (one claim each).
DROP PROCEDURE IF EXISTS auth_session_get;
DELIMITER $$
CREATE PROCEDURE auth_session_get(IN p_session_token VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_session_id BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_must_change TINYINT DEFAULT 0;
    DECLARE v_code INT DEFAULT NULL;
    DECLARE v_message VARCHAR(128) DEFAULT NULL;

    BEGIN
        DECLARE EXIT HANDLER FOR SQLSTATE '45000'
        BEGIN
            GET DIAGNOSTICS CONDITION 1 v_code = MYSQL_ERRNO, v_message = MESSAGE_TEXT;
        END;
        CALL session_resolve(p_session_token, 0, v_actor_id, v_session_id, v_must_change);
    END;

    IF v_code IS NOT NULL THEN
        SELECT 'ended' AS state, v_code AS code, v_message AS message, NULL AS user_account_id, NULL AS username,
               NULL AS display_name, NULL AS role_code, NULL AS must_change_password, NULL AS permissions, NULL AS role_name;
    ELSE
        -- MySQL cuts GROUP_CONCAT at 1024 characters by default: a cut list would silently drop permissions.
        -- (GREATEST() of the variable is refused by MySQL 9: "Incorrect argument type", so compare instead.)
        IF @@SESSION.group_concat_max_len < 65535 THEN
            SET SESSION group_concat_max_len = 65535;
        END IF;
        SELECT 'live' AS state, NULL AS code, NULL AS message, u.user_account_id, u.username, u.display_name, u.role_code,
               v_must_change AS must_change_password,
               (SELECT GROUP_CONCAT(rp.permission_code ORDER BY rp.permission_code SEPARATOR ',')
                  FROM role_permission AS rp WHERE rp.role_code = u.role_code) AS permissions,
               r.role_name
          FROM user_account AS u
          JOIN role AS r ON r.role_code = u.role_code
         WHERE u.user_account_id = v_actor_id;
    END IF;
END$$
DELIMITER ;
