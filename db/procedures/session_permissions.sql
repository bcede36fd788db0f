-- session_permissions
-- The permissions of the signed-in account's role (table role_permission), one row each with its
-- description: the web app builds its menus and page access from these and from nothing else, so who
-- may do what is decided in one place. Any signed-in account may ask.
DROP PROCEDURE IF EXISTS session_permissions;
DELIMITER $$
CREATE PROCEDURE session_permissions(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, NULL, v_actor_id);
    SELECT p.permission_code, p.description
      FROM user_account AS u
      JOIN role_permission AS rp ON rp.role_code = u.role_code
      JOIN permission AS p ON p.permission_code = rp.permission_code
     WHERE u.user_account_id = v_actor_id
     ORDER BY p.permission_code;
END$$
DELIMITER ;
