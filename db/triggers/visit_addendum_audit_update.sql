-- visit_addendum_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on visit_addendum, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_addendum_audit_update;
DELIMITER $$
CREATE TRIGGER visit_addendum_audit_update AFTER UPDATE ON visit_addendum
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('visit_addendum', NEW.visit_addendum_id, 'UPDATE',
            JSON_OBJECT(
                'visit_addendum_id', OLD.visit_addendum_id,
                'visit_id', OLD.visit_id,
                'body', OLD.body,
                'signed_by', OLD.signed_by,
                'signed_name', OLD.signed_name,
                'signed_at', OLD.signed_at),
            JSON_OBJECT(
                'visit_addendum_id', NEW.visit_addendum_id,
                'visit_id', NEW.visit_id,
                'body', NEW.body,
                'signed_by', NEW.signed_by,
                'signed_name', NEW.signed_name,
                'signed_at', NEW.signed_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
