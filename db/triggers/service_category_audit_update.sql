-- service_category_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on service_category, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_category_audit_update;
DELIMITER $$
CREATE TRIGGER service_category_audit_update AFTER UPDATE ON service_category
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service_category', NEW.category_code, 'UPDATE',
            JSON_OBJECT(
                'category_code', OLD.category_code,
                'name', OLD.name,
                'sort_order', OLD.sort_order),
            JSON_OBJECT(
                'category_code', NEW.category_code,
                'name', NEW.name,
                'sort_order', NEW.sort_order),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
