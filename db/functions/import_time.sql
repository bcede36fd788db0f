-- import_time
-- The time of day in an imported cell: HH:MM or H:MM (24-hour clock, optional :SS), 00:00 to 23:59, and
-- 24:00 for the end of a block that runs to midnight. NULL when the text is no such time.
DROP FUNCTION IF EXISTS import_time;
DELIMITER $$
CREATE FUNCTION import_time(p_text VARCHAR(500)) RETURNS TIME
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_text VARCHAR(500);
    DECLARE v_h INT;
    DECLARE v_m INT;
    DECLARE v_s INT;
    SET v_text = TRIM(p_text);
    IF v_text IS NULL OR v_text NOT REGEXP '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$' THEN
        RETURN NULL;
    END IF;
    SET v_h = CAST(SUBSTRING_INDEX(v_text, ':', 1) AS UNSIGNED);
    SET v_m = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(v_text, ':', 2), ':', -1) AS UNSIGNED);
    SET v_s = IF(CHAR_LENGTH(v_text) - CHAR_LENGTH(REPLACE(v_text, ':', '')) = 2,
                 CAST(SUBSTRING_INDEX(v_text, ':', -1) AS UNSIGNED), 0);
    IF v_m > 59 OR v_s > 59 OR v_h > 24 OR (v_h = 24 AND (v_m > 0 OR v_s > 0)) THEN
        RETURN NULL;
    END IF;
    RETURN MAKETIME(v_h, v_m, v_s);
END$$
DELIMITER ;
