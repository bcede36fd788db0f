-- iso_date
-- Returns the date written as 'YYYY-MM-DD' in p_text (years 1900-2999), or NULL when the text is
-- not such a date (e.g. 2026-02-30, 26-1-1, 'tomorrow'). Pure arithmetic, so it never raises a
-- warning that strict mode would turn into an error, and it behaves the same on MySQL and
-- MariaDB (their STR_TO_DATE differ on impossible dates). Used for dates read from JSON.
DROP FUNCTION IF EXISTS iso_date;
DELIMITER $$
CREATE FUNCTION iso_date(p_text VARCHAR(64)) RETURNS DATE
    DETERMINISTIC
    NO SQL
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_year INT;
    DECLARE v_month INT;
    DECLARE v_day INT;
    DECLARE v_days_in_month INT;
    IF p_text IS NULL OR NOT (TRIM(p_text) REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') THEN
        RETURN NULL;
    END IF;
    SET v_year = CAST(SUBSTRING(TRIM(p_text), 1, 4) AS UNSIGNED);
    SET v_month = CAST(SUBSTRING(TRIM(p_text), 6, 2) AS UNSIGNED);
    SET v_day = CAST(SUBSTRING(TRIM(p_text), 9, 2) AS UNSIGNED);
    IF v_year NOT BETWEEN 1900 AND 2999 OR v_month NOT BETWEEN 1 AND 12 OR v_day < 1 THEN
        RETURN NULL;
    END IF;
    SET v_days_in_month = CASE
        WHEN v_month = 2 THEN IF((v_year % 4 = 0 AND v_year % 100 <> 0) OR v_year % 400 = 0, 29, 28)
        WHEN v_month IN (4, 6, 9, 11) THEN 30
        ELSE 31 END;
    IF v_day > v_days_in_month THEN
        RETURN NULL;
    END IF;
    RETURN MAKEDATE(v_year, 1) + INTERVAL (v_month - 1) MONTH + INTERVAL (v_day - 1) DAY;
END$$
DELIMITER ;
