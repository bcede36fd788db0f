-- remittance_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on remittance, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS remittance_audit_delete;
DELIMITER $$
CREATE TRIGGER remittance_audit_delete AFTER DELETE ON remittance
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('remittance', OLD.remittance_id, 'DELETE',
            JSON_OBJECT(
                'remittance_id', OLD.remittance_id,
                'payer_id', OLD.payer_id,
                'reference', OLD.reference,
                'amount', OLD.amount,
                'received_on', OLD.received_on,
                'allocated', OLD.allocated,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
