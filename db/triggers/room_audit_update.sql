-- room_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on room, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS room_audit_update;
DELIMITER $$
CREATE TRIGGER room_audit_update AFTER UPDATE ON room
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('room', NEW.room_id, 'UPDATE',
            JSON_OBJECT(
                'room_id', OLD.room_id,
                'name', OLD.name,
                'room_type', OLD.room_type,
                'department_id', OLD.department_id,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'room_id', NEW.room_id,
                'name', NEW.name,
                'room_type', NEW.room_type,
                'department_id', NEW.department_id,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
