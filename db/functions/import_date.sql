-- import_date
-- The date written in p_text in the first of the formats p_formats (a comma-separated list, tried in
-- order, e.g. the setting import.date_formats 'YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY') that it matches, or NULL
-- when it matches none of them or is not a real date (2026-02-30). A format is three fields (YYYY, MM
-- or M, DD or D) joined by one separator character (/ - . or a space); MM and DD need two digits, M and
-- D take one or two; years 1900-2999. Pure arithmetic like iso_date, so it never raises a warning that
-- strict mode would turn into an error, and behaves the same on MySQL and MariaDB (their STR_TO_DATE
-- differ on impossible dates). Used by the CSV import (internal/import_*_check) for every date cell.
DROP FUNCTION IF EXISTS import_date;
DELIMITER $$
CREATE FUNCTION import_date(p_text VARCHAR(500), p_formats VARCHAR(255)) RETURNS DATE
    DETERMINISTIC
    NO SQL
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_text VARCHAR(500) DEFAULT TRIM(p_text);
    DECLARE v_rest VARCHAR(255) DEFAULT p_formats;
    DECLARE v_format VARCHAR(255);
    DECLARE v_sep VARCHAR(1);
    DECLARE v_i INT;
    DECLARE v_field VARCHAR(255);
    DECLARE v_part VARCHAR(500);
    DECLARE v_ok TINYINT;
    DECLARE v_year INT;
    DECLARE v_month INT;
    DECLARE v_day INT;
    DECLARE v_days_in_month INT;

    IF v_text IS NULL OR v_text = '' OR CHAR_LENGTH(v_text) > 10 OR p_formats IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE v_rest IS NOT NULL AND v_rest <> '' DO
        SET v_format = UPPER(TRIM(SUBSTRING_INDEX(v_rest, ',', 1)));
        SET v_rest = IF(LOCATE(',', v_rest) > 0, SUBSTRING(v_rest, LOCATE(',', v_rest) + 1), '');
        SET v_sep = NULL;
        IF v_format REGEXP '^[YMD]+[^YMD][YMD]+[^YMD][YMD]+$' THEN
            SET v_sep = REGEXP_SUBSTR(v_format, '[^YMD]');
        END IF;
        IF v_sep IS NOT NULL
           AND CHAR_LENGTH(v_format) - CHAR_LENGTH(REPLACE(v_format, v_sep, '')) = 2
           AND CHAR_LENGTH(v_text) - CHAR_LENGTH(REPLACE(v_text, v_sep, '')) = 2 THEN
            SET v_ok = 1;
            SET v_year = NULL;
            SET v_month = NULL;
            SET v_day = NULL;
            SET v_i = 1;
            WHILE v_i <= 3 AND v_ok = 1 DO
                SET v_field = SUBSTRING_INDEX(SUBSTRING_INDEX(v_format, v_sep, v_i), v_sep, -1);
                SET v_part = SUBSTRING_INDEX(SUBSTRING_INDEX(v_text, v_sep, v_i), v_sep, -1);
                IF v_field = 'YYYY' AND v_part REGEXP '^[0-9]{4}$' AND v_year IS NULL THEN
                    SET v_year = CAST(v_part AS UNSIGNED);
                ELSEIF v_field = 'MM' AND v_part REGEXP '^[0-9]{2}$' AND v_month IS NULL THEN
                    SET v_month = CAST(v_part AS UNSIGNED);
                ELSEIF v_field = 'M' AND v_part REGEXP '^[0-9]{1,2}$' AND v_month IS NULL THEN
                    SET v_month = CAST(v_part AS UNSIGNED);
                ELSEIF v_field = 'DD' AND v_part REGEXP '^[0-9]{2}$' AND v_day IS NULL THEN
                    SET v_day = CAST(v_part AS UNSIGNED);
                ELSEIF v_field = 'D' AND v_part REGEXP '^[0-9]{1,2}$' AND v_day IS NULL THEN
                    SET v_day = CAST(v_part AS UNSIGNED);
                ELSE
                    SET v_ok = 0;
                END IF;
                SET v_i = v_i + 1;
            END WHILE;
            IF v_ok = 1 AND v_year BETWEEN 1900 AND 2999 AND v_month BETWEEN 1 AND 12 AND v_day >= 1 THEN
                SET v_days_in_month = CASE
                    WHEN v_month = 2 THEN IF((v_year % 4 = 0 AND v_year % 100 <> 0) OR v_year % 400 = 0, 29, 28)
                    WHEN v_month IN (4, 6, 9, 11) THEN 30
                    ELSE 31 END;
                IF v_day <= v_days_in_month THEN
                    RETURN MAKEDATE(v_year, 1) + INTERVAL (v_month - 1) MONTH + INTERVAL (v_day - 1) DAY;
                END IF;
            END IF;
        END IF;
    END WHILE;
    RETURN NULL;
END$$
DELIMITER ;
