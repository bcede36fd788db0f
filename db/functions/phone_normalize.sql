-- phone_normalize
-- Turns a phone number as typed into the one stored format, +<country code><national number>,
-- using the clinic settings phone.country_code, phone.national_prefix and phone.national_digits
-- (Uganda: 256, 0, 9). With those settings 0772123456, 772123456, +256 772 123 456, 256772123456,
-- 00256772123456 and (0772) 123-456 all become +256772123456.
-- Returns NULL for NULL or blank input, and '' (empty) for anything that cannot be a phone number
-- of the clinic's country: callers refuse '' with error 50204 (see phone_invalid_message).
DROP FUNCTION IF EXISTS phone_normalize;
DELIMITER $$
CREATE FUNCTION phone_normalize(p_raw VARCHAR(64)) RETURNS VARCHAR(20)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_raw VARCHAR(64);
    DECLARE v_digits VARCHAR(64);
    DECLARE v_international TINYINT DEFAULT 0;
    DECLARE v_country VARCHAR(4);
    DECLARE v_prefix VARCHAR(2);
    DECLARE v_len INT;
    DECLARE v_national VARCHAR(20) DEFAULT NULL;

    SET v_raw = TRIM(p_raw);
    IF v_raw IS NULL OR v_raw = '' THEN
        RETURN NULL;
    END IF;
    -- Only digits and the usual separators; a + only in front.
    IF v_raw NOT REGEXP '^[+]?[0-9 ().-]+$' OR CHAR_LENGTH(v_raw) > 30 THEN
        RETURN '';
    END IF;

    SET v_country = setting_text('phone.country_code', '256');
    SET v_prefix = setting_text('phone.national_prefix', '0');
    SET v_len = setting_int('phone.national_digits', 9);
    SET v_digits = REGEXP_REPLACE(v_raw, '[^0-9]', '');

    IF LEFT(v_raw, 1) = '+' THEN
        SET v_international = 1;
    ELSEIF LEFT(v_digits, 2) = '00' AND CHAR_LENGTH(v_digits) = 2 + CHAR_LENGTH(v_country) + v_len THEN
        SET v_international = 1;
        SET v_digits = SUBSTRING(v_digits, 3);
    END IF;

    IF v_international = 1 THEN
        IF CHAR_LENGTH(v_digits) = CHAR_LENGTH(v_country) + v_len AND LEFT(v_digits, CHAR_LENGTH(v_country)) = v_country THEN
            SET v_national = SUBSTRING(v_digits, CHAR_LENGTH(v_country) + 1);
        END IF;
    ELSEIF v_prefix <> '' AND CHAR_LENGTH(v_digits) = CHAR_LENGTH(v_prefix) + v_len AND LEFT(v_digits, CHAR_LENGTH(v_prefix)) = v_prefix THEN
        SET v_national = SUBSTRING(v_digits, CHAR_LENGTH(v_prefix) + 1);
    ELSEIF CHAR_LENGTH(v_digits) = CHAR_LENGTH(v_country) + v_len AND LEFT(v_digits, CHAR_LENGTH(v_country)) = v_country THEN
        SET v_national = SUBSTRING(v_digits, CHAR_LENGTH(v_country) + 1);
    ELSEIF CHAR_LENGTH(v_digits) = v_len THEN
        SET v_national = v_digits;
    END IF;

    -- A national number never starts with 0 (that would be the trunk prefix typed twice).
    IF v_national IS NULL OR LEFT(v_national, 1) = '0' THEN
        RETURN '';
    END IF;
    RETURN CONCAT('+', v_country, v_national);
END$$
DELIMITER ;
