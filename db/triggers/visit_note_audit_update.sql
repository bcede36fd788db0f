-- visit_note_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on visit_note, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_note_audit_update;
DELIMITER $$
CREATE TRIGGER visit_note_audit_update AFTER UPDATE ON visit_note
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('visit_note', NEW.visit_id, 'UPDATE',
            JSON_OBJECT(
                'visit_id', OLD.visit_id,
                'subjective', OLD.subjective,
                'objective', OLD.objective,
                'assessment', OLD.assessment,
                'plan', OLD.plan,
                'updated_by', OLD.updated_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
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
END$$
DELIMITER ;
