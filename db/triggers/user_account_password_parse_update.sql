-- user_account_password_parse_update
-- Keeps the PBKDF2 columns (password_prf, _iterations, _salt, _key) in step with password_hash on
-- every UPDATE, for every client: sign-in reads only these columns (auth_sign_in_begin, auth_sign_in).
-- A malformed or weak hash is refused with 50112 (internal/password_hash_parse).
DROP TRIGGER IF EXISTS user_account_password_parse_update;
DELIMITER $$
CREATE TRIGGER user_account_password_parse_update BEFORE UPDATE ON user_account
FOR EACH ROW
BEGIN
    DECLARE v_prf TINYINT UNSIGNED DEFAULT NULL;
    DECLARE v_iterations INT UNSIGNED DEFAULT NULL;
    DECLARE v_salt VARBINARY(64) DEFAULT NULL;
    DECLARE v_key VARBINARY(64) DEFAULT NULL;
    IF NOT (NEW.password_hash <=> OLD.password_hash) THEN
        CALL password_hash_parse(NEW.password_hash, v_prf, v_iterations, v_salt, v_key);
        SET NEW.password_prf = v_prf, NEW.password_iterations = v_iterations,
            NEW.password_salt = v_salt, NEW.password_key = v_key;
    END IF;
END$$
DELIMITER ;
