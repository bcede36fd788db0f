-- auth_credentials_get
-- Returns the id and password hash of an account by username, so that the app can verify a
-- password with PasswordHasher. Returns no row for an unknown username. The sign-in decision
-- itself (lockout, deactivation) is made by auth_sign_in_record.
DROP PROCEDURE IF EXISTS auth_credentials_get;
DELIMITER $$
CREATE PROCEDURE auth_credentials_get(IN p_actor_id INT UNSIGNED, IN p_username VARCHAR(50))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SELECT user_account_id, password_hash
      FROM user_account
     WHERE username = TRIM(p_username);
END$$
DELIMITER ;
