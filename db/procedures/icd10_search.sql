-- icd10_search
-- Finds active ICD-10 codes for the diagnosis and problem pickers, at most p_limit (default 20,
-- capped at 50), in code order. p_query is either
--   * a code or its beginning ("B50", "b50.9", "E119" = "E11.9"): a range read of the primary key; or
--   * words of the title ("typhoid", "diab mell", "hepatitis b"): every word must start a word of
--     the title. Words of 3+ letters go to the FULLTEXT index ft_icd10_code_title (boolean mode,
--     each as a required prefix, "+diab* +mell*"); InnoDB's default stopwords (with, of, the, ...)
--     are left out because the index does not hold them; shorter words ("b" in "hepatitis b") are
--     checked with a word-start regular expression on the rows the index found.
-- The query is reduced to letters, digits and spaces before use, so no operator or pattern
-- character from the user reaches MATCH, LIKE or REGEXP.
-- Permission: clinical.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS icd10_search;
DELIMITER $$
CREATE PROCEDURE icd10_search(IN p_session_token VARCHAR(100), IN p_query VARCHAR(100), IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 50);
    DECLARE v_query VARCHAR(100) DEFAULT UPPER(TRIM(COALESCE(p_query, '')));
    DECLARE v_words VARCHAR(200);
    DECLARE v_word VARCHAR(100);
    DECLARE v_boolean VARCHAR(400) DEFAULT '';
    DECLARE v_pattern VARCHAR(400) DEFAULT '';
    DECLARE v_count INT DEFAULT 0;

    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);

    IF v_query REGEXP '^[A-Z][0-9][0-9A-Z]?[.]?[0-9A-Z]{0,4}$' THEN
        IF CHAR_LENGTH(v_query) > 3 AND SUBSTRING(v_query, 4, 1) <> '.' THEN
            SET v_query = CONCAT(LEFT(v_query, 3), '.', SUBSTRING(v_query, 4));
        END IF;
        SELECT icd10_code, title, chapter
          FROM icd10_code
         WHERE icd10_code LIKE CONCAT(v_query, '%') AND is_active = 1
         ORDER BY icd10_code
         LIMIT v_limit;
    ELSE
        SET v_words = TRIM(LOWER(REGEXP_REPLACE(v_query, '[^[:alnum:]]+', ' ')));
        WHILE v_words <> '' AND v_count < 8 DO
            SET v_word = SUBSTRING_INDEX(v_words, ' ', 1);
            SET v_words = TRIM(SUBSTRING(v_words, CHAR_LENGTH(v_word) + 1));
            SET v_count = v_count + 1;
            IF CHAR_LENGTH(v_word) < 3 THEN
                SET v_pattern = CONCAT(v_pattern, '(?=.*\\b', v_word, ')');
            ELSEIF v_word NOT IN ('about', 'are', 'com', 'for', 'from', 'how', 'that', 'the', 'this', 'was', 'what', 'when',
                                  'where', 'who', 'will', 'with', 'und', 'www') THEN
                SET v_boolean = CONCAT(v_boolean, '+', v_word, '* ');
            END IF;
        END WHILE;

        IF v_boolean <> '' THEN
            SELECT icd10_code, title, chapter
              FROM icd10_code
             WHERE MATCH (title) AGAINST (v_boolean IN BOOLEAN MODE)
               AND is_active = 1
               AND (v_pattern = '' OR title REGEXP CONCAT('^', v_pattern))
             ORDER BY icd10_code
             LIMIT v_limit;
        ELSE
            -- Only short words (or nothing usable): no index helps; the primary-key order stops
            -- at the first v_limit matches.
            SELECT icd10_code, title, chapter
              FROM icd10_code
             WHERE v_pattern <> '' AND is_active = 1 AND title REGEXP CONCAT('^', v_pattern)
             ORDER BY icd10_code
             LIMIT v_limit;
        END IF;
    END IF;
END$$
DELIMITER ;
