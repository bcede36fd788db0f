-- permission_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on permission, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS permission_audit_insert;
DELIMITER $$
CREATE TRIGGER permission_audit_insert AFTER INSERT ON permission
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('permission', NEW.permission_code, 'INSERT',
            NULL,
            JSON_OBJECT(
                'permission_code', NEW.permission_code,
                'description', NEW.description),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
