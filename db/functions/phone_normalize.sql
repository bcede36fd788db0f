-- phone_normalize
-- Turns a phone number as typed into the one stored format, +<country code><national number>,
-- using the clinic settings phone.country_code, phone.national_prefix and phone.national_digits
-- (Uganda: 256, 0, 9). With those settings 0772123456, 772123456, +256 772 123 456, 256772123456,
-- 00256772123456 and (0772) 123-456 all become +256772123456.
-- Returns NULL for NULL or blank input, and '' (empty) for anything that cannot be a phone number
-- of the clinic's country: callers refuse '' with error 50204 (see phone_invalid_message).
-- The rule itself is phone_normalize_as (the same with the three settings given): bulk callers (the CSV import)
-- read the settings once and call it, so that 200,000 rows do not read them 600,000 times.
DROP FUNCTION IF EXISTS phone_normalize;
DELIMITER $$
CREATE FUNCTION phone_normalize(p_raw VARCHAR(64)) RETURNS VARCHAR(20)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_raw IS NULL OR TRIM(p_raw) = '' THEN
        RETURN NULL;
    END IF;
    RETURN phone_normalize_as(p_raw, setting_text('phone.country_code', '256'), setting_text('phone.national_prefix', '0'),
                              setting_int('phone.national_digits', 9));
END$$
DELIMITER ;
