-- import_patient_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The checks of a patient import (kind 'patient', columns in 0080_import_people.sql), set-based, one
-- import_error row per bad cell, for the rows not skipped (outcome NULL; internal/import_batch_check_run).
-- The same rules as patient_register / patient_validate, with the same codes and sentences:
--   given and family name required (50201), date of birth required and not in the future (50202), not more
--   than 130 years ago (50203), phones (50204), email (50205), sex female/male/other/unknown or F/M (50206),
--   blood group (50207);
-- and the import's own: a date in none of the accepted formats (51613, setting import.date_formats), an MRN
-- twice in the file
-- (51615), already registered (51616) or in the range the clinic issues next (51617), a patient who looks
-- like one on an earlier line (51618: same date of birth and name_similar, or the same phone) or like an
-- active registered patient (51619: patient_register's duplicate rule), unless the line says yes in
-- confirm_duplicate (0105: as the screen's "register anyway", for twins; 51628 a value not yes or no), the
-- address and district together longer than the address (51620). Lengths (51612) and an
-- external id twice in the file (51614) are checked for every kind by internal/import_batch_check_run.
DROP PROCEDURE IF EXISTS import_patient_check;
DELIMITER $$
CREATE PROCEDURE import_patient_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255);
    DECLARE v_phone_message VARCHAR(128);
    DECLARE v_prefix VARCHAR(255);
    DECLARE v_next BIGINT UNSIGNED;
    DECLARE v_country VARCHAR(4);
    DECLARE v_national_prefix VARCHAR(2);
    DECLARE v_national_digits INT;
    DECLARE v_national_pattern VARCHAR(100);

    SET v_formats = setting_text('import.date_formats', 'YYYY-MM-DD');
    SET v_country = setting_text('phone.country_code', '256');
    SET v_national_prefix = setting_text('phone.national_prefix', '0');
    SET v_national_digits = setting_int('phone.national_digits', 9);
    -- A phone already written the national way (0772123456 in Uganda): phone_normalize_as would give +256772123456,
    -- and so does this pattern, read once for the statement; every other way of writing goes to phone_normalize_as.
    SET v_national_pattern = CONCAT('^', v_national_prefix, '[1-9][0-9]{', v_national_digits - 1, '}$');
    SET v_phone_message = phone_invalid_message();
    SET v_prefix = setting_text('patient.mrn_prefix', '');
    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'patient.mrn';

    -- The values as the patient row will hold them, worked out once: the apply (internal/import_patient_apply, in
    -- the same session right after this check) reads them from here too. A date of birth is read once per distinct
    -- cell (a big file holds a few dates many times); the phone settings are read once for the file. The SOUNDEX of
    -- the names lets the duplicate checks below compare only the pairs name_similar can match.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_dob;
    CREATE TEMPORARY TABLE tmp_import_patient_dob (
        cell VARCHAR(500) NOT NULL,
        dob  DATE         NULL,
        PRIMARY KEY (cell)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT IGNORE INTO tmp_import_patient_dob (cell)
    SELECT c05 FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome IS NULL AND c05 IS NOT NULL;
    UPDATE tmp_import_patient_dob SET dob = import_date(cell, v_formats);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient;
    CREATE TEMPORARY TABLE tmp_import_patient (
        line_no       INT UNSIGNED NOT NULL,
        given_name    VARCHAR(500) NULL,
        family_name   VARCHAR(500) NULL,
        given_sound   VARCHAR(500) COLLATE utf8mb4_bin NULL,
        family_sound  VARCHAR(500) COLLATE utf8mb4_bin NULL,
        dob           DATE         NULL,
        phone         VARCHAR(20)  NULL,
        contact_phone VARCHAR(20)  NULL,
        confirmed     TINYINT      NOT NULL DEFAULT 0,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_patient_dob (dob),
        KEY ix_tmp_import_patient_phone (phone)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient (line_no, given_name, family_name, given_sound, family_sound, dob, confirmed, phone,
                                    contact_phone)
    SELECT r.line_no, r.c02, r.c03, SOUNDEX(r.c02), SOUNDEX(r.c03), d.dob,
           CASE WHEN LOWER(TRIM(r.c14)) IN ('yes', 'y', '1', 'true') THEN 1 ELSE 0 END,
           CASE WHEN r.c06 IS NULL THEN NULL
                WHEN r.c06 REGEXP v_national_pattern
                THEN CONCAT('+', v_country, SUBSTRING(r.c06, CHAR_LENGTH(v_national_prefix) + 1))
                ELSE LEFT(phone_normalize_as(LEFT(r.c06, 64), v_country, v_national_prefix, v_national_digits), 20) END,
           CASE WHEN r.c11 IS NULL THEN NULL
                WHEN r.c11 REGEXP v_national_pattern
                THEN CONCAT('+', v_country, SUBSTRING(r.c11, CHAR_LENGTH(v_national_prefix) + 1))
                ELSE LEFT(phone_normalize_as(LEFT(r.c11, 64), v_country, v_national_prefix, v_national_digits), 20) END
      FROM import_row r
      LEFT JOIN tmp_import_patient_dob d ON d.cell = r.c05
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_dob;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'given_name', r.c02, 50201 AS error_code,
           'Please enter the patient''s given name and family name.' AS message
      FROM import_row r WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c02 IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'family_name', r.c03, 50201 AS error_code,
           'Please enter the patient''s given name and family name.' AS message
      FROM import_row r WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c03 IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'sex', r.c04, 50206 AS error_code,
           'Please choose the sex: female, male, other or unknown.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL
       AND (r.c04 IS NULL OR LOWER(r.c04) NOT IN ('female', 'male', 'other', 'unknown', 'f', 'm'));

    -- Date of birth: required, a real date in an accepted format, not in the future, not more than 130 years ago.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'date_of_birth', r.c05, 50202 AS error_code,
           'Please enter a date of birth that is not in the future.' AS message
      FROM import_row r JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND (r.c05 IS NULL OR t.dob > CURDATE());
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'date_of_birth', r.c05, 51613 AS error_code,
           LEFT(CONCAT('Please write a real date as ', REPLACE(v_formats, ',', ' or '), '.'), 128) AS message
      FROM import_row r JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.c05 IS NOT NULL AND t.dob IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'date_of_birth', r.c05, 50203 AS error_code,
           'That date of birth is more than 130 years ago. Please check it.' AS message
      FROM import_row r JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.dob < CURDATE() - INTERVAL 130 YEAR;

    -- Phones, email, blood group.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'phone', r.c06, 50204 AS error_code, v_phone_message AS message
      FROM import_row r JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.phone = '';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'emergency_contact_phone', r.c11, 50204 AS error_code, v_phone_message AS message
      FROM import_row r JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.contact_phone = '';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'email', r.c07, 50205 AS error_code,
           'That email address does not look right. Use the form name@example.com.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c07 IS NOT NULL
       AND r.c07 NOT REGEXP '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}$';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'blood_group', r.c12, 50207 AS error_code,
           'Please choose a blood group (A+, A-, B+, B-, AB+, AB-, O+ or O-), or leave it empty.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c12 IS NOT NULL
       AND UPPER(r.c12) NOT IN ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-');
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'confirm_duplicate', r.c14, 51628 AS error_code,
           'Please write yes to register this patient although it looks like another one, or no (or leave it empty).' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c14 IS NOT NULL
       AND LOWER(TRIM(r.c14)) NOT IN ('yes', 'y', '1', 'true', 'no', 'n', '0', 'false', '');
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'district', r.c09, 51620 AS error_code,
           'The address and the district together are longer than 255 characters.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c08 IS NOT NULL AND r.c09 IS NOT NULL
       AND CHAR_LENGTH(r.c08) <= 255 AND CHAR_LENGTH(r.c09) <= 100 AND CHAR_LENGTH(r.c08) + 2 + CHAR_LENGTH(r.c09) > 255;

    -- External ids and MRNs: once in the file; an MRN of the old system is kept only when no patient has it
    -- and the clinic's own numbering will never issue it.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT d.import_batch_id, d.line_no, 'mrn', d.c13, 51615 AS error_code,
           CONCAT('This MRN is already on line ', d.first_line, ' of the file.') AS message
      FROM (SELECT import_batch_id, line_no, c13, MIN(line_no) OVER (PARTITION BY c13) AS first_line
              FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome IS NULL AND c13 IS NOT NULL) d
     WHERE d.line_no > d.first_line;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'mrn', r.c13, 51616 AS error_code,
           'A patient with this MRN is already registered.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c13 IS NOT NULL
       AND EXISTS (SELECT 1 FROM patient p WHERE p.mrn = r.c13);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'mrn', r.c13, 51617 AS error_code,
           'The clinic will issue this MRN itself. Leave the cell empty to have a new MRN issued.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c13 IS NOT NULL
       AND LEFT(r.c13, CHAR_LENGTH(v_prefix)) = v_prefix
       AND SUBSTRING(r.c13, CHAR_LENGTH(v_prefix) + 1) REGEXP '^[0-9]{1,18}$'
       AND CAST(SUBSTRING(r.c13, CHAR_LENGTH(v_prefix) + 1) AS UNSIGNED) >= v_next
       AND NOT EXISTS (SELECT 1 FROM patient p WHERE p.mrn = r.c13);

    -- Duplicates within the file: the same phone, or the same date of birth and a similar name, as an earlier line.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, d.line_no, 'phone', r.c06, 51618 AS error_code,
           CONCAT('This looks like the patient on line ', d.first_line, ' of the file (the same phone number).') AS message
      FROM (SELECT line_no, confirmed, MIN(line_no) OVER (PARTITION BY phone) AS first_line
              FROM tmp_import_patient WHERE phone <> '') d
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = d.line_no
     WHERE d.line_no > d.first_line AND d.confirmed = 0;
    -- name_similar matches only names whose SOUNDEX agree (family and family, or family and given both ways), or
    -- equal family names without a SOUNDEX: the candidate pairs are found by those equalities on an index (MySQL
    -- cannot open a temporary table twice in a statement, hence the copy _b), and name_similar decides on them.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_b;
    CREATE TEMPORARY TABLE tmp_import_patient_b (
        line_no      INT UNSIGNED NOT NULL,
        given_name   VARCHAR(500) NULL,
        family_name  VARCHAR(500) NULL,
        given_sound  VARCHAR(500) COLLATE utf8mb4_bin NULL,
        family_sound VARCHAR(500) COLLATE utf8mb4_bin NULL,
        dob          DATE         NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_patient_b_family (dob, family_sound),
        KEY ix_tmp_import_patient_b_given (dob, given_sound)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient_b (line_no, given_name, family_name, given_sound, family_sound, dob)
    SELECT line_no, given_name, family_name, given_sound, family_sound, dob FROM tmp_import_patient WHERE dob IS NOT NULL;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_pair;
    CREATE TEMPORARY TABLE tmp_import_patient_pair (
        line_no       INT UNSIGNED NOT NULL,
        earlier_line  INT UNSIGNED NOT NULL,
        PRIMARY KEY (line_no, earlier_line)
    ) ENGINE = InnoDB;
    INSERT IGNORE INTO tmp_import_patient_pair (line_no, earlier_line)
    SELECT a.line_no, b.line_no
      FROM tmp_import_patient a
      STRAIGHT_JOIN tmp_import_patient_b b ON b.dob = a.dob AND b.family_sound = a.family_sound AND b.line_no < a.line_no
     WHERE a.family_sound <> '';
    INSERT IGNORE INTO tmp_import_patient_pair (line_no, earlier_line)
    SELECT a.line_no, b.line_no
      FROM tmp_import_patient a
      STRAIGHT_JOIN tmp_import_patient_b b ON b.dob = a.dob AND b.given_sound = a.family_sound AND b.line_no < a.line_no
     WHERE a.family_sound <> '';
    INSERT IGNORE INTO tmp_import_patient_pair (line_no, earlier_line)
    SELECT a.line_no, b.line_no
      FROM tmp_import_patient a
      STRAIGHT_JOIN tmp_import_patient_b b ON b.dob = a.dob AND b.line_no < a.line_no AND TRIM(b.family_name) = TRIM(a.family_name)
     WHERE a.family_sound = '';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, a.line_no, 'family_name', a.family_name, 51618 AS error_code,
           CONCAT('This looks like the patient on line ', MIN(b.line_no), ' of the file (same date of birth, similar name).') AS message
      FROM tmp_import_patient_pair x
      JOIN tmp_import_patient a ON a.line_no = x.line_no
      JOIN tmp_import_patient_b b ON b.line_no = x.earlier_line
     WHERE a.confirmed = 0 AND name_similar(a.given_name, a.family_name, b.given_name, b.family_name) = 1
     GROUP BY a.line_no, a.family_name;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_pair;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_b;

    -- Duplicates against the register: patient_register's rule (an active patient with the same date of birth
    -- and a similar name, or the same phone).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'family_name', t.family_name, 51619 AS error_code,
           LEFT(CONCAT('This may be a patient who is already registered: ', MIN(p.mrn), '. Leave the row out if so.'), 128) AS message
      FROM tmp_import_patient t
      JOIN patient p ON p.date_of_birth = t.dob AND p.status = 'active'
     -- (the same cheap test as above first, in a CASE so that name_similar runs only on the pairs it lets through)
     WHERE t.confirmed = 0
       AND CASE WHEN (t.family_sound <> '' AND (SOUNDEX(p.family_name) COLLATE utf8mb4_bin = t.family_sound
                                                  OR SOUNDEX(p.given_name) COLLATE utf8mb4_bin = t.family_sound))
                       OR (t.family_sound = '' AND TRIM(p.family_name) = TRIM(t.family_name))
                  THEN name_similar(t.given_name, t.family_name, p.given_name, p.family_name) ELSE 0 END = 1
     GROUP BY t.line_no, t.family_name;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'phone', r.c06, 51619 AS error_code,
           LEFT(CONCAT('This may be a patient who is already registered: ', MIN(p.mrn), ' has this phone number.'), 128) AS message
      FROM tmp_import_patient t
      JOIN patient p ON p.phone = t.phone AND p.status = 'active'
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
     WHERE t.phone <> '' AND t.confirmed = 0
     GROUP BY t.line_no, r.c06;

    -- tmp_import_patient is handed to internal/import_patient_apply, which drops it; after a dry run it stays in
    -- the session until the next check (dropped first thing) or the session's end.
END$$
DELIMITER ;
