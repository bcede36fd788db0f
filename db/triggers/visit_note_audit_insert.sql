-- visit_note_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on visit_note, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While a visit import batch (its visit_note rows) of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/visit_note_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_note_audit_insert;
DELIMITER $$
CREATE TRIGGER visit_note_audit_insert AFTER INSERT ON visit_note
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'visit') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('visit_note', NEW.visit_id, 'INSERT',
                NULL,
                JSON_OBJECT(
                'visit_id', NEW.visit_id,
                'subjective', NEW.subjective,
                'objective', NEW.objective,
                'assessment', NEW.assessment,
                'plan', NEW.plan,
                'updated_by', NEW.updated_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
                @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
    END IF;
END$$
DELIMITER ;
