-- service_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on service, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_audit_update;
DELIMITER $$
CREATE TRIGGER service_audit_update AFTER UPDATE ON service
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service', NEW.service_id, 'UPDATE',
            JSON_OBJECT(
                'service_id', OLD.service_id,
                'service_code', OLD.service_code,
                'name', OLD.name,
                'category_code', OLD.category_code,
                'specialisation_id', OLD.specialisation_id,
                'staff_id', OLD.staff_id,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'service_id', NEW.service_id,
                'service_code', NEW.service_code,
                'name', NEW.name,
                'category_code', NEW.category_code,
                'specialisation_id', NEW.specialisation_id,
                'staff_id', NEW.staff_id,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
