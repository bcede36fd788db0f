-- import_batch_check_columns
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The rules every kind of import shares, checked once for all kinds from the kind's import_column rows, set-based,
-- for the rows not skipped (outcome NULL). internal/import_batch_check_run calls it right after the kind's own
-- check (internal/import_kind_check), so the kinds never repeat them:
--   51614 an external id (the column named external_id, when the kind has one) already on an earlier line of the
--         file: the later lines;
--   51612 a cell longer than its column holds (import_column.max_length; an external id 100), for a cell the
--         kind's check found nothing wrong with: one error per cell, and the kind's own sentence ("not a date",
--         "the name, at most 150 characters") says more than the length alone (a cell cut at 500, 51610, too).
-- Required cells stay with the kinds: each says so with its screen's code and sentence (50201, 50308, 51001, ...).
DROP PROCEDURE IF EXISTS import_batch_check_columns;
DELIMITER $$
CREATE PROCEDURE import_batch_check_columns(IN p_import_batch_id INT UNSIGNED, IN p_kind VARCHAR(30))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, d.line_no, 'external_id', d.cell, 51614 AS error_code,
           CONCAT('This external id is already on line ', d.first_line, ' of the file.') AS message
      FROM (SELECT r.line_no, CASE c.position
                               WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                               WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                               WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15
                               WHEN 16 THEN r.c16 WHEN 17 THEN r.c17 WHEN 18 THEN r.c18 WHEN 19 THEN r.c19 WHEN 20 THEN r.c20 END AS cell,
                   MIN(r.line_no) OVER (PARTITION BY CASE c.position
                               WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                               WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                               WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15
                               WHEN 16 THEN r.c16 WHEN 17 THEN r.c17 WHEN 18 THEN r.c18 WHEN 19 THEN r.c19 WHEN 20 THEN r.c20 END) AS first_line
              FROM import_row r
              JOIN import_column c ON c.kind = p_kind AND c.column_name = 'external_id'
             WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL) d
     WHERE d.cell IS NOT NULL AND d.line_no > d.first_line;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, v.line_no, v.column_name, v.cell, 51612 AS error_code,
           CONCAT('This is longer than the ', v.max_length, ' characters the column holds.') AS message
      FROM (SELECT r.line_no, c.column_name, c.max_length, CASE c.position
                               WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                               WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                               WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15
                               WHEN 16 THEN r.c16 WHEN 17 THEN r.c17 WHEN 18 THEN r.c18 WHEN 19 THEN r.c19 WHEN 20 THEN r.c20 END AS cell
              FROM import_row r
              JOIN import_column c ON c.kind = p_kind
             WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL) v
     WHERE CHAR_LENGTH(v.cell) > v.max_length
       AND NOT EXISTS (SELECT 1 FROM import_error e
                        WHERE e.import_batch_id = p_import_batch_id AND e.line_no = v.line_no
                          AND e.column_name = v.column_name);
END$$
DELIMITER ;
