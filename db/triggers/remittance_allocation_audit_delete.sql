-- remittance_allocation_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on remittance_allocation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS remittance_allocation_audit_delete;
DELIMITER $$
CREATE TRIGGER remittance_allocation_audit_delete AFTER DELETE ON remittance_allocation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('remittance_allocation', OLD.remittance_allocation_id, 'DELETE',
            JSON_OBJECT(
                'remittance_allocation_id', OLD.remittance_allocation_id,
                'remittance_id', OLD.remittance_id,
                'claim_line_id', OLD.claim_line_id,
                'amount', OLD.amount,
                'payment_id', OLD.payment_id,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
