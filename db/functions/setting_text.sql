-- setting_text
-- Returns the clinic setting p_key as text, or p_default when it is missing.
DROP FUNCTION IF EXISTS setting_text;
DELIMITER $$
CREATE FUNCTION setting_text(p_key VARCHAR(64), p_default VARCHAR(255)) RETURNS VARCHAR(255)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_value VARCHAR(255) DEFAULT NULL;
    SELECT setting_value INTO v_value FROM clinic_setting WHERE setting_key = p_key;
    RETURN COALESCE(v_value, p_default);
END$$
DELIMITER ;
