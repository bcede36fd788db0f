-- setting_int
-- Returns the clinic setting p_key as an integer, or p_default when it is missing or not a number.
DROP FUNCTION IF EXISTS setting_int;
DELIMITER $$
CREATE FUNCTION setting_int(p_key VARCHAR(64), p_default INT) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_value VARCHAR(255) DEFAULT NULL;
    SELECT setting_value INTO v_value FROM clinic_setting WHERE setting_key = p_key;
    IF v_value IS NULL OR v_value NOT REGEXP '^-?[0-9]+$' THEN
        RETURN p_default;
    END IF;
    RETURN CAST(v_value AS SIGNED);
END$$
DELIMITER ;
