-- name_similar
-- 1 when two names may belong to the same person, for the duplicate warning at registration:
-- family names sound alike (SOUNDEX), or given and family names are swapped and sound alike, or the
-- family name is the same and the given names share their first three letters. Otherwise 0.
DROP FUNCTION IF EXISTS name_similar;
DELIMITER $$
CREATE FUNCTION name_similar(p_given_a VARCHAR(100), p_family_a VARCHAR(100),
                             p_given_b VARCHAR(100), p_family_b VARCHAR(100)) RETURNS TINYINT
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    IF p_family_a IS NULL OR p_family_b IS NULL THEN
        RETURN 0;
    END IF;
    IF SOUNDEX(p_family_a) <> '' AND SOUNDEX(p_family_a) = SOUNDEX(p_family_b) THEN
        RETURN 1;
    END IF;
    IF SOUNDEX(p_family_a) <> '' AND SOUNDEX(p_family_a) = SOUNDEX(p_given_b)
       AND SOUNDEX(p_given_a) = SOUNDEX(p_family_b) THEN
        RETURN 1;
    END IF;
    IF TRIM(p_family_a) = TRIM(p_family_b) AND LEFT(TRIM(p_given_a), 3) = LEFT(TRIM(p_given_b), 3) THEN
        RETURN 1;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
