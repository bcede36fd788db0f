-- import_batch_begin
-- Starts the import of one CSV file (issue 14; docs/import.md). Permission import.run.
-- p_kind: an import_kind (51600); p_mode: all_or_nothing (default when NULL) or valid_rows (51601);
-- p_file_name and p_file_sha256 (64 hex digits of the file's SHA-256) are required (51602);
-- p_header: the file's first line as a JSON array of strings, e.g. '["given_name","family_name",...]' (51605);
-- p_notify_patients: 1 to queue the patients' "appointment booked" messages of imported future appointments as a
-- booking on the screens does; 0 or NULL (the default: a clinic moving its diary rarely wants that) queues none.
-- Each header cell is matched, trimmed and in any case, to a column of the kind (import_column); empty
-- header cells are ignored. Header errors become import_error rows on line 0 (51607 unknown column, 51608
-- a column named twice, 51609 a required column missing): the batch is still created so the report shows
-- them, and nothing of the file will be written.
-- JSON_TABLE's text comes in the server's default collation: it is converted before any comparison.
-- Returns one row: import_batch_id, header_error_count.
DROP PROCEDURE IF EXISTS import_batch_begin;
DELIMITER $$
CREATE PROCEDURE import_batch_begin(IN p_session_token VARCHAR(100), IN p_kind VARCHAR(30), IN p_file_name VARCHAR(255),
                                    IN p_file_sha256 VARCHAR(64), IN p_mode VARCHAR(14), IN p_header JSON,
                                    IN p_notify_patients TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE v_mode VARCHAR(14);

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    IF p_kind IS NULL OR NOT EXISTS (SELECT 1 FROM import_kind WHERE kind = p_kind) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That kind of import does not exist.', MYSQL_ERRNO = 51600;
    END IF;
    SET v_mode = COALESCE(NULLIF(TRIM(p_mode), ''), 'all_or_nothing');
    IF v_mode NOT IN ('all_or_nothing', 'valid_rows') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Choose all_or_nothing or valid_rows as the import mode.', MYSQL_ERRNO = 51601;
    END IF;
    IF NULLIF(TRIM(p_file_name), '') IS NULL OR p_file_sha256 IS NULL
       OR p_file_sha256 NOT REGEXP '^[0-9a-fA-F]{64}$' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The import needs the file''s name and its SHA-256 hash.', MYSQL_ERRNO = 51602;
    END IF;
    IF p_header IS NULL OR JSON_VALID(p_header) = 0 OR JSON_TYPE(p_header) <> 'ARRAY' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The lines of the file could not be read. Please save it as CSV and try again.', MYSQL_ERRNO = 51605;
    END IF;

    START TRANSACTION;
    INSERT INTO import_batch (kind, file_name, file_sha256, mode, notify_patients, created_by)
    VALUES (p_kind, TRIM(p_file_name), LOWER(p_file_sha256), v_mode, IF(COALESCE(p_notify_patients, 0) = 0, 0, 1), v_actor_id);
    SET v_id = LAST_INSERT_ID();

    INSERT INTO import_batch_column (import_batch_id, file_position, column_name, position)
    SELECT v_id, h.file_position, LEFT(h.header_name, 64), c.position
      FROM (SELECT j.file_position, CONVERT(LOWER(TRIM(j.header_text)) USING utf8mb4) COLLATE utf8mb4_unicode_ci AS header_name
              FROM JSON_TABLE(p_header, '$[*]' COLUMNS (file_position FOR ORDINALITY, header_text VARCHAR(500) PATH '$')) j) h
      LEFT JOIN import_column c ON c.kind = p_kind AND c.column_name = h.header_name
     WHERE CHAR_LENGTH(h.header_name) > 0;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT v_id, 0, b.column_name, b.column_name, 51607 AS error_code,
           'This column is not one of the columns of this kind of file. See docs/import.md.' AS message
      FROM import_batch_column b
     WHERE b.import_batch_id = v_id AND b.position IS NULL
    UNION ALL
    SELECT v_id, 0, b.column_name, b.column_name, 51608 AS error_code,
           'This column appears more than once in the first line of the file.' AS message
      FROM import_batch_column b
     WHERE b.import_batch_id = v_id AND b.position IS NOT NULL
       AND EXISTS (SELECT 1 FROM import_batch_column e
                    WHERE e.import_batch_id = v_id AND e.position = b.position AND e.file_position < b.file_position)
    UNION ALL
    SELECT v_id, 0, c.column_name, NULL, 51609 AS error_code,
           'This required column is missing from the first line of the file.' AS message
      FROM import_column c
     WHERE c.kind = p_kind AND c.is_required = 1
       AND NOT EXISTS (SELECT 1 FROM import_batch_column b WHERE b.import_batch_id = v_id AND b.position = c.position);
    COMMIT;

    SELECT v_id AS import_batch_id,
           (SELECT COUNT(*) FROM import_error WHERE import_batch_id = v_id AND line_no = 0) AS header_error_count;
END$$
DELIMITER ;
