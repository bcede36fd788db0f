-- role_permission_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on role_permission, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS role_permission_audit_insert;
DELIMITER $$
CREATE TRIGGER role_permission_audit_insert AFTER INSERT ON role_permission
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('role_permission', CONCAT(NEW.role_code, ':', NEW.permission_code), 'INSERT',
            NULL,
            JSON_OBJECT(
                'role_code', NEW.role_code,
                'permission_code', NEW.permission_code),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
