-- import_staff_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The checks of a staff import (kind 'staff', columns in 0080_import_people.sql), set-based, one import_error
-- row per bad cell, for the rows not skipped (outcome NULL; internal/import_batch_check_run).
-- The same rules as staff_create / staff_validate, with the same codes and sentences: names (50308), role
-- (50309), the department (50303) and specialisation (50306) exist (by name), a doctor has a specialisation,
-- a department and a consultation fee (50310), fee not negative (50311), the sign-in account (by username)
-- exists (50312), is not linked to someone else (50313) and has the same role (50314), phone (50204), email
-- (50205); and the import's own: a fee that is no number (51621), one sign-in account on two lines (51622).
-- Lengths (51612) and an external id twice in the file (51614): internal/import_batch_check_run, for every kind.
DROP PROCEDURE IF EXISTS import_staff_check;
DELIMITER $$
CREATE PROCEDURE import_staff_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_phone_message VARCHAR(128);
    SET v_phone_message = phone_invalid_message();

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, IF(r.c02 IS NULL, 'given_name', 'family_name'), NULL, 50308 AS error_code,
           'Please enter the staff member''s given name and family name.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND (r.c02 IS NULL OR r.c03 IS NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'staff_role', r.c04, 50309 AS error_code, 'Please choose a staff role.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL
       AND (r.c04 IS NULL OR LOWER(REPLACE(r.c04, ' ', '_')) NOT IN ('doctor', 'nurse', 'pharmacist', 'receptionist', 'billing_clerk', 'admin'));
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'department', r.c05, 50303 AS error_code, 'That department does not exist.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c05 IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM department d WHERE d.name = r.c05);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'specialisation', r.c06, 50306 AS error_code, 'That specialisation does not exist.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c06 IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM specialisation s WHERE s.name = r.c06);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'consultation_fee', r.c07, 50311 AS error_code,
           'The consultation fee cannot be negative.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c07 REGEXP '^-[0-9]{1,8}([.][0-9]{1,2})?$';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'consultation_fee', r.c07, 51621 AS error_code,
           'Please write the fee as a number with at most 2 decimals, e.g. 15000 or 15000.50.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c07 IS NOT NULL
       AND r.c07 NOT REGEXP '^-?[0-9]{1,8}([.][0-9]{1,2})?$';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no,
           CASE WHEN r.c06 IS NULL THEN 'specialisation' WHEN r.c05 IS NULL THEN 'department' ELSE 'consultation_fee' END,
           NULL, 50310 AS error_code, 'A doctor needs a specialisation, a department and a consultation fee.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND LOWER(r.c04) = 'doctor'
       AND (r.c05 IS NULL OR r.c06 IS NULL OR r.c07 IS NULL);

    -- The sign-in account to link, by username: exists, free, same role, once in the file.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'username', r.c10,
           CASE WHEN u.user_account_id IS NULL THEN 50312
                WHEN EXISTS (SELECT 1 FROM staff s WHERE s.user_account_id = u.user_account_id) THEN 50313
                ELSE 50314 END AS error_code,
           CASE WHEN u.user_account_id IS NULL THEN 'That sign-in account does not exist.'
                WHEN EXISTS (SELECT 1 FROM staff s WHERE s.user_account_id = u.user_account_id)
                    THEN 'That sign-in account already belongs to another staff member.'
                ELSE 'The sign-in account has a different role from the staff member.' END AS message
      FROM import_row r
      LEFT JOIN user_account u ON u.username = r.c10
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c10 IS NOT NULL
       AND (u.user_account_id IS NULL
            OR EXISTS (SELECT 1 FROM staff s WHERE s.user_account_id = u.user_account_id)
            OR (r.c04 IS NOT NULL AND u.role_code <> LOWER(REPLACE(r.c04, ' ', '_'))));
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT d.import_batch_id, d.line_no, 'username', d.c10, 51622 AS error_code,
           CONCAT('This sign-in account is already linked on line ', d.first_line, ' of the file.') AS message
      FROM (SELECT import_batch_id, line_no, c10, MIN(line_no) OVER (PARTITION BY c10) AS first_line
              FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome IS NULL AND c10 IS NOT NULL) d
     WHERE d.line_no > d.first_line;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'phone', r.c08, 50204 AS error_code, v_phone_message AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND CHAR_LENGTH(phone_normalize(LEFT(r.c08, 64))) = 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'email', r.c09, 50205 AS error_code,
           'That email address does not look right. Use the form name@example.com.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c09 IS NOT NULL
       AND r.c09 NOT REGEXP '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}$';
END$$
DELIMITER ;
