-- import_batch_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on import_batch, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS import_batch_audit_delete;
DELIMITER $$
CREATE TRIGGER import_batch_audit_delete AFTER DELETE ON import_batch
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('import_batch', OLD.import_batch_id, 'DELETE',
            JSON_OBJECT(
                'import_batch_id', OLD.import_batch_id,
                'kind', OLD.kind,
                'file_name', OLD.file_name,
                'file_sha256', OLD.file_sha256,
                'mode', OLD.mode,
                'notify_patients', OLD.notify_patients,
                'status', OLD.status,
                'rows_total', OLD.rows_total,
                'rows_valid', OLD.rows_valid,
                'rows_rejected', OLD.rows_rejected,
                'rows_skipped', OLD.rows_skipped,
                'rows_imported', OLD.rows_imported,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'checked_at', OLD.checked_at,
                'finished_at', OLD.finished_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
