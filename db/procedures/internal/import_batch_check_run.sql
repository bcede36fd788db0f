-- import_batch_check_run
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Checks every row of an import batch, inside the caller's transaction (import_batch_check, import_batch_apply):
--   1. forgets the row errors of an earlier check (header errors, line 0, and cells cut short, 51610, stay);
--   2. marks 'skipped' the rows whose external_id is in import_key for the kind (imported before: a no-op);
--   3. with header errors every other row is 'rejected' (the columns cannot be trusted); otherwise the kind's
--      set-based check runs (internal/import_kind_check -> internal/import_<kind>_check), then the rules every
--      kind shares, once for all kinds, from import_column (internal/import_batch_check_columns: 51612 a cell
--      longer than its column, 51614 an external id on an earlier line of the file);
--   4. every row left is 'rejected' when it has an error, else 'valid'.
-- Returns the counts; writes nothing but import_error and import_row.outcome / entity_id. A kind's check may leave its
-- parsed file for the apply that follows (internal/import_rows_parsed).
DROP PROCEDURE IF EXISTS import_batch_check_run;
DELIMITER $$
CREATE PROCEDURE import_batch_check_run(IN p_import_batch_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_actor_id INT UNSIGNED,
                                        OUT p_total INT UNSIGNED, OUT p_valid INT UNSIGNED, OUT p_rejected INT UNSIGNED,
                                        OUT p_skipped INT UNSIGNED, OUT p_header_errors INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    -- The acting user of whatever the checks write (as internal/import_kind_check sets it for the kinds).
    SET @clinic_actor_id = p_actor_id;
    -- No parsed file or parse-once mark of an earlier check survives into this one (internal/import_rows_parsed).
    CALL import_rows_release();
    DELETE FROM import_error
     WHERE import_batch_id = p_import_batch_id AND line_no > 0 AND error_code <> 51610;
    UPDATE import_row SET outcome = NULL, entity_id = NULL WHERE import_batch_id = p_import_batch_id;

    UPDATE import_row r
      JOIN import_column c ON c.kind = p_kind AND c.column_name = 'external_id'
      JOIN import_key k ON k.kind = p_kind
                       AND k.external_id = CASE c.position
                               WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                               WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                               WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15
                               WHEN 16 THEN r.c16 WHEN 17 THEN r.c17 WHEN 18 THEN r.c18 WHEN 19 THEN r.c19 WHEN 20 THEN r.c20 END
       SET r.outcome = 'skipped', r.entity_id = k.entity_id
     WHERE r.import_batch_id = p_import_batch_id;

    SELECT COUNT(*) INTO p_header_errors FROM import_error WHERE import_batch_id = p_import_batch_id AND line_no = 0;
    IF p_header_errors = 0 THEN
        CALL import_kind_check(p_import_batch_id, p_kind, p_actor_id);
        CALL import_batch_check_columns(p_import_batch_id, p_kind);
    END IF;

    UPDATE import_row r
       SET r.outcome = IF(p_header_errors > 0
                          OR EXISTS (SELECT 1 FROM import_error e
                                      WHERE e.import_batch_id = p_import_batch_id AND e.line_no = r.line_no),
                          'rejected', 'valid')
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL;

    SELECT COUNT(*), COALESCE(SUM(outcome = 'valid'), 0), COALESCE(SUM(outcome = 'rejected'), 0),
           COALESCE(SUM(outcome = 'skipped'), 0)
      INTO p_total, p_valid, p_rejected, p_skipped
      FROM import_row WHERE import_batch_id = p_import_batch_id;
END$$
DELIMITER ;
