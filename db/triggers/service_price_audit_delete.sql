-- service_price_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on service_price, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_price_audit_delete;
DELIMITER $$
CREATE TRIGGER service_price_audit_delete AFTER DELETE ON service_price
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service_price', OLD.service_price_id, 'DELETE',
            JSON_OBJECT(
                'service_price_id', OLD.service_price_id,
                'service_id', OLD.service_id,
                'valid_from', OLD.valid_from,
                'price', OLD.price,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
