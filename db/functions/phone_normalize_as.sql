-- phone_normalize_as
-- The phone rule (see phone_normalize, which calls this with the clinic settings phone.country_code,
-- phone.national_prefix and phone.national_digits): a phone number as typed becomes +<country code><national number>.
-- Returns NULL for NULL or blank input, and '' (empty) for anything that cannot be a phone number of the country:
-- callers refuse '' with error 50204 (see phone_invalid_message). Reads nothing, so bulk callers (the CSV import)
-- read the settings once for a whole file.
DROP FUNCTION IF EXISTS phone_normalize_as;
DELIMITER $$
CREATE FUNCTION phone_normalize_as(p_raw VARCHAR(64), p_country_code VARCHAR(4), p_national_prefix VARCHAR(2),
                                   p_national_digits INT) RETURNS VARCHAR(20)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    -- Few statements on purpose: every statement of a stored function costs microseconds, and an import calls this
    -- for every phone cell of a file.
    DECLARE v_raw VARCHAR(64) DEFAULT TRIM(p_raw);
    DECLARE v_digits VARCHAR(64) DEFAULT REGEXP_REPLACE(TRIM(p_raw), '[^0-9]', '');
    DECLARE v_national VARCHAR(64) DEFAULT
        CASE
            -- International: +<country code><national number>, or 00<country code><national number>.
            WHEN LEFT(TRIM(p_raw), 1) = '+' THEN
                IF(CHAR_LENGTH(v_digits) = CHAR_LENGTH(p_country_code) + p_national_digits
                   AND LEFT(v_digits, CHAR_LENGTH(p_country_code)) = p_country_code,
                   SUBSTRING(v_digits, CHAR_LENGTH(p_country_code) + 1), NULL)
            WHEN LEFT(v_digits, 2) = '00' AND CHAR_LENGTH(v_digits) = 2 + CHAR_LENGTH(p_country_code) + p_national_digits THEN
                IF(SUBSTRING(v_digits, 3, CHAR_LENGTH(p_country_code)) = p_country_code,
                   SUBSTRING(v_digits, 3 + CHAR_LENGTH(p_country_code)), NULL)
            -- National: <prefix><national number>, <country code><national number>, or the national number alone.
            WHEN COALESCE(p_national_prefix, '') <> ''
                 AND CHAR_LENGTH(v_digits) = CHAR_LENGTH(p_national_prefix) + p_national_digits
                 AND LEFT(v_digits, CHAR_LENGTH(p_national_prefix)) = p_national_prefix THEN
                SUBSTRING(v_digits, CHAR_LENGTH(p_national_prefix) + 1)
            WHEN CHAR_LENGTH(v_digits) = CHAR_LENGTH(p_country_code) + p_national_digits
                 AND LEFT(v_digits, CHAR_LENGTH(p_country_code)) = p_country_code THEN
                SUBSTRING(v_digits, CHAR_LENGTH(p_country_code) + 1)
            WHEN CHAR_LENGTH(v_digits) = p_national_digits THEN v_digits
        END;

    RETURN CASE
        WHEN v_raw IS NULL OR v_raw = '' THEN NULL
        -- Only digits and the usual separators; a + only in front.
        WHEN v_raw NOT REGEXP '^[+]?[0-9 ().-]+$' OR CHAR_LENGTH(v_raw) > 30 THEN ''
        -- A national number never starts with 0 (that would be the trunk prefix typed twice).
        WHEN v_national IS NULL OR LEFT(v_national, 1) = '0' THEN ''
        ELSE CONCAT('+', p_country_code, v_national)
    END;
END$$
DELIMITER ;
