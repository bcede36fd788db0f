-- payer_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on payer, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS payer_audit_delete;
DELIMITER $$
CREATE TRIGGER payer_audit_delete AFTER DELETE ON payer
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('payer', OLD.payer_id, 'DELETE',
            JSON_OBJECT(
                'payer_id', OLD.payer_id,
                'name', OLD.name,
                'payer_type', OLD.payer_type,
                'phone', OLD.phone,
                'email', OLD.email,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
