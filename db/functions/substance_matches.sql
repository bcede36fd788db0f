-- substance_matches
-- 1 when an allergy to p_allergy_substance concerns a medication whose generic substance is
-- p_generic_substance, else 0. Compared trimmed and case-insensitively (utf8mb4_unicode_ci), with
-- the whole substance or with one component of a combination written with '/', '+' or ','
-- (an allergy to 'lumefantrine' matches 'artemether/lumefantrine'; 'Sulfamethoxazole' matches
-- 'sulfamethoxazole + trimethoprim').
DROP FUNCTION IF EXISTS substance_matches;
DELIMITER $$
CREATE FUNCTION substance_matches(p_generic_substance VARCHAR(255), p_allergy_substance VARCHAR(255)) RETURNS TINYINT
    DETERMINISTIC
    NO SQL
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_generic VARCHAR(300) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;
    DECLARE v_allergy VARCHAR(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;
    SET v_allergy = TRIM(p_allergy_substance);
    IF p_generic_substance IS NULL OR v_allergy IS NULL OR v_allergy = '' THEN
        RETURN 0;
    END IF;
    IF TRIM(p_generic_substance) = v_allergy THEN
        RETURN 1;
    END IF;
    -- Components: separators become '/', spaces around them go, then '/a/b/' is searched for '/x/'.
    SET v_generic = CONCAT('/', TRIM(REPLACE(REPLACE(TRIM(p_generic_substance), '+', '/'), ',', '/')), '/');
    WHILE LOCATE(' /', v_generic) > 0 DO
        SET v_generic = REPLACE(v_generic, ' /', '/');
    END WHILE;
    WHILE LOCATE('/ ', v_generic) > 0 DO
        SET v_generic = REPLACE(v_generic, '/ ', '/');
    END WHILE;
    RETURN LOCATE(CONCAT('/', v_allergy, '/'), v_generic) > 0;
END$$
DELIMITER ;
