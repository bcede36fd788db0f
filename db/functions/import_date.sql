-- import_date
-- The date in an imported cell, read with the accepted formats p_formats (setting import.date_formats,
-- e.g. 'YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY'), tried in order; NULL when the text matches none of them.
-- Strict: YYYY is exactly four digits (two-digit years are refused: 05/03/24 is no date), DD and MM exactly
-- two, D and M one or two; the parts are separated as in the format; only real calendar dates
-- (31/04/2024 and 29/02/2023 are refused). Known parts: YYYY, MM, M, DD, D.
-- The common case, an ISO date when YYYY-MM-DD is the first accepted format (what the general reader would find
-- first), is answered here in one expression: a file of 200,000 rows calls this for every date cell, and each
-- statement of a stored function costs microseconds. Everything else goes to import_date_any.
DROP FUNCTION IF EXISTS import_date;
DELIMITER $$
CREATE FUNCTION import_date(p_text VARCHAR(500), p_formats VARCHAR(255)) RETURNS DATE
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_date DATE DEFAULT
        CASE WHEN UPPER(LEFT(CONCAT(REPLACE(COALESCE(p_formats, 'YYYY-MM-DD'), ' ', ''), ','), 11)) = 'YYYY-MM-DD,'
                  AND TRIM(p_text) REGEXP '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                  AND CAST(RIGHT(TRIM(p_text), 2) AS UNSIGNED)
                      <= DAY(LAST_DAY(MAKEDATE(CAST(LEFT(TRIM(p_text), 4) AS UNSIGNED), 1)
                                      + INTERVAL (CAST(SUBSTRING(TRIM(p_text), 6, 2) AS UNSIGNED) - 1) MONTH))
             THEN MAKEDATE(CAST(LEFT(TRIM(p_text), 4) AS UNSIGNED), 1)
                  + INTERVAL (CAST(SUBSTRING(TRIM(p_text), 6, 2) AS UNSIGNED) - 1) MONTH
                  + INTERVAL (CAST(RIGHT(TRIM(p_text), 2) AS UNSIGNED) - 1) DAY
        END;
    IF v_date IS NOT NULL OR p_text IS NULL THEN
        RETURN v_date;
    END IF;
    RETURN import_date_any(p_text, p_formats);
END$$
DELIMITER ;
