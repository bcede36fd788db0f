-- import_batch_row
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The one-row summary of an import batch that import_batch_get, _check, _apply and _cancel return, with what
-- the acting user may do with it (can_check, can_apply, can_cancel: an open batch and permission import.run).
-- can_apply is also what import_batch_apply will do rather than refuse: false when the header has an error (line 0:
-- nothing can be imported) and, for an all_or_nothing batch, when any error is known (the apply would reject it).
-- A staged batch knows only its header errors and its cells cut short (51610); the check finds the rest.
DROP PROCEDURE IF EXISTS import_batch_row;
DELIMITER $$
CREATE PROCEDURE import_batch_row(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SELECT b.import_batch_id, b.kind, k.title AS kind_title, b.file_name, b.file_sha256, b.mode, b.notify_patients, b.status,
           b.rows_total, b.rows_valid, b.rows_rejected, b.rows_skipped, b.rows_imported,
           (SELECT COUNT(*) FROM import_error e WHERE e.import_batch_id = b.import_batch_id) AS error_count,
           (SELECT COUNT(*) FROM import_error e WHERE e.import_batch_id = b.import_batch_id AND e.line_no = 0) AS header_error_count,
           b.created_by, u.display_name AS created_by_name, b.created_at, b.checked_at, b.finished_at,
           (b.status IN ('staged', 'checked') AND actor_can(p_actor_id, 'import.run') = 1) AS can_check,
           (b.status IN ('staged', 'checked') AND actor_can(p_actor_id, 'import.run') = 1
            AND NOT EXISTS (SELECT 1 FROM import_error e
                             WHERE e.import_batch_id = b.import_batch_id
                               AND (e.line_no = 0 OR b.mode = 'all_or_nothing'))) AS can_apply,
           (b.status IN ('staged', 'checked') AND actor_can(p_actor_id, 'import.run') = 1) AS can_cancel
      FROM import_batch b
      JOIN import_kind k ON k.kind = b.kind
      JOIN user_account u ON u.user_account_id = b.created_by
     WHERE b.import_batch_id = p_import_batch_id;
END$$
DELIMITER ;
