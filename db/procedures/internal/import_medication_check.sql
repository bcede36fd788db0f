-- import_medication_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The check of import kind 'medication' (called by the import framework's dispatch,
-- internal/import_kind_check): writes one import_error row per bad cell of the batch's rows, set-based,
-- with the rules of medication_create (internal/medication_validate) and the same codes and sentences.
-- Rows the framework marked skipped (external id imported before) are ignored. Writes nothing else.
-- Columns (import_column): c01 external_id, c02 name, c03 generic_substance, c04 form, c05 strength,
-- c06 unit_price, c07 reorder_level.
--   (lengths, 51612, and an external id repeated in the file, 51614: internal/import_batch_check_run)
--   51001 name missing or longer than 150, 51003 generic substance, 51004 form or strength,
--   51652 unit price missing, not a number or more than 2 decimals, 51005 unit price negative (or too large),
--   51006 reorder level not a whole number 0-1000000, 51653 name repeated in the file,
--   51002 a medication with that name exists (names are unique, whatever the strength or form).
DROP PROCEDURE IF EXISTS import_medication_check;
DELIMITER $$
CREATE PROCEDURE import_medication_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'name', r.c02, 51001, 'Please enter the medication''s name (at most 150 characters).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c02), 0) NOT BETWEEN 1 AND 150;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'generic_substance', r.c03, 51003, 'Please enter the generic substance (at most 100 characters).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c03), 0) NOT BETWEEN 1 AND 100;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'form', r.c04, 51004, 'Please enter the form (at most 30 characters) and the strength (at most 50).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c04), 0) NOT BETWEEN 1 AND 30;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'strength', r.c05, 51004, 'Please enter the form (at most 30 characters) and the strength (at most 50).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c05), 0) NOT BETWEEN 1 AND 50;

    -- The unit price: a number of 0 to 99999999.99 with at most 2 decimals (medication.unit_price DECIMAL(10,2)).
    -- Only text that the patterns accept is ever cast, so strict mode never meets a bad number.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'unit_price', b.c06, b.code,
           IF(b.code = 51005, 'The unit price cannot be negative.',
              'Enter the unit price: a number of 0 or more with at most 2 decimals, e.g. 1500 or 12.50.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c06,
                   CASE WHEN r.c06 REGEXP '^[0-9]{1,8}([.][0-9]{1,2})?$' THEN NULL
                        WHEN r.c06 REGEXP '^-[0-9]+([.][0-9]{1,2})?$' OR r.c06 REGEXP '^[0-9]{9,}([.][0-9]{1,2})?$' THEN 51005
                        ELSE 51652 END AS code
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.code IS NOT NULL;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'reorder_level', r.c07, 51006, 'The reorder level must be a whole number from 0 to 1,000,000.'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c07 IS NOT NULL
       AND CASE WHEN r.c07 REGEXP '^[0-9]{1,7}$' THEN CAST(r.c07 AS UNSIGNED) > 1000000 ELSE 1 END;

    -- The same name twice in the file: the later lines are refused (names are unique, uq_medication_name).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'name', r.c02, 51653,
           CONCAT('A medication with this name is already on line ', f.first_line, ' of the file.')
      FROM import_row AS r
      JOIN (SELECT c02, MIN(line_no) AS first_line FROM import_row
             WHERE import_batch_id = p_import_batch_id AND NOT (outcome <=> 'skipped') AND c02 IS NOT NULL
             GROUP BY c02) AS f ON f.c02 = r.c02 AND r.line_no > f.first_line
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped');

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'name', r.c02, 51002, 'A medication with that name already exists.'
      FROM import_row AS r
      JOIN medication AS m ON m.name = r.c02
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped');
END$$
DELIMITER ;
