-- auth_sign_in_begin
-- First step of signing in (no session yet). Returns the PBKDF2 parameters the app needs to derive
-- a key from the typed password: prf (0 HMAC-SHA1, 1 HMAC-SHA256, 2 HMAC-SHA512), iterations, salt
-- and key_length. The password hash never leaves the database: the app derives the key and sends it
-- to auth_sign_in, which compares it here.
--   * an unknown username gets a fake salt derived from a server secret and the username, the same
--     every time, so it cannot be told apart from a real account (and the app does the same work);
--   * a blocked computer or locked account (internal/sign_in_lock_state) answers outcome 'locked'
--     with the sentence to show and no parameters, so the app does no key derivation at all.
-- One row: outcome ('continue' or 'locked'), message, prf, iterations, salt, key_length.
DROP PROCEDURE IF EXISTS auth_sign_in_begin;
DELIMITER $$
CREATE PROCEDURE auth_sign_in_begin(IN p_username VARCHAR(50), IN p_client_address VARCHAR(45))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_key VARCHAR(50);
    DECLARE v_address VARCHAR(45);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_locked_until DATETIME DEFAULT NULL;
    DECLARE v_prf TINYINT UNSIGNED DEFAULT NULL;
    DECLARE v_iterations INT UNSIGNED DEFAULT NULL;
    DECLARE v_salt VARBINARY(64) DEFAULT NULL;
    DECLARE v_key_length INT DEFAULT NULL;
    DECLARE v_message VARCHAR(128) DEFAULT NULL;

    CALL clinic_time_zone_apply();
    SET v_key = LOWER(LEFT(TRIM(COALESCE(p_username, '')), 50));
    SET v_address = COALESCE(LEFT(NULLIF(TRIM(p_client_address), ''), 45), 'unknown');

    SELECT user_account_id, locked_until, password_prf, password_iterations, password_salt, LENGTH(password_key)
      INTO v_found, v_locked_until, v_prf, v_iterations, v_salt, v_key_length
      FROM user_account
     WHERE username = v_key;

    CALL sign_in_lock_state(v_key, v_address, v_locked_until, v_message);

    IF v_message IS NOT NULL THEN
        SELECT 'locked' AS outcome, v_message AS message, NULL AS prf, NULL AS iterations, NULL AS salt, NULL AS key_length;
    ELSEIF v_found IS NULL OR v_salt IS NULL THEN
        SELECT 'continue' AS outcome, NULL AS message, 2 AS prf, 100000 AS iterations,
               SUBSTRING(UNHEX(SHA2(CONCAT(HEX(s.secret), ':', v_key), 256)), 1, 16) AS salt, 32 AS key_length
          FROM auth_secret AS s
         WHERE s.auth_secret_id = 1;
    ELSE
        SELECT 'continue' AS outcome, NULL AS message, v_prf AS prf, v_iterations AS iterations, v_salt AS salt,
               v_key_length AS key_length;
    END IF;
END$$
DELIMITER ;
