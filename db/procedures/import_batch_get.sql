-- import_batch_get
-- One import batch for the import screen. Permission import.run. 51603 no such import.
-- Returns one row: import_batch_id, kind, kind_title, file_name, file_sha256, mode, notify_patients, status, rows_total,
-- rows_valid, rows_rejected, rows_skipped, rows_imported, error_count, header_error_count, created_by,
-- created_by_name, created_at, checked_at, finished_at, can_check, can_apply, can_cancel.
DROP PROCEDURE IF EXISTS import_batch_get;
DELIMITER $$
CREATE PROCEDURE import_batch_get(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);
    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    CALL import_batch_require(p_import_batch_id, 0, 0, v_kind, v_mode);
    CALL import_batch_row(p_import_batch_id, v_actor_id);
END$$
DELIMITER ;
