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
-- active registered patient (51619: patient_register's duplicate rule; the import cannot confirm, so it
-- refuses), the address and district together longer than the address (51620). Lengths (51612) and an
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

    SET v_formats = setting_text('import.date_formats', 'YYYY-MM-DD');
    SET v_phone_message = phone_invalid_message();
    SET v_prefix = setting_text('patient.mrn_prefix', '');
    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'patient.mrn';

    -- The values as the patient row will hold them.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient;
    CREATE TEMPORARY TABLE tmp_import_patient (
        line_no     INT UNSIGNED NOT NULL,
        given_name  VARCHAR(500) NULL,
        family_name VARCHAR(500) NULL,
        dob         DATE         NULL,
        phone       VARCHAR(20)  NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_patient_dob (dob),
        KEY ix_tmp_import_patient_phone (phone)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient (line_no, given_name, family_name, dob, phone)
    SELECT line_no, c02, c03, import_date(c05, v_formats), LEFT(phone_normalize(LEFT(c06, 64)), 20)
      FROM import_row
     WHERE import_batch_id = p_import_batch_id AND outcome IS NULL;

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
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND CHAR_LENGTH(phone_normalize(LEFT(r.c11, 64))) = 0;
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
      FROM (SELECT line_no, MIN(line_no) OVER (PARTITION BY phone) AS first_line
              FROM tmp_import_patient WHERE phone <> '') d
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = d.line_no
     WHERE d.line_no > d.first_line;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_b;
    CREATE TEMPORARY TABLE tmp_import_patient_b (
        line_no     INT UNSIGNED NOT NULL,
        given_name  VARCHAR(500) NULL,
        family_name VARCHAR(500) NULL,
        dob         DATE         NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_patient_b_dob (dob)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient_b (line_no, given_name, family_name, dob)
    SELECT line_no, given_name, family_name, dob FROM tmp_import_patient WHERE dob IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, a.line_no, 'family_name', a.family_name, 51618 AS error_code,
           CONCAT('This looks like the patient on line ', MIN(b.line_no), ' of the file (same date of birth, similar name).') AS message
      FROM tmp_import_patient a
      JOIN tmp_import_patient_b b ON b.dob = a.dob AND b.line_no < a.line_no
     WHERE name_similar(a.given_name, a.family_name, b.given_name, b.family_name) = 1
     GROUP BY a.line_no, a.family_name;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_b;

    -- Duplicates against the register: patient_register's rule (an active patient with the same date of birth
    -- and a similar name, or the same phone).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'family_name', t.family_name, 51619 AS error_code,
           LEFT(CONCAT('This may be a patient who is already registered: ', MIN(p.mrn), '. Leave the row out if so.'), 128) AS message
      FROM tmp_import_patient t
      JOIN patient p ON p.date_of_birth = t.dob AND p.status = 'active'
     WHERE name_similar(t.given_name, t.family_name, p.given_name, p.family_name) = 1
     GROUP BY t.line_no, t.family_name;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'phone', r.c06, 51619 AS error_code,
           LEFT(CONCAT('This may be a patient who is already registered: ', MIN(p.mrn), ' has this phone number.'), 128) AS message
      FROM tmp_import_patient t
      JOIN patient p ON p.phone = t.phone AND p.status = 'active'
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
     WHERE t.phone <> ''
     GROUP BY t.line_no, r.c06;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient;
END$$
DELIMITER ;
