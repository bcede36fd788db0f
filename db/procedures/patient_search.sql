-- patient_search
-- Finds active patients (merged records are left out), a page at a time (at most 100 rows;
-- total_count is the number of matches). The query decides the path, and each path has an index:
--   * contains @              -> email prefix            (ix_patient_email)
--   * starts like an MRN      -> MRN prefix, e.g. HMS/0001 (uq_patient_mrn)
--     (the clinic's MRN prefix, or letters followed by /)
--   * digits, at most patient.mrn_digits of them -> that MRN exactly, e.g. 123 -> HMS/000123
--   * otherwise digits and + ( ) - . spaces -> the phone, normalised (ix_patient_phone); a phone
--     that cannot be normalised finds nothing
--   * anything else           -> name: every word of the query (up to 3) must be the start of a
--     word of the patient's given or family name (patient_name_word primary key, a prefix range,
--     never a leading-wildcard LIKE). 'nak' finds Nakato; 'mary nak' finds Mary Jane Nakato.
--     Name results come in the order of the matched word, then registration order. Their total is
--     exact when the rarest query word starts at most 1000 name words; otherwise total_count is
--     offset + rows + 1 when more rows exist, and total_is_exact is 0 (the other paths are exact).
--     Two different words, neither the start of the other, are first looked up as a pair
--     (patient_name_pair: 'grace akello' reads only the rows of the patients having both; exact total,
--     in the order of the first word's matched word) when that finds at most 1000 rows. Otherwise
--     several words are intersected from the rarest one: when it starts fewer than 5000 name words,
--     the patients of each other word are joined as a set (the optimizer reads a small word's index
--     range once, or looks a common word up per patient of the rarest), never walking a common word.
-- An empty query returns no rows.
DROP PROCEDURE IF EXISTS patient_search;
DELIMITER $$
CREATE PROCEDURE patient_search(IN p_session_token VARCHAR(100), IN p_query VARCHAR(100), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_q VARCHAR(100);
    DECLARE v_like VARCHAR(210);
    DECLARE v_prefix VARCHAR(255);
    DECLARE v_digits VARCHAR(100);
    DECLARE v_key VARCHAR(100);
    DECLARE v_words VARCHAR(210);
    DECLARE v_w1 VARCHAR(210);
    DECLARE v_w2 VARCHAR(210);
    DECLARE v_w3 VARCHAR(210);
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    DECLARE v_limit_plus INT;
    DECLARE v_drive VARCHAR(210);
    DECLARE v_drive_n INT;
    DECLARE v_n1 INT;
    DECLARE v_n2 INT;
    DECLARE v_n3 INT;
    DECLARE v_total INT;
    DECLARE v_o1 VARCHAR(210);
    DECLARE v_o2 VARCHAR(210);
    DECLARE v_cap INT;
    DECLARE v_t1 VARCHAR(210);
    DECLARE v_t2 VARCHAR(210);
    DECLARE v_pairs INT DEFAULT 1001;

    CALL actor_require(p_session_token, 'patient.read', v_actor_id);

    SET v_q = NULLIF(TRIM(p_query), '');
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);
    SET v_limit_plus = v_limit + 1;
    SET v_prefix = setting_text('patient.mrn_prefix', '');

    IF v_q IS NULL THEN
        -- Nothing to search for: an empty page of the usual shape.
        SELECT patient_id, mrn, given_name, family_name, sex, date_of_birth, phone, phone AS phone_local,
               email, 0 AS total_count, 1 AS total_is_exact
          FROM patient
         WHERE 1 = 0;
    ELSEIF LOCATE('@', v_q) > 0 THEN
        SET v_like = CONCAT(REPLACE(REPLACE(LOWER(v_q), '%', '\%'), '_', '\_'), '%');
        SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
               phone_format_local(x.phone) AS phone_local, x.email, x.total_count, 1 AS total_is_exact
          FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                       COUNT(*) OVER () AS total_count
                  FROM patient AS p
                 WHERE p.email LIKE v_like AND p.status = 'active'
                 ORDER BY p.family_name, p.given_name, p.patient_id
                 LIMIT v_limit OFFSET v_offset) AS x
         ORDER BY x.family_name, x.given_name, x.patient_id;
    ELSEIF (v_prefix <> '' AND LEFT(v_q, CHAR_LENGTH(v_prefix)) = v_prefix) OR v_q REGEXP '^[A-Za-z]+/' THEN
        SET v_like = CONCAT(REPLACE(REPLACE(v_q, '%', '\%'), '_', '\_'), '%');
        SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
               phone_format_local(x.phone) AS phone_local, x.email, x.total_count, 1 AS total_is_exact
          FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                       COUNT(*) OVER () AS total_count
                  FROM patient AS p
                 WHERE p.mrn LIKE v_like AND p.status = 'active'
                 ORDER BY p.mrn
                 LIMIT v_limit OFFSET v_offset) AS x
         ORDER BY x.mrn;
    ELSEIF v_q REGEXP '^[+]?[0-9 ().-]+$' THEN
        SET v_digits = REGEXP_REPLACE(v_q, '[^0-9]', '');
        IF v_q REGEXP '^[0-9]+$' AND CHAR_LENGTH(v_digits) <= setting_int('patient.mrn_digits', 6) THEN
            SET v_key = CONCAT(v_prefix, LPAD(v_digits, setting_int('patient.mrn_digits', 6), '0'));
            SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
                   phone_format_local(x.phone) AS phone_local, x.email, x.total_count, 1 AS total_is_exact
              FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                           COUNT(*) OVER () AS total_count
                      FROM patient AS p
                     WHERE p.mrn = v_key AND p.status = 'active'
                     LIMIT v_limit OFFSET v_offset) AS x;
        ELSE
            SET v_key = phone_normalize(v_q);
            IF v_key = '' THEN
                SET v_key = NULL;
            END IF;
            SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
                   phone_format_local(x.phone) AS phone_local, x.email, x.total_count, 1 AS total_is_exact
              FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                           COUNT(*) OVER () AS total_count
                      FROM patient AS p
                     WHERE p.phone = v_key AND p.status = 'active'
                     ORDER BY p.family_name, p.given_name, p.patient_id
                     LIMIT v_limit OFFSET v_offset) AS x
             ORDER BY x.family_name, x.given_name, x.patient_id;
        END IF;
    ELSE
        SET v_words = TRIM(REGEXP_REPLACE(REPLACE(REPLACE(v_q, '%', ' '), '_', ' '), '[ ,.;-]+', ' '));
        SET v_w1 = CONCAT(SUBSTRING_INDEX(v_words, ' ', 1), '%');
        SET v_w2 = IF(LOCATE(' ', v_words) > 0, CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(v_words, ' ', 2), ' ', -1), '%'), v_w1);
        SET v_w3 = IF(CHAR_LENGTH(v_words) - CHAR_LENGTH(REPLACE(v_words, ' ', '')) >= 2,
                      CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(v_words, ' ', 3), ' ', -1), '%'), v_w2);

        -- Two different words, neither the start of the other (so that they must match two different words of
        -- the name): the patients having both are one short range of patient_name_pair per spelling of the first
        -- word: the word itself (word = 'grace', other_word LIKE 'akello%') and longer words that start with it
        -- (word > 'grace' AND word LIKE 'grace%'). When those ranges hold at most 1000 rows (counted, index only),
        -- they are the matches, read once: no common word is walked, and the total is exact. Rows come in the order
        -- of the first word's matched word, then registration order. Otherwise, the paths below.
        SET v_t1 = SUBSTRING_INDEX(v_words, ' ', 1);
        SET v_t2 = IF(v_w2 <> v_w1, SUBSTRING_INDEX(SUBSTRING_INDEX(v_words, ' ', 2), ' ', -1), NULL);
        IF v_t2 IS NOT NULL AND NOT (v_t1 LIKE v_w2 OR v_t2 LIKE v_w1) THEN
            SELECT COUNT(*) INTO v_pairs
              FROM (SELECT 1 FROM patient_name_pair WHERE word = v_t1 AND other_word LIKE v_w2 LIMIT 1001) AS t1;
            IF v_pairs <= 1000 THEN
                SELECT v_pairs + COUNT(*) INTO v_pairs
                  FROM (SELECT 1 FROM patient_name_pair WHERE word LIKE v_w1 AND word > v_t1 LIMIT 1001) AS t2;
            END IF;
        END IF;

        IF v_pairs <= 1000 THEN
            SELECT y.patient_id, y.mrn, y.given_name, y.family_name, y.sex, y.date_of_birth, y.phone,
                   phone_format_local(y.phone) AS phone_local, y.email, y.matches AS total_count, 1 AS total_is_exact
              FROM (SELECT m.word, p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                           COUNT(*) OVER () AS matches,
                           ROW_NUMBER() OVER (ORDER BY m.word, m.patient_id) AS rn
                      FROM (SELECT MIN(q.word) AS word, q.patient_id
                              FROM (SELECT e.word, e.patient_id FROM patient_name_pair AS e
                                     WHERE e.word = v_t1 AND e.word LIKE v_w1 AND e.other_word LIKE v_w2
                                    UNION ALL
                                    SELECT l.word, l.patient_id FROM patient_name_pair AS l
                                     WHERE l.word LIKE v_w1 AND l.word > v_t1 AND l.other_word LIKE v_w2) AS q
                             GROUP BY q.patient_id) AS m
                      JOIN patient AS p ON p.patient_id = m.patient_id
                     WHERE p.status = 'active'
                       AND (v_w3 = v_w2 OR EXISTS (SELECT 1 FROM patient_name_word AS c
                                                    WHERE c.patient_id = m.patient_id AND c.word LIKE v_w3))) AS y
             WHERE y.rn > v_offset AND y.rn <= v_offset + v_limit
             ORDER BY y.rn;
        ELSE
            -- Drive the search from the most selective word: count each word's index entries, up to 2000
            -- (an index-only range scan), and walk the rarest one in index order, checking the others per
            -- patient. Rows come out in (word, patient_id) order straight from the index, so a page stops
            -- as soon as it is full instead of sorting every match. A query of several words counts up to
            -- 5000, to know whether the rarest word is small enough to intersect as a set (below); the
            -- choice of the driving word (and so the order of the rows) still sees counts capped at 2000.
            SET v_cap = IF(v_w2 = v_w1 AND v_w3 = v_w1, 2000, 5000);
            SELECT COUNT(*) INTO v_n1 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w1 LIMIT v_cap) AS t1;
            SET v_n2 = v_n1;
            SET v_n3 = v_n1;
            IF v_w2 <> v_w1 THEN
                SELECT COUNT(*) INTO v_n2 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w2 LIMIT v_cap) AS t2;
            END IF;
            IF v_w3 <> v_w1 AND v_w3 <> v_w2 THEN
                SELECT COUNT(*) INTO v_n3 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w3 LIMIT v_cap) AS t3;
            END IF;
            SET v_drive = v_w1;
            SET v_drive_n = v_n1;
            IF LEAST(v_n2, 2000) < LEAST(v_drive_n, 2000) THEN
                SET v_drive = v_w2;
                SET v_drive_n = v_n2;
            END IF;
            IF LEAST(v_n3, 2000) < LEAST(v_drive_n, 2000) THEN
                SET v_drive = v_w3;
                SET v_drive_n = v_n3;
            END IF;
            -- The other words (o2 repeats o1 when the query has only two different words).
            SET v_o1 = IF(v_w1 <> v_drive, v_w1, IF(v_w2 <> v_drive, v_w2, v_w3));
            SET v_o2 = IF(v_w3 <> v_drive AND v_w3 <> v_o1, v_w3, IF(v_w2 <> v_drive AND v_w2 <> v_o1, v_w2, v_o1));

            IF v_o1 <> v_drive AND v_drive_n < 5000 THEN
                -- Several words, the rarest starting fewer than 5000 name words: the patients of the rarest
                -- word that have every other word, as a set (semi-joins: the optimizer reads a small word's
                -- range once into a lookup table, or looks a common word up per patient), each patient once
                -- at its smallest matching word (the order and the rows of the walk below). With two words o2
                -- repeats o1 and its semi-join is skipped: MySQL ran the repeat as one more lookup per patient
                -- (25.7 ms against 7.7 ms for 'nakato okello' at 200,000 patients, docs/benchmarks.md).
                IF v_drive_n <= 1000 THEN
                    SELECT y.patient_id, y.mrn, y.given_name, y.family_name, y.sex, y.date_of_birth, y.phone,
                           phone_format_local(y.phone) AS phone_local, y.email, y.matches AS total_count, 1 AS total_is_exact
                      FROM (SELECT m.word, p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                                   COUNT(*) OVER () AS matches,
                                   ROW_NUMBER() OVER (ORDER BY m.word, m.patient_id) AS rn
                              FROM (SELECT MIN(a.word) AS word, a.patient_id
                                      FROM patient_name_word AS a
                                     WHERE a.word LIKE v_drive
                                       AND a.patient_id IN (SELECT b.patient_id FROM patient_name_word AS b WHERE b.word LIKE v_o1)
                                       AND (v_o2 = v_o1 OR a.patient_id IN (SELECT c.patient_id FROM patient_name_word AS c WHERE c.word LIKE v_o2))
                                     GROUP BY a.patient_id) AS m
                              JOIN patient AS p ON p.patient_id = m.patient_id
                             WHERE p.status = 'active') AS y
                     WHERE y.rn > v_offset AND y.rn <= v_offset + v_limit
                     ORDER BY y.rn;
                ELSE
                    -- Not counted: offset + rows found + 1 when more exist, as below.
                    SELECT y.patient_id, y.mrn, y.given_name, y.family_name, y.sex, y.date_of_birth, y.phone,
                           phone_format_local(y.phone) AS phone_local, y.email,
                           v_offset + y.fetched AS total_count, 0 AS total_is_exact
                      FROM (SELECT x.*, COUNT(*) OVER () AS fetched,
                                   ROW_NUMBER() OVER (ORDER BY x.word, x.patient_id) AS rn
                              FROM (SELECT m.word, p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth,
                                           p.phone, p.email
                                      FROM (SELECT MIN(a.word) AS word, a.patient_id
                                              FROM patient_name_word AS a
                                             WHERE a.word LIKE v_drive
                                               AND a.patient_id IN (SELECT b.patient_id FROM patient_name_word AS b WHERE b.word LIKE v_o1)
                                               AND (v_o2 = v_o1 OR a.patient_id IN (SELECT c.patient_id FROM patient_name_word AS c WHERE c.word LIKE v_o2))
                                             GROUP BY a.patient_id) AS m
                                      JOIN patient AS p ON p.patient_id = m.patient_id
                                     WHERE p.status = 'active'
                                     ORDER BY m.word, m.patient_id
                                     LIMIT v_limit_plus OFFSET v_offset) AS x) AS y
                     WHERE y.rn <= v_limit
                     ORDER BY y.rn;
                END IF;
            ELSE
                -- One word, or every word starts 5000 name words or more: walk the rarest in index order.
                -- The total is exact when the driving word has at most 1000 index entries (cheap to count);
                -- otherwise it is offset + rows found + 1 when more exist, and total_is_exact says so.
                IF v_drive_n <= 1000 THEN
                    SELECT COUNT(*) INTO v_total
                      FROM patient_name_word AS a
                      JOIN patient AS p ON p.patient_id = a.patient_id
                     WHERE a.word LIKE v_drive
                       AND p.status = 'active'
                       AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                       AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                       AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                       AND (SELECT 1 FROM patient_name_word AS d
                             WHERE d.patient_id = a.patient_id AND d.word LIKE v_drive AND d.word < a.word LIMIT 1) IS NULL;
                ELSE
                    SET v_total = NULL;
                END IF;

                SELECT y.patient_id, y.mrn, y.given_name, y.family_name, y.sex, y.date_of_birth, y.phone,
                       phone_format_local(y.phone) AS phone_local, y.email,
                       COALESCE(v_total, v_offset + y.fetched) AS total_count,
                       v_total IS NOT NULL AS total_is_exact
                  FROM (SELECT x.*, COUNT(*) OVER () AS fetched,
                               ROW_NUMBER() OVER (ORDER BY x.word, x.patient_id) AS rn
                          FROM (SELECT a.word, p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth,
                                       p.phone, p.email
                                  FROM patient_name_word AS a
                                  JOIN patient AS p ON p.patient_id = a.patient_id
                                 WHERE a.word LIKE v_drive
                                   AND p.status = 'active'
                                   AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                                   AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                                   AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                                   AND (SELECT 1 FROM patient_name_word AS d
                                         WHERE d.patient_id = a.patient_id AND d.word LIKE v_drive AND d.word < a.word LIMIT 1) IS NULL
                                 ORDER BY a.word, a.patient_id
                                 LIMIT v_limit_plus OFFSET v_offset) AS x) AS y
                 WHERE y.rn <= v_limit
                 ORDER BY y.rn;
            END IF;
        END IF;
    END IF;
END$$
DELIMITER ;
