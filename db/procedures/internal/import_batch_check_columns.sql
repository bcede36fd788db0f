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
    -- v_lenNN: how long the kind's column NN may be (NULL: no such column); a row is looked at cell by cell only when
    -- one of its cells is too long (one pass over the rows, not one per column).
    DECLARE v_len01 INT;
    DECLARE v_len02 INT;
    DECLARE v_len03 INT;
    DECLARE v_len04 INT;
    DECLARE v_len05 INT;
    DECLARE v_len06 INT;
    DECLARE v_len07 INT;
    DECLARE v_len08 INT;
    DECLARE v_len09 INT;
    DECLARE v_len10 INT;
    DECLARE v_len11 INT;
    DECLARE v_len12 INT;
    DECLARE v_len13 INT;
    DECLARE v_len14 INT;
    DECLARE v_len15 INT;
    DECLARE v_len16 INT;
    DECLARE v_len17 INT;
    DECLARE v_len18 INT;
    DECLARE v_len19 INT;
    DECLARE v_len20 INT;

    SELECT MAX(IF(position = 1, max_length, NULL)),
           MAX(IF(position = 2, max_length, NULL)),
           MAX(IF(position = 3, max_length, NULL)),
           MAX(IF(position = 4, max_length, NULL)),
           MAX(IF(position = 5, max_length, NULL)),
           MAX(IF(position = 6, max_length, NULL)),
           MAX(IF(position = 7, max_length, NULL)),
           MAX(IF(position = 8, max_length, NULL)),
           MAX(IF(position = 9, max_length, NULL)),
           MAX(IF(position = 10, max_length, NULL)),
           MAX(IF(position = 11, max_length, NULL)),
           MAX(IF(position = 12, max_length, NULL)),
           MAX(IF(position = 13, max_length, NULL)),
           MAX(IF(position = 14, max_length, NULL)),
           MAX(IF(position = 15, max_length, NULL)),
           MAX(IF(position = 16, max_length, NULL)),
           MAX(IF(position = 17, max_length, NULL)),
           MAX(IF(position = 18, max_length, NULL)),
           MAX(IF(position = 19, max_length, NULL)),
           MAX(IF(position = 20, max_length, NULL))
      INTO v_len01, v_len02, v_len03, v_len04, v_len05, v_len06, v_len07, v_len08, v_len09, v_len10, v_len11, v_len12, v_len13, v_len14, v_len15, v_len16, v_len17, v_len18, v_len19, v_len20
      FROM import_column WHERE kind = p_kind;

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
              -- the rows first, once (STRAIGHT_JOIN): led by the kind's ten to twenty columns, the optimizer read the whole
              -- file once per column
              FROM import_row r
              STRAIGHT_JOIN import_column c ON c.kind = p_kind
             WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL
               AND (CHAR_LENGTH(r.c01) > v_len01
                OR CHAR_LENGTH(r.c02) > v_len02
                OR CHAR_LENGTH(r.c03) > v_len03
                OR CHAR_LENGTH(r.c04) > v_len04
                OR CHAR_LENGTH(r.c05) > v_len05
                OR CHAR_LENGTH(r.c06) > v_len06
                OR CHAR_LENGTH(r.c07) > v_len07
                OR CHAR_LENGTH(r.c08) > v_len08
                OR CHAR_LENGTH(r.c09) > v_len09
                OR CHAR_LENGTH(r.c10) > v_len10
                OR CHAR_LENGTH(r.c11) > v_len11
                OR CHAR_LENGTH(r.c12) > v_len12
                OR CHAR_LENGTH(r.c13) > v_len13
                OR CHAR_LENGTH(r.c14) > v_len14
                OR CHAR_LENGTH(r.c15) > v_len15
                OR CHAR_LENGTH(r.c16) > v_len16
                OR CHAR_LENGTH(r.c17) > v_len17
                OR CHAR_LENGTH(r.c18) > v_len18
                OR CHAR_LENGTH(r.c19) > v_len19
                OR CHAR_LENGTH(r.c20) > v_len20)) v
     WHERE CHAR_LENGTH(v.cell) > v.max_length
       AND NOT EXISTS (SELECT 1 FROM import_error e
                        WHERE e.import_batch_id = p_import_batch_id AND e.line_no = v.line_no
                          AND e.column_name = v.column_name);
END$$
DELIMITER ;
