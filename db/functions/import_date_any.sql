-- import_date_any
-- The general reader behind import_date: tries every accepted format of p_formats in order (see import_date for
-- the rules). import_date answers the common case, an ISO date when YYYY-MM-DD is the first format, in one
-- expression and calls this for the rest.
DROP FUNCTION IF EXISTS import_date_any;
DELIMITER $$
CREATE FUNCTION import_date_any(p_text VARCHAR(500), p_formats VARCHAR(255)) RETURNS DATE
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_text VARCHAR(500);
    DECLARE v_formats VARCHAR(255);
    DECLARE v_format VARCHAR(50);
    DECLARE v_sep CHAR(1);
    DECLARE v_i INT;
    DECLARE v_fpart VARCHAR(10);
    DECLARE v_tpart VARCHAR(500);
    DECLARE v_y INT;
    DECLARE v_m INT;
    DECLARE v_d INT;
    DECLARE v_ok TINYINT;
    DECLARE v_date DATE;

    SET v_text = TRIM(p_text);
    IF v_text IS NULL OR v_text = '' OR v_text NOT REGEXP '^[0-9]{1,4}[-/.][0-9]{1,4}[-/.][0-9]{1,4}$' THEN
        RETURN NULL;
    END IF;
    SET v_formats = CONCAT(REPLACE(COALESCE(p_formats, 'YYYY-MM-DD'), ' ', ''), ',');


    WHILE v_formats <> '' DO
        SET v_format = UPPER(SUBSTRING_INDEX(v_formats, ',', 1));
        SET v_formats = SUBSTRING(v_formats, CHAR_LENGTH(v_format) + 2);
        SET v_sep = LEFT(REGEXP_REPLACE(v_format, '[A-Z]', ''), 1);
        SET v_ok = v_format <> '' AND v_sep <> ''
                   AND CHAR_LENGTH(v_format) - CHAR_LENGTH(REPLACE(v_format, v_sep, '')) = 2
                   AND CHAR_LENGTH(v_text) - CHAR_LENGTH(REPLACE(v_text, v_sep, '')) = 2;
        SET v_y = NULL;
        SET v_m = NULL;
        SET v_d = NULL;
        SET v_i = 1;
        WHILE v_ok AND v_i <= 3 DO
            SET v_fpart = SUBSTRING_INDEX(SUBSTRING_INDEX(v_format, v_sep, v_i), v_sep, -1);
            SET v_tpart = SUBSTRING_INDEX(SUBSTRING_INDEX(v_text, v_sep, v_i), v_sep, -1);
            IF v_fpart = 'YYYY' AND v_tpart REGEXP '^[0-9]{4}$' THEN
                SET v_y = CAST(v_tpart AS UNSIGNED);
            ELSEIF v_fpart = 'MM' AND v_tpart REGEXP '^[0-9]{2}$' THEN
                SET v_m = CAST(v_tpart AS UNSIGNED);
            ELSEIF v_fpart = 'M' AND v_tpart REGEXP '^[0-9]{1,2}$' THEN
                SET v_m = CAST(v_tpart AS UNSIGNED);
            ELSEIF v_fpart = 'DD' AND v_tpart REGEXP '^[0-9]{2}$' THEN
                SET v_d = CAST(v_tpart AS UNSIGNED);
            ELSEIF v_fpart = 'D' AND v_tpart REGEXP '^[0-9]{1,2}$' THEN
                SET v_d = CAST(v_tpart AS UNSIGNED);
            ELSE
                SET v_ok = 0;
            END IF;
            SET v_i = v_i + 1;
        END WHILE;
        IF v_ok AND v_y BETWEEN 1000 AND 9999 AND v_m BETWEEN 1 AND 12 AND v_d BETWEEN 1 AND 31 THEN
            SET v_date = MAKEDATE(v_y, 1) + INTERVAL (v_m - 1) MONTH + INTERVAL (v_d - 1) DAY;
            IF MONTH(v_date) = v_m THEN
                RETURN v_date;
            END IF;
        END IF;
    END WHILE;
    RETURN NULL;
END$$
DELIMITER ;
