-- import_batch_list
-- The imports, newest first, for the import screen; p_kind NULL for every kind. Permission import.run.
-- p_offset from 0, p_limit 1-200 (default 50).
-- Returns: import_batch_id, kind, kind_title, file_name, mode, status, rows_total, rows_valid, rows_rejected,
-- rows_skipped, rows_imported, created_by_name, created_at, finished_at, total_count.
DROP PROCEDURE IF EXISTS import_batch_list;
DELIMITER $$
CREATE PROCEDURE import_batch_list(IN p_session_token VARCHAR(100), IN p_kind VARCHAR(30), IN p_offset INT, IN p_limit INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 50), 1), 200);
    SELECT b.import_batch_id, b.kind, k.title AS kind_title, b.file_name, b.mode, b.status, b.rows_total,
           b.rows_valid, b.rows_rejected, b.rows_skipped, b.rows_imported, u.display_name AS created_by_name,
           b.created_at, b.finished_at,
           (SELECT COUNT(*) FROM import_batch c WHERE p_kind IS NULL OR c.kind = p_kind) AS total_count
      FROM import_batch b
      JOIN import_kind k ON k.kind = b.kind
      JOIN user_account u ON u.user_account_id = b.created_by
     WHERE p_kind IS NULL OR b.kind = p_kind
     ORDER BY b.created_at DESC, b.import_batch_id DESC
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
