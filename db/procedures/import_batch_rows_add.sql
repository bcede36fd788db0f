-- import_batch_rows_add
-- Adds rows of the file to an open import (import_batch_begin), as text. Permission import.run.
-- p_rows: a JSON array of rows in file order, each an array [line_no, "cell 1", "cell 2", ...] with the cells
-- in the file's column order (the header given to import_batch_begin); send a big file in chunks of about
-- 2000 rows. Each cell is stored in import_row.cNN of its column (import_column.position), trimmed, NULL
-- when empty; cells under an unknown or empty header are dropped. A row whose cells are all empty is left out.
-- A cell longer than 500 characters is stored cut to 500 and reported (51610): the row is never imported.
-- Refused: rows that are no JSON array of arrays or lack a line number (51605), line numbers added before
-- (51606), a batch that is finished (51604), a file whose columns of the kind lie beyond its 40th column (51627).
-- Set-based in one pass: JSON_TABLE reads the first 40 cells of every row, and each import column takes the
-- cell of its place in the file (ELT), so a chunk of 2,000 rows is a single INSERT ... SELECT.
-- Returns one row: rows_added (the rows of this chunk stored). The batch's rows are counted by its check
-- (import_batch_check, import_batch_apply: rows_total): counting them here after every chunk read the whole file so
-- far each time, and made sending a million rows 35 s slower (docs/benchmarks.md, 2026-12-06 19:40).
DROP PROCEDURE IF EXISTS import_batch_rows_add;
DELIMITER $$
CREATE PROCEDURE import_batch_rows_add(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED, IN p_rows JSON)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);
    DECLARE v_added INT DEFAULT 0;
    DECLARE v_beyond INT DEFAULT 0;
    DECLARE v_wide INT DEFAULT 0;
    -- v_last: the last place in the file of a column of the kind
    DECLARE v_last INT DEFAULT 0;
    -- v_fpNN: the place in the file (1 = the first cell) of the kind's column NN (import_column.position).
    DECLARE v_fp01 INT;
    DECLARE v_fp02 INT;
    DECLARE v_fp03 INT;
    DECLARE v_fp04 INT;
    DECLARE v_fp05 INT;
    DECLARE v_fp06 INT;
    DECLARE v_fp07 INT;
    DECLARE v_fp08 INT;
    DECLARE v_fp09 INT;
    DECLARE v_fp10 INT;
    DECLARE v_fp11 INT;
    DECLARE v_fp12 INT;
    DECLARE v_fp13 INT;
    DECLARE v_fp14 INT;
    DECLARE v_fp15 INT;
    DECLARE v_fp16 INT;
    DECLARE v_fp17 INT;
    DECLARE v_fp18 INT;
    DECLARE v_fp19 INT;
    DECLARE v_fp20 INT;

    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        DROP TEMPORARY TABLE IF EXISTS tmp_import_line;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Some of these lines were added to this import before.', MYSQL_ERRNO = 51606;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        DROP TEMPORARY TABLE IF EXISTS tmp_import_line;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    IF p_rows IS NULL OR JSON_VALID(p_rows) = 0 OR JSON_TYPE(p_rows) <> 'ARRAY' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The lines of the file could not be read. Please save it as CSV and try again.', MYSQL_ERRNO = 51605;
    END IF;

    START TRANSACTION;
    CALL import_batch_require(p_import_batch_id, 1, 1, v_kind, v_mode);

    -- Where each column of the kind is in the file: a column named twice counts at its first place (the second is a
    -- header error, and the header errors reject every row).
    SELECT MIN(IF(position = 1, file_position, NULL)),
           MIN(IF(position = 2, file_position, NULL)),
           MIN(IF(position = 3, file_position, NULL)),
           MIN(IF(position = 4, file_position, NULL)),
           MIN(IF(position = 5, file_position, NULL)),
           MIN(IF(position = 6, file_position, NULL)),
           MIN(IF(position = 7, file_position, NULL)),
           MIN(IF(position = 8, file_position, NULL)),
           MIN(IF(position = 9, file_position, NULL)),
           MIN(IF(position = 10, file_position, NULL)),
           MIN(IF(position = 11, file_position, NULL)),
           MIN(IF(position = 12, file_position, NULL)),
           MIN(IF(position = 13, file_position, NULL)),
           MIN(IF(position = 14, file_position, NULL)),
           MIN(IF(position = 15, file_position, NULL)),
           MIN(IF(position = 16, file_position, NULL)),
           MIN(IF(position = 17, file_position, NULL)),
           MIN(IF(position = 18, file_position, NULL)),
           MIN(IF(position = 19, file_position, NULL)),
           MIN(IF(position = 20, file_position, NULL)),
           COALESCE(MAX(file_position > 40), 0), COALESCE(MAX(file_position), 0)
      INTO v_fp01, v_fp02, v_fp03, v_fp04, v_fp05, v_fp06, v_fp07, v_fp08, v_fp09, v_fp10, v_fp11, v_fp12, v_fp13, v_fp14, v_fp15, v_fp16, v_fp17, v_fp18, v_fp19, v_fp20,
           v_beyond, v_last
      FROM import_batch_column
     WHERE import_batch_id = p_import_batch_id AND position IS NOT NULL;
    IF v_beyond = 1 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This file has more than 40 columns. Keep only the columns listed in docs/import.md.', MYSQL_ERRNO = 51627;
    END IF;

    -- The rows as they came: the line number and the first 40 cells.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_line;
    CREATE TEMPORARY TABLE tmp_import_line (
        line_no BIGINT NULL,
        f01 TEXT NULL,
        f02 TEXT NULL,
        f03 TEXT NULL,
        f04 TEXT NULL,
        f05 TEXT NULL,
        f06 TEXT NULL,
        f07 TEXT NULL,
        f08 TEXT NULL,
        f09 TEXT NULL,
        f10 TEXT NULL,
        f11 TEXT NULL,
        f12 TEXT NULL,
        f13 TEXT NULL,
        f14 TEXT NULL,
        f15 TEXT NULL,
        f16 TEXT NULL,
        f17 TEXT NULL,
        f18 TEXT NULL,
        f19 TEXT NULL,
        f20 TEXT NULL,
        f21 TEXT NULL,
        f22 TEXT NULL,
        f23 TEXT NULL,
        f24 TEXT NULL,
        f25 TEXT NULL,
        f26 TEXT NULL,
        f27 TEXT NULL,
        f28 TEXT NULL,
        f29 TEXT NULL,
        f30 TEXT NULL,
        f31 TEXT NULL,
        f32 TEXT NULL,
        f33 TEXT NULL,
        f34 TEXT NULL,
        f35 TEXT NULL,
        f36 TEXT NULL,
        f37 TEXT NULL,
        f38 TEXT NULL,
        f39 TEXT NULL,
        f40 TEXT NULL
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    -- JSON_TABLE works out each cell it is asked for, and a cell far into the row costs more (the path walks the row):
    -- all 40 were most of the time of adding rows. When the kind's columns lie in the first 20 places of the file and
    -- no row has more than 20 cells, only those 20 are read (f21-f40 stay empty); otherwise all 40.
    SELECT COUNT(*) INTO v_wide
      FROM JSON_TABLE(p_rows, '$[*]' COLUMNS (wide INT EXISTS PATH '$[21]')) j
     WHERE j.wide = 1;
    IF v_wide = 0 AND v_last <= 20 THEN
        INSERT INTO tmp_import_line (line_no, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20)
        SELECT j.line_no, j.f01, j.f02, j.f03, j.f04, j.f05, j.f06, j.f07, j.f08, j.f09, j.f10, j.f11, j.f12, j.f13, j.f14, j.f15, j.f16, j.f17, j.f18, j.f19, j.f20
          FROM JSON_TABLE(p_rows, '$[*]' COLUMNS (
                   line_no BIGINT PATH '$[0]' NULL ON ERROR,
                   f01 TEXT PATH '$[1]',
                   f02 TEXT PATH '$[2]',
                   f03 TEXT PATH '$[3]',
                   f04 TEXT PATH '$[4]',
                   f05 TEXT PATH '$[5]',
                   f06 TEXT PATH '$[6]',
                   f07 TEXT PATH '$[7]',
                   f08 TEXT PATH '$[8]',
                   f09 TEXT PATH '$[9]',
                   f10 TEXT PATH '$[10]',
                   f11 TEXT PATH '$[11]',
                   f12 TEXT PATH '$[12]',
                   f13 TEXT PATH '$[13]',
                   f14 TEXT PATH '$[14]',
                   f15 TEXT PATH '$[15]',
                   f16 TEXT PATH '$[16]',
                   f17 TEXT PATH '$[17]',
                   f18 TEXT PATH '$[18]',
                   f19 TEXT PATH '$[19]',
                   f20 TEXT PATH '$[20]')) j;
    ELSE
        INSERT INTO tmp_import_line (line_no, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)
        SELECT j.line_no, j.f01, j.f02, j.f03, j.f04, j.f05, j.f06, j.f07, j.f08, j.f09, j.f10, j.f11, j.f12, j.f13, j.f14, j.f15, j.f16, j.f17, j.f18, j.f19, j.f20, j.f21, j.f22, j.f23, j.f24, j.f25, j.f26, j.f27, j.f28, j.f29, j.f30, j.f31, j.f32, j.f33, j.f34, j.f35, j.f36, j.f37, j.f38, j.f39, j.f40
          FROM JSON_TABLE(p_rows, '$[*]' COLUMNS (
                   line_no BIGINT PATH '$[0]' NULL ON ERROR,
                   f01 TEXT PATH '$[1]',
                   f02 TEXT PATH '$[2]',
                   f03 TEXT PATH '$[3]',
                   f04 TEXT PATH '$[4]',
                   f05 TEXT PATH '$[5]',
                   f06 TEXT PATH '$[6]',
                   f07 TEXT PATH '$[7]',
                   f08 TEXT PATH '$[8]',
                   f09 TEXT PATH '$[9]',
                   f10 TEXT PATH '$[10]',
                   f11 TEXT PATH '$[11]',
                   f12 TEXT PATH '$[12]',
                   f13 TEXT PATH '$[13]',
                   f14 TEXT PATH '$[14]',
                   f15 TEXT PATH '$[15]',
                   f16 TEXT PATH '$[16]',
                   f17 TEXT PATH '$[17]',
                   f18 TEXT PATH '$[18]',
                   f19 TEXT PATH '$[19]',
                   f20 TEXT PATH '$[20]',
                   f21 TEXT PATH '$[21]',
                   f22 TEXT PATH '$[22]',
                   f23 TEXT PATH '$[23]',
                   f24 TEXT PATH '$[24]',
                   f25 TEXT PATH '$[25]',
                   f26 TEXT PATH '$[26]',
                   f27 TEXT PATH '$[27]',
                   f28 TEXT PATH '$[28]',
                   f29 TEXT PATH '$[29]',
                   f30 TEXT PATH '$[30]',
                   f31 TEXT PATH '$[31]',
                   f32 TEXT PATH '$[32]',
                   f33 TEXT PATH '$[33]',
                   f34 TEXT PATH '$[34]',
                   f35 TEXT PATH '$[35]',
                   f36 TEXT PATH '$[36]',
                   f37 TEXT PATH '$[37]',
                   f38 TEXT PATH '$[38]',
                   f39 TEXT PATH '$[39]',
                   f40 TEXT PATH '$[40]')) j;
    END IF;

    IF EXISTS (SELECT 1 FROM tmp_import_line WHERE line_no IS NULL OR line_no < 2 OR line_no > 4294967295) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The lines of the file could not be read. Please save it as CSV and try again.', MYSQL_ERRNO = 51605;
    END IF;

    -- A line number twice, in this chunk or added before, breaks the key of import_row (handler above: 51606).
    -- A row whose cells are all empty is left out.
    INSERT INTO import_row (import_batch_id, line_no, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10,
                            c11, c12, c13, c14, c15, c16, c17, c18, c19, c20)
    SELECT p_import_batch_id, t.line_no,
           NULLIF(LEFT(TRIM(ELT(v_fp01, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp02, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp03, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp04, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp05, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp06, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp07, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp08, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp09, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp10, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp11, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp12, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp13, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp14, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp15, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp16, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp17, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp18, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp19, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), ''),
           NULLIF(LEFT(TRIM(ELT(v_fp20, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), '')
      FROM tmp_import_line t
     WHERE TRIM(CONCAT_WS('', f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)) <> ''
     ORDER BY t.line_no;
    SET v_added = ROW_COUNT();

    -- The cells cut short, reported at once (kept by every later check: the row is rejected).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, b.column_name, LEFT(TRIM(ELT(b.file_position, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40)), 500), 51610 AS error_code,
           'This cell is longer than 500 characters.' AS message
      FROM tmp_import_line t
      JOIN import_batch_column b ON b.import_batch_id = p_import_batch_id AND b.position IS NOT NULL AND b.file_position <= 40
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
     WHERE CHAR_LENGTH(TRIM(ELT(b.file_position, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40))) > 500;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_line;
    COMMIT;

    SELECT v_added AS rows_added;
END$$
DELIMITER ;
