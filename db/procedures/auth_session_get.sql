-- auth_session_get
-- Re-reads a signed-in user's account so that the app can end the session of an account that
-- was deactivated or whose role changed. Returns no row for a deactivated or unknown account.
DROP PROCEDURE IF EXISTS auth_session_get;
DELIMITER $$
CREATE PROCEDURE auth_session_get(IN p_actor_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SELECT user_account_id, username, display_name, role_code, must_change_password
      FROM user_account
     WHERE user_account_id = p_actor_id
       AND is_active = 1;
END$$
DELIMITER ;
