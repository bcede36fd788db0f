-- import_weekday
-- The ISO weekday (Monday = 1 ... Sunday = 7) in an imported cell: a digit 1-7, or the English day's
-- name, whole or its first three letters (Mon, tuesday, ...), in any case. NULL for anything else.
DROP FUNCTION IF EXISTS import_weekday;
DELIMITER $$
CREATE FUNCTION import_weekday(p_text VARCHAR(500)) RETURNS TINYINT
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_text VARCHAR(500);
    SET v_text = LOWER(TRIM(p_text));
    IF v_text IS NULL THEN
        RETURN NULL;
    END IF;
    IF v_text IN ('1', '2', '3', '4', '5', '6', '7') THEN
        RETURN CAST(v_text AS UNSIGNED);
    END IF;
    RETURN CASE
        WHEN v_text IN ('mon', 'monday') THEN 1
        WHEN v_text IN ('tue', 'tuesday') THEN 2
        WHEN v_text IN ('wed', 'wednesday') THEN 3
        WHEN v_text IN ('thu', 'thursday') THEN 4
        WHEN v_text IN ('fri', 'friday') THEN 5
        WHEN v_text IN ('sat', 'saturday') THEN 6
        WHEN v_text IN ('sun', 'sunday') THEN 7
        ELSE NULL
    END;
END$$
DELIMITER ;
