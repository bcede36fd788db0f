-- visit_addendum_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on visit_addendum, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_addendum_audit_delete;
DELIMITER $$
CREATE TRIGGER visit_addendum_audit_delete AFTER DELETE ON visit_addendum
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('visit_addendum', OLD.visit_addendum_id, 'DELETE',
            JSON_OBJECT(
                'visit_addendum_id', OLD.visit_addendum_id,
                'visit_id', OLD.visit_id,
                'body', OLD.body,
                'signed_by', OLD.signed_by,
                'signed_name', OLD.signed_name,
                'signed_at', OLD.signed_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
