-- import_batch_apply
-- Imports an open batch, in one transaction: checks every row again (internal/import_batch_check_run), then
--   * all_or_nothing: with any rejected row (or a header error) nothing is written and the batch is 'rejected';
--     otherwise every valid row is written;
--   * valid_rows: the valid rows are written (unless the header is wrong: then 'rejected'), the rejected rows
--     stay in the error report.
-- The rows are written by internal/import_<kind>_apply (through internal/import_kind_apply) with the same
-- values and the same row-level audit trail as the screens; rows imported before (external id in
-- import_key) are skipped. The batch's one status change to 'imported' or 'rejected' is audited with the file
-- hash and the counts. Permission import.run. 51603 no such import, 51604 finished or cancelled.
-- Returns the batch summary (as import_batch_get).
DROP PROCEDURE IF EXISTS import_batch_apply;
DELIMITER $$
CREATE PROCEDURE import_batch_apply(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED)
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
    DECLARE v_imported INT UNSIGNED DEFAULT 0;
    DECLARE v_status VARCHAR(9);

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

    IF v_header_errors > 0 OR (v_mode = 'all_or_nothing' AND v_rejected > 0) THEN
        SET v_status = 'rejected';
    ELSE
        SET v_status = 'imported';
        IF v_valid > 0 THEN
            CALL import_kind_apply(p_import_batch_id, v_kind, v_actor_id);
        END IF;
        SELECT COUNT(*) INTO v_imported FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome = 'imported';
    END IF;

    SET @clinic_actor_id = v_actor_id;
    UPDATE import_batch
       SET status = v_status, rows_total = v_total, rows_valid = v_valid, rows_rejected = v_rejected,
           rows_skipped = v_skipped, rows_imported = v_imported, checked_at = NOW(), finished_at = NOW()
     WHERE import_batch_id = p_import_batch_id;
    COMMIT;
    -- The files the check parsed for the apply (internal/import_rows_parsed) are not kept in the pooled connection.
    CALL import_rows_release();

    CALL import_batch_row(p_import_batch_id, v_actor_id);
END$$
DELIMITER ;
