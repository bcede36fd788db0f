-- import_batch_rows_add
-- Adds rows of the file to an open import (import_batch_begin), as text. Permission import.run.
-- p_rows: a JSON array of rows in file order, each an array [line_no, "cell 1", "cell 2", ...] with the cells
-- in the file's column order (the header given to import_batch_begin); send a big file in chunks of about
-- 2000 rows. Each cell is stored in import_row.cNN of its column (import_column.position), trimmed, NULL
-- when empty; cells under an unknown or empty header are dropped. A row whose cells are all empty is left out.
-- A cell longer than 500 characters is stored cut to 500 and reported (51610): the row is never imported.
-- Refused: rows that are no JSON array of arrays or lack a line number (51605), line numbers added before
-- (51606), a batch that is finished (51604).
-- Returns one row: rows_added, rows_total.
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

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        DROP TEMPORARY TABLE IF EXISTS tmp_import_cell;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    IF p_rows IS NULL OR JSON_VALID(p_rows) = 0 OR JSON_TYPE(p_rows) <> 'ARRAY' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The lines of the file could not be read. Please save it as CSV and try again.', MYSQL_ERRNO = 51605;
    END IF;

    START TRANSACTION;
    CALL import_batch_require(p_import_batch_id, 1, 1, v_kind, v_mode);

    -- One row per cell: (line, place in the file, text). The first element of each row is its line number.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_cell;
    CREATE TEMPORARY TABLE tmp_import_cell (
        line_no       BIGINT       NULL,
        file_position INT          NOT NULL,
        cell          LONGTEXT     NULL,
        KEY ix_tmp_import_cell (line_no, file_position)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_cell (line_no, file_position, cell)
    SELECT j.line_no, j.k - 1, IF(CHAR_LENGTH(TRIM(j.cell)) = 0, NULL, TRIM(j.cell))
      FROM JSON_TABLE(p_rows, '$[*]' COLUMNS (
               line_no BIGINT PATH '$[0]' NULL ON ERROR,
               NESTED PATH '$[*]' COLUMNS (k FOR ORDINALITY, cell LONGTEXT PATH '$'))) j
     WHERE j.k IS NOT NULL;

    IF EXISTS (SELECT 1 FROM tmp_import_cell WHERE line_no IS NULL OR line_no < 2 OR line_no > 4294967295) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The lines of the file could not be read. Please save it as CSV and try again.', MYSQL_ERRNO = 51605;
    END IF;
    -- (MySQL reads a temporary table once a statement: two checks.)
    IF EXISTS (SELECT 1 FROM tmp_import_cell WHERE file_position = 0 GROUP BY line_no HAVING COUNT(*) > 1) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Some of these lines were added to this import before.', MYSQL_ERRNO = 51606;
    END IF;
    IF EXISTS (SELECT 1 FROM import_row r JOIN tmp_import_cell t ON t.line_no = r.line_no AND t.file_position = 0
                WHERE r.import_batch_id = p_import_batch_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Some of these lines were added to this import before.', MYSQL_ERRNO = 51606;
    END IF;

    INSERT INTO import_row (import_batch_id, line_no, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10,
                            c11, c12, c13, c14, c15, c16, c17, c18, c19, c20)
    SELECT p_import_batch_id, t.line_no,
           MAX(CASE WHEN b.position = 1 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 2 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 3 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 4 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 5 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 6 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 7 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 8 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 9 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 10 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 11 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 12 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 13 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 14 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 15 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 16 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 17 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 18 THEN LEFT(t.cell, 500) END),
           MAX(CASE WHEN b.position = 19 THEN LEFT(t.cell, 500) END), MAX(CASE WHEN b.position = 20 THEN LEFT(t.cell, 500) END)
      FROM tmp_import_cell t
      LEFT JOIN import_batch_column b
             ON b.import_batch_id = p_import_batch_id AND b.file_position = t.file_position AND b.position IS NOT NULL
             -- a column named twice: the first place in the file counts (the second is a header error)
            AND NOT EXISTS (SELECT 1 FROM import_batch_column e
                             WHERE e.import_batch_id = p_import_batch_id AND e.position = b.position
                               AND e.file_position < b.file_position)
     WHERE t.file_position > 0
     GROUP BY t.line_no
    HAVING MAX(t.cell IS NOT NULL) = 1
     ORDER BY t.line_no;
    SET v_added = ROW_COUNT();

    -- The cells cut short, reported at once (kept by every later check: the row is rejected).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, b.column_name, LEFT(t.cell, 500), 51610 AS error_code,
           'This cell is longer than 500 characters.' AS message
      FROM tmp_import_cell t
      JOIN import_batch_column b ON b.import_batch_id = p_import_batch_id AND b.file_position = t.file_position
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
     WHERE t.file_position > 0 AND b.position IS NOT NULL AND CHAR_LENGTH(t.cell) > 500;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_cell;
    COMMIT;

    SELECT v_added AS rows_added,
           (SELECT COUNT(*) FROM import_row WHERE import_batch_id = p_import_batch_id) AS rows_total;
END$$
DELIMITER ;
