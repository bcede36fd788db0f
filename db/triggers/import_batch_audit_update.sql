-- import_batch_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on import_batch, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS import_batch_audit_update;
DELIMITER $$
CREATE TRIGGER import_batch_audit_update AFTER UPDATE ON import_batch
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('import_batch', NEW.import_batch_id, 'UPDATE',
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
            JSON_OBJECT(
                'import_batch_id', NEW.import_batch_id,
                'kind', NEW.kind,
                'file_name', NEW.file_name,
                'file_sha256', NEW.file_sha256,
                'mode', NEW.mode,
                'notify_patients', NEW.notify_patients,
                'status', NEW.status,
                'rows_total', NEW.rows_total,
                'rows_valid', NEW.rows_valid,
                'rows_rejected', NEW.rows_rejected,
                'rows_skipped', NEW.rows_skipped,
                'rows_imported', NEW.rows_imported,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at,
                'checked_at', NEW.checked_at,
                'finished_at', NEW.finished_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
