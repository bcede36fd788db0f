-- import_batch_check
-- Checks an open import (a dry run): every row against the rules of its kind, writing only the error report
-- (import_error) and each row's outcome (valid, rejected, skipped). May be called again; nothing of the
-- file is written. Permission import.run. 51603 no such import, 51604 finished or cancelled.
-- Returns two result sets: the batch summary (as import_batch_get) with status 'checked' and its counts,
-- then the first 100 errors (line_no, column_name, cell_value, error_code, message) in line order.
DROP PROCEDURE IF EXISTS import_batch_check;
DELIMITER $$
CREATE PROCEDURE import_batch_check(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);
    DECLARE v_total INT UNSIGNED;
    DECLARE v_valid INT UNSIGNED;
    DECLARE v_rejected INT UNSIGNED;
    DECLARE v_skipped INT UNSIGNED;
    DECLARE v_header_errors INT UNSIGNED;

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        CALL import_rows_release();
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    START TRANSACTION;
    CALL import_batch_require(p_import_batch_id, 1, 1, v_kind, v_mode);
    CALL import_batch_check_run(p_import_batch_id, v_kind, v_actor_id, v_total, v_valid, v_rejected, v_skipped, v_header_errors);
    SET @clinic_actor_id = v_actor_id;
    UPDATE import_batch
       SET status = 'checked', rows_total = v_total, rows_valid = v_valid, rows_rejected = v_rejected,
           rows_skipped = v_skipped, rows_imported = 0, checked_at = NOW()
     WHERE import_batch_id = p_import_batch_id;
    COMMIT;
    -- The files the check parsed for the apply (internal/import_rows_parsed) are not kept in the pooled connection.
    CALL import_rows_release();

    CALL import_batch_row(p_import_batch_id, v_actor_id);
    SELECT line_no, column_name, cell_value, error_code, message
      FROM import_error
     WHERE import_batch_id = p_import_batch_id
     ORDER BY line_no, import_error_id
     LIMIT 100;
END$$
DELIMITER ;
