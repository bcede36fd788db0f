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
-- An empty query returns no rows.
DROP PROCEDURE IF EXISTS patient_search;
DELIMITER $$
CREATE PROCEDURE patient_search(IN p_actor_id INT UNSIGNED, IN p_query VARCHAR(100), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
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

    CALL actor_require(p_actor_id, 'admin,receptionist,nurse,doctor,pharmacist,billing_clerk');

    SET v_q = NULLIF(TRIM(p_query), '');
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);
    SET v_prefix = setting_text('patient.mrn_prefix', '');

    IF v_q IS NULL THEN
        -- Nothing to search for: an empty page of the usual shape.
        SELECT patient_id, mrn, given_name, family_name, sex, date_of_birth, phone, phone AS phone_local,
               email, 0 AS total_count
          FROM patient
         WHERE 1 = 0;
    ELSEIF LOCATE('@', v_q) > 0 THEN
        SET v_like = CONCAT(REPLACE(REPLACE(LOWER(v_q), '%', '\%'), '_', '\_'), '%');
        SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
               phone_format_local(x.phone) AS phone_local, x.email, x.total_count
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
               phone_format_local(x.phone) AS phone_local, x.email, x.total_count
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
                   phone_format_local(x.phone) AS phone_local, x.email, x.total_count
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
                   phone_format_local(x.phone) AS phone_local, x.email, x.total_count
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
        SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth, x.phone,
               phone_format_local(x.phone) AS phone_local, x.email, x.total_count
          FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                       COUNT(*) OVER () AS total_count
                  FROM patient AS p
                 WHERE p.patient_id IN (SELECT a.patient_id FROM patient_name_word AS a WHERE a.word LIKE v_w1)
                   AND p.patient_id IN (SELECT b.patient_id FROM patient_name_word AS b WHERE b.word LIKE v_w2)
                   AND p.patient_id IN (SELECT c.patient_id FROM patient_name_word AS c WHERE c.word LIKE v_w3)
                   AND p.status = 'active'
                 ORDER BY p.family_name, p.given_name, p.patient_id
                 LIMIT v_limit OFFSET v_offset) AS x
         ORDER BY x.family_name, x.given_name, x.patient_id;
    END IF;
END$$
DELIMITER ;
