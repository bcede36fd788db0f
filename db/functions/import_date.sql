-- import_date
-- The date written in p_text in one of the formats listed in p_formats (comma-separated, tried in
-- order; the setting import.date_formats, e.g. 'YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY'), or NULL when it
-- matches none of them or is no real day (31/02/2026) or its year is not 1900-2999. A format is three
-- parts split by one separator (- / or .): YYYY (four digits), MM and DD (two digits), M and D
-- (one or two digits); so MM/DD/YYYY reads American dates. Pure arithmetic, as iso_date: it never
-- raises a warning that strict mode would turn into an error, and behaves the same on MySQL and
-- MariaDB. Used by the import checks (set-based, once per cell) and their apply procedures.
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
    DECLARE v_token VARCHAR(255);
    DECLARE v_part VARCHAR(500);
    DECLARE v_year INT;
    DECLARE v_month INT;
    DECLARE v_day INT;
    DECLARE v_ok TINYINT;
    DECLARE v_days_in_month INT;

    IF v_text IS NULL OR v_text = '' OR CHAR_LENGTH(v_text) > 10 OR p_formats IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE v_rest <> '' DO
        SET v_format = UPPER(TRIM(SUBSTRING_INDEX(v_rest, ',', 1)));
        SET v_rest = IF(LOCATE(',', v_rest) > 0, SUBSTRING(v_rest, LOCATE(',', v_rest) + 1), '');
        SET v_sep = CASE WHEN LOCATE('-', v_format) > 0 THEN '-'
                         WHEN LOCATE('/', v_format) > 0 THEN '/'
                         WHEN LOCATE('.', v_format) > 0 THEN '.' END;
        IF v_sep IS NOT NULL
           AND CHAR_LENGTH(v_format) - CHAR_LENGTH(REPLACE(v_format, v_sep, '')) = 2
           AND CHAR_LENGTH(v_text) - CHAR_LENGTH(REPLACE(v_text, v_sep, '')) = 2 THEN
            SET v_ok = 1, v_year = NULL, v_month = NULL, v_day = NULL, v_i = 1;
            WHILE v_ok = 1 AND v_i <= 3 DO
                SET v_token = SUBSTRING_INDEX(SUBSTRING_INDEX(v_format, v_sep, v_i), v_sep, -1);
                SET v_part = SUBSTRING_INDEX(SUBSTRING_INDEX(v_text, v_sep, v_i), v_sep, -1);
                IF v_token = 'YYYY' AND v_year IS NULL AND v_part REGEXP '^[0-9]{4}$' THEN
                    SET v_year = CAST(v_part AS UNSIGNED);
                ELSEIF v_token = 'MM' AND v_month IS NULL AND v_part REGEXP '^[0-9]{2}$' THEN
                    SET v_month = CAST(v_part AS UNSIGNED);
                ELSEIF v_token = 'M' AND v_month IS NULL AND v_part REGEXP '^[0-9]{1,2}$' THEN
                    SET v_month = CAST(v_part AS UNSIGNED);
                ELSEIF v_token = 'DD' AND v_day IS NULL AND v_part REGEXP '^[0-9]{2}$' THEN
                    SET v_day = CAST(v_part AS UNSIGNED);
                ELSEIF v_token = 'D' AND v_day IS NULL AND v_part REGEXP '^[0-9]{1,2}$' THEN
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
