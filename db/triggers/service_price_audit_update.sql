-- service_price_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on service_price, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_price_audit_update;
DELIMITER $$
CREATE TRIGGER service_price_audit_update AFTER UPDATE ON service_price
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service_price', NEW.service_price_id, 'UPDATE',
            JSON_OBJECT(
                'service_price_id', OLD.service_price_id,
                'service_id', OLD.service_id,
                'valid_from', OLD.valid_from,
                'price', OLD.price,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            JSON_OBJECT(
                'service_price_id', NEW.service_price_id,
                'service_id', NEW.service_id,
                'valid_from', NEW.valid_from,
                'price', NEW.price,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
