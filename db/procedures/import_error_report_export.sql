-- import_error_report_export
-- The download of an import's whole error report (the import screen's "Download error report", the CSV of
-- GET /export/import/{id}/errors.csv): records who downloaded which report in the audit schema's
-- report_export_log (view report_export_trail, as report_run records the Reports page's downloads: the user, the
-- session, report_code 'import_errors:<import_batch_id>', no range, format csv, row_count the number of errors),
-- then returns the batch summary (as import_batch_get) for the file's name. The rows follow from import_error_list,
-- page by page. Permission import.run. 51603 no such import.
DROP PROCEDURE IF EXISTS import_error_report_export;
DELIMITER $$
CREATE PROCEDURE import_error_report_export(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);
    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    CALL import_batch_require(p_import_batch_id, 0, 0, v_kind, v_mode);
    INSERT INTO report_export_trail (user_account_id, user_session_id, report_code, range_from, range_to, export_format, row_count, db_user)
    VALUES (v_actor_id, @clinic_session_id, CONCAT('import_errors:', p_import_batch_id), NULL, NULL, 'csv',
            (SELECT COUNT(*) FROM import_error WHERE import_batch_id = p_import_batch_id), USER());
    CALL import_batch_row(p_import_batch_id, v_actor_id);
END$$
DELIMITER ;
