-- phone_invalid_message
-- The sentence for error 50204, written from the clinic's phone settings:
-- 'That phone number does not look right. Use 07XXXXXXXX or +2567XXXXXXXX.' style, e.g.
-- 'That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX.'
DROP FUNCTION IF EXISTS phone_invalid_message;
DELIMITER $$
CREATE FUNCTION phone_invalid_message() RETURNS VARCHAR(128)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_x VARCHAR(20);
    SET v_x = REPEAT('X', setting_int('phone.national_digits', 9));
    RETURN CONCAT('That phone number does not look right. Use ', setting_text('phone.national_prefix', '0'), v_x,
                  ' or +', setting_text('phone.country_code', '256'), v_x, '.');
END$$
DELIMITER ;
