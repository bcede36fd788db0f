-- password_hash_parse
-- INTERNAL (not executable by the app). Splits an ASP.NET Core PasswordHasher V3 hash
--   0x01 | PRF (uint32, big-endian) | iterations (uint32) | salt length (uint32) | salt | key
-- into its PBKDF2 parameters, so that sign-in can hand out the salt and compare a derived key while
-- the hash itself never leaves the database. Refuses (50112) a hash in another format or one too
-- weak to store: PRF must be HMAC-SHA1/256/512 (0, 1, 2), at least 10,000 iterations, a salt of
-- 16 to 64 bytes and a key of 16 to 64 bytes. Used by the user_account_password_parse_* triggers.
DROP PROCEDURE IF EXISTS password_hash_parse;
DELIMITER $$
CREATE PROCEDURE password_hash_parse(
    IN p_hash VARCHAR(255), OUT p_prf TINYINT UNSIGNED, OUT p_iterations INT UNSIGNED,
    OUT p_salt VARBINARY(64), OUT p_key VARBINARY(64))
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_raw VARBINARY(255) DEFAULT NULL;
    DECLARE v_salt_length BIGINT DEFAULT 0;

    IF p_hash REGEXP '^[A-Za-z0-9+/]{20,252}={0,2}$' THEN
        SET v_raw = FROM_BASE64(p_hash);
    END IF;
    IF v_raw IS NOT NULL AND LENGTH(v_raw) >= 45 AND ASCII(v_raw) = 1 THEN
        SET p_prf = CONV(HEX(SUBSTRING(v_raw, 2, 4)), 16, 10);
        SET p_iterations = CONV(HEX(SUBSTRING(v_raw, 6, 4)), 16, 10);
        SET v_salt_length = CONV(HEX(SUBSTRING(v_raw, 10, 4)), 16, 10);
        IF v_salt_length BETWEEN 16 AND 64 THEN
            SET p_salt = SUBSTRING(v_raw, 14, v_salt_length);
            SET p_key = SUBSTRING(v_raw, 14 + v_salt_length);
        END IF;
    END IF;

    IF p_prf IS NULL OR p_prf > 2 OR p_iterations IS NULL OR p_iterations < 10000
       OR p_salt IS NULL OR LENGTH(p_salt) < 16 OR p_key IS NULL OR LENGTH(p_key) NOT BETWEEN 16 AND 64 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The password could not be stored. Please try again.', MYSQL_ERRNO = 50112;
    END IF;
END$$
DELIMITER ;
