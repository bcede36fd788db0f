-- phone_format_local
-- Shows a stored phone number (+256772123456) the way people at the clinic dial it (0772123456),
-- using the clinic's phone settings. Numbers of another country, and NULL, come back unchanged.
DROP FUNCTION IF EXISTS phone_format_local;
DELIMITER $$
CREATE FUNCTION phone_format_local(p_e164 VARCHAR(20)) RETURNS VARCHAR(20)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_head VARCHAR(8);
    IF p_e164 IS NULL THEN
        RETURN NULL;
    END IF;
    SET v_head = CONCAT('+', setting_text('phone.country_code', '256'));
    IF LEFT(p_e164, CHAR_LENGTH(v_head)) = v_head
       AND CHAR_LENGTH(p_e164) = CHAR_LENGTH(v_head) + setting_int('phone.national_digits', 9) THEN
        RETURN CONCAT(setting_text('phone.national_prefix', '0'), SUBSTRING(p_e164, CHAR_LENGTH(v_head) + 1));
    END IF;
    RETURN p_e164;
END$$
DELIMITER ;
