-- import_patient_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the valid rows of a patient import (internal/import_kind_apply, inside import_batch_apply's
-- transaction, after internal/import_patient_check), set-based, as patient_register would: trimmed names, sex
-- (F/M read as female/male), the date of birth and the normalised phones as the check worked them out (its
-- temporary table tmp_import_patient, dropped here), lower-case email, upper-case blood group, the address with the district appended ('address, district').
-- MRNs: the old system's MRN when given; otherwise patient_register's numbering, in file order without gaps:
-- the sequence_counter row 'patient.mrn' is locked once (FOR UPDATE), the rows without an MRN are numbered
-- with ROW_NUMBER() over their line numbers, and the counter moves on by their count. Marks the rows 'imported'
-- with their patient_id and records their external ids in import_key.
-- The rows the patient triggers write for a registration are written here set-based, one statement each, while
-- those triggers step aside for this batch: a row of import_bulk_write (0103) for this connection is inserted just
-- before the INSERT into patient and deleted just after it, in the caller's transaction (the triggers trust that row,
-- which the app account cannot write, never a user variable; a failure deletes it and the caller rolls back):
-- the audit trail (internal/patient_audit_import, the same JSON document as patient_audit_insert), the name-word
-- index (the words of patient_name_word_insert: given and family name split at spaces, commas, dots, semicolons and
-- hyphens, and their pairs in patient_name_pair) and the reporting row (report_visit_patient, as patient_report_insert). Every other patient trigger
-- (and every trigger of another table) runs as usual.
DROP PROCEDURE IF EXISTS import_patient_apply;
DELIMITER $$
CREATE PROCEDURE import_patient_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_next BIGINT UNSIGNED;
    DECLARE v_digits INT;
    DECLARE v_prefix VARCHAR(255);
    DECLARE v_issued INT UNSIGNED;
    DECLARE v_words INT UNSIGNED;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

    SET v_digits = setting_int('patient.mrn_digits', 6);
    SET v_prefix = setting_text('patient.mrn_prefix', '');

    SELECT next_value INTO v_next
      FROM sequence_counter
     WHERE counter_name = 'patient.mrn'
       FOR UPDATE;

    -- The MRN of every valid row, in file order.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_mrn;
    CREATE TEMPORARY TABLE tmp_import_patient_mrn (
        line_no INT UNSIGNED NOT NULL,
        mrn     VARCHAR(32)  NOT NULL,
        PRIMARY KEY (line_no),
        UNIQUE KEY uq_tmp_import_patient_mrn (mrn)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient_mrn (line_no, mrn)
    SELECT n.line_no,
           COALESCE(n.c13, CONCAT(v_prefix, IF(CHAR_LENGTH(n.seq) >= v_digits, CAST(n.seq AS CHAR), LPAD(n.seq, v_digits, '0'))))
      FROM (SELECT line_no, c13,
                   v_next - 1 + ROW_NUMBER() OVER (PARTITION BY (c13 IS NULL) ORDER BY line_no) AS seq
              FROM import_row
             WHERE import_batch_id = p_import_batch_id AND outcome = 'valid') n;
    SELECT COUNT(*) INTO v_issued
      FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome = 'valid' AND c13 IS NULL;

    SET @clinic_actor_id = p_actor_id;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'patient', 0);
    INSERT INTO patient (mrn, given_name, family_name, sex, date_of_birth, phone, email, address,
                         emergency_contact_name, emergency_contact_phone, blood_group)
    SELECT m.mrn, r.c02, r.c03,
           CASE LOWER(r.c04) WHEN 'f' THEN 'female' WHEN 'm' THEN 'male' ELSE LOWER(r.c04) END,
           t.dob, t.phone, LOWER(r.c07),
           CASE WHEN r.c08 IS NOT NULL AND r.c09 IS NOT NULL THEN CONCAT(r.c08, ', ', r.c09) ELSE COALESCE(r.c08, r.c09) END,
           r.c10, t.contact_phone, UPPER(r.c12)
      FROM import_row r
      JOIN tmp_import_patient_mrn m ON m.line_no = r.line_no
      -- the date of birth and the phones as the check read them (internal/import_patient_check, just before)
      JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    UPDATE sequence_counter SET next_value = next_value + v_issued WHERE counter_name = 'patient.mrn';

    UPDATE import_row r
      JOIN tmp_import_patient_mrn m ON m.line_no = r.line_no
      JOIN patient p ON p.mrn = m.mrn
       SET r.outcome = 'imported', r.entity_id = p.patient_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_mrn;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient;

    -- What the row triggers would have written (they step aside for this batch, 0103).
    CALL patient_audit_import(p_import_batch_id);

    -- The words of each name, worked out once (the trigger's split: given and family name at spaces, commas, dots,
    -- semicolons and hyphens), for the words and for their pairs.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_name;
    CREATE TEMPORARY TABLE tmp_import_patient_name (
        patient_id INT UNSIGNED NOT NULL,
        name_text  VARCHAR(210) NOT NULL,
        words      INT UNSIGNED NOT NULL,
        PRIMARY KEY (patient_id)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient_name (patient_id, name_text, words)
    SELECT w.patient_id, w.name_text, CHAR_LENGTH(w.name_text) - CHAR_LENGTH(REPLACE(w.name_text, ' ', '')) + 1
      FROM (SELECT p.patient_id, TRIM(REGEXP_REPLACE(CONCAT(p.given_name, ' ', p.family_name), '[ ,.;-]+', ' ')) AS name_text
              FROM import_row AS r
              JOIN patient AS p ON p.patient_id = r.entity_id
             WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported') AS w
     WHERE w.name_text <> '';
    SELECT COALESCE(MAX(words), 0) INTO v_words FROM tmp_import_patient_name;
    -- word n of each name (at most 201 characters: 101 words), in the trigger's order; the first of two words equal
    -- under the collation is kept, as the trigger keeps it
    INSERT INTO patient_name_word (word, patient_id)
    SELECT LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(w.name_text, ' ', k.n), ' ', -1), 100), w.patient_id
      FROM tmp_import_patient_name AS w
      JOIN (SELECT t.d * 10 + u.d + 1 AS n
              FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) AS t
             CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS u
             WHERE t.d * 10 + u.d + 1 <= v_words) AS k
        ON k.n <= w.words
     ORDER BY w.patient_id, k.n
    ON DUPLICATE KEY UPDATE patient_id = patient_name_word.patient_id;
    -- and the pairs of two different words of each name, as patient_name_pair_rewrite pairs the words the trigger kept:
    -- words n1 and n2 of the name, in that order, so that of two words equal under the collation the first one's
    -- text is the one kept (a later pair equal to one written is left as it is)
    INSERT INTO patient_name_pair (word, other_word, patient_id)
    SELECT x.word, x.other_word, x.patient_id
      FROM (SELECT w.patient_id, k1.n AS n1, k2.n AS n2,
                   LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(w.name_text, ' ', k1.n), ' ', -1), 100) AS word,
                   LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(w.name_text, ' ', k2.n), ' ', -1), 100) AS other_word
              FROM tmp_import_patient_name AS w
              JOIN (SELECT t.d * 10 + u.d + 1 AS n
                      FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) AS t
                     CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS u
                     WHERE t.d * 10 + u.d + 1 <= v_words) AS k1
                ON k1.n <= w.words
              JOIN (SELECT t.d * 10 + u.d + 1 AS n
                      FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) AS t
                     CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS u
                     WHERE t.d * 10 + u.d + 1 <= v_words) AS k2
                ON k2.n <= w.words AND k2.n <> k1.n) AS x
     WHERE x.word <> x.other_word
     ORDER BY x.patient_id, x.n1, x.n2
    ON DUPLICATE KEY UPDATE patient_id = patient_name_pair.patient_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_name;

    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                      patient_key, sex, date_of_birth, is_active)
    SELECT x.patient_id, 0, NULL, NULL, CURDATE(), 0, x.patient_key, x.sex, x.date_of_birth, x.is_active
      FROM (SELECT p.patient_id, LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16) AS patient_key,
                   p.sex, p.date_of_birth, CASE WHEN p.status = 'active' THEN 1 ELSE 0 END AS is_active
              FROM import_row AS r
              JOIN patient AS p ON p.patient_id = r.entity_id
              JOIN report_secret AS rs ON rs.report_secret_id = 1
             WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported') AS x
     ORDER BY x.patient_id
    ON DUPLICATE KEY UPDATE sex = x.sex, date_of_birth = x.date_of_birth, is_active = x.is_active;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'patient', c01, entity_id, p_import_batch_id
      FROM import_row
     WHERE import_batch_id = p_import_batch_id AND outcome = 'imported' AND c01 IS NOT NULL;
END$$
DELIMITER ;
